"""The document viewer in Debian's chromium: hit boxes on the scan, zoom, hit-page steps."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


def doc_url(server: str, q: str, find: str) -> str:
    hit = httpx.get(f"{server}/api/v1/search", params={"q": find}).json()["hits"][0]
    return f"{server}/documents/{hit['id']}?q={q}"


def box(page: Page, selector: str) -> dict[str, float]:
    rect = page.locator(selector).first.bounding_box()
    assert rect is not None
    return rect


def test_hit_boxes_sit_on_the_word_and_follow_zoom(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(doc_url(server, "трибуналом", "трибунал"))
    expect(page.locator("[data-viewer]")).to_have_attribute("data-ready", "1")
    expect(page.locator("[data-hit-status]")).to_contain_text("Совпадений на изображениях: 1")
    boxes = page.locator("#page-1 .hit-box")
    expect(boxes).to_have_count(1)
    img, hit = box(page, "#page-1 .page-image img"), box(page, "#page-1 .hit-box")
    # «трибунала» is on the second typed line of the scan (y ≈ 191..237 of 564 px)
    rel_top = (hit["y"] - img["y"]) / img["height"]
    assert 0.25 < rel_top < 0.45, rel_top
    assert img["x"] < hit["x"] and hit["x"] + hit["width"] < img["x"] + img["width"]

    page.get_by_role("button", name="+").click()
    expect(page.locator("[data-zoom-label]")).to_have_text("125%")
    img2, hit2 = box(page, "#page-1 .page-image img"), box(page, "#page-1 .hit-box")
    assert img2["width"] == pytest.approx(img["width"] * 1.25, rel=0.02)
    assert hit2["width"] == pytest.approx(hit["width"] * 1.25, rel=0.05)
    page.get_by_role("button", name="По ширине").click()
    expect(page.locator("[data-zoom-label]")).to_have_text("100%")


def test_steps_from_hit_page_to_hit_page(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.goto(doc_url(server, "выселении OR постановление", "выселении"))  # «ДЕЛО» reads «ВЕЛО»
    expect(page.locator("[data-viewer]")).to_have_attribute("data-ready", "1")
    expect(page.locator(".page.has-hits")).to_have_count(2)
    nxt = page.get_by_role("button", name="След. совпадение →")
    nxt.click()
    expect(page.locator("#page-1")).to_have_class("page has-hits current-hit")
    nxt.click()
    expect(page.locator("#page-2")).to_have_class("page has-hits current-hit")
    expect(page.locator("#page-1")).not_to_have_class("page has-hits current-hit")
    assert page.url.endswith("#page-2")
    page.get_by_role("button", name="← Пред. совпадение").click()
    expect(page.locator("#page-1")).to_have_class("page has-hits current-hit")
