"""A reader saves a search from the results page in chromium; the confirmation mail for
that search is in the outbox (Playwright)."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from core.settings import Settings

pytestmark = pytest.mark.browser


def test_save_a_search_from_the_results_page(
    server: str, browser: Browser, loaded_settings: Settings
) -> None:
    outbox: Path = loaded_settings.outbox_dir
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    page = browser.new_page()
    page.goto(server + "/?q=трибунал")
    feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert "/api/v1/search/feed.atom?q=" in (feed.get_attribute("href") or "")
    form = page.get_by_role("region", name="Подписаться на новые результаты")
    expect(form.get_by_role("link", name="Лента Atom этого поиска")).to_be_visible()
    form.get_by_label("Электронная почта").fill("reader@example.kg")
    form.get_by_role("button", name="Подписаться").click()
    expect(page.locator("h1")).to_have_text("Проверьте почту")

    [new] = set(outbox.glob("*.eml")) - before
    mail = message_from_bytes(new.read_bytes(), policy=policy.default)
    assert mail["To"] == "reader@example.kg"
    part = mail.get_body(("plain",))
    assert part is not None
    text = str(part.get_content())
    assert "«трибунал»" in text and "/subscriptions/confirm?token=" in text
