"""The persons index in both search backends: embedded tantivy and OpenSearch.

A record is indexed under its name keys (``variants``), one field per name part, plus an
``exact`` field of the words as written. A query word becomes a disjunction of constant
scores, the same in both engines: exact spelling 10, the Cyrillic reading of a Latin word
5, same key 3 (surname base 2.5, father's name 2–3), one letter off 1.5, an initial 1;
the words' scores add up. Constant scores make the two engines rank alike, and the exact
spelling first; ties go to the lower id. Every word must match (the candidate set is an
intersection, which keeps common names cheap at a million records); only when no record
has every word are records matching any word returned.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import tantivy
from opensearchpy import OpenSearch
from tantivy import Occur, Query

from core import search_client
from persons.spelling import fold
from persons.types import PersonFacts
from persons.variants import initial_key, name_keys, read_query, surname_base

EXACT, READING, KEY, BASE, FATHER, FUZZY, INITIAL = 10.0, 5.0, 3.0, 2.5, 2.0, 1.5, 1.0
NAME_FIELDS = ("surname", "given", "patronymic", "roots", "initials", "exact", "near")
FUZZY_MIN = 5  # keys shorter than this get no one-letter tolerance (too many other names)
KEYWORDS = ("sentenced_by", "sentence", "rehabilitated", "region", "state")
FACETS = ("sentenced_by", "sentence", "rehabilitated")
WRITER_WAIT = 30.0  # seconds a write waits for another process's commit to end
FETCH_EXTRA = 50  # hits fetched beyond the page, so ties can be ordered by id


@dataclass(frozen=True, slots=True)
class PersonDoc:
    """What the index holds of a record."""

    id: int
    facts: PersonFacts
    state: str = "published"
    # Names as other sources of the same (merged) record wrote them.
    other_names: tuple[PersonFacts, ...] = ()

    def fields(self) -> dict[str, Any]:
        k = name_keys(self.facts)
        for other in self.other_names:
            alt = name_keys(other)
            for attr in ("surname", "roots", "given", "patronymic", "father", "exact"):
                getattr(k, attr).update(getattr(alt, attr))
        f = self.facts
        arrest_year = int(f.arrest_date[:4]) if f.arrest_date else None
        return {
            "id": self.id,
            "surname": sorted(k.surname),
            "given": sorted(k.given),
            "patronymic": sorted(k.patronymic),
            "roots": sorted(k.roots),
            "initials": sorted({initial_key(x) for x in k.given | k.patronymic | k.father}),
            "exact": sorted(k.exact),
            "near": sorted(
                {t for key in k.surname for t in near_terms("s", key)}
                | {t for key in k.given for t in near_terms("g", key)}
            ),
            "birth_year": f.birth_year,
            "arrest_year": arrest_year,
            "sentenced_by": f.sentenced_by or "",
            "sentence": str(f.sentence or ""),
            "rehabilitated": "yes" if f.rehabilitation_date or f.rehabilitated_by else "no",
            "region": fold(_place(f.birthplace)) if f.birthplace else "",
            "state": self.state,
        }


def near_terms(part: str, key: str) -> set[str]:
    """The key and its one-letter deletions, tagged with the name part. Two keys share a
    term when they are one substitution, insertion, deletion or transposition apart
    (symmetric deletion): OCR tolerance as plain term lookups, alike in both engines and
    without building a Levenshtein automaton per query."""
    if len(key) < FUZZY_MIN:
        return set()
    return {f"{part}:{key}"} | {f"{part}:{key[:i]}{key[i + 1 :]}" for i in range(len(key))}


def _place(value: str) -> str:
    words = value.split()
    return words[-1] if words else value


@dataclass(frozen=True, slots=True)
class PersonFilters:
    birth_year_from: int | None = None
    birth_year_to: int | None = None
    arrest_year_from: int | None = None
    arrest_year_to: int | None = None
    sentenced_by: str | None = None
    sentence: str | None = None
    rehabilitated: bool | None = None
    region: str | None = None
    public_only: bool = True


@dataclass(slots=True)
class PersonResult:
    total: int
    hits: list[tuple[int, float]]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Clause:
    """One scoring alternative of one query word: a field, its terms, a score."""

    field: str
    terms: tuple[str, ...]
    score: float


def query_plan(q: str) -> list[list[_Clause]]:
    """Per query word, its scoring alternatives (the engines take the best of each)."""
    plan: list[list[_Clause]] = []
    for tok in read_query(q):
        if tok.initial:
            ks = {initial_key(tok.raw)} | {initial_key(k) for k in tok.keys}
            plan.append([_Clause("initials", tuple(sorted(ks)), INITIAL)])
            continue
        keys = tuple(sorted(tok.keys))
        bases = tuple(sorted({surname_base(k) for k in tok.keys} - set(keys)))
        readings = tuple(sorted(tok.readings - {tok.raw}))
        clauses = [
            _Clause("exact", (tok.raw,), EXACT if not tok.father else KEY),
            _Clause("surname", keys, KEY if not tok.father else FATHER),
            _Clause("given", keys, KEY if not tok.father else FATHER / 2),
            _Clause("patronymic", keys, FATHER),
            _Clause("roots", keys, FATHER if not tok.father else KEY),
        ]
        if bases:
            clauses.append(_Clause("surname", bases, BASE))
        if readings and not tok.father:
            clauses.append(_Clause("exact", readings, READING))
        near = sorted({t for k in keys for part in ("s", "g") for t in near_terms(part, k)})
        if near:
            clauses.append(_Clause("near", tuple(near), FUZZY))
        plan.append(clauses)
    return plan


class PersonSearch(Protocol):
    def index(self, docs: list[PersonDoc]) -> None: ...

    def delete(self, ids: list[int]) -> None: ...

    def search(
        self,
        q: str,
        filters: PersonFilters,
        *,
        offset: int = 0,
        limit: int = 20,
        facets: bool = True,
    ) -> PersonResult: ...

    def clear(self) -> None: ...

    def close(self) -> None: ...


def _order(scored: list[tuple[int, float]], offset: int, limit: int) -> list[tuple[int, float]]:
    scored.sort(key=lambda x: (-round(x[1], 3), x[0]))
    return [(i, round(s, 3)) for i, s in scored[offset : offset + limit]]


# ---------------------------------------------------------------- tantivy (embedded)


def _tantivy_schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in NAME_FIELDS:
        b.add_text_field(name, tokenizer_name="raw")
    b.add_integer_field("birth_year", indexed=True, fast=True)
    b.add_integer_field("arrest_year", indexed=True, fast=True)
    for name in KEYWORDS:
        b.add_text_field(name, tokenizer_name="raw", fast=True)
    return b.build()


class TantivyPersons:
    """The persons index as a tantivy directory (``data_dir/index/persons``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.schema = _tantivy_schema()
        self.idx = tantivy.Index(self.schema, path=str(path))

    def _writer(self, heap: int) -> tantivy.IndexWriter:
        """The index's one writer. The API and pipeline workers write to the same
        directory from different processes, each holding the lock only for one commit, so
        a busy lock is waited for (bounded), not an error."""
        deadline = time.monotonic() + WRITER_WAIT
        while True:
            try:
                return self.idx.writer(heap_size=heap, num_threads=1)
            except ValueError as e:
                if "lock" not in str(e).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def index(self, docs: list[PersonDoc]) -> None:
        if not docs:
            return
        w = self._writer(64_000_000)
        for d in docs:
            w.delete_documents_by_term("id", d.id)
            doc = tantivy.Document()
            for k, v in d.fields().items():
                if v is None or v == "" or v == []:
                    continue
                for item in v if isinstance(v, list) else [v]:
                    doc.add_integer(k, item) if isinstance(item, int) else doc.add_text(k, item)
            w.add_document(doc)
        w.commit()
        w.wait_merging_threads()
        self.idx.reload()

    def delete(self, ids: list[int]) -> None:
        w = self._writer(15_000_000)
        for i in ids:
            w.delete_documents_by_term("id", i)
        w.commit()
        w.wait_merging_threads()
        self.idx.reload()

    def _query(self, q: str, f: PersonFilters, strict: bool = True) -> Query:
        must: list[tuple[Occur, Query]] = []
        words: list[tuple[Occur, Query]] = []
        for clauses in query_plan(q):
            alts: list[Query] = []
            for c in clauses:
                sub = [Query.term_query(self.schema, c.field, t) for t in c.terms]
                inner = (
                    sub[0]
                    if len(sub) == 1
                    else Query.boolean_query([(Occur.Should, q) for q in sub])
                )
                alts.append(Query.const_score_query(inner, c.score))
            words.append(
                (Occur.Must if strict else Occur.Should, Query.disjunction_max_query(alts))
            )
        if words:
            must.append((Occur.Must, Query.boolean_query(words)))
        for name, lo, hi in (
            ("birth_year", f.birth_year_from, f.birth_year_to),
            ("arrest_year", f.arrest_year_from, f.arrest_year_to),
        ):
            if lo is not None or hi is not None:
                must.append(
                    (
                        Occur.Must,
                        Query.range_query(
                            self.schema,
                            name,
                            tantivy.FieldType.Integer,
                            lo if lo is not None else 0,
                            hi if hi is not None else 9999,
                        ),
                    )
                )
        for name, value in _keyword_filters(f).items():
            must.append((Occur.Must, Query.term_query(self.schema, name, value)))
        if not must:
            return Query.all_query()
        return Query.boolean_query(must)

    def search(
        self,
        q: str,
        filters: PersonFilters,
        *,
        offset: int = 0,
        limit: int = 20,
        facets: bool = True,
    ) -> PersonResult:
        self.idx.reload()  # see commits of other processes (pipeline workers) at once
        searcher = self.idx.searcher()
        query = self._query(q, filters)
        res = searcher.search(query, limit=offset + limit + FETCH_EXTRA, count=True)
        total = int(getattr(res, "count", 0) or 0)
        if total == 0 and len(query_plan(q)) > 1:  # no record has every word: any word
            query = self._query(q, filters, strict=False)
            res = searcher.search(query, limit=offset + limit + FETCH_EXTRA, count=True)
            total = int(getattr(res, "count", 0) or 0)
        scored = [(int(searcher.doc(addr)["id"][0]), float(score)) for score, addr in res.hits]
        counts: dict[str, dict[str, int]] = {}
        if facets:
            agg = searcher.aggregate(
                query, {k: {"terms": {"field": k, "size": 50}} for k in FACETS}
            )
            for k in FACETS:
                counts[k] = {b["key"]: int(b["doc_count"]) for b in agg[k]["buckets"]}
        return PersonResult(total, _order(scored, offset, limit), counts)

    def clear(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self.__init__(self.path)  # type: ignore[misc]

    def close(self) -> None:
        pass


def _keyword_filters(f: PersonFilters) -> dict[str, str]:
    out: dict[str, str] = {}
    if f.sentenced_by:
        out["sentenced_by"] = f.sentenced_by
    if f.sentence:
        out["sentence"] = f.sentence
    if f.rehabilitated is not None:
        out["rehabilitated"] = "yes" if f.rehabilitated else "no"
    if f.region:
        out["region"] = fold(_place(f.region))
    if f.public_only:
        out["state"] = "published"
    return out


# ---------------------------------------------------------------- OpenSearch

_MAPPING = {
    "settings": {"number_of_shards": 1, "number_of_replicas": 0},
    "mappings": {
        "dynamic": "strict",
        "properties": {
            "id": {"type": "long"},
            **{n: {"type": "keyword"} for n in NAME_FIELDS},
            "birth_year": {"type": "integer"},
            "arrest_year": {"type": "integer"},
            **{n: {"type": "keyword"} for n in KEYWORDS},
        },
    },
}


class OpenSearchPersons:
    """The persons index on OpenSearch (``{prefix}-persons``)."""

    def __init__(self, url: str, prefix: str = "achyk", client: OpenSearch | None = None) -> None:
        # A client handed in (the context's, shared with the documents index) is closed by
        # its owner; one opened here is this index's own.
        self._owns_client = client is None
        self.client = client or search_client.connect(url)
        self.name = f"{prefix}-persons"
        if not self.client.indices.exists(index=self.name):
            self.client.indices.create(index=self.name, body=_MAPPING)

    def index(self, docs: list[PersonDoc]) -> None:
        if not docs:
            return
        body: list[dict[str, Any]] = []
        for d in docs:
            src = {k: v for k, v in d.fields().items() if v not in (None, "", [])}
            body += [{"index": {"_index": self.name, "_id": str(d.id)}}, src]
        res = self.client.bulk(body=body, refresh=True)
        if res.get("errors"):
            bad = [i for i in res["items"] if i["index"].get("error")]
            raise RuntimeError(f"OpenSearch refused {len(bad)} person records: {bad[:3]}")

    def delete(self, ids: list[int]) -> None:
        if ids:
            self.client.delete_by_query(
                index=self.name, refresh=True, body={"query": {"terms": {"id": ids}}}
            )

    def _query(self, q: str, f: PersonFilters, strict: bool = True) -> dict[str, Any]:
        must: list[dict[str, Any]] = []
        words = []
        for clauses in query_plan(q):
            alts = []
            for c in clauses:
                alts.append(
                    {
                        "constant_score": {
                            "filter": {"terms": {c.field: list(c.terms)}},
                            "boost": c.score,
                        }
                    }
                )
            words.append({"dis_max": {"queries": alts, "tie_breaker": 0.0}})
        if words:
            must.append(
                {"bool": {"must": words}}
                if strict
                else {"bool": {"should": words, "minimum_should_match": 1}}
            )
        filt: list[dict[str, Any]] = []
        for name, lo, hi in (
            ("birth_year", f.birth_year_from, f.birth_year_to),
            ("arrest_year", f.arrest_year_from, f.arrest_year_to),
        ):
            if lo is not None or hi is not None:
                rng: dict[str, int] = {}
                if lo is not None:
                    rng["gte"] = lo
                if hi is not None:
                    rng["lte"] = hi
                filt.append({"range": {name: rng}})
        filt += [{"term": {k: v}} for k, v in _keyword_filters(f).items()]
        return {"bool": {"must": must or [{"match_all": {}}], "filter": filt}}

    def search(
        self,
        q: str,
        filters: PersonFilters,
        *,
        offset: int = 0,
        limit: int = 20,
        facets: bool = True,
    ) -> PersonResult:
        body: dict[str, Any] = {
            "query": self._query(q, filters),
            "size": offset + limit + FETCH_EXTRA,
            "track_total_hits": True,
            "_source": ["id"],
        }
        if facets:
            body["aggs"] = {k: {"terms": {"field": k, "size": 50}} for k in FACETS}
        res = self.client.search(index=self.name, body=body)
        if res["hits"]["total"]["value"] == 0 and len(query_plan(q)) > 1:
            body["query"] = self._query(q, filters, strict=False)
            res = self.client.search(index=self.name, body=body)
        scored = [(int(h["_source"]["id"]), float(h["_score"] or 0.0)) for h in res["hits"]["hits"]]
        counts = (
            {
                k: {b["key"]: int(b["doc_count"]) for b in res["aggregations"][k]["buckets"]}
                for k in FACETS
            }
            if facets
            else {}
        )
        return PersonResult(
            int(res["hits"]["total"]["value"]), _order(scored, offset, limit), counts
        )

    def clear(self) -> None:
        self.client.indices.delete(index=self.name, ignore_unavailable=True)
        self.client.indices.create(index=self.name, body=_MAPPING)

    def close(self) -> None:
        if self._owns_client:
            self.client.close()


def open_person_search(
    search_url: str | None,
    index_dir: Path,
    prefix: str = "achyk",
    client: OpenSearch | None = None,
) -> PersonSearch:
    """OpenSearch when a URL is set, else the embedded index under ``index_dir``.

    ``client``: the application context's OpenSearch client, so the persons index shares
    the documents index's connection pool (core.search_client)."""
    if search_url:
        return OpenSearchPersons(search_url, prefix, client)
    return TantivyPersons(index_dir / "persons")
