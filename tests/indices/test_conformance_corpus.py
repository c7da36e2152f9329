"""Both backends side by side on a generated corpus: every answer must be identical.

The corpus and the 200-query mix are bench/search.py's (real inflected Russian, Kyrgyz
sentences, ё, pre-1918 spellings, OCR slips, long words); the query list adds the cases
where two engines most easily part: fuzzy terms on short words, prefixes and phrases
over words of 20+ letters, stand-in letters. Compared: the set of hits and the total,
every facet count, and through service.search the marked words and hit pages of
every hit (all hits fit in one response, so ranking differences cannot hide any).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from indices.context import AppContext
from indices.query import QueryLimits, parse
from indices.types import IndexDoc
from service.search import MAX_SIZE, SearchParams, search
from tests.indices.conftest import backend_settings, store_published
from tests.indices.samples import bench_corpus

pytestmark = pytest.mark.opensearch

PAGES = 320  # about 70 documents: fewer than one response holds (MAX_SIZE)
EXTRA = [
    "сельскохозяйственной",
    "сельскохозяйствен*",
    '"сельскохозяйственной артели"',
    "человеконенавистнический~1",
    "неудовлетворительн*",
    "высококвалифицированный",
    "ст~1",
    "ук~2",
    "по~1",
    "в~1",
    "г~2",
    "сд~1",
    "судъ~1",
    "суд~2",
    "артѣль",
    "отчёт",
    "отчет~1",
    "учет",
    "её",
    "ещё*",
    "139-14",
    '"по ст"',
    "ст*",
    "у*",
    "өкүм",
    "ɵкүм",
    "мыйзамдыҥ",
    "кылмыш-жаза",
    '"кылмыш жаза кодексинин"',
    "Үй-бүлө",
    "бүлө*",
    "беренеси~2",
    "title:суд",
    "title:(суд OR дело)",
    "text:суд -title:суд",
    "collection:archive -суд",
    "year:[1930 TO 1940] приговор",
    "id:[1 TO 10]",
    "NOT дело",
    "дело OR -суд",
    "",
    "*",
]
MARK = re.compile(r"<mark>(.*?)</mark>")


@pytest.fixture(scope="module")
def generated() -> tuple[list[IndexDoc], list[tuple[str, dict[str, Any]]]]:
    corpus = bench_corpus()
    docs = corpus.corpus(PAGES, words=(40, 90)).docs  # short pages: snippets cost time
    assert len(docs) <= MAX_SIZE
    return docs, corpus.queries(docs) + [(q, {}) for q in EXTRA]


@pytest.fixture(scope="module")
def pair(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    generated: tuple[list[IndexDoc], Any],
) -> Iterator[tuple[AppContext, AppContext]]:
    ctxs = []
    for kind in ("tantivy", "opensearch"):
        s = backend_settings(request, kind, tmp_path_factory.mktemp(f"pair-{kind}") / "data")
        # one-letter prefixes («у*») are refused by default (docs/security.md); the
        # engines must still agree on them
        ctx = AppContext.create(s.model_copy(update={"query_prefix_min_length": 1}))
        store_published(ctx, generated[0])
        ctx.search.index(generated[0])
        ctxs.append(ctx)
    yield ctxs[0], ctxs[1]
    for c in ctxs:
        c.close()


def _answer(ctx: AppContext, q: str, opts: dict[str, Any]) -> dict[str, Any]:
    from indices.types import Filters

    filters = Filters(**{k: v for k, v in opts.items() if k != "facets"})
    raw = ctx.search.search(
        parse(q, QueryLimits.from_settings(ctx.settings)),
        filters,
        offset=0,
        limit=1000,
        facets=True,
    )
    res = search(ctx, SearchParams(q=q, filters=filters, size=MAX_SIZE))
    return {
        "total": raw.total,
        "ids": sorted(h.id for h in raw.hits),
        "facets": {k: [(v.value, v.count) for v in vs] for k, vs in raw.facets.items()},
        "hits": {
            h.id: (
                h.title,
                h.snippets and sorted({m for s in h.snippets for m in MARK.findall(s)}),
                sorted((p.number, tuple(MARK.findall(p.snippets[0]))) for p in h.pages),
            )
            for h in res.hits
        },
    }


def test_backends_agree_on_every_query(
    pair: tuple[AppContext, AppContext], generated: tuple[list[IndexDoc], Any]
) -> None:
    tantivy, opensearch = pair
    queries = generated[1]
    differ = []
    matched = 0
    for q, opts in queries:
        a, b = _answer(tantivy, q, opts), _answer(opensearch, q, opts)
        matched += bool(a["ids"])
        if a != b:
            only = (sorted(set(a["ids"]) - set(b["ids"])), sorted(set(b["ids"]) - set(a["ids"])))
            differ.append(
                (
                    q,
                    opts,
                    {
                        "differ in": [k for k in a if a[k] != b[k]],
                        "ids only in tantivy / opensearch": only,
                    },
                )
            )
    assert not differ, f"{len(differ)} of {len(queries)} queries differ; first: {differ[:3]}"
    assert matched > len(queries) * 0.8  # the mix exercises matches, not just empty answers


def test_backends_agree_on_pages(
    pair: tuple[AppContext, AppContext], generated: tuple[list[IndexDoc], Any]
) -> None:
    docs = generated[0]
    every = [d.id for d in docs]
    for q in [
        "суд",
        "приговор OR трибунал",
        '"народного суда"',
        "колхоз*",
        "решене~1",
        "өкүм",
        "сельскохозяйственной",
        "title:суд",
    ]:
        got = [
            sorted((p.doc_id, p.number) for p in c.search.pages(parse(q), every, limit=5000))
            for c in pair
        ]
        assert got[0] == got[1], q
