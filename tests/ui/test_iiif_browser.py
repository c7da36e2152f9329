"""IIIF in Debian's chromium: Mirador opens the manifest and paints the scan; the deep-zoom
viewer boxes the hits and asks for region tiles when zoomed in. Nothing is fetched from
another host."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import httpx
import pytest
from playwright.sync_api import Browser, Page, Request, expect

pytestmark = pytest.mark.browser


def protocol_id(server: str) -> int:
    hit = httpx.get(f"{server}/api/v1/search", params={"q": "трибунал"}).json()["hits"][0]
    return int(hit["id"])


def watch(page: Page, server: str) -> tuple[list[str], list[str]]:
    """(every URL the page asked for, those to another host); console errors fail."""
    asked: list[str] = []
    elsewhere: list[str] = []
    host = urlparse(server).netloc

    def seen(req: Request) -> None:
        asked.append(req.url)
        u = urlparse(req.url)
        if u.scheme in ("http", "https") and u.netloc != host:
            elsewhere.append(req.url)

    page.on("request", seen)
    return asked, elsewhere


def test_mirador_opens_the_manifest_and_paints_the_scan(server: str, browser: Browser) -> None:
    doc = protocol_id(server)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    asked, elsewhere = watch(page, server)
    csp: list[str] = []
    page.on(
        "console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None
    )
    image = re.compile(rf"/iiif/3/{doc}-p1/[^/]+/[^/]+/0/default\.jpg$")
    with page.expect_response(
        lambda r: bool(image.search(r.url)) and r.status == 200, timeout=30_000
    ) as got:
        page.goto(f"{server}/documents/{doc}/mirador")
    assert got.value.headers["content-type"] == "image/jpeg"
    expect(page.locator("#mirador .openseadragon-canvas canvas").first).to_be_visible(
        timeout=30_000
    )
    # the manifest's label reached Mirador's window title
    expect(page.locator("#mirador")).to_contain_text("protocol", timeout=30_000)
    assert any(u.endswith(f"/iiif/3/{doc}/manifest.json") for u in asked)
    assert elsewhere == []
    assert csp == []
    page.close()


def full_resolution_tiles(urls: list[str], doc: int) -> list[str]:
    """Region tiles at scale factor 1 (the region is as wide as the answer)."""
    tile = re.compile(rf"/iiif/3/{doc}-p1/\d+,\d+,(\d+),\d+/(\d+),\d*/0/default\.jpg$")
    return [u for u in urls if (m := tile.search(u)) and m[1] == m[2]]


def test_deep_zoom_boxes_hits_and_asks_for_region_tiles(server: str, browser: Browser) -> None:
    doc = protocol_id(server)
    # narrow: the whole page fits in a quarter-size image, so no full-resolution tile yet
    page = browser.new_page(viewport={"width": 420, "height": 800})
    asked, elsewhere = watch(page, server)
    page.goto(f"{server}/documents/{doc}/deepzoom?q=трибуналом")
    expect(page.locator("[data-deepzoom]")).to_have_attribute("data-ready", "1", timeout=30_000)
    expect(page.locator("[data-dz-status]")).to_contain_text(
        "Совпадений на этой странице: 1, во всём документе: 1"
    )
    hit = page.locator(".dz-hit")
    expect(hit).to_have_count(1)
    page.wait_for_load_state("networkidle")
    before = hit.bounding_box()
    assert before is not None and before["width"] > 5
    assert full_resolution_tiles(asked, doc) == []
    zoom = page.get_by_role("button", name="Увеличить")
    zoom.click()
    zoom.click()
    page.wait_for_load_state("networkidle")
    for _ in range(50):
        if full_resolution_tiles(asked, doc):
            break
        page.wait_for_timeout(100)
    assert full_resolution_tiles(asked, doc), [u for u in asked if "/iiif/" in u]
    after = hit.bounding_box()
    assert after is not None and after["width"] > before["width"] * 2.5
    assert elsewhere == []
    page.close()


def test_deep_zoom_in_kyrgyz(server: str, browser: Browser) -> None:
    doc = protocol_id(server)
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{server}/documents/{doc}/deepzoom?q=трибунал&lang=ky")
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    expect(page.locator("[data-deepzoom]")).to_have_attribute("data-ready", "1", timeout=30_000)
    expect(page.get_by_role("button", name="Чоңойтуу")).to_be_visible()
    expect(page.locator("[data-dz-status]")).to_contain_text("Бул баракта дал келүүлөр: 1")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.close()
