"""«Persons named here» (issue #16, item 5) to the public: published records only, only for
a document it may read, and none beside a court act; the document page lists 50. The corpus
is ingested through the real pipeline (tests/persons/named_corpus.py); the browser side is
tests/ui/test_persons_named_here_browser.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from core.auth import ANONYMOUS, Caller, Role, create_key
from core.models import Person, PersonSource
from indices.context import AppContext
from server.app import create_app
from service.persons import named_counts, named_here
from tests.persons.named_corpus import Corpus, build_corpus


@pytest.fixture()
def corpus(tmp_path: Path) -> Corpus:
    return build_corpus(tmp_path)


@pytest.fixture()
def client(corpus: Corpus) -> Iterator[TestClient]:
    ctx = AppContext.create(corpus.settings)
    try:
        with TestClient(create_app(ctx)) as c:
            yield c
    finally:
        ctx.close()


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


def test_a_court_act_names_no_persons(client: TestClient, corpus: Corpus) -> None:
    """A published record cites the court act (the on-demand extraction ran on it): the
    archivist's list shows it, yet the public gets no count, no list and no section."""
    doc = corpus.docs["court"]
    ctx = AppContext.create(corpus.settings)
    try:
        with ctx.db.session() as s:
            archivist = Caller(role=Role.ARCHIVIST)
            _, rows = named_here(s, doc, archivist, everything=True)
            assert [(p.surname, p.state) for p in rows] == [("Исаков", "published")]
            assert named_counts(s, [doc], ANONYMOUS) == {}
            assert named_counts(s, [doc], Caller(role=Role.ADMIN)) == {}
    finally:
        ctx.close()
    hits = client.get("/api/v1/search", params={"q": "пенсионер"}).json()["hits"]
    assert [h["persons_named"] for h in hits if h["id"] == doc] == [0]
    api = client.get("/api/v1/persons", params={"document_id": doc}).json()
    assert (api["total"], api["hits"]) == (0, [])
    page = client.get(f"/documents/{doc}")
    assert page.status_code == 200 and 'class="persons-named"' not in page.text
    listed = client.get(f"/persons?document_id={doc}").text
    assert f'href="/persons/{corpus.persons["Исаков"]}' not in listed
    assert "Найдено записей: 0" in listed


def test_the_document_page_lists_fifty_and_links_to_the_rest(
    client: TestClient, corpus: Corpus
) -> None:
    """A long list (a troika protocol can name hundreds) shows the first 50 by name."""
    doc = corpus.docs["archive"]
    ctx = AppContext.create(corpus.settings)
    try:
        with ctx.db.session() as s:
            for i in range(55):
                p = Person(surname=f"Яковлев{i:02d}", given="Иван", state="published")
                s.add(p)
                s.flush()
                s.add(PersonSource(person_id=p.id, document_id=doc, page=1, field="name"))
    finally:
        ctx.close()
    html = client.get(f"/documents/{doc}").text
    section = re.search(r'<section class="persons-named".*?</section>', html, re.S)
    assert section is not None
    assert section.group(0).count("<li>") == 50
    assert f'href="/persons?document_id={doc}">весь список (56) →' in section.group(0)
    listed = client.get(f"/persons?document_id={doc}&page=3").text
    assert "Яковлев54" in listed and "Найдено записей: 56" in listed
    hits = client.get("/api/v1/search", params={"q": "Кочкорка"}).json()["hits"]
    assert [h["persons_named"] for h in hits if h["id"] == doc] == [56]


def test_extraction_refuses_a_court_act(client: TestClient, corpus: Corpus) -> None:
    """The on-demand extraction reads a document's raw page text: on a court act that is
    the text before depersonification, so it is refused (422) and proposes no one."""
    ctx = AppContext.create(corpus.settings)
    try:
        key = create_key(ctx, Role.ARCHIVIST).key
        with ctx.db.session() as s:
            before = s.query(PersonSource).count()
    finally:
        ctx.close()
    court = corpus.docs["court"]
    r = client.post(f"/api/v1/persons/extract/{court}", headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 422 and "не из архивной коллекции" in r.json()["detail"]
    ok = client.post(
        f"/api/v1/persons/extract/{corpus.docs['archive']}",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert ok.status_code == 200
    ctx = AppContext.create(corpus.settings)
    try:
        with ctx.db.session() as s:
            assert s.query(PersonSource).count() == before  # archive pages: read at ingest
    finally:
        ctx.close()
