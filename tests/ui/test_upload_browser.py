"""An archivist uploads a ZIP in Debian's chromium and watches it finish (Playwright)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from core.auth import Role, create_key
from core.settings import Settings
from indices.context import AppContext
from tests.ui.conftest import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    data = tmp_path_factory.mktemp("upload") / "data"
    settings = Settings(data_dir=data)
    ctx = AppContext.create(settings)
    key = create_key(ctx, Role.ARCHIVIST).key
    ctx.close()
    with serving(settings, env={"ACHYK_WORKERS": "1"}) as url:
        yield url, key


def test_upload_shows_live_progress_failures_and_retry(
    server: tuple[str, str], browser: Browser, tmp_path: Path
) -> None:
    url, key = server
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(4):
            zf.writestr(f"box/{i}.txt", f"Справка № {i} выдана архивом района.")
        zf.writestr("../escape.txt", "climbs out")
        zf.writestr("box/broken.pdf", "%PDF-1.7\n% cut off")
    upload = tmp_path / "scans.zip"
    upload.write_bytes(buf.getvalue())

    page = browser.new_page()
    page.goto(url + "/upload")
    page.get_by_label("API-ключ").fill("achyk_wrong")
    page.get_by_label("Файлы или ZIP").set_input_files(str(upload))
    page.get_by_role("button", name="Загрузить").click()
    expect(page.get_by_role("alert")).to_contain_text("API-ключ")

    page.get_by_label("API-ключ").fill(key)
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator("#finished")).to_be_visible(timeout=90_000)
    expect(page.locator("#total")).to_have_text("6")
    expect(page.locator("#done")).to_have_text("6")
    assert page.evaluate("document.getElementById('progress').value") == 6
    expect(page.locator("#published")).to_have_text("4")
    rows = page.locator("#failures tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="escape.txt")).to_contain_text("unsafe_path")
    expect(rows.filter(has_text="broken.pdf")).to_contain_text("corrupt_file")
    page.screenshot(path=str(tmp_path / "upload.png"))

    retry = page.get_by_role("button", name="Повторить упавшие")
    expect(retry).to_be_enabled()
    retry.click()
    expect(page.locator("#finished")).to_be_visible(timeout=90_000)
    expect(rows.filter(has_text="broken.pdf")).to_contain_text("extract")


def test_summary_counts_each_file_once(
    server: tuple[str, str], browser: Browser, tmp_path: Path
) -> None:
    """Two files, one of them sent before: one published, one duplicate — not «2 · 1»."""
    url, key = server
    first, again, new = (tmp_path / "first.txt", tmp_path / "again.txt", tmp_path / "new.txt")
    first.write_text("Акт № 17 о передаче дел фонда в районный архив.", encoding="utf-8")
    again.write_bytes(first.read_bytes())
    new.write_text("Опись № 3 дел постоянного хранения за 1936 год.", encoding="utf-8")
    page = browser.new_page()
    page.goto(url + "/upload")
    page.get_by_label("API-ключ").fill(key)
    page.get_by_label("Файлы или ZIP").set_input_files(str(first))
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator("#finished")).to_be_visible(timeout=90_000)
    expect(page.locator("#published")).to_have_text("1")

    page.goto(url + "/upload")
    page.get_by_label("Файлы или ZIP").set_input_files([str(again), str(new)])
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator("#finished")).to_be_visible(timeout=90_000)
    expect(page.locator("#total")).to_have_text("2")
    expect(page.locator("#published")).to_have_text("1")
    expect(page.locator("#duplicates")).to_have_text("1")
    expect(page.locator("#failed")).to_have_text("0")
