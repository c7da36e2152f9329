"""Issue #18, item 7 in Debian's chromium: a reader reports a misreading from the document
page, the archivist accepts it in the queue, the editor opens with the suggestion beside
the scan (the line outlined on the scan while its field has focus), saves, and search
finds the corrected word while the misreading is gone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, expect

from core.auth import Role, create_key
from core.settings import Settings
from indices.context import AppContext
from ingest.intake import receive
from ingest.runner import process_documents
from tests.conftest import render_scan
from tests.ui.conftest import serving

pytestmark = pytest.mark.browser

MISREAD = "Зарубкинт"
FIXED = "Карабултон"


@dataclass(frozen=True, slots=True)
class Site:
    url: str
    key: str
    doc: int


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("corrections-ui")
    settings = Settings(data_dir=root / "data", workers=1)
    ctx = AppContext.create(settings)
    try:
        scan = root / "list.png"
        render_scan(["Протокол заседания", f"комиссии {MISREAD} 1937 г."]).save(scan)
        intake = receive(ctx, [scan], "fond-1", kind="archive")
        assert set(process_documents(ctx, intake.new_ids).values()) == {"published"}
        key = create_key(ctx, Role.ARCHIVIST).key
    finally:
        ctx.close()
    with serving(settings) as url:
        yield Site(url, key, intake.new_ids[0])


def test_report_accept_correct_and_find(site: Site, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site.url}/documents/{site.doc}")
    page.get_by_text("Сообщить об ошибке распознавания").click()
    page.get_by_label("Строка (номер сверху, необязательно)").fill("2")
    page.get_by_label("Как должно быть").fill(f"комиссии {FIXED} 1937 г.")
    page.get_by_role("button", name="Отправить").click()
    expect(page.get_by_role("status")).to_contain_text("передано архивистам")

    page.goto(f"{site.url}/corrections/reports")
    page.get_by_label("API-ключ архивиста").fill(site.key)
    page.get_by_role("button", name="Показать очередь").click()
    row = page.locator("#queue tbody tr", has_text=FIXED)
    expect(row).to_contain_text(MISREAD)  # the line as it reads now
    row.get_by_role("button", name="Принять").click()

    page.wait_for_url(f"**/documents/{site.doc}/pages/1/correct?report=*")
    field = page.get_by_label("Строка 2", exact=True)
    expect(field).to_have_value(f"комиссии {FIXED} 1937 г.")  # the reader's suggestion
    expect(page.locator("#scan-img")).to_be_visible()
    field.focus()
    expect(page.locator("#line-box")).to_be_visible()  # the line outlined on the scan
    box = page.locator("#line-box").bounding_box()
    field.press("Shift+Enter")  # keyboard: the previous line, and the outline follows it
    expect(page.get_by_label("Строка 1", exact=True)).to_be_focused()
    assert page.locator("#line-box").bounding_box() != box
    page.get_by_label("Причина правки").fill("по сообщению читателя")
    page.get_by_label("Строка 1", exact=True).press("Control+Enter")  # saves
    expect(page.locator("#status")).to_contain_text("Сохранено")
    expect(page.locator("#history li")).to_have_count(1)
    expect(page.locator("#history")).to_contain_text("по сообщению читателя")

    page.goto(f"{site.url}/?q={FIXED}")
    expect(page.locator(f'a[href^="/documents/{site.doc}"]').first).to_be_visible()
    page.goto(f"{site.url}/?q={MISREAD}")
    expect(page.locator(f'a[href^="/documents/{site.doc}"]')).to_have_count(0)
    page.close()
