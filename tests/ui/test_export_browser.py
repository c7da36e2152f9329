"""A person exports a search as CSV from the search page and copies a document's citation
(Debian's chromium through Playwright)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser


def test_export_csv_from_the_search_page_and_copy_a_citation(server: str, browser: Browser) -> None:
    context = browser.new_context(
        accept_downloads=True, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.goto(server + "/?q=трибунал")
    expect(page.locator("#total")).to_have_text("1")
    links = page.locator(".export-links")
    results = page.locator(".results .hit").first.bounding_box()
    box = links.bounding_box()
    assert results is not None and box is not None and box["y"] > results["y"]  # after hits
    with page.expect_download() as info:
        links.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.suggested_filename == "achyk-search.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1 and rows[0]["title"] == "protocol.png"
    doc_id = rows[0]["id"]

    page.goto(rows[0]["url"])
    expected = httpx.get(f"{server}/api/v1/documents/{doc_id}/citation").text
    button = page.get_by_role("button", name="Скопировать ссылку")
    assert button.get_attribute("data-citation") == expected
    button.click()
    expect(page.locator("[data-copy-status]")).to_have_text("Ссылка скопирована")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page.locator('meta[name="citation_title"]').get_attribute("content") == "protocol.png"
    context.close()
