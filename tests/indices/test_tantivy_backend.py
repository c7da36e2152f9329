"""The embedded backend on a real on-disk tantivy index."""

from __future__ import annotations

from pathlib import Path

import pytest

from indices.query import parse
from indices.tantivy_backend import TantivyBackend
from indices.types import Filters, IndexDoc, IndexPage

DOCS = [
    IndexDoc(1, "Решение суда", "court", "court_decision", "ru", "pdf", 2023, "2023-05-12",
             (IndexPage(1, "Свердловский районный суд города Бишкек рассмотрел дело."),
              IndexPage(2, "Решение вступает в законную силу."))),
    IndexDoc(2, "Протокол заседания", "archive", "archival_record", "ru", "image", 1937, None,
             (IndexPage(1, "Заседание военного трибунала. Судъ постановилъ."),)),
    IndexDoc(3, "Өкүм", "court", "court_decision", "ky", "docx", 2021, "2021-02-01",
             (IndexPage(1, "Кыргыз Республикасынын атынан өкүм чыгарылды."),)),
    IndexDoc(4, "Проект закона", "laws", "draft_law", "ru", "docx", None, None,
             (IndexPage(1, "Статья 1. Архивы военного времени хранятся постоянно."),)),
]


@pytest.fixture
def backend(tmp_path: Path) -> TantivyBackend:
    b = TantivyBackend(tmp_path / "index")
    b.index(DOCS)
    return b


def ids(b: TantivyBackend, q: str, filters: Filters | None = None) -> set[int]:
    res = b.search(parse(q), filters or Filters(), offset=0, limit=50, facets=False)
    return {h.id for h in res.hits}


@pytest.mark.parametrize(("q", "expected"), [
    ("суд", {1, 2}), ("суда", {1, 2}), ("трибуналом", {2}), ('"военного трибунала"', {2}),
    ('"военного времени"', {4}), ("военного", {2, 4}), ("трибун*", {2}), ("трибунла~", {2}),
    ("суд -трибунал", {1}), ("суд OR өкүм", {1, 2, 3}), ("title:решение", {1}),
    ("collection:court", {1, 3}), ("year:[1930 TO 2022]", {2, 3}), ("", {1, 2, 3, 4}),
    ("-суд", {3, 4}), ("законную силу", {1}), ("несуществующее", set()),
])
def test_queries(backend: TantivyBackend, q: str, expected: set[int]) -> None:
    assert ids(backend, q) == expected


def test_filters(backend: TantivyBackend) -> None:
    assert ids(backend, "", Filters(collection=("court",), language=("ky",))) == {3}
    assert ids(backend, "", Filters(year_from=2000)) == {1, 3}
    assert ids(backend, "", Filters(doc_type=("draft_law", "archival_record"))) == {2, 4}


def test_facets_count_the_matching_documents(backend: TantivyBackend) -> None:
    res = backend.search(parse("военного"), Filters(), offset=0, limit=10, facets=True)
    assert {(v.value, v.count) for v in res.facets["collection"]} == {("archive", 1), ("laws", 1)}
    assert [(v.value, v.count) for v in res.facets["year"]] == [("1937", 1)]


def test_pagination_and_total(backend: TantivyBackend) -> None:
    first = backend.search(parse(""), Filters(), offset=0, limit=3, facets=False)
    rest = backend.search(parse(""), Filters(), offset=3, limit=3, facets=False)
    assert first.total == rest.total == 4
    assert len(first.hits) == 3 and len(rest.hits) == 1
    assert {h.id for h in first.hits} | {h.id for h in rest.hits} == {1, 2, 3, 4}


def test_pages_index_finds_hit_pages(backend: TantivyBackend) -> None:
    hits = backend.pages(parse("силу"), [1, 2], limit=10)
    assert [(h.doc_id, h.number) for h in hits] == [(1, 2)]


def test_reindexing_replaces_and_survives_reopen(backend: TantivyBackend, tmp_path: Path) -> None:
    backend.index(DOCS[:1])
    reopened = TantivyBackend(tmp_path / "index")
    assert reopened.count() == 4
    assert ids(reopened, "суд") == {1, 2}
    reopened.delete([2])
    assert ids(TantivyBackend(tmp_path / "index"), "суд") == {1}
