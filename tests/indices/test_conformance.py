"""One suite, both backends: the same corpus and query give the same hits, facets and marks.

Every case runs on the embedded tantivy index and on a real OpenSearch node. Expected
values are written out, so a backend cannot pass by agreeing with a wrong twin; the
cross-backend cases at the end compare the two on a generated corpus as well. A case
that fails on one backend only is a bug in that backend, never a case to skip.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.models import Document
from core.types import DocState
from indices.base import MAX_WINDOW, SearchBackend
from indices.context import AppContext
from indices.query import parse
from indices.types import Filters, IndexDoc, IndexPage, Sort
from ingest.reindex import reindex
from service.search import SearchParams, search
from tests.indices.conftest import BACKENDS, OpenBackend, backend_settings, store_published
from tests.indices.samples import ALL, DOCS


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppContext]:
    """A context whose backend holds DOCS, shared by the read-only cases of this module."""
    settings = backend_settings(
        request, request.param, tmp_path_factory.mktemp(request.param) / "data"
    )
    ctx = AppContext.create(settings)
    store_published(ctx, DOCS)
    ctx.search.index(DOCS)
    yield ctx
    ctx.close()


@pytest.fixture(params=BACKENDS)
def fresh(request: pytest.FixtureRequest, open_backend: OpenBackend) -> SearchBackend:
    """An empty backend with DOCS just indexed, for cases that write."""
    b = open_backend(request.param)
    b.index(DOCS)
    return b


def ids(b: SearchBackend, q: str, filters: Filters | None = None) -> set[int]:
    res = b.search(parse(q), filters or Filters(), offset=0, limit=50, facets=False)
    assert res.total == len(res.hits)
    return {h.id for h in res.hits}


QUERIES: list[tuple[str, set[int]]] = [
    # words: every inflected form, folded spellings (ё, ъ, ѣ), Kyrgyz stand-ins
    ("суд", {1, 2, 7}),
    ("суда", {1, 2, 7}),
    ("Судом", {1, 2, 7}),
    ("трибуналом", {2}),
    ("осуждён", {5}),
    ("осужден", {5}),
    ("член", {5}),
    ("селе", {5}),
    ("елки", {5}),
    ("ёлка", {5}),
    ("өкүм", {3, 6}),
    ("мыйзамдың", {6}),
    ("жалобу", {7}),
    ("жалоба", {7}),
    ("решение", {1, 7}),
    ("военного", {2, 4}),
    ("несуществующее", set()),
    ("законную силу", {1}),
    ("58-10", {5}),
    ("58", {5}),
    ("РСФСР", {5}),
    # phrases: exact forms, adjacent, in order
    ('"военного трибунала"', {2}),
    ('"военного времени"', {4}),
    ('"трибунала военного"', set()),
    ('"военный трибунал"', set()),
    ('"ели во дворе"', {5}),
    ('"мыйзамдыҥ долбоору"', {6}),
    ('"судъ постановилъ"', {2}),
    ('"член артели"', {5}),
    ('"артели красный"', {5}),
    # prefixes and fuzzy terms on exact forms
    ("трибун*", {2}),
    ("трибу*", {2}),
    ("кассац*", {7}),
    ("58*", {5}),
    ("өк*", {3, 6}),
    ("трибунла~", {2}),
    ("трибунал~1", {2}),
    ("трбнала~2", {2}),
    ("сд~1", {1, 2, 5, 7}),
    ("суд~", {1, 2, 7}),
    ("кассационой~1", {7}),
    ("решенье~1", {1, 7}),
    # boolean structure
    ("суд -трибунал", {1, 7}),
    ("-суд", {3, 4, 5, 6}),
    ("NOT суд", {3, 4, 5, 6}),
    ("суд OR өкүм", {1, 2, 3, 6, 7}),
    ("суд AND решение", {1, 7}),
    ("(суд OR приговор) -решение", {2, 5}),
    ("суд -решение -трибунал", set()),
    ('"законную силу" OR приговор', {1, 5}),
    # fields
    ("title:решение", {1}),
    ("title:өкүм", {3}),
    ("text:приговор", {5}),
    ("title:приговор", {5}),
    ("заголовок:протокол", {2}),
    ("collection:court", {1, 3, 7}),
    ("коллекция:(laws OR archive)", {2, 4, 5, 6}),
    ("язык:ky", {3, 6}),
    ("format:rtf", {7}),
    ("формат:(pdf OR rtf)", {1, 7}),
    ("year:[1930 TO 2022]", {2, 3, 5}),
    ("year:2023", {1, 7}),
    ("год:[* TO 1937]", {2}),
    ("id:[2 TO 3]", {2, 3}),
    ("(суд OR трибунал) year:1937", {2}),
    ("collection:court суд", {1, 7}),
    ("", ALL),
]


@pytest.mark.parametrize(("q", "expected"), QUERIES)
def test_queries(loaded: AppContext, q: str, expected: set[int]) -> None:
    assert ids(loaded.search, q) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(collection=("court",), language=("ky",)), {3}),
        (Filters(year_from=2000), {1, 3, 6, 7}),
        (Filters(year_to=1937), {2}),
        (Filters(year_from=1937, year_to=1938), {2, 5}),
        (Filters(doc_type=("draft_law", "archival_record")), {2, 4, 5, 6}),
        (Filters(format=("docx",), language=("ru",)), {4}),
        (Filters(ids=(1, 5, 99)), {1, 5}),
        (Filters(collection=("nothing",)), set()),
    ],
)
def test_filters(loaded: AppContext, filters: Filters, expected: set[int]) -> None:
    assert ids(loaded.search, "", filters) == expected


def order(b: SearchBackend, q: str, sort: Sort, filters: Filters | None = None) -> list[int]:
    res = b.search(parse(q), filters or Filters(), offset=0, limit=50, facets=False, sort=sort)
    return [h.id for h in res.hits]


# Dates of DOCS: 1 2023-05-12, 2 only 1937, 3 2021-02-01, 4 none, 5 1938-03-12,
# 6 2024-01-10, 7 only 2023 (a year alone counts as 1 January); 4 has no date: last.
@pytest.mark.parametrize(
    ("q", "sort", "expected"),
    [
        ("", Sort.DATE_ASC, [2, 5, 3, 7, 1, 6, 4]),
        ("", Sort.DATE_DESC, [6, 1, 7, 3, 5, 2, 4]),
        # folded and lowercased, bytewise: the untitled first, Kyrgyz letters after я
        ("", Sort.TITLE, [7, 6, 5, 4, 2, 1, 3]),
        ("суд", Sort.DATE_ASC, [2, 7, 1]),
        ("суд", Sort.DATE_DESC, [1, 7, 2]),
        ("суд", Sort.TITLE, [7, 2, 1]),
    ],
)
def test_sorts(loaded: AppContext, q: str, sort: Sort, expected: list[int]) -> None:
    assert order(loaded.search, q, sort) == expected


def test_sorted_pages_continue_each_other(loaded: AppContext) -> None:
    for sort in (Sort.DATE_ASC, Sort.DATE_DESC, Sort.TITLE):
        whole = order(loaded.search, "", sort)
        paged = [
            h.id
            for offset in (0, 3, 6)
            for h in loaded.search.search(
                parse(""), Filters(), offset=offset, limit=3, facets=False, sort=sort
            ).hits
        ]
        assert paged == whole, sort


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(date_from=dt.date(1938, 1, 1), date_to=dt.date(2023, 1, 1)), {3, 5, 7}),
        (Filters(date_from=dt.date(2023, 1, 2)), {1, 6}),
        (Filters(date_to=dt.date(1937, 12, 31)), {2}),
        (Filters(date_from=dt.date(2023, 5, 12), date_to=dt.date(2023, 5, 12)), {1}),
    ],
)
def test_date_range(loaded: AppContext, filters: Filters, expected: set[int]) -> None:
    assert ids(loaded.search, "", filters) == expected


def test_year_histogram_follows_query_and_filters(loaded: AppContext) -> None:
    def years(q: str, filters: Filters | None = None) -> list[tuple[str, int]]:
        raw = loaded.search.search(parse(q), filters or Filters(), offset=0, limit=1, facets=True)
        return [(v.value, v.count) for v in raw.years]

    assert years("") == [("1937", 1), ("1938", 1), ("2021", 1), ("2023", 2), ("2024", 1)]
    assert years("суд") == [("1937", 1), ("2023", 2)]
    assert years("", Filters(date_from=dt.date(2023, 1, 2))) == [("2023", 1), ("2024", 1)]


def test_filters_apply_to_queries(loaded: AppContext) -> None:
    assert ids(loaded.search, "суд", Filters(collection=("archive",))) == {2}
    assert ids(loaded.search, "суд OR өкүм", Filters(language=("ky",))) == {3, 6}


def facets(
    b: SearchBackend, q: str, filters: Filters | None = None
) -> dict[str, list[tuple[str, int]]]:
    res = b.search(parse(q), filters or Filters(), offset=0, limit=1, facets=True)
    return {k: [(v.value, v.count) for v in vs] for k, vs in res.facets.items()}


def test_facets_count_every_matching_document(loaded: AppContext) -> None:
    assert facets(loaded.search, "") == {
        "collection": [("court", 3), ("archive", 2), ("laws", 2)],
        "doc_type": [("court_decision", 3), ("archival_record", 2), ("draft_law", 2)],
        "language": [("ru", 4), ("ky", 2)],  # "" is not a value
        "format": [("docx", 2), ("image", 2), ("pdf", 1), ("rtf", 1), ("txt", 1)],
        "year": [("2023", 2), ("1937", 1), ("1938", 1), ("2021", 1), ("2024", 1)],
        "court": [
            ("Верховный суд", 1),
            ("Октябрь райондук соту", 1),
            ("Свердловский районный суд", 1),
        ],
        "instance": [("first", 2), ("cassation", 1)],
        "category": [("criminal", 2), ("civil", 1)],
        "outcome": [("convicted", 1), ("granted", 1), ("upheld", 1)],
        "norm": [
            ("uk-kr-2021", 2),
            ("uk-kr-2021/168", 2),
            ("gpk-kr-2017", 1),
            ("gpk-kr-2017/200", 1),
            ("uk-kr-2021/168/1", 1),
            ("uk-kr-2021/168/2", 1),
            ("uk-rsfsr-1926", 1),
            ("uk-rsfsr-1926/58-10", 1),
        ],
    }


@pytest.mark.parametrize(
    ("q", "filters", "expected"),
    [
        ("norm:uk-kr-2021/168", None, {3, 7}),
        ('norm:"ч. 2 ст. 168 УК КР"', None, {3}),
        ("norm:uk-kr-2021", None, {3, 7}),
        ("norm:uk-rsfsr-1926/58-10", None, {5}),
        ("", Filters(norm=("uk-kr-2021/168",), outcome=("upheld",)), {7}),
        ("", Filters(court=("Верховный суд", "Свердловский районный суд")), {1, 7}),
        ("outcome:convicted OR category:civil", None, {1, 3}),
        ("instance:cassation", None, {7}),
        # search within a fond, an opis, a delo (the `archive` field holds all three)
        ("", Filters(archive=("1254",)), {2, 5}),
        ("суд", Filters(archive=("1254/1",)), {2}),
        ("", Filters(archive=("1254/1/240",)), {5}),
        ("", Filters(archive=("1254/1/24",)), set()),
        ('archive:"1254/1/237"', None, {2}),
    ],
)
def test_norm_and_case_filters(
    loaded: AppContext, q: str, filters: Filters | None, expected: set[int]
) -> None:
    assert ids(loaded.search, q, filters or Filters()) == expected


def test_hits_carry_norms_and_case_fields(loaded: AppContext) -> None:
    hit = next(
        h
        for h in loaded.search.search(
            parse("norm:uk-kr-2021/168/1"), Filters(), offset=0, limit=5, facets=False
        ).hits
    )
    assert hit.fields["norm"] == ["uk-kr-2021", "uk-kr-2021/168", "uk-kr-2021/168/1"]
    assert (hit.fields["court"], hit.fields["outcome"]) == ("Верховный суд", "upheld")


def test_facets_follow_query_and_filters(loaded: AppContext) -> None:
    got = facets(loaded.search, "военного")
    assert got["collection"] == [("archive", 1), ("laws", 1)]
    assert got["year"] == [("1937", 1)]
    got = facets(loaded.search, "суд", Filters(year_from=2000))
    assert got["collection"] == [("court", 2)] and got["language"] == [("ru", 1)]
    assert facets(loaded.search, "несуществующее") == {
        k: []
        for k in (
            "collection",
            "doc_type",
            "language",
            "format",
            "court",
            "instance",
            "category",
            "outcome",
            "norm",
            "year",
        )
    }


def test_pagination_and_total(loaded: AppContext) -> None:
    b = loaded.search
    seen: list[int] = []
    for offset in (0, 3, 6):
        res = b.search(parse(""), Filters(), offset=offset, limit=3, facets=False)
        assert res.total == 7
        seen += [h.id for h in res.hits]
    assert len(seen) == 7 and set(seen) == ALL
    last = b.search(parse("суд"), Filters(), offset=2, limit=10, facets=False)
    assert last.total == 3 and len(last.hits) == 1


def test_result_window_is_bounded(loaded: AppContext) -> None:
    b = loaded.search
    res = b.search(parse(""), Filters(), offset=MAX_WINDOW + 5, limit=10, facets=True)
    assert res.total == 7 and res.hits == [] and res.facets["collection"]
    res = b.search(parse(""), Filters(), offset=MAX_WINDOW - 1, limit=50, facets=False)
    assert res.hits == []


def test_hit_fields_are_the_public_originals(loaded: AppContext) -> None:
    [hit] = loaded.search.search(parse("ёлка"), Filters(), offset=0, limit=5, facets=False).hits
    f = hit.fields
    assert (
        f["title"],
        f["collection"],
        f["doc_type"],
        f["language"],
        f["format"],
        f["year"],
        f["date"],
        f["page_count"],
    ) == (
        "Приговор по ст. 58-10 УК РСФСР",
        "archive",
        "archival_record",
        "ru",
        "image",
        1938,
        "1938-03-12",
        3,
    )
    assert f["text"] == DOCS[4].text  # unfolded: ё, ъ and ѣ as written
    [other] = loaded.search.search(
        parse("кассационной"), Filters(), offset=0, limit=5, facets=False
    ).hits
    assert other.fields["language"] == "" and other.fields["title"] == ""


@pytest.mark.parametrize(
    ("q", "doc_ids", "expected"),
    [
        ("силу", [1, 2], [(1, 2)]),
        ("приговор", [5], [(5, 2)]),
        ("ёлки OR осуждён", [5], None),
        ("title:решение", [1], []),
        ("суд", [1, 2, 7], None),
        ("суд", [], []),
    ],
)
def test_pages_that_hit(
    loaded: AppContext, q: str, doc_ids: list[int], expected: list[tuple[int, int]] | None
) -> None:
    got = [(p.doc_id, p.number) for p in loaded.search.pages(parse(q), doc_ids, limit=10)]
    if expected is not None:
        assert got == expected
    elif q == "суд":
        assert sorted(got) == [(1, 1), (2, 1), (7, 1)]
    else:
        assert sorted(got) == [(5, 1), (5, 3)]


def test_page_hit_carries_the_page_text(loaded: AppContext) -> None:
    [page] = loaded.search.pages(parse('"ели во дворе"'), [5], limit=10)
    assert page.text == "Ёлки и ели во дворе сельсовета."


MARKS = re.compile(r"<mark>(.*?)</mark>")


def marks(ctx: AppContext, q: str, **kw: object) -> dict[int, tuple[list[str], list[int]]]:
    """Per hit: the marked words of its snippets, and the numbers of its hit pages."""
    res = search(ctx, SearchParams(q=q, size=50, **kw))  # type: ignore[arg-type]
    return {
        h.id: (
            sorted({m for s in h.snippets for m in MARKS.findall(s)}),
            [p.number for p in h.pages],
        )
        for h in res.hits
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("суд", {1: (["суд"], [1]), 2: (["Судъ"], [1]), 7: (["Суд"], [1])}),
        ("трибунал", {2: (["трибунала"], [1])}),
        ('"военного трибунала"', {2: (["военного", "трибунала"], [1])}),
        ("приговор OR ёлка", {5: (["Ёлки", "Приговор"], [2, 3])}),
        ("кассац* жалоба", {7: (["жалобу", "кассационной"], [1])}),
        ("трибунла~", {2: (["трибунала"], [1])}),
        ("өкүм -мыйзамдың", {3: (["өкүм"], [1])}),
        ("title:решение", {1: ([], [])}),
    ],
)
def test_service_marks_the_same_words(
    loaded: AppContext, q: str, expected: dict[int, tuple[list[str], list[int]]]
) -> None:
    assert marks(loaded, q) == expected


def test_service_escapes_html_and_counts(loaded: AppContext) -> None:
    res = search(loaded, SearchParams(q="жалобу", size=5))
    assert res.total == 1
    assert res.hits[0].snippets == [
        "Суд кассационной инстанции оставил решение без изменения; "
        "&lt;b&gt;<mark>жалобу</mark>&lt;/b&gt; отклонил."
    ]
    assert [(b.value, b.count) for b in res.facets["collection"]] == [("court", 1)]


# -- writes --------------------------------------------------------------------------------


def test_reindexing_a_document_replaces_it(fresh: SearchBackend) -> None:
    fresh.index(DOCS[:1])
    fresh.index(DOCS[:1])  # idempotent per document id
    assert fresh.count() == 7
    changed = IndexDoc(
        1,
        "Определение",
        "court",
        "court_ruling",
        "ru",
        "pdf",
        2020,
        None,
        (IndexPage(1, "Апелляционная жалоба возвращена."),),
    )
    fresh.index([changed])
    assert fresh.count() == 7
    assert ids(fresh, "решение") == {7} and ids(fresh, "апелляционная") == {1}
    assert ids(fresh, "", Filters(doc_type=("court_ruling",))) == {1}
    assert [(p.doc_id, p.number) for p in fresh.pages(parse("силу OR жалоба"), [1], limit=10)] == [
        (1, 1)
    ]  # page 2 of the old version is gone


def test_a_shorter_version_drops_stale_pages(fresh: SearchBackend) -> None:
    shorter = IndexDoc(
        5, DOCS[4].title, "archive", "archival_record", "ru", "image", 1938, None, DOCS[4].pages[:1]
    )
    fresh.index([shorter])
    assert fresh.pages(parse("приговор OR ёлки"), [5], limit=10) == []
    assert ids(fresh, "ёлки") == set() and ids(fresh, "осуждён") == {5}


def test_documents_without_pages(fresh: SearchBackend) -> None:
    fresh.index(
        [IndexDoc(8, "Опись дел", "archive", "archival_record", "ru", "image", 1939, None, ())]
    )
    assert ids(fresh, "опись") == {8} and fresh.pages(parse("опись"), [8], limit=5) == []
    fresh.index([dataclasses.replace(DOCS[0], pages=())])
    assert ids(fresh, "свердловский") == set() and ids(fresh, "title:решение") == {1}
    assert fresh.pages(parse("суд OR силу"), [1], limit=5) == []


def test_delete_and_clear(fresh: SearchBackend) -> None:
    fresh.delete([2, 5, 404])
    assert fresh.count() == 5
    assert ids(fresh, "суд") == {1, 7}
    assert fresh.pages(parse("приговор OR трибунал"), [2, 5], limit=10) == []
    fresh.delete([])
    fresh.clear()
    assert fresh.count() == 0 and ids(fresh, "") == set()
    fresh.index(DOCS[:2])
    assert ids(fresh, "суд") == {1, 2}


def test_rebuild_swaps_in_a_fresh_index(fresh: SearchBackend) -> None:
    fresh.rebuild(iter(DOCS[2:5]))
    assert fresh.count() == 3
    assert ids(fresh, "") == {3, 4, 5} and ids(fresh, "суд") == set()
    assert [(p.doc_id, p.number) for p in fresh.pages(parse("приговор"), [5], limit=5)] == [(5, 2)]
    fresh.index(DOCS[:1])  # writes go to the new index
    assert ids(fresh, "суд") == {1}
    fresh.rebuild(iter([]))
    assert fresh.count() == 0


def test_a_failed_rebuild_changes_nothing(fresh: SearchBackend) -> None:
    def broken() -> Iterator[IndexDoc]:
        yield from DOCS[:2]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="went away"):
        fresh.rebuild(broken())
    assert fresh.count() == 7 and ids(fresh, "суд") == {1, 2, 7}
    fresh.index(DOCS[:1])
    assert fresh.count() == 7


@pytest.mark.parametrize("kind", BACKENDS)
def test_reindex_rebuilds_from_the_records(
    request: pytest.FixtureRequest, kind: str, tmp_path: Path
) -> None:
    ctx = AppContext.create(backend_settings(request, kind, tmp_path / "data"))
    try:
        store_published(ctx, DOCS)
        stray = IndexDoc(
            99,
            "Нет в базе",
            "court",
            "court_decision",
            "ru",
            "pdf",
            2000,
            None,
            (IndexPage(1, "суд"),),
        )
        ctx.search.index([stray, DOCS[0]])  # an index out of step with the records
        seen: list[tuple[int, int]] = []

        def meanwhile(done: int, total: int) -> None:
            seen.append((done, total))
            if done == 3:  # while the rebuild runs, one document is withdrawn, one edited
                with ctx.db.session() as s:
                    s.get_one(Document, 7).state = DocState.FAILED
                    s.get_one(Document, 4).title = "Закон об архивах"

        report = reindex(ctx, on_progress=meanwhile)
        assert seen[0] == (0, 7) and seen[-1] == (7, 7)
        assert (report.documents, report.removed) == (7, 1)
        assert ids(ctx.search, "") == ALL - {7}
        assert ids(ctx.search, "title:архивах") == {4}
        assert ids(ctx.search, "суд") == {1, 2}
    finally:
        ctx.close()


@pytest.mark.parametrize("kind", BACKENDS)
def test_empty_index_answers_empty(open_backend: OpenBackend, kind: str) -> None:
    b = open_backend(kind)
    res = b.search(parse("суд"), Filters(), offset=0, limit=10, facets=True)
    assert (res.total, res.hits, b.count()) == (0, [], 0)
    assert b.pages(parse("суд"), [1], limit=5) == []


@pytest.mark.parametrize("kind", BACKENDS)
def test_long_russian_words_are_found(open_backend: OpenBackend, kind: str) -> None:
    """Words of 20+ letters (40+ UTF-8 bytes) are indexed; the built-in tantivy analyzers
    dropped them, and a query made of one such word matched everything."""
    b = open_backend(kind)
    b.index(
        [
            IndexDoc(
                1,
                "Акт",
                "archive",
                "archival_record",
                "ru",
                "txt",
                1935,
                None,
                (
                    IndexPage(
                        1, "Сведения о неудовлетворительном состоянии сельскохозяйственной артели."
                    ),
                ),
            ),
            IndexDoc(
                2,
                "Акт",
                "archive",
                "archival_record",
                "ru",
                "txt",
                1935,
                None,
                (IndexPage(1, "Другой документ."),),
            ),
        ]
    )
    for q in (
        "сельскохозяйственных",
        "неудовлетворительное",
        '"сельскохозяйственной артели"',
        "сельскохозяйствен*",
        "сельскохозяйственой~1",
    ):
        assert ids(b, q) == {1}, q
