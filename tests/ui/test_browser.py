"""A person in Debian's chromium searches and sees the highlighted hit (Playwright)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect, sync_playwright

from core.settings import Settings

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(loaded_settings: Settings) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "core.cli", "--data-dir", str(loaded_settings.data_dir), "serve",
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server died")
            time.sleep(0.1)
        else:
            raise RuntimeError("server did not answer /api/v1/health")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: make test installs it"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_search_shows_highlighted_hit_on_a_scan(server: str, browser: Browser,
                                                 tmp_path: Path) -> None:
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
