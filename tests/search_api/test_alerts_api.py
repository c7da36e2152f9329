"""The Atom feed of a search and the subscriptions API, on the embedded default
(SQLite, tantivy, the real pipeline; mail goes to the outbox folder)."""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from core.models import Subscription
from core.settings import Settings
from indices.context import AppContext
from ingest.intake import DocMeta, receive
from ingest.runner import process_documents
from server.app import create_app
from service import alerts
from service.alerts import run_alerts

A = "{http://www.w3.org/2005/Atom}"


def publish(ctx: AppContext, name: str, text: str, collection: str = "archive") -> int:
    path = ctx.settings.data_dir.parent / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    intake = receive(ctx, [path], collection, kind="archive", meta={path: DocMeta(title=name)})
    [doc_id] = intake.new_ids
    assert process_documents(ctx, [doc_id]) == {doc_id: "published"}
    return doc_id


def outbox(ctx: AppContext) -> list[EmailMessage]:
    folder = ctx.settings.outbox_dir
    files = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]


def body(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def token(msg: EmailMessage, kind: str) -> str:
    m = re.search(rf"/subscriptions/{kind}\?token=([\w-]+)", body(msg))
    assert m, body(msg)
    return m.group(1)


@pytest.fixture
def client(ctx: AppContext) -> Iterator[TestClient]:
    with TestClient(create_app(ctx)) as c:
        yield c


@pytest.mark.parametrize("small", [500, 0], ids=["read-whole", "newest-first-walk"])
def test_feed_is_atom_newest_first_with_published_snippets(
    ctx: AppContext, client: TestClient, small: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(alerts, "SMALL_SEARCH", small)  # both ways of finding the newest
    old = publish(ctx, "Протокол первый", "Протокол заседания правления колхоза «Кызыл-Туу».")
    new = publish(ctx, "Протокол второй", "Отчёт колхоза имени Ленина о посевной кампании.")
    publish(ctx, "Справка", "Справка выдана в том, что он работал учителем.")
    r = client.get("/api/v1/search/feed.atom", params={"q": "колхоз"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(r.content)
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{A}{tag}") is not None, tag
    assert feed.find(f"{A}link[@rel='self']") is not None
    entries = feed.findall(f"{A}entry")
    links = [str(e.find(f"{A}link").get("href")) for e in entries]  # type: ignore[union-attr]
    assert [u.rsplit("/", 1)[-1] for u in links] == [str(new), str(old)]
    for e in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert (e.findtext(f"{A}{tag}") or "").strip(), tag
    assert "колхоза" in (entries[0].findtext(f"{A}summary") or "")
    assert "<mark>" not in r.text  # plain text, not the search page's markup


def test_feed_of_a_bad_query_is_400(client: TestClient) -> None:
    assert client.get("/api/v1/search/feed.atom", params={"q": '"незакрытая'}).status_code == 400


def test_subscribe_confirm_alert_unsubscribe(ctx: AppContext, client: TestClient) -> None:
    publish(ctx, "До подписки", "Постановление о колхозе, принятое до подписки.")
    ask = {"email": "reader@example.kg", "kind": "search", "query": {"q": "колхоз"}}
    r = client.post("/api/v1/subscriptions", json=ask)  # anonymous: no key
    assert r.status_code == 202, r.text
    [mail] = outbox(ctx)
    assert mail["To"] == "reader@example.kg"
    assert "подтвердите" in mail["Subject"]
    confirm_token = token(mail, "confirm")
    assert confirm_token not in r.text  # only the mailbox's owner may confirm
    assert mail["List-Unsubscribe"].startswith("<http")
    assert client.post("/api/v1/subscriptions", json=ask).status_code == 202
    assert len(outbox(ctx)) == 1  # the same subscription again mails nothing

    publish(ctx, "Неподтверждённое", "Ещё одно решение о колхозе.")
    assert run_alerts(ctx).mailed == 0  # pending: nothing but the confirmation
    assert len(outbox(ctx)) == 1

    r = client.get("/api/v1/subscriptions/confirm", params={"token": confirm_token})
    assert r.status_code == 200 and r.json()["status"] == "confirmed"
    again = client.get("/api/v1/subscriptions/confirm", params={"token": confirm_token})
    assert again.status_code == 404

    new = publish(ctx, "После подтверждения", "Приказ по колхозу о распределении урожая.")
    publish(ctx, "Не о том", "Справка об учителе школы.")
    assert run_alerts(ctx).mailed == 1
    digest = outbox(ctx)[-1]
    text = body(digest)
    assert f"/documents/{new}" in text and "После подтверждения" in text
    assert "До подписки" not in text and "Не о том" not in text
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert run_alerts(ctx).mailed == 0  # nothing new since

    leave = token(digest, "unsubscribe")
    for _ in range(2):  # one click, and idempotent
        r = client.get("/api/v1/subscriptions/unsubscribe", params={"token": leave})
        assert r.status_code == 200 and r.json()["status"] == "unsubscribed"
    publish(ctx, "После отписки", "Ещё приказ по колхозу.")
    assert run_alerts(ctx).subscriptions == 0
    assert len(outbox(ctx)) == 2


@pytest.mark.parametrize(
    "ask",
    [
        {"email": "не адрес", "query": {"q": "колхоз"}},
        {"email": "a@b", "query": {}},
        {"email": "x@example.kg", "kind": "court"},  # a follow names what it follows
        {"email": "x@example.kg", "query": {"q": '"незакрытая'}},
        {"email": "x@example.kg", "kind": "norm", "value": "ст. 99999 XYZ"},
    ],
)
def test_bad_subscriptions_are_refused_and_mail_nothing(
    ctx: AppContext, client: TestClient, ask: dict[str, object]
) -> None:
    r = client.post("/api/v1/subscriptions", json=ask)
    assert r.status_code in (400, 422), r.text
    assert outbox(ctx) == []


def test_following_a_court_filters_on_it(ctx: AppContext, client: TestClient) -> None:
    ask = {"email": "clerk@example.kg", "kind": "fond", "value": "fond-7"}
    assert client.post("/api/v1/subscriptions", json=ask).status_code == 202
    client.get("/api/v1/subscriptions/confirm", params={"token": token(outbox(ctx)[0], "confirm")})
    mine = publish(ctx, "Опись фонда 7", "Опись дел фонда.", collection="fond-7")
    publish(ctx, "Опись фонда 8", "Опись дел другого фонда.", collection="fond-8")
    assert run_alerts(ctx).mailed == 1
    text = body(outbox(ctx)[-1])
    assert f"/documents/{mine}" in text and "фонда 8" not in text


def test_mail_server_down_is_a_503_and_keeps_nothing(settings: Settings) -> None:
    with socket.socket() as s:  # a port nobody listens on: the connection is refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = AppContext.create(settings.model_copy(update={"smtp_url": f"smtp://127.0.0.1:{port}"}))
    try:
        with TestClient(create_app(down)) as c:
            ask = {"email": "r@example.kg", "query": {"q": "колхоз"}}
            r = c.post("/api/v1/subscriptions", json=ask)
        assert r.status_code == 503 and "Почта" in r.json()["detail"]
        with down.db.session() as s:
            assert s.scalar(select(func.count()).select_from(Subscription)) == 0
    finally:
        down.close()
