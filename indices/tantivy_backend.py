"""Embedded search on tantivy: two indexes on disk (documents, pages), no server.

Text fields are indexed from `fold(text)` with the built-in `ru_stem` analyzer (it
survives reopening, unlike a registered one) and an exact twin with `default`
(lowercase only) for phrases, prefixes and fuzzy terms.

The documents index also holds `day` (the date as a day number, for date filters) and
three fast sort keys (`sort_date_asc`, `sort_date_desc`, `sort_title`) that pack the id in,
because tantivy breaks ties by segment address, not by id as OpenSearch is told to.
An index written under an older schema is not opened: searches fail with a message to
run `achyk reindex`, which builds the new one beside it.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tantivy
from tantivy import FieldType, Occur, Order, Query

from indices.analysis import exact_analyzer, fold, stem_analyzer
from indices.locking import exclusive
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
from indices.types import (
    FACET_FIELDS,
    KEYWORD_FIELDS,
    FacetValue,
    Filters,
    IndexDoc,
    PageHit,
    RawHit,
    RawResult,
    Sort,
    date_sort_keys,
    facet_key,
    stored_keywords,
    year_histogram,
)

# Our own analyzers, as the built-in `ru_stem`/`default` but without their 40-byte limit,
# which dropped every Cyrillic word of 20 letters or more.
STEM = "achyk_stem"
EXACT = "achyk_exact"
WRITER_HEAP = 64_000_000
REBUILD_BATCH = 1000  # documents per commit while rebuilding


def _schema(kind: str) -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    if kind == "pages":
        b.add_integer_field("doc_id", stored=True, indexed=True, fast=True)
        b.add_integer_field("number", stored=True, indexed=True, fast=True)
    else:
        b.add_integer_field("id", stored=True, indexed=True, fast=True)
        b.add_text_field("title", tokenizer_name=STEM)
        b.add_text_field("title_exact", tokenizer_name=EXACT)
        b.add_integer_field("day", indexed=True, fast=True)
        b.add_integer_field("sort_date_asc", fast=True)
        b.add_integer_field("sort_date_desc", fast=True)
        b.add_text_field("sort_title", fast=True, tokenizer_name="raw")
    b.add_text_field("text", tokenizer_name=STEM)
    b.add_text_field("text_exact", tokenizer_name=EXACT)
    for k in KEYWORD_FIELDS:
        b.add_text_field(k, stored=True, fast=True, tokenizer_name="raw")
    b.add_integer_field("year", stored=True, indexed=True, fast=True)
    b.add_bytes_field("payload", stored=True)
    return b.build()


class OutdatedIndexError(RuntimeError):
    """The index on disk was written under an older schema."""


# Orders by a fast field: (field, descending?).
SORT_FIELDS: dict[Sort, tuple[str, bool]] = {
    Sort.DATE_ASC: ("sort_date_asc", False),
    Sort.DATE_DESC: ("sort_date_desc", True),
    Sort.TITLE: ("sort_title", False),
}


class _Index:
    def __init__(self, path: Path, kind: str) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.kind = kind
        self.path = path
        self.schema = _schema(kind)
        try:
            self.index = tantivy.Index(self.schema, path=str(path), reuse=True)
        except ValueError as e:
            if "schema does not match" not in str(e):
                raise
            raise OutdatedIndexError(
                f"the search index in {path} was built by an older version: run `achyk reindex`"
            ) from e
        # Registered analyzers are not stored with the index: register them on every open.
        self.index.register_tokenizer(STEM, stem_analyzer())
        self.index.register_tokenizer(EXACT, exact_analyzer())

    def searcher(self) -> tantivy.Searcher:
        self.index.reload()
        return self.index.searcher()


class TantivyBackend:
    name = "tantivy"

    def __init__(self, root: Path) -> None:
        self.root = root
        self._outdated: OutdatedIndexError | None = None
        try:
            self._docs: _Index | None = _Index(root / "documents", "documents")
            self._pages: _Index | None = _Index(root / "pages", "pages")
        except OutdatedIndexError as e:  # `rebuild` still works: it builds beside it
            self._outdated = e
            self._docs = self._pages = None
        # Beside the index, not in it: `rebuild` swaps the folder while holding this lock.
        self._lock = root.parent / f".{root.name}.writer.lock"

    @property
    def docs(self) -> _Index:
        if self._docs is None:
            raise self._outdated or OutdatedIndexError("index not open")
        return self._docs

    @property
    def pages_ix(self) -> _Index:
        if self._pages is None:
            raise self._outdated or OutdatedIndexError("index not open")
        return self._pages

    # -- writing -----------------------------------------------------------------
    def _common(self, d: IndexDoc, text: str) -> dict[str, Any]:
        fields: dict[str, Any] = {"text": fold(text), "text_exact": fold(text)}
        for k, values in d.keywords().items():
            if values:
                fields[k] = values
        if d.year is not None:
            fields["year"] = d.year
        return fields

    def index(self, docs: list[IndexDoc]) -> None:
        if not docs:
            return
        with exclusive(self._lock):
            dw = self.docs.index.writer(WRITER_HEAP, 1)
            pw = self.pages_ix.index.writer(WRITER_HEAP, 1)
            for d in docs:
                dw.delete_documents_by_term("id", d.id)
                pw.delete_documents_by_term("doc_id", d.id)
                payload = {
                    "title": d.title,
                    "date": d.date,
                    "text": d.text,
                    "page_count": len(d.pages),
                    **d.extra,
                }
                asc, desc = date_sort_keys(d.day, d.id)
                fields = self._common(d, d.text) | {
                    "id": d.id,
                    "title": fold(d.title),
                    "title_exact": fold(d.title),
                    "sort_date_asc": asc,
                    "sort_date_desc": desc,
                    "sort_title": d.title_key,
                    "payload": json.dumps(payload, ensure_ascii=False).encode(),
                }
                if d.day is not None:
                    fields["day"] = d.day
                dw.add_document(tantivy.Document(**fields))
                for p in d.pages:
                    pfields = self._common(d, p.text) | {
                        "doc_id": d.id,
                        "number": p.number,
                        "payload": json.dumps({"text": p.text}, ensure_ascii=False).encode(),
                    }
                    pw.add_document(tantivy.Document(**pfields))
            dw.commit()
            pw.commit()
            dw.wait_merging_threads()
            pw.wait_merging_threads()

    def delete(self, doc_ids: list[int]) -> None:
        with exclusive(self._lock):
            dw = self.docs.index.writer(WRITER_HEAP, 1)
            pw = self.pages_ix.index.writer(WRITER_HEAP, 1)
            for i in doc_ids:
                dw.delete_documents_by_term("id", i)
                pw.delete_documents_by_term("doc_id", i)
            dw.commit()
            pw.commit()
            dw.wait_merging_threads()
            pw.wait_merging_threads()

    def clear(self) -> None:
        with exclusive(self._lock):
            for ix in (self.docs, self.pages_ix):
                w = ix.index.writer(WRITER_HEAP, 1)
                w.delete_all_documents()
                w.commit()
                w.wait_merging_threads()

    def count(self) -> int:
        return int(self.docs.searcher().num_docs)

    def rebuild(self, docs: Iterable[IndexDoc]) -> None:
        """Build a fresh index in `<root>.new`, then swap the folders under the writer lock.

        Searches keep reading the old folder until the swap (two renames, no writer can
        run between them); a failure leaves the old index in place.
        """
        fresh_root = self.root.with_name(self.root.name + ".new")
        old_root = self.root.with_name(self.root.name + ".old")
        shutil.rmtree(fresh_root, ignore_errors=True)
        try:
            fresh = TantivyBackend(fresh_root)
            batch: list[IndexDoc] = []
            for d in docs:
                batch.append(d)
                if len(batch) >= REBUILD_BATCH:
                    fresh.index(batch)
                    batch = []
            fresh.index(batch)
        except BaseException:
            shutil.rmtree(fresh_root, ignore_errors=True)
            raise
        finally:
            (fresh_root.parent / f".{fresh_root.name}.writer.lock").unlink(missing_ok=True)
        with exclusive(self._lock):
            shutil.rmtree(old_root, ignore_errors=True)
            if self.root.exists():
                self.root.rename(old_root)
            fresh_root.rename(self.root)
            self._docs = _Index(self.root / "documents", "documents")
            self._pages = _Index(self.root / "pages", "pages")
            self._outdated = None
        shutil.rmtree(old_root, ignore_errors=True)

    def close(self) -> None:
        """Nothing to release: readers are per call and writers per batch."""

    # -- querying ----------------------------------------------------------------
    def _compile(self, node: Node, ix: _Index) -> Query:
        s = ix.schema

        def fields(fs: tuple[str, ...]) -> list[str]:
            return [f for f in fs if ix.kind == "documents" or f == "text"]

        def any_of(qs: list[Query]) -> Query:
            if not qs:
                return Query.empty_query()
            return qs[0] if len(qs) == 1 else Query.boolean_query([(Occur.Should, q) for q in qs])

        def boost(f: str, q: Query) -> Query:
            return Query.boost_query(q, field_boost(f)) if f == "title" else q

        if isinstance(node, MatchAll):
            return Query.all_query()
        if isinstance(node, Terms):
            return any_of(
                [
                    boost(f, any_of([Query.term_query(s, f, t) for t in node.stems]))
                    for f in fields(node.fields)
                ]
            )
        if isinstance(node, StemPhrase):
            return any_of(
                [boost(f, Query.phrase_query(s, f, list(node.stems))) for f in fields(node.fields)]
            )
        if isinstance(node, Phrase):
            return any_of(
                [
                    boost(
                        f,
                        Query.term_query(s, f"{f}_exact", node.words[0])
                        if len(node.words) == 1
                        else Query.phrase_query(s, f"{f}_exact", list(node.words)),
                    )
                    for f in fields(node.fields)
                ]
            )
        if isinstance(node, Prefix):
            pattern = re.escape(node.prefix) + ".*"
            return any_of(
                [boost(f, Query.regex_query(s, f"{f}_exact", pattern)) for f in fields(node.fields)]
            )
        if isinstance(node, Fuzzy):
            return any_of(
                [
                    boost(
                        f,
                        Query.fuzzy_term_query(
                            s, f"{f}_exact", node.word, node.distance, True, False
                        ),
                    )
                    for f in fields(node.fields)
                ]
            )
        if isinstance(node, Keyword):
            return Query.term_query(s, node.field, node.value)
        if isinstance(node, IntRange):
            field = "doc_id" if node.field == "id" and ix.kind == "pages" else node.field
            return Query.range_query(s, field, FieldType.Integer, node.low, node.high)
        if isinstance(node, Bool):
            clauses = [(Occur.Must, self._compile(c, ix)) for c in node.must]
            clauses += [(Occur.Should, self._compile(c, ix)) for c in node.should]
            clauses += [(Occur.MustNot, self._compile(c, ix)) for c in node.must_not]
            return Query.boolean_query(clauses)
        raise TypeError(f"unknown query node {node!r}")

    def _filtered(self, query: Node, filters: Filters, ix: _Index) -> Query:
        s = ix.schema
        clauses = [(Occur.Must, self._compile(query, ix))]
        for field, values in filters.keyword_items():
            clauses.append(
                (
                    Occur.Must,
                    Query.boolean_query(
                        [(Occur.Should, Query.term_query(s, field, v)) for v in values]
                    ),
                )
            )
        if filters.year_from is not None or filters.year_to is not None:
            clauses.append(
                (
                    Occur.Must,
                    Query.range_query(
                        s, "year", FieldType.Integer, filters.year_from, filters.year_to
                    ),
                )
            )
        days = filters.day_range()
        if days is not None and ix.kind == "documents":
            clauses.append((Occur.Must, Query.range_query(s, "day", FieldType.Integer, *days)))
        if filters.ids:
            idf = "doc_id" if ix.kind == "pages" else "id"
            clauses.append(
                (
                    Occur.Must,
                    Query.boolean_query(
                        [(Occur.Should, Query.term_query(s, idf, i)) for i in filters.ids]
                    ),
                )
            )
        return clauses[0][1] if len(clauses) == 1 else Query.boolean_query(clauses)

    def search(
        self,
        query: Node,
        filters: Filters,
        *,
        offset: int,
        limit: int,
        facets: bool,
        sort: Sort = Sort.RELEVANCE,
    ) -> RawResult:
        searcher = self.docs.searcher()
        q = self._filtered(query, filters, self.docs)
        offset, limit = window(offset, limit)
        # tantivy panics on a limit of 0 (a page past the window): count with 1, show none
        args: dict[str, Any] = {"count": True, "offset": offset if limit else 0}
        if sort in SORT_FIELDS:
            name, desc = SORT_FIELDS[sort]
            args |= {"order_by_field": name, "order": Order.Desc if desc else Order.Asc}
        result = searcher.search(q, max(limit, 1), **args)
        hits = [
            self._hit(searcher, 0.0 if sort in SORT_FIELDS else key, addr)
            for key, addr in result.hits[:limit]
        ]
        return RawResult(
            total=int(result.count or 0),  # type: ignore[attr-defined]
            hits=hits,
            facets=self._facets(searcher, q) if facets else {},
            years=self._years(searcher, q) if facets else [],
        )

    @staticmethod
    def _years(searcher: tantivy.Searcher, q: Query) -> list[FacetValue]:
        spec = {"years": {"histogram": {"field": "year", "interval": 1, "min_doc_count": 1}}}
        buckets = searcher.aggregate(q, spec).get("years", {}).get("buckets", [])
        return year_histogram([(b["key"], b["doc_count"]) for b in buckets])

    def more_like(self, text: str, filters: Filters, *, exclude: int, limit: int) -> list[RawHit]:
        searcher = self.docs.searcher()
        like = Query.more_like_this_document_fields_query(
            self.docs.schema,
            {"text": [fold(text)]},
            min_doc_frequency=MLT_MIN_DOC_FREQ,
            # tantivy's MLT divides by the live documents but counts a term's documents
            # with the deleted ones a re-index leaves until a merge; a term in more than
            # there are live panics it (quickwit-oss/tantivy#2964). Such a term is in
            # (nearly) every document and weighs nothing: leave it out.
            max_doc_frequency=searcher.num_docs,
            min_term_frequency=MLT_MIN_TERM_FREQ,
            max_query_terms=MLT_TERMS,
            min_word_length=MLT_MIN_WORD,
            max_word_length=MLT_MAX_WORD,
            boost_factor=1.0,
            stop_words=[],
        )
        q = Query.boolean_query(
            [
                (Occur.Must, like),
                (Occur.Must, self._filtered(MatchAll(), filters, self.docs)),
                (Occur.MustNot, Query.term_query(self.docs.schema, "id", exclude)),
            ]
        )
        return [
            self._hit(searcher, score, addr)
            for score, addr in searcher.search(q, max(limit, 1), count=False).hits[:limit]
        ]

    @staticmethod
    def _hit(searcher: tantivy.Searcher, score: float, addr: tantivy.DocAddress) -> RawHit:
        doc = searcher.doc(addr)
        fields = json.loads(bytes(doc["payload"][0]))
        fields |= stored_keywords({k: list(doc[k]) for k in KEYWORD_FIELDS})
        fields["year"] = doc["year"][0] if doc["year"] else None
        return RawHit(id=int(doc["id"][0]), score=float(score), fields=fields)

    def _facets(self, searcher: tantivy.Searcher, q: Query) -> dict[str, list[FacetValue]]:
        spec = {f: {"terms": {"field": f, "size": FACET_SIZE}} for f in FACET_FIELDS}
        agg = searcher.aggregate(q, spec)
        out: dict[str, list[FacetValue]] = {}
        for f in FACET_FIELDS:
            buckets = agg.get(f, {}).get("buckets", [])
            values = [
                FacetValue(facet_key(b["key"]), int(b["doc_count"]))
                for b in buckets
                if facet_key(b["key"]) != ""
            ]
            out[f] = sorted(values, key=lambda v: (-v.count, v.value))
        return out

    def pages(self, query: Node, doc_ids: list[int], *, limit: int) -> list[PageHit]:
        if not doc_ids:
            return []
        searcher = self.pages_ix.searcher()
        q = self._filtered(query, Filters(ids=tuple(doc_ids)), self.pages_ix)
        result = searcher.search(q, limit, count=False)
        out = []
        for _score, addr in result.hits:
            doc = searcher.doc(addr)
            text = json.loads(bytes(doc["payload"][0]))["text"]
            out.append(PageHit(int(doc["doc_id"][0]), int(doc["number"][0]), text))
        return out
