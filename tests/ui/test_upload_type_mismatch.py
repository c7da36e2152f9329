"""A file whose bytes are not what its name claims fails with `type_mismatch`, as the
archivist sees it on /upload (Debian's chromium, Playwright) and through the batch API."""

from __future__ import annotations

import io
import re
import time
import zipfile
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


def test_a_corrupt_file_is_explained_in_russian(
    server: tuple[str, str], browser: Browser, tmp_path: Path
) -> None:
    """The reason column says what is wrong in Russian: no pdfium/Pillow/zipfile words
    («Failed to load document», «cannot identify image file '/…/blobs/…'») and no server
    path (issue #20)."""
    url, key = server
    files = {
        "damaged.pdf": b"%PDF-1.4\n1 0 obj garbage\n%%EOF\n",
        "damaged.png": b"\x89PNG\r\n\x1a\n" + b"x" * 64,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:  # a Word signature, but no Word document inside
        zf.writestr("word/document.xml", "<w:document>not closed")
    files["damaged.docx"] = buf.getvalue()
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    page = browser.new_page()
    page.goto(url + "/upload")
    page.get_by_label("API-ключ").fill(key)
    page.get_by_label("Файлы или ZIP").set_input_files(paths)
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator("#finished")).to_be_visible(timeout=90_000)
    rows = page.locator("#failures tbody tr")
    expect(rows).to_have_count(3)
    for name, says in (
        ("damaged.pdf", "Повреждённый PDF"),
        ("damaged.png", "Не удалось прочитать изображение"),
        ("damaged.docx", "Повреждённый DOCX"),
    ):
        row = rows.filter(has_text=name)
        expect(row).to_contain_text("corrupt_file")
        reason = row.locator("td").nth(3).inner_text()
        assert reason.startswith(says), reason
        assert not re.search(r"[A-Za-z]{3,}", reason.replace(says, "")), reason
        assert "/" not in reason, reason


def test_upload_form_errors_are_in_russian(
    server: tuple[str, str], browser: Browser, tmp_path: Path
) -> None:
    """The form bounds its fields as the API does; what the API still refuses, and a network
    failure, are told in Russian — not `[{"type":"string_too_long",…"msg":"String should
    have at most 300 characters"}]` nor «TypeError: Failed to fetch» (issue #20)."""
    url, key = server
    note = tmp_path / "note.txt"
    note.write_text("Опись дел фонда 12 за 1937 год.", encoding="utf-8")
    page = browser.new_page()
    page.goto(url + "/upload")
    expect(page.get_by_label("Название пакета")).to_have_attribute("maxlength", "300")
    expect(page.get_by_label("Коллекция")).to_have_attribute("maxlength", "100")
    page.get_by_label("API-ключ").fill(key)
    page.get_by_label("Файлы или ZIP").set_input_files(str(note))
    # a form without the bound (an old page, or a script): the server's answer is translated
    page.locator("#label").evaluate("el => el.removeAttribute('maxlength')")
    page.get_by_label("Название пакета").fill("п" * 400)
    page.get_by_role("button", name="Загрузить").click()
    alert = page.get_by_role("alert")
    expect(alert).to_have_text("«Название пакета»: слишком длинно, не больше 300 символов")

    page.route("**/api/v1/batches", lambda route: route.abort())
    page.get_by_label("Название пакета").fill("опись 12")
    page.get_by_role("button", name="Загрузить").click()
    expect(alert).to_have_text("Сбой сети: сервер не ответил, попробуйте ещё раз")
