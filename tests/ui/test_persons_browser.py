"""The registry pages in Debian's chromium: search by a Latin spelling, open the person."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser

from core.auth import Role, create_key
from core.models import Person, PersonSource
from core.settings import Settings
from indices.context import AppContext
from persons import registry
from persons.index import TantivyPersons
from tests.ui.conftest import serving

pytestmark = pytest.mark.browser


KEYS: dict[str, str] = {}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("persons-ui") / "data"
    settings = Settings(data_dir=data)
    ctx = AppContext.create(settings)
    with ctx.db.session() as s:
        for surname, given, year, state in (
            ("Исаков", "Шабдан", 1874, "published"),
            ("Жумабаев", "Асан", 1882, "published"),
            ("Касымов", "Эсенгул", 1900, "proposed"),
            ("Токтогулов", "Асан", 1890, "proposed"),
        ):
            p = Person(surname=surname, given=given, birth_year=year, state=state, sentence="death")
            s.add(p)
            s.flush()
            s.add(
                PersonSource(
                    person_id=p.id,
                    origin_person_id=p.id,
                    field="name",
                    value=f"{surname} {given}",
                    quote=surname.upper() + " " + given,
                    archival_ref="Ф. 1. Оп. 1. Д. 1",
                )
            )
        s.flush()
        index = TantivyPersons(settings.index_dir / "persons")
        index.index([registry.to_doc(p, s) for p in s.query(Person).all()])
    KEYS["archivist"] = create_key(ctx, Role.ARCHIVIST).key
    ctx.close()
    with serving(settings) as url:
        yield url


def test_alphabetical_list_and_person_page(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{server}/persons")
    items = page.locator("ol.hits li").all_inner_texts()
    assert [i.split(",")[0] for i in items] == ["Жумабаев Асан", "Исаков Шабдан"]
    page.click("text=Исаков Шабдан")
    page.wait_for_url("**/persons/*")
    assert page.locator("h1").inner_text() == "Исаков Шабдан"
    assert "Ф. 1. Оп. 1. Д. 1" in page.locator("table.sources").inner_text()
    page.close()


def test_search_by_latin_and_yanalif_spelling(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{server}/persons")
    for q, first in (
        ("Isakov Shabdan", "Исаков Шабдан"),
        ("Ƶumabaev Asan", "Жумабаев Асан"),
        ("Шабдан Исак уулу", "Исаков Шабдан"),
    ):
        page.fill("input[name=q]", q)
        page.press("input[name=q]", "Enter")
        page.wait_for_load_state()
        assert page.locator("ol.hits li a").first.inner_text() == first
    page.fill("input[name=q]", "Касымов Эсенгул")  # proposed, not public
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state()
    assert "Ничего не найдено" in page.locator("ol.hits").inner_text()
    page.close()


def test_review_queue_confirms_a_proposed_record(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(f"{server}/persons/review")
    page.fill("#key", KEYS["archivist"])
    page.click("#review-key button")
    row = page.locator("#proposed tbody tr", has_text="Касымов Эсенгул")
    row.wait_for()
    row.get_by_role("button", name="Подтвердить").click()
    page.wait_for_function(
        "() => !document.querySelector('#proposed tbody').textContent.includes('Касымов')"
    )
    pid = row.get_attribute("data-id") if row.count() else None
    assert pid is None  # gone from the queue
    r = httpx.get(
        f"{server}/api/v1/persons",
        params={"q": "Касымов Эсенгул", "all": True},
        headers={"Authorization": f"Bearer {KEYS['archivist']}"},
    )
    assert [h["state"] for h in r.json()["hits"]] == ["confirmed"]
    page.close()


def test_review_queue_in_kyrgyz(server: str, browser: Browser) -> None:
    """The queue at ?lang=ky: the page, the buttons the script draws and its status line
    are Kyrgyz, the document says lang="ky", and confirming still works."""
    page = browser.new_page()
    page.goto(f"{server}/persons/review?lang=ky")
    assert page.locator("html").get_attribute("lang") == "ky"
    assert page.locator("h1").inner_text() == "Реестрди текшерүү кезеги"
    page.fill("#key", KEYS["archivist"])
    page.get_by_role("button", name="Кезекти көрсөтүү").click()
    row = page.locator("#proposed tbody tr", has_text="Токтогулов Асан")
    row.wait_for()
    assert page.locator("#status").inner_text().startswith("Жазуулар: ")
    assert "Подтвердить" not in page.locator("#proposed").inner_text()
    row.get_by_role("button", name="Ырастоо").click()
    page.wait_for_function(
        "() => !document.querySelector('#proposed tbody').textContent.includes('Токтогулов')"
    )
    r = httpx.get(
        f"{server}/api/v1/persons",
        params={"q": "Токтогулов Асан", "all": True},
        headers={"Authorization": f"Bearer {KEYS['archivist']}"},
    )
    assert [h["state"] for h in r.json()["hits"]] == ["confirmed"]
    page.close()
