"""The persons index: the same answers from tantivy and OpenSearch (conformance)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from persons.index import (
    OpenSearchPersons,
    PersonDoc,
    PersonFilters,
    PersonSearch,
    TantivyPersons,
)
from persons.types import PersonFacts, SentenceKind


def _doc(
    i: int, surname: str, given: str, year: int, state: str = "published", **kw: object
) -> PersonDoc:
    return PersonDoc(i, PersonFacts(surname=surname, given=given, birth_year=year, **kw), state)  # type: ignore[arg-type]


DOCS = [
    _doc(
        1,
        "Исаков",
        "Шабдан",
        1874,
        father="Исак",
        arrest_date="1937-11-10",
        sentenced_by="тройка НКВД Киргизской ССР",
        sentence=SentenceKind.DEATH,
        birthplace="г. Ош",
    ),
    _doc(
        2,
        "Ысаков",
        "Шабдан",
        1880,
        arrest_date="1938-01-02",
        sentenced_by="Особое совещание при НКВД СССР",
        sentence=SentenceKind.CAMP,
        camp_years=10,
        rehabilitation_date="1958-01-01",
        birthplace="с. Нарын",
    ),
    _doc(
        3,
        "Исакова",
        "Бүбүсара",
        1888,
        arrest_date="1937-05-19",
        sentenced_by="тройка НКВД Киргизской ССР",
        sentence=SentenceKind.DEATH,
    ),
    _doc(4, "Джумабаев", "Асан", 1882, arrest_date="1933-04-15"),
    _doc(5, "Жумабаев", "Асан", 1890, arrest_date="1937-04-15"),
    _doc(6, "Дүйшөев", "Торокул", 1911, patronymic=None),
    _doc(7, "Зайцев", "Григорий", 1913, patronymic="Николаевич"),
    _doc(8, "Касымов", "Эсенгул", 1900, state="proposed"),
]


@pytest.fixture(params=["tantivy", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[PersonSearch]:
    b: PersonSearch
    if request.param == "tantivy":
        b = TantivyPersons(tmp_path / "persons")
    else:
        url = request.getfixturevalue("search_node_url")
        b = OpenSearchPersons(url, prefix=f"achyk-test-p{uuid.uuid4().hex[:8]}")
    b.index(DOCS)
    yield b
    if isinstance(b, OpenSearchPersons):
        b.client.indices.delete(index=b.name, ignore_unavailable=True)
    b.close()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Исаков Шабдан", [1, 2]),  # exact spelling first
        ("Ысаков Шабдан", [2, 1]),
        ("Жумабаев Асан", [5, 4]),
        ("Джумабаев Асан", [4, 5]),
        ("Шабдан Исак уулу", [1, 2]),
        ("Isakov Shabdan", [1, 2]),
        ("Dyjşɵev Torokul", [6]),
        ("Зайцева Григорий", [7]),
        ("Зайцев Г.Н.", [7]),
        ("Исаковой Bybysara", [3]),
        ("Дуйшеев Торокул", [6]),  # one letter off (OCR)
    ],
)
def test_same_ranking_in_both_engines(backend: PersonSearch, q: str, expected: list[int]) -> None:
    hits = [i for i, _ in backend.search(q, PersonFilters()).hits]
    assert hits[: len(expected)] == expected


def test_unpublished_records_are_not_public(backend: PersonSearch) -> None:
    assert backend.search("Касымов Эсенгул", PersonFilters()).hits == []
    hits = backend.search("Касымов Эсенгул", PersonFilters(public_only=False)).hits
    assert [i for i, _ in hits] == [8]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (PersonFilters(birth_year_from=1875, birth_year_to=1885), [2]),
        (PersonFilters(arrest_year_from=1937, arrest_year_to=1937), [1]),
        (PersonFilters(sentence="camp"), [2]),
        (PersonFilters(rehabilitated=True), [2]),
        (PersonFilters(rehabilitated=False), [1]),
        (PersonFilters(sentenced_by="тройка НКВД Киргизской ССР"), [1]),
        (PersonFilters(region="Ош"), [1]),
    ],
)
def test_filters(backend: PersonSearch, filters: PersonFilters, expected: list[int]) -> None:
    assert [i for i, _ in backend.search("Исаков Шабдан", filters).hits] == expected


def test_facets_and_total_and_delete(backend: PersonSearch) -> None:
    r = backend.search("", PersonFilters())
    assert r.total == 7
    assert r.facets["sentence"] == {"death": 2, "camp": 1}
    assert r.facets["rehabilitated"] == {"yes": 1, "no": 6}
    backend.delete([1])
    assert [i for i, _ in backend.search("Исаков Шабдан", PersonFilters()).hits] == [2]


def test_any_word_when_no_record_has_every_word(backend: PersonSearch) -> None:
    hits = [i for i, _ in backend.search("Исаковой Сагынбай", PersonFilters()).hits]
    assert hits == [1, 2, 3]
