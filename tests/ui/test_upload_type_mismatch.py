"""A file whose bytes are not what its name claims fails with `type_mismatch`, as the
archivist sees it on /upload (Debian's chromium, Playwright) and through the batch API."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect

from core.auth import Role, create_key
from core.settings import Settings
from indices.context import AppContext
from tests.ui.conftest import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    data = tmp_path_factory.mktemp("mismatch") / "data"
    settings = Settings(data_dir=data)
    ctx = AppContext.create(settings)
    key = create_key(ctx, Role.ARCHIVIST).key
    ctx.close()
    with serving(settings, env={"ACHYK_WORKERS": "1"}) as url:
        yield url, key


def test_upload_page_reports_type_mismatch(
    server: tuple[str, str], browser: Browser, tmp_path: Path
) -> None:
    url, key = server
    broken = tmp_path / "broken.pdf"
    broken.write_text("not a pdf", encoding="utf-8")
    good = tmp_path / "note.txt"
    good.write_text("Справка выдана архивом района в 1956 году.", encoding="utf-8")
    page = browser.new_page()
    page.goto(url + "/upload")
    page.get_by_label("API-ключ").fill(key)
    page.get_by_label("Файлы или ZIP").set_input_files([str(broken), str(good)])
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator("#finished")).to_be_visible(timeout=90_000)
    expect(page.locator("#published")).to_have_text("1")
    rows = page.locator("#failures tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.filter(has_text="broken.pdf")).to_contain_text("type_mismatch")


def test_batch_api_reports_type_mismatch(server: tuple[str, str]) -> None:
    url, key = server
    auth = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=url, timeout=30) as client:
        r = client.post(
            "/api/v1/batches",
            headers=auth,
            files=[
                ("files", ("решение.pdf", b"not a pdf", "application/pdf")),
                ("files", ("scan.png", b"%PDF-1.4 but not an image", "image/png")),
            ],
        )
        assert r.status_code == 202, r.text
        batch = r.json()["url"]
        for _ in range(300):
            body = client.get(batch, headers=auth).json()
            if body["finished"]:
                break
            time.sleep(0.3)
        codes = {f["source"]: f["error_code"] for f in body["failures"]}
        assert codes == {"решение.pdf": "type_mismatch", "scan.png": "type_mismatch"}, body
        assert all(f["message"] for f in body["failures"])
