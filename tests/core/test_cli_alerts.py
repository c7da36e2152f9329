"""`achyk alerts run` as an operator runs it from cron: a reader subscribes on the search
page, confirms from the mail in the outbox, and gets a digest of what was published since;
after unsubscribing, nothing more."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from fastapi.testclient import TestClient

from core.settings import Settings
from indices.context import AppContext
from server.app import create_app
from tests.core.test_cli import achyk


def mails(data: Path) -> list[EmailMessage]:
    folder = data / "outbox"
    files = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]


def text_of(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def link(msg: EmailMessage, kind: str) -> str:
    m = re.search(rf"https?://[^/\s]+(/subscriptions/{kind}\?token=[\w-]+)", text_of(msg))
    assert m, text_of(msg)
    return m.group(1)


def ingest(data: Path, folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    r = achyk(data, "ingest", str(folder / f"{name}.txt"), "--collection", "archive")
    assert r.returncode == 0, r.stdout + r.stderr


def as_reader(data_dir: Path, method: str, url: str, **kw: object) -> str:
    ctx = AppContext.create(Settings(data_dir=data_dir, workers=1))
    try:
        with TestClient(create_app(ctx)) as client:
            r = client.request(method, url, **kw)  # type: ignore[arg-type]
            assert r.status_code == 200, r.text
            return r.text
    finally:
        ctx.close()


def test_alerts_run_mails_a_digest_until_unsubscribed(tmp_path: Path) -> None:
    data, src = tmp_path / "data", tmp_path / "src"
    ingest(data, src, "old", "Протокол заседания тройки НКВД от 1937 года.")
    page = as_reader(data, "POST", "/subscribe", data={"email": "r@example.kg", "q": "тройки"})
    assert "Проверьте почту" in page
    [confirmation] = mails(data)
    assert "Отписаться" in text_of(confirmation) and confirmation["List-Unsubscribe"]

    r = achyk(data, "alerts", "run")
    assert r.returncode == 0, r.stderr
    assert "писем отправлено: 0" in r.stdout  # unconfirmed: the confirmation only
    assert len(mails(data)) == 1

    assert "Подписка подтверждена" in as_reader(data, "GET", link(confirmation, "confirm"))
    ingest(data, src, "new", "Выписка из протокола тройки о пересмотре дела.")
    ingest(data, src, "other", "Справка о работе учителем в сельской школе.")
    r = achyk(data, "alerts", "run")
    assert r.returncode == 0 and "писем отправлено: 1" in r.stdout, r.stdout + r.stderr
    digest = mails(data)[-1]
    assert digest["To"] == "r@example.kg"
    body = text_of(digest)
    assert "new.txt" in body or "Выписка" in body
    assert "учителем" not in body and "1937" not in body  # neither the old nor the other
    assert "/documents/" in body

    again = achyk(data, "alerts", "run")
    assert "писем отправлено: 0" in again.stdout  # nothing new since the digest
    assert "Вы отписались" in as_reader(data, "GET", link(digest, "unsubscribe"))
    ingest(data, src, "later", "Ещё один протокол тройки.")
    r = achyk(data, "alerts", "run")
    assert r.returncode == 0 and "Подписок: 0" in r.stdout
    assert len(mails(data)) == 2
