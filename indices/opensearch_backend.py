"""Search on OpenSearch: the same interface and the same answers as the embedded index.

Analysis happens in Python exactly as for tantivy: the engine receives `fold(text)` in
`text`/`title` (stemmed by its `russian` Snowball stemmer, with an `.exact` twin) and the
query leaves arrive already analysed (indices/opensearch_query.py). The public text is
kept in a stored, unindexed `payload` so that snippets are cut by indices/highlight.py,
as for tantivy, and never by OpenSearch's highlighter.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

from opensearchpy import OpenSearch

from core import search_client
from indices import opensearch_indices as ix
from indices.analysis import MAX_TOKEN_BYTES, TOKEN, fold, kept
from indices.opensearch_bulk import Action, BulkPolicy, bulk, delete_action, index_action
from indices.opensearch_query import mlt_body, pages_body, search_body
from indices.query import Node
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
    facet_key,
    stored_keywords,
    year_histogram,
)

log = logging.getLogger(__name__)

_TOO_LONG = "x" * (MAX_TOKEN_BYTES + 1)  # the mapping's `length` filter (max 255) drops it
STALE_PAGES_CHUNK = 500  # documents per stale-pages delete (bool clauses stay under 1024)


def engine_text(text: str) -> str:
    """What the engine indexes: the folded text, minus tokens tantivy would drop.

    tantivy drops tokens of MAX_TOKEN_BYTES UTF-8 bytes or more, OpenSearch's `length`
    filter counts characters; such a token is replaced by one the `length` filter drops
    too, so both engines keep the same terms at the same positions.
    """

    def cut(m: re.Match[str]) -> str:
        word = m.group()
        return word if kept(word) else _TOO_LONG

    return TOKEN.sub(cut, fold(text))


def _keywords(d: IndexDoc) -> dict[str, Any]:
    return {k: v for k, v in d.keywords().items() if v} | {"year": d.year}


def doc_source(d: IndexDoc) -> dict[str, Any]:
    payload = {
        "title": d.title,
        "date": d.date,
        "text": d.text,
        "page_count": len(d.pages),
        **d.extra,
    }
    return {
        "id": d.id,
        "title": engine_text(d.title),
        "text": engine_text(d.text),
        **_keywords(d),
        "date": d.date,
        "day": d.day,
        "title_sort": d.title_key,
        "payload": payload,
    }


def page_actions(index: str, d: IndexDoc) -> Iterator[Action]:
    common = _keywords(d)
    for p in d.pages:
        yield index_action(
            index,
            f"{d.id}-{p.number}",
            {
                "doc_id": d.id,
                "number": p.number,
                "text": engine_text(p.text),
                **common,
                "payload": {"text": p.text},
            },
        )


def doc_actions(docs_index: str, pages_index: str, docs: Iterable[IndexDoc]) -> Iterator[Action]:
    for d in docs:
        yield index_action(docs_index, str(d.id), doc_source(d))
        yield from page_actions(pages_index, d)


def _as_list(v: Any) -> list[str]:
    if v is None or v == "":
        return []
    return [str(x) for x in v] if isinstance(v, list) else [str(v)]


class OpenSearchBackend:
    name = "opensearch"

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "achyk",
        client: OpenSearch | None = None,
        policy: BulkPolicy | None = None,
    ) -> None:
        # A client handed in (the context's, shared with the persons index) is closed by
        # its owner; one opened here is this backend's own.
        self._owns_client = client is None
        self.client = client or search_client.connect(url)
        self.prefix = prefix
        self.policy = policy or BulkPolicy()
        self.docs_alias = ix.alias_name(prefix, "documents")
        self.pages_alias = ix.alias_name(prefix, "pages")
        ix.ensure(self.client, prefix)

    # -- writing -----------------------------------------------------------------
    def _refresh(self) -> None:
        self.client.indices.refresh(index=f"{self.docs_alias},{self.pages_alias}")

    def index(self, docs: list[IndexDoc]) -> None:
        if not docs:
            return
        bulk(self.client, doc_actions(self.docs_alias, self.pages_alias, docs), self.policy)
        self._delete_stale_pages(docs)
        self._refresh()

    def _delete_stale_pages(self, docs: list[IndexDoc]) -> None:
        """Pages a re-indexed document no longer has (it got shorter, or was re-OCR'd)."""
        for i in range(0, len(docs), STALE_PAGES_CHUNK):
            should = [
                {
                    "bool": {
                        "filter": [{"term": {"doc_id": d.id}}],
                        "must_not": [{"terms": {"number": [p.number for p in d.pages]}}],
                    }
                }
                for d in docs[i : i + STALE_PAGES_CHUNK]
            ]
            self.client.delete_by_query(
                index=self.pages_alias,
                conflicts="proceed",
                body={"query": {"bool": {"should": should, "minimum_should_match": 1}}},
            )

    def delete(self, doc_ids: list[int]) -> None:
        if not doc_ids:
            return
        bulk(self.client, (delete_action(self.docs_alias, str(i)) for i in doc_ids), self.policy)
        self.client.delete_by_query(
            index=self.pages_alias,
            conflicts="proceed",
            body={"query": {"terms": {"doc_id": list(doc_ids)}}},
        )
        self._refresh()

    def clear(self) -> None:
        for alias in (self.docs_alias, self.pages_alias):
            self.client.delete_by_query(
                index=alias, conflicts="proceed", body={"query": {"match_all": {}}}
            )
        self._refresh()

    def count(self) -> int:
        return int(self.client.count(index=self.docs_alias)["count"])

    def close(self) -> None:
        if self._owns_client:
            self.client.close()

    def rebuild(self, docs: Iterable[IndexDoc]) -> None:
        """Load a fresh generation of both indexes, then swap the aliases onto it at once.

        Searches and writes go to the old generation until the swap; the old indexes are
        deleted after it. A failure leaves the old generation serving and the new one gone.
        """
        gen = ix.next_generation(self.client, self.prefix)
        new: dict[ix.Kind, str] = {
            kind: ix.index_name(self.prefix, kind, ix.mapping_version(kind), gen)
            for kind in ix.KINDS
        }
        try:
            for kind, name in new.items():
                ix.create(self.client, name, kind, loading=True)
            bulk(self.client, doc_actions(new["documents"], new["pages"], docs), self.policy)
            for kind, name in new.items():
                ix.finish_loading(self.client, name, kind)
        except BaseException:
            ix.drop(self.client, list(new.values()))
            raise
        old = ix.swap(self.client, self.prefix, new)
        ix.drop(self.client, old)
        log.info(
            "reindex: %s now serve %s (dropped %s)",
            list(new.values()),
            [self.docs_alias, self.pages_alias],
            old,
        )

    # -- querying ----------------------------------------------------------------
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
        body = search_body(query, filters, offset=offset, limit=limit, facets=facets, sort=sort)
        resp = self.client.search(index=self.docs_alias, body=body)
        hits = [self._hit(h) for h in resp["hits"]["hits"]]
        aggs = resp.get("aggregations", {})
        years = [(b["key"], b["doc_count"]) for b in aggs.get("years", {}).get("buckets", [])]
        return RawResult(
            total=int(resp["hits"]["total"]["value"]),
            hits=hits,
            facets=self._facets(aggs) if facets else {},
            years=year_histogram(years) if facets else [],
        )

    def more_like(self, text: str, filters: Filters, *, exclude: int, limit: int) -> list[RawHit]:
        body = mlt_body(engine_text(text), filters, exclude=exclude, limit=limit)
        resp = self.client.search(index=self.docs_alias, body=body)
        return [self._hit(h) for h in resp["hits"]["hits"]]

    @staticmethod
    def _hit(h: dict[str, Any]) -> RawHit:
        src = h["_source"]
        fields = dict(src.get("payload") or {})
        fields |= stored_keywords({k: _as_list(src.get(k)) for k in KEYWORD_FIELDS})
        fields["year"] = src.get("year")
        return RawHit(id=int(src["id"]), score=float(h.get("_score") or 0.0), fields=fields)

    @staticmethod
    def _facets(aggs: dict[str, Any]) -> dict[str, list[FacetValue]]:
        out: dict[str, list[FacetValue]] = {}
        for f in FACET_FIELDS:
            values = [
                FacetValue(facet_key(b["key"]), int(b["doc_count"]))
                for b in aggs.get(f, {}).get("buckets", [])
                if facet_key(b["key"]) != ""
            ]
            out[f] = sorted(values, key=lambda v: (-v.count, v.value))
        return out

    def pages(self, query: Node, doc_ids: list[int], *, limit: int) -> list[PageHit]:
        if not doc_ids or limit <= 0:
            return []
        resp = self.client.search(
            index=self.pages_alias, body=pages_body(query, doc_ids, limit=limit)
        )
        return [
            PageHit(
                int(h["_source"]["doc_id"]),
                int(h["_source"]["number"]),
                h["_source"]["payload"]["text"],
            )
            for h in resp["hits"]["hits"]
        ]
