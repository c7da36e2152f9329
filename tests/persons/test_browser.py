"""The registry pages in Debian's chromium: search by a Latin spelling, open the person."""

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
from playwright.sync_api import Browser, sync_playwright

from core.auth import Role, create_key
from core.context import AppContext
from core.models import Person, PersonSource
from core.settings import Settings
from persons import registry
from persons.index import TantivyPersons

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


KEYS: dict[str, str] = {}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("persons-ui") / "data"
    settings = Settings(data_dir=data)
    ctx = AppContext.create(settings)
    with ctx.db.session() as s:
        for surname, given, year, state in (("Исаков", "Шабдан", 1874, "published"),
                                            ("Жумабаев", "Асан", 1882, "published"),
                                            ("Касымов", "Эсенгул", 1900, "proposed")):
            p = Person(surname=surname, given=given, birth_year=year, state=state,
                       sentence="death")
            s.add(p)
            s.flush()
            s.add(PersonSource(person_id=p.id, origin_person_id=p.id, field="name",
                               value=f"{surname} {given}", quote=surname.upper() + " " + given,
                               archival_ref="Ф. 1. Оп. 1. Д. 1"))
        s.flush()
        index = TantivyPersons(settings.index_dir / "persons")
        index.index([registry.to_doc(p, s) for p in s.query(Person).all()])
    KEYS["archivist"] = create_key(ctx, Role.ARCHIVIST).key
    ctx.close()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "core.cli", "--data-dir", str(data),
                             "serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env={**os.environ})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not answer")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: make test installs it"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


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
    for q, first in (("Isakov Shabdan", "Исаков Шабдан"), ("Ƶumabaev Asan", "Жумабаев Асан"),
                     ("Шабдан Исак уулу", "Исаков Шабдан")):
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
        "() => !document.querySelector('#proposed tbody').textContent.includes('Касымов')")
    pid = row.get_attribute("data-id") if row.count() else None
    assert pid is None  # gone from the queue
    r = httpx.get(f"{server}/api/v1/persons", params={"q": "Касымов Эсенгул", "all": True},
                  headers={"Authorization": f"Bearer {KEYS['archivist']}"})
    assert [h["state"] for h in r.json()["hits"]] == ["confirmed"]
    page.close()
