"""A person in Debian's chromium searches and sees the highlighted hit (Playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser


def test_search_shows_highlighted_hit_on_a_scan(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    page = browser.new_page()
    page.goto(server + "/")
    page.get_by_label("Поисковый запрос").fill("трибунал")
    page.get_by_role("button", name="Найти").click()
    expect(page.locator("#total")).to_have_text("1")
    mark = page.locator(".hit .snippet mark").first
    expect(mark).to_have_text("трибунала")
    page.screenshot(path=str(tmp_path / "search.png"))

    page.locator(".hit h2 a").first.click()
    expect(page.locator("h1")).to_have_text("protocol.png")
    expect(page.locator("#page-1 .page-text mark").first).to_have_text("трибунала")
    img = page.locator("#page-1 img")
    expect(img).to_be_visible()
    assert page.evaluate("el => el.naturalWidth", img.element_handle()) > 0


def test_facet_filter_and_query_error(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(server + "/?q=суд")
    total = int(page.locator("#total").inner_text())
    page.locator('[data-facet="format"] a', has_text="PDF").click()
    expect(page.locator('[data-facet="format"] li.on')).to_contain_text("PDF")
    assert int(page.locator("#total").inner_text()) < total
    page.goto(server + '/?q="незакрытая')
    expect(page.get_by_role("alert")).to_contain_text("Незакрытая кавычка")
