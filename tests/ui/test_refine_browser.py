"""Sort, date range, search within a document and permalinks in Debian's chromium."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser


def test_sort_by_date_then_narrow_by_a_date_range(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/?q=")
    page.get_by_label("порядок").select_option("date_asc")  # applies at once (refine.js)
    page.wait_for_url(re.compile(r"sort=date_asc"))
    api = httpx.get(f"{server}/api/v1/search", params={"sort": "date_asc", "size": 10}).json()
    shown = page.locator(".hit h2 a").all_inner_texts()
    assert shown == [h["title"] or "Без названия" for h in api["hits"]]
    years = [h["year"] for h in api["hits"] if h["year"]]
    assert len(years) >= 3 and years == sorted(years)

    bars = page.locator("[data-histogram] a")
    expect(bars.first).to_be_visible()
    assert bars.count() == len(api["histogram"])
    page.get_by_label("дата с").fill("1938-01-01")
    page.get_by_label("по", exact=True).last.fill("1999-12-31")
    page.get_by_role("button", name="Найти", exact=True).click()
    page.wait_for_url(re.compile(r"date_from=1938-01-01"))
    expect(page.locator(".chips")).to_contain_text("1938-01-01 — 1999-12-31")
    narrowed = httpx.get(
        f"{server}/api/v1/search",
        params={"sort": "date_asc", "date_from": "1938-01-01", "date_to": "1999-12-31"},
    ).json()
    assert 0 < narrowed["total"] < api["total"]
    expect(page.locator("#total")).to_have_text(str(narrowed["total"]))
    assert page.get_by_label("порядок").input_value() == "date_asc"  # the order stays


def test_search_within_a_document_steps_to_a_hit_on_another_page(
    server: str, browser: Browser
) -> None:
    [hit] = httpx.get(f"{server}/api/v1/search", params={"q": "выселении"}).json()["hits"]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server}/documents/{hit['id']}")
    page.get_by_role("searchbox", name="Поиск в документе").fill("выселение OR постановлением")
    page.get_by_role("button", name="Найти в документе").click()
    status = page.locator("[data-doc-hit-status]")
    expect(status).to_contain_text("на 2 стр.")
    nxt = page.get_by_role("button", name="Следующее совпадение")
    nxt.click()
    expect(page.locator("#page-1 .page-text mark.current")).to_have_count(1)
    nxt.click()
    expect(page.locator("#page-2 .page-text mark.current")).to_have_count(1)
    expect(page.locator("#page-1 mark.current")).to_have_count(0)
    expect(status).to_contain_text("страница 2")
    expect(page.locator("#page-2 .page-text mark.current")).to_be_in_viewport()
    # the same word boxed on the scan (viewer.js drew the boxes from the same query)
    expect(page.locator("#page-2 .hit-box.current")).to_have_count(1)
    page.get_by_role("button", name="Предыдущее совпадение").click()
    expect(page.locator("#page-1 .page-text mark.current")).to_have_count(1)


def test_permalink_opens_the_page_with_the_region_boxed(server: str, browser: Browser) -> None:
    [hit] = httpx.get(f"{server}/api/v1/search", params={"q": "выселении"}).json()["hits"]
    context = browser.new_context(viewport={"width": 1280, "height": 700})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.goto(f"{server}/documents/{hit['id']}?page=2&region=40,60,400,120")
    region = page.locator("#page-2 [data-region-box] rect")
    expect(region).to_be_visible()
    expect(page.locator("#page-2 .page-image")).to_be_in_viewport()
    img = page.locator("#page-2 .page-image img").bounding_box()
    box = region.bounding_box()
    assert img and box
    # the box sits where the region is, in the image's displayed scale
    width = int(page.locator("#page-2 .page-image").get_attribute("data-width") or 0)
    scale = img["width"] / width
    assert box["x"] - img["x"] == pytest.approx(40 * scale, abs=3)
    assert box["width"] == pytest.approx(400 * scale, abs=4)
    button = page.locator("#page-2 [data-copy-link]")
    button.click()
    expect(button).to_have_text("Адрес скопирован")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{server}/documents/{hit['id']}?page=2&region=40,60,400,120"
    context.close()
