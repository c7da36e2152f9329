"""The query tree compiled to OpenSearch DSL, mirroring the tantivy compiler node for node.

Every leaf is already analysed (indices/query.py), so nothing here may analyse again:
stems and exact forms go out as `term`/`prefix`/`fuzzy` (never analysed by the engine)
or as `match_phrase` on fields whose search analyzer is plain whitespace (`achyk_terms`
in the mappings). What the tantivy backend matches, this matches:

- a `bool` with neither must nor should matches nothing (tantivy), not everything (Lucene);
- a should-only `bool` requires one should (`minimum_should_match: 1`);
- fuzzy terms are all expanded (`rewrite: constant_score`): tantivy has no expansion cap,
  Lucene's default keeps the 50 best;
- the pages index has no title, so a title-only leaf matches no page (as in tantivy).

Filters go to `bool.filter` (no scoring); title matches are boosted x2 as in tantivy.
"""

from __future__ import annotations

from typing import Any, Literal

from indices.query import (
    Bool,
    Fuzzy,
    IntRange,
    Keyword,
    MatchAll,
    Node,
    Phrase,
    Prefix,
    StemPhrase,
    Terms,
)
from indices.ranking import (
    FACET_SIZE,
    MLT_MAX_WORD,
    MLT_MIN_DOC_FREQ,
    MLT_MIN_TERM_FREQ,
    MLT_MIN_WORD,
    MLT_TERMS,
    field_boost,
    window,
)
from indices.types import FACET_FIELDS, Filters, Sort

Kind = Literal["documents", "pages"]
Dsl = dict[str, Any]
MATCH_NONE: Dsl = {"match_none": {}}


def _any_of(qs: list[Dsl]) -> Dsl:
    qs = [q for q in qs if q != MATCH_NONE]
    if not qs:
        return MATCH_NONE
    return qs[0] if len(qs) == 1 else {"bool": {"should": qs, "minimum_should_match": 1}}


def _boost(field: str) -> float:
    return field_boost(field)


def _term(field: str, value: str | int, boost: float = 1.0) -> Dsl:
    return {"term": {field: {"value": value, "boost": boost}}}


def _phrase(field: str, words: tuple[str, ...], boost: float) -> Dsl:
    if len(words) == 1:
        return _term(field, words[0], boost)
    return {"match_phrase": {field: {"query": " ".join(words), "boost": boost}}}


def compile_node(node: Node, kind: Kind) -> Dsl:
    """One node of the tree as DSL for the given index kind."""

    def fields(fs: tuple[str, ...]) -> list[str]:
        return [f for f in fs if kind == "documents" or f == "text"]

    if isinstance(node, MatchAll):
        return {"match_all": {}}
    if isinstance(node, Terms):
        return _any_of(
            [_any_of([_term(f, t, _boost(f)) for t in node.stems]) for f in fields(node.fields)]
        )
    if isinstance(node, StemPhrase):
        return _any_of([_phrase(f, node.stems, _boost(f)) for f in fields(node.fields)])
    if isinstance(node, Phrase):
        return _any_of([_phrase(f"{f}.exact", node.words, _boost(f)) for f in fields(node.fields)])
    if isinstance(node, Prefix):
        return _any_of(
            [
                {"prefix": {f"{f}.exact": {"value": node.prefix, "boost": _boost(f)}}}
                for f in fields(node.fields)
            ]
        )
    if isinstance(node, Fuzzy):
        return _any_of(
            [
                {
                    "fuzzy": {
                        f"{f}.exact": {
                            "value": node.word,
                            "fuzziness": node.distance,
                            "transpositions": True,
                            "prefix_length": 0,
                            "max_expansions": 1024,
                            "rewrite": "constant_score",
                            "boost": _boost(f),
                        }
                    }
                }
                for f in fields(node.fields)
            ]
        )
    if isinstance(node, Keyword):
        return _term(node.field, node.value)
    if isinstance(node, IntRange):
        field = "doc_id" if node.field == "id" and kind == "pages" else node.field
        bounds: Dsl = {}
        if node.low is not None:
            bounds["gte"] = node.low
        if node.high is not None:
            bounds["lte"] = node.high
        return {"range": {field: bounds}}
    if isinstance(node, Bool):
        if not node.must and not node.should:
            return MATCH_NONE
        body: Dsl = {}
        if node.must:
            body["must"] = [compile_node(c, kind) for c in node.must]
        if node.should:
            body["should"] = [compile_node(c, kind) for c in node.should]
            if not node.must:
                body["minimum_should_match"] = 1
        if node.must_not:
            body["must_not"] = [compile_node(c, kind) for c in node.must_not]
        return {"bool": body}
    raise TypeError(f"unknown query node {node!r}")


