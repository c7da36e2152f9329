"""The drafts index in both search backends: embedded tantivy and OpenSearch.

A draft of the portal is not a `Document`: its id is a `drafts` row, its filters (stage,
developer agency, regulatory area, kind of act, the discussion window) are not the
documents index's, and "open for comment now" depends on the day the search is made, so
the window is stored as two day numbers and compared at query time. Hence a dedicated
index kind, like the persons index, rather than `doc_type=draft_law` in the documents
index (whose ids would collide with the drafts' ids).

Only public drafts are put here (the service decides): nothing in this index is secret.
Both backends index `fold(text)` with the Snowball Russian stemmer and the query is a
conjunction of stemmed terms, each in the title or the text, built here the same way for
both, so the two engines find the same set.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import tantivy
from opensearchpy import OpenSearch
from tantivy import Occur, Order, Query

from core import search_client
from indices.analysis import MAX_TOKEN_BYTES, exact_analyzer, fold, stem_analyzer, terms

KEYWORDS = ("stage", "agency", "agency_key", "area", "act_kind")
FACETS = ("stage", "agency", "area", "act_kind")
MAX_TERMS = 32  # query words kept (a query is a short phrase, not a text)
WRITER_WAIT = 30.0
STEM = "achyk_stem"
EXACT = "achyk_exact"
NO_DAY = 0


@dataclass(frozen=True, slots=True)
class DraftIndexDoc:
    """What the index holds of a public draft: its current text and its filter values."""

    id: int
    title: str
    text: str  # summary and the current main version's text
    stage: str
    agency: str
    agency_key: str
    area: str
    act_kind: str
    opens: int | None  # proleptic day ordinals of the discussion window
    closes: int | None
    norms: tuple[str, ...] = ()  # norm ids the draft amends, with their ancestors

    def keywords(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in KEYWORDS}


@dataclass(frozen=True, slots=True)
class DraftQuery:
    """Words (any text) and filters; `open_on` = a day number: the window holds it and the
    stage is `discussion`; `closes_by`: the window ends on or before that day."""

    q: str = ""
    stage: str | None = None
    agency_key: str | None = None
    area: str | None = None
    act_kind: str | None = None
    open_on: int | None = None
    closes_by: int | None = None
    norms: tuple[str, ...] = ()  # any of them amended (ids as indexed, with ancestors)

    def words(self) -> list[str]:
        return list(dict.fromkeys(terms(self.q)))[:MAX_TERMS]

    def keyword_filters(self) -> dict[str, str]:
        out = {
            "stage": self.stage,
            "agency_key": self.agency_key,
            "area": self.area,
            "act_kind": self.act_kind,
        }
        if self.open_on is not None:
            out["stage"] = "discussion" if self.stage in (None, "discussion") else "\x00none"
        return {k: v for k, v in out.items() if v}


@dataclass(slots=True)
class DraftHits:
    total: int
    ids: list[int]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


class DraftSearch(Protocol):
    def index(self, docs: list[DraftIndexDoc]) -> None: ...

    def delete(self, ids: list[int]) -> None: ...

    def search(
        self, query: DraftQuery, *, offset: int = 0, limit: int = 20, facets: bool = True
    ) -> DraftHits: ...

    def clear(self) -> None: ...

    def close(self) -> None: ...


# ---------------------------------------------------------------- tantivy (embedded)


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_integer_field("id", stored=True, indexed=True, fast=True)
    b.add_text_field("title", tokenizer_name=STEM)
    b.add_text_field("text", tokenizer_name=STEM)
    for name in KEYWORDS:
        b.add_text_field(name, tokenizer_name="raw", fast=True)
    b.add_text_field("norm", tokenizer_name="raw")
    b.add_integer_field("opens", indexed=True, fast=True)
    b.add_integer_field("closes", indexed=True, fast=True)
    return b.build()


class TantivyDrafts:
    """The drafts index as a tantivy directory (``data_dir/index/drafts``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.idx = tantivy.Index(self.schema, path=str(path))
        self.idx.register_tokenizer(STEM, stem_analyzer())
        self.idx.register_tokenizer(EXACT, exact_analyzer())

    def _writer(self) -> tantivy.IndexWriter:
        """The API and the workers write from different processes; a busy lock is waited
        for (bounded), as for the persons index."""
        deadline = time.monotonic() + WRITER_WAIT
        while True:
            try:
                return self.idx.writer(heap_size=15_000_000, num_threads=1)
            except ValueError as e:
                if "lock" not in str(e).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _write(self, docs: list[DraftIndexDoc], deleted: list[int]) -> None:
        w = self._writer()
        for i in deleted:
            w.delete_documents_by_term("id", i)
        for d in docs:
            w.delete_documents_by_term("id", d.id)
            doc = tantivy.Document()
            doc.add_integer("id", d.id)
            doc.add_text("title", fold(d.title))
            doc.add_text("text", fold(d.text))
            for k, v in d.keywords().items():
                if v:
                    doc.add_text(k, v)
            for n in d.norms:
                doc.add_text("norm", n)
            doc.add_integer("opens", d.opens or NO_DAY)
            doc.add_integer("closes", d.closes or NO_DAY)
            w.add_document(doc)
        w.commit()
        w.wait_merging_threads()
        self.idx.reload()

    def index(self, docs: list[DraftIndexDoc]) -> None:
        if docs:
            self._write(docs, [])

    def delete(self, ids: list[int]) -> None:
        if ids:
            self._write([], ids)

    def _range(self, name: str, lo: int, hi: int) -> tuple[Occur, Query]:
        return (
            Occur.Must,
            Query.range_query(self.schema, name, tantivy.FieldType.Integer, lo, hi),
        )

    def _query(self, dq: DraftQuery) -> Query:
        must: list[tuple[Occur, Query]] = []
        for t in dq.words():
            either = [Query.term_query(self.schema, f, t) for f in ("title", "text")]
            must.append((Occur.Must, Query.boolean_query([(Occur.Should, q) for q in either])))
        for k, v in dq.keyword_filters().items():
            must.append((Occur.Must, Query.term_query(self.schema, k, v)))
        if dq.norms:
            any_norm = [(Occur.Should, Query.term_query(self.schema, "norm", n)) for n in dq.norms]
            must.append((Occur.Must, Query.boolean_query(any_norm)))
        if dq.open_on is not None:
            must.append(self._range("opens", 1, dq.open_on))
            must.append(self._range("closes", dq.open_on, 10**7))
        if dq.closes_by is not None:
            must.append(self._range("closes", 1, dq.closes_by))
        return Query.boolean_query(must) if must else Query.all_query()

    def search(
        self, query: DraftQuery, *, offset: int = 0, limit: int = 20, facets: bool = True
    ) -> DraftHits:
        self.idx.reload()
        searcher = self.idx.searcher()
        q = self._query(query)
        if query.words():
            res = searcher.search(q, limit=10_000, count=True)
            scored = [(float(s), int(searcher.doc(a)["id"][0])) for s, a in res.hits]
            scored.sort(key=lambda x: (-round(x[0], 4), -x[1]))
            ids = [i for _, i in scored[offset : offset + limit]]
        else:
            res = searcher.search(
                q, limit=limit, offset=offset, count=True, order_by_field="id", order=Order.Desc
            )
            ids = [int(searcher.doc(a)["id"][0]) for _, a in res.hits]
        counts: dict[str, dict[str, int]] = {}
        if facets:
            agg = searcher.aggregate(q, {k: {"terms": {"field": k, "size": 100}} for k in FACETS})
            counts = {k: {b["key"]: int(b["doc_count"]) for b in agg[k]["buckets"]} for k in FACETS}
        return DraftHits(int(getattr(res, "count", 0) or 0), ids, counts)

    def clear(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self.__init__(self.path)  # type: ignore[misc]

    def close(self) -> None:
        pass


# ---------------------------------------------------------------- OpenSearch

_MAPPING: dict[str, Any] = {
    "settings": {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "tokenizer": {"achyk_words": {"type": "pattern", "pattern": "[^\\p{L}\\p{N}]+"}},
            "filter": {
                "achyk_max_length": {"type": "length", "max": MAX_TOKEN_BYTES},
                "achyk_russian_stem": {"type": "stemmer", "language": "russian"},
            },
            "analyzer": {
                "achyk_ru": {
                    "type": "custom",
                    "tokenizer": "achyk_words",
                    "filter": ["achyk_max_length", "lowercase", "achyk_russian_stem"],
                }
            },
        },
    },
    "mappings": {
        "dynamic": "strict",
        "properties": {
            "id": {"type": "long"},
            "title": {"type": "text", "analyzer": "achyk_ru"},
            "text": {"type": "text", "analyzer": "achyk_ru"},
            **{n: {"type": "keyword"} for n in KEYWORDS},
            "norm": {"type": "keyword"},
            "opens": {"type": "integer"},
            "closes": {"type": "integer"},
        },
    },
}


class OpenSearchDrafts:
    """The drafts index on OpenSearch (``{prefix}-drafts``)."""

    def __init__(self, url: str, prefix: str = "achyk", client: OpenSearch | None = None) -> None:
        self._owns_client = client is None
        self.client = client or search_client.connect(url)
        self.name = f"{prefix}-drafts"
        if not self.client.indices.exists(index=self.name):
            self.client.indices.create(index=self.name, body=_MAPPING)

    def index(self, docs: list[DraftIndexDoc]) -> None:
        if not docs:
            return
        body: list[dict[str, Any]] = []
        for d in docs:
            src: dict[str, Any] = {
                "id": d.id,
                "title": fold(d.title),
                "text": fold(d.text),
                **{k: v for k, v in d.keywords().items() if v},
                "norm": list(d.norms),
                "opens": d.opens or NO_DAY,
                "closes": d.closes or NO_DAY,
            }
            body += [{"index": {"_index": self.name, "_id": str(d.id)}}, src]
        res = self.client.bulk(body=body, refresh=True)
        if res.get("errors"):
            bad = [i for i in res["items"] if i["index"].get("error")]
            raise RuntimeError(f"OpenSearch refused {len(bad)} drafts: {bad[:3]}")

    def delete(self, ids: list[int]) -> None:
        if ids:
            self.client.delete_by_query(
                index=self.name, refresh=True, body={"query": {"terms": {"id": ids}}}
            )

    @staticmethod
    def _query(dq: DraftQuery) -> dict[str, Any]:
        must: list[dict[str, Any]] = [
            {
                "bool": {
                    "should": [{"term": {"title": t}}, {"term": {"text": t}}],
                    "minimum_should_match": 1,
                }
            }
            for t in dq.words()
        ]
        filt: list[dict[str, Any]] = [{"term": {k: v}} for k, v in dq.keyword_filters().items()]
        if dq.norms:
            filt.append({"terms": {"norm": list(dq.norms)}})
        if dq.open_on is not None:
            filt.append({"range": {"opens": {"gte": 1, "lte": dq.open_on}}})
            filt.append({"range": {"closes": {"gte": dq.open_on}}})
        if dq.closes_by is not None:
            filt.append({"range": {"closes": {"gte": 1, "lte": dq.closes_by}}})
        return {"bool": {"must": must or [{"match_all": {}}], "filter": filt}}

    def search(
        self, query: DraftQuery, *, offset: int = 0, limit: int = 20, facets: bool = True
    ) -> DraftHits:
        sort: list[Any] = (["_score"] if query.words() else []) + [{"id": "desc"}]
        body: dict[str, Any] = {
            "query": self._query(query),
            "from": offset,
            "size": limit,
            "track_total_hits": True,
            "_source": ["id"],
            "sort": sort,
        }
        if facets:
            body["aggs"] = {k: {"terms": {"field": k, "size": 100}} for k in FACETS}
        res = self.client.search(index=self.name, body=body)
        ids = [int(h["_source"]["id"]) for h in res["hits"]["hits"]]
        counts = (
            {
                k: {b["key"]: int(b["doc_count"]) for b in res["aggregations"][k]["buckets"]}
                for k in FACETS
            }
            if facets
            else {}
        )
        return DraftHits(int(res["hits"]["total"]["value"]), ids, counts)

    def clear(self) -> None:
        self.client.indices.delete(index=self.name, ignore_unavailable=True)
        self.client.indices.create(index=self.name, body=_MAPPING)

    def close(self) -> None:
        if self._owns_client:
            self.client.close()


def open_draft_search(
    search_url: str | None,
    index_dir: Path,
    prefix: str = "achyk",
    client: OpenSearch | None = None,
) -> DraftSearch:
    """OpenSearch when a URL is set, else the embedded index under ``index_dir``."""
    if search_url:
        return OpenSearchDrafts(search_url, prefix, client)
    return TantivyDrafts(index_dir / "drafts")
