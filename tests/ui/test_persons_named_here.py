"""«Persons named here» (issue #16, item 5): document search and the document page offer the
published registry records whose sources cite the document.

Documents go through the real pipeline (intake, extraction, enrich with its person
proposals, the search index). The public sees published records only, and only for a
document it may read; a court act names no registry persons even when an archivist has run
the on-demand extraction on it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser
from rich.console import Console
from rich.progress import Progress
from sqlalchemy import select

from cli.actions import ingest_files
from core.auth import ANONYMOUS, Caller, Role, create_key
from core.models import Collection, Document, Person, PersonSource
from core.settings import Settings
from indices.context import AppContext
from persons import registry
from server.app import create_app
from service.persons import named_counts
from tests.ui.conftest import serving

# One document of an archival collection: a protocol extract naming two persons. Жумабаев
# is published, Касымов stays proposed (an archivist has not confirmed him).
ARCHIVE = (
    "Выписка из протокола заседания тройки НКВД Киргизской ССР от 4 ноября 1937 г.\n\n"
    "ЖУМАБАЕВ Асан, 1882 г. р., уроженец с. Кочкорка, киргиз, учитель. "
    "Арестован 15 августа 1937 г. Расстрелян 9 ноября 1937 г.\n\n"
    "КАСЫМОВ Эсенгул, 1900 г. р., уроженец с. Ат-Баши, киргиз, колхозник. "
    "Арестован 20 августа 1937 г. Осужден к 10 годам ИТЛ.\n"
)
# Documents the public may not read, each naming a published person.
RESTRICTED = (
    "Выписка из протокола заседания тройки НКВД Киргизской ССР от 2 декабря 1937 г.\n\n"
    "ТОКТОГУЛОВ Бейше, 1895 г. р., уроженец с. Талас, киргиз, счетовод. "
    "Арестован 1 октября 1937 г. Расстрелян 5 декабря 1937 г.\n"
)
WITHDRAWN = (
    "Выписка из протокола заседания тройки НКВД Киргизской ССР от 7 декабря 1937 г.\n\n"
    "ОСМОНОВ Курман, 1889 г. р., уроженец с. Кара-Кол, киргиз, кузнец. "
    "Арестован 3 октября 1937 г. Расстрелян 11 декабря 1937 г.\n"
)
# A court act whose raw text happens to read like a memorial entry: its parties' names
# must never be offered beside it, whatever the registry holds.
COURT = (
    "ПРИГОВОР. Свердловский районный суд города Бишкек рассмотрел дело о краже.\n\n"
    "ИСАКОВ Шабдан, 1874 г. р., уроженец с. Нарын, пенсионер. "
    "Арестован 12 мая 1937 г. Расстрелян 20 мая 1937 г.\n"
)


@dataclass
class Corpus:
    settings: Settings
    docs: dict[str, int]  # archive, restricted, withdrawn, court
    persons: dict[str, int]  # surname → record id
    researcher: str  # an API key that may read restricted collections


def _ingest(ctx: AppContext, root: Path, name: str, text: str, collection: str, kind: str) -> int:
    folder = root / name
    folder.mkdir()
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    console = Console(file=io.StringIO())
    progress = lambda: Progress(console=console)  # noqa: E731
    ok = ingest_files(ctx, [folder], collection, kind=kind, progress=progress, out=console)
    assert ok, console.file.getvalue()  # type: ignore[attr-defined]
    with ctx.db.session() as s:
        return s.scalars(select(Document.id).where(Document.original_name == f"{name}.txt")).one()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    root = tmp_path_factory.mktemp("named-here")
    settings = Settings(data_dir=root / "data", workers=1)
    ctx = AppContext.create(settings)
    try:
        docs = {
            "archive": _ingest(ctx, root, "archive", ARCHIVE, "arch", "archive"),
            "restricted": _ingest(ctx, root, "restricted", RESTRICTED, "closed", "archive"),
            "withdrawn": _ingest(ctx, root, "withdrawn", WITHDRAWN, "arch", "archive"),
            "court": _ingest(ctx, root, "court", COURT, "courts", "court"),
        }
        with ctx.db.session() as s:
            s.query(Collection).filter_by(name="closed").one().access = "restricted"
            s.get_one(Document, docs["withdrawn"]).state = "withdrawn"
            # the on-demand extraction (POST /persons/extract/{id}) runs on any document
            registry.propose_from_document(s, docs["court"])
            s.flush()
            persons = {p.surname: p.id for p in s.query(Person).all()}
            for surname in ("Жумабаев", "Токтогулов", "Осмонов", "Исаков"):
                s.get_one(Person, persons[surname]).state = "published"
        researcher = create_key(ctx, Role.RESEARCHER).key
    finally:
        ctx.close()
    assert set(persons) == {"Жумабаев", "Касымов", "Токтогулов", "Осмонов", "Исаков"}
    yield Corpus(settings, docs, persons, researcher)


@pytest.fixture(scope="module")
def site(corpus: Corpus) -> Iterator[str]:
    with serving(corpus.settings) as url:
        yield url


@pytest.fixture()
def client(corpus: Corpus) -> Iterator[TestClient]:
    ctx = AppContext.create(corpus.settings)
    try:
        with TestClient(create_app(ctx)) as c:
            yield c
    finally:
        ctx.close()


@pytest.mark.browser
def test_search_hit_offers_the_published_persons_named_in_it(
    site: str, corpus: Corpus, browser: Browser
) -> None:
    doc = corpus.docs["archive"]
    page = browser.new_page()
    page.goto(f"{site}/?q=Кочкорка")
    hit = page.locator("article.hit", has=page.locator(f"a[href^='/documents/{doc}?']"))
    link = hit.locator("p.persons-named a")
    assert link.inner_text() == "Лица в документе: 1"  # Касымов is only proposed
    link.click()
    page.wait_for_url(f"**/persons?document_id={doc}")
    assert page.locator("h2.named-in").inner_text() == f"Лица, упомянутые в документе №{doc}"
    names = page.locator("ol.hits li a strong").all_inner_texts()
    assert names == ["Жумабаев Асан"]
    assert "Касымов" not in page.content()

    page.click("text=← к документу")
    page.wait_for_url(f"**/documents/{doc}")
    section = page.locator("section.persons-named")
    assert section.locator("h2").inner_text() == "Лица, упомянутые в документе"
    items = section.locator("li").all_inner_texts()
    assert items == ["Жумабаев Асан 1882–1937"]
    assert "Касымов" not in section.inner_text()
    assert section.locator("a.named-all").count() == 0  # one person: the list is all of it
    section.locator("a", has_text="Жумабаев Асан").click()
    page.wait_for_url(f"**/persons/{corpus.persons['Жумабаев']}")
    assert page.locator("h1").inner_text() == "Жумабаев Асан"

    page.goto(f"{site}/persons?document_id={doc}&lang=ky")
    assert page.locator("h2.named-in").inner_text() == f"№{doc} документте аталган адамдар"
    assert page.locator("ol.hits li a strong").all_inner_texts() == ["Жумабаев Асан"]
    page.close()


@pytest.mark.browser
def test_a_court_act_offers_no_persons(site: str, corpus: Corpus, browser: Browser) -> None:
    """A published registry record cites the court act (the on-demand extraction ran on
    it), yet neither its search hit nor its page names anyone."""
    doc = corpus.docs["court"]
    page = browser.new_page()
    page.goto(f"{site}/?q=пенсионер")
    hit = page.locator("article.hit", has=page.locator(f"a[href^='/documents/{doc}?']"))
    assert hit.count() == 1
    assert hit.locator("p.persons-named").count() == 0
    page.goto(f"{site}/documents/{doc}")
    assert page.locator("h1").count() == 1
    assert page.locator("section.persons-named").count() == 0
    page.goto(f"{site}/persons?document_id={doc}")
    assert page.locator("ol.hits li a").count() == 0
    api = httpx.get(f"{site}/api/v1/persons", params={"document_id": doc}).json()
    assert (api["total"], api["hits"]) == (0, [])
    hits = httpx.get(f"{site}/api/v1/search", params={"q": "пенсионер"}).json()["hits"]
    assert [h["persons_named"] for h in hits if h["id"] == doc] == [0]
    page.close()


@pytest.mark.parametrize("which", ["restricted", "withdrawn"])
def test_a_document_the_public_may_not_read_shows_no_persons(
    client: TestClient, corpus: Corpus, which: str
) -> None:
    doc = corpus.docs[which]
    surname = {"restricted": "Токтогулов", "withdrawn": "Осмонов"}[which]
    for url in (f"/persons?document_id={doc}", f"/documents/{doc}"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert surname not in r.text
    r = client.get("/api/v1/persons", params={"document_id": doc})
    assert r.status_code == 404 and surname not in r.text
    # nor is it counted: the count query keeps the documents the caller may read
    ctx = AppContext.create(corpus.settings)
    try:
        with ctx.db.session() as s:
            assert named_counts(s, [doc, corpus.docs["archive"]], ANONYMOUS) == {
                corpus.docs["archive"]: 1
            }
            reader = Caller(role=Role.RESEARCHER)
            expected = {"restricted": {doc: 1}, "withdrawn": {}}[which]
            assert named_counts(s, [doc], reader) == expected
    finally:
        ctx.close()


def test_a_researcher_sees_the_count_of_a_restricted_document_in_api_search(
    client: TestClient, corpus: Corpus
) -> None:
    doc = corpus.docs["restricted"]
    public = client.get("/api/v1/search", params={"q": "счетовод"}).json()
    assert doc not in [h["id"] for h in public["hits"]]
    auth = {"Authorization": f"Bearer {corpus.researcher}"}
    hits = client.get("/api/v1/search", params={"q": "счетовод"}, headers=auth).json()["hits"]
    assert [h["persons_named"] for h in hits if h["id"] == doc] == [1]
    r = client.get("/api/v1/persons", params={"document_id": doc}, headers=auth)
    assert [p["name"] for p in r.json()["hits"]] == ["Токтогулов Бейше"]


def test_the_document_page_lists_fifty_and_links_to_the_rest(
    client: TestClient, corpus: Corpus
) -> None:
    """A long list (a troika protocol can name hundreds) shows the first 50 by name."""
    ctx = AppContext.create(corpus.settings)
    try:
        with ctx.db.session() as s:
            doc = s.get_one(Document, corpus.docs["archive"])
            for i in range(55):
                p = Person(surname=f"Яковлев{i:02d}", given="Иван", state="published")
                s.add(p)
                s.flush()
                s.add(PersonSource(person_id=p.id, document_id=doc.id, page=1, field="name"))
        html = client.get(f"/documents/{corpus.docs['archive']}").text
        section = re.search(r'<section class="persons-named".*?</section>', html, re.S)
        assert section is not None
        assert section.group(0).count("<li>") == 50
        assert f'href="/persons?document_id={corpus.docs["archive"]}">весь список (56) →' in (
            section.group(0)
        )
        listed = client.get(f"/persons?document_id={corpus.docs['archive']}&page=3").text
        assert "Яковлев54" in listed and "Найдено записей: 56" in listed
    finally:
        with ctx.db.session() as s:
            for p in s.query(Person).filter(Person.surname.like("Яковлев%")).all():
                s.query(PersonSource).filter_by(person_id=p.id).delete()
                s.delete(p)
        ctx.close()