def filter_clauses(filters: Filters, kind: Kind) -> list[Dsl]:
    out: list[Dsl] = [{"terms": {field: list(values)}} for field, values in filters.keyword_items()]
    if filters.year_from is not None or filters.year_to is not None:
        bounds: Dsl = {}
        if filters.year_from is not None:
            bounds["gte"] = filters.year_from
        if filters.year_to is not None:
            bounds["lte"] = filters.year_to
        out.append({"range": {"year": bounds}})
    days = filters.day_range()
    if days is not None and kind == "documents":
        bounds = {}
        if days[0] is not None:
            bounds["gte"] = days[0]
        if days[1] is not None:
            bounds["lte"] = days[1]
        out.append({"range": {"day": bounds}})
    if filters.ids:
        out.append({"terms": {"doc_id" if kind == "pages" else "id": list(filters.ids)}})
    return out


def filtered(query: Node, filters: Filters, kind: Kind) -> Dsl:
    q = compile_node(query, kind)
    clauses = filter_clauses(filters, kind)
    return {"bool": {"must": [q], "filter": clauses}} if clauses else q


def facet_aggs() -> Dsl:
    terms: Dsl = {
        f: {
            "terms": {
                "field": f,
                "size": FACET_SIZE,
                "order": [{"_count": "desc"}, {"_key": "asc"}],
            }
        }
        for f in FACET_FIELDS
    }
    # the year histogram has every year, where the terms facet keeps the FACET_SIZE biggest
    return terms | {"years": {"histogram": {"field": "year", "interval": 1, "min_doc_count": 1}}}


# As the tantivy backend's packed sort keys: undated documents last, ties by id.
# `unmapped_type`: an index still on mapping v2 (before `achyk reindex`) sorts by id
# instead of failing.
SORTS: dict[Sort, list[Dsl]] = {
    Sort.RELEVANCE: [{"_score": "desc"}, {"id": "asc"}],
    Sort.DATE_ASC: [
        {"day": {"order": "asc", "missing": "_last", "unmapped_type": "integer"}},
        {"id": "asc"},
    ],
    Sort.DATE_DESC: [
        {"day": {"order": "desc", "missing": "_last", "unmapped_type": "integer"}},
        {"id": "desc"},
    ],
    Sort.TITLE: [{"title_sort": {"order": "asc", "unmapped_type": "keyword"}}],
}


def search_body(
    query: Node,
    filters: Filters,
    *,
    offset: int,
    limit: int,
    facets: bool,
    sort: Sort = Sort.RELEVANCE,
) -> Dsl:
    """The documents search request: exact totals, ties broken by id for stable paging."""
    offset, limit = window(offset, limit)
    body: Dsl = {
        "query": filtered(query, filters, "documents"),
        "from": offset,
        "size": limit,
        "track_total_hits": True,
        "sort": SORTS[sort],
    }
    if facets:
        body["aggs"] = facet_aggs()
    return body


def pages_body(query: Node, doc_ids: list[int], *, limit: int) -> Dsl:
    _, size = window(0, limit)
    return {
        "query": filtered(query, Filters(ids=tuple(doc_ids)), "pages"),
        "size": size,
        "track_total_hits": False,
        "_source": ["doc_id", "number", "payload"],
        "sort": [{"_score": "desc"}, {"doc_id": "asc"}, {"number": "asc"}],
    }


def mlt_body(like: str, filters: Filters, *, exclude: int, limit: int) -> Dsl:
    """More Like This over the stemmed text, analysed as at indexing (`like` is engine text)."""
    _, size = window(0, limit)
    mlt = {
        "more_like_this": {
            "fields": ["text"],
            "like": like,
            "analyzer": "achyk_ru",
            "min_term_freq": MLT_MIN_TERM_FREQ,
            "min_doc_freq": MLT_MIN_DOC_FREQ,
            "max_query_terms": MLT_TERMS,
            "min_word_length": MLT_MIN_WORD,
            "max_word_length": MLT_MAX_WORD,
        }
    }
    return {
        "query": {
            "bool": {
                "must": [mlt],
                "filter": filter_clauses(filters, "documents"),
                "must_not": [{"term": {"id": exclude}}],
            }
        },
        "size": size,
        "track_total_hits": False,
        "sort": [{"_score": "desc"}, {"id": "asc"}],
    }
