"""A reader comments on an article of a draft in chromium, confirms the address by the
mailed link; the agency approves and answers it on its moderation desk in the browser; the
reader sees the comment and the answer on the page (Playwright)."""

from __future__ import annotations

import datetime as dt
import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from core.auth import LOCAL_ADMIN, Role, create_key
from core.settings import Settings
from indices.context import AppContext
from service import drafts as svc
from service import drafts_comments as comments
from service.schemas_drafts import DraftIn, StageIn

pytestmark = pytest.mark.browser
DATA = Path(__file__).parents[1] / "drafts" / "data"


def test_comment_on_an_article_and_see_it_after_moderation(
    server: str, loaded_ctx: AppContext, loaded_settings: Settings, browser: Browser
) -> None:
    """On the session's server (started once for the browser tests); the draft is this
    test's own, and its mail is told apart from others in the shared outbox."""
    ctx, url = loaded_ctx, server
    outbox = loaded_settings.outbox_dir
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    body = DraftIn(title="Об открытых данных", act_kind="law", agency="Министерство юстиции")
    d = svc.create_draft(ctx, LOCAL_ADMIN, body).id
    svc.add_version(ctx, LOCAL_ADMIN, d, (DATA / "ru-v1.txt").read_bytes(), "v1.txt")
    now = svc.now_local()
    opening = StageIn(stage="discussion", closes=now.date() + dt.timedelta(days=40))
    svc.change_stage(ctx, LOCAL_ADMIN, d, opening, now)
    page = browser.new_page()
    page.goto(f"{url}/drafts/{d}/versions/1")
    page.get_by_label("К чему").select_option(label="статья 4")
    page.get_by_label("Ваше замечание").fill("Перечень стоит пересматривать каждый квартал.")
    page.get_by_label("Электронная почта (не публикуется)").fill("reader@example.kg")
    page.get_by_role("button", name="Отправить").click()
    expect(page.locator("h1")).to_have_text("Замечание отправлено")

    [mail] = set(outbox.glob("*.eml")) - before
    text = message_from_bytes(mail.read_bytes(), policy=policy.default).get_body(("plain",))
    link = re.search(r"https?://\S+/comments/confirm\?token=\S+", text.get_content())  # type: ignore[union-attr]
    assert link, text
    page.goto(link.group(0))
    expect(page.locator("h1")).to_have_text("Адрес подтверждён")
    page.goto(f"{url}/drafts/{d}/versions/1")
    expect(page.get_by_text("Перечень стоит пересматривать")).to_have_count(0)

    [pending] = comments.list_comments(ctx, LOCAL_ADMIN, d).comments
    assert (pending.status, pending.anchor.unit_id) == ("pending", "art-4")
    # The agency's desk: its key, the comment as written, approve, then answer.
    key = create_key(ctx, Role.DEVELOPER, agency="Министерство юстиции").key
    desk = browser.new_page()
    desk.goto(f"{url}/drafts/{d}/moderation")
    desk.get_by_label("Ключ API").fill(key)
    desk.get_by_role("button", name="Показать замечания").click()
    row = desk.locator(f'#moderation-queue tr[data-id="{pending.id}"]')
    expect(row).to_contain_text("ждёт модерации")
    expect(row).to_contain_text("Перечень стоит пересматривать каждый квартал.")
    row.get_by_role("button", name="Опубликовать").click()
    # Approval depersonifies the text: the server's first use of the recognizers loads
    # them (seconds on a busy machine), hence the longer wait.
    expect(row).to_contain_text("опубликовано", timeout=60_000)
    row.get_by_label("Решение").select_option(label="учтено частично")
    row.get_by_label("Обоснование").fill("Срок пересмотра — раз в полгода.")
    row.get_by_role("button", name="Ответить").click()
    expect(row).to_contain_text("учтено частично", timeout=30_000)
    expect(desk.locator("#status")).to_contain_text("Сохранено")
    desk.close()

    page.reload()
    note = page.locator(".unit-comment")
    expect(note).to_contain_text("Перечень стоит пересматривать каждый квартал.")
    assert page.locator("#art-4 + .unit-comment").count() == 1
    listed = page.locator(f"#comment-{pending.id}")
    expect(listed).to_contain_text("статья 4")
    expect(listed).to_contain_text("учтено частично")
    expect(listed).to_contain_text("Срок пересмотра — раз в полгода.")
    expect(page.get_by_text("Ваш адрес уже подтверждён на этом устройстве.")).to_be_visible()
