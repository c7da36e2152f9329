"""The interface every search backend implements (embedded tantivy, OpenSearch)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from indices.query import Node
from indices.ranking import MAX_WINDOW
from indices.types import Filters, IndexDoc, PageHit, RawHit, RawResult, Sort

__all__ = ["MAX_WINDOW", "SearchBackend"]


class SearchBackend(Protocol):
    name: str

    def index(self, docs: list[IndexDoc]) -> None:
        """Add or replace documents and their pages; visible to searches once it returns."""

    def delete(self, doc_ids: list[int]) -> None: ...

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
        """Documents matching, in `sort` order; with `facets`, the facet counts and the
        year histogram (RawResult.years) of every match."""

    def pages(self, query: Node, doc_ids: list[int], *, limit: int) -> list[PageHit]:
        """Pages of the given documents that match the query, best first."""

    def more_like(self, text: str, filters: Filters, *, exclude: int, limit: int) -> list[RawHit]:
        """Documents whose text is like `text` (More Like This), best first, `exclude` left out."""

    def count(self) -> int: ...

    def clear(self) -> None: ...

    def rebuild(self, docs: Iterable[IndexDoc]) -> None:
        """Build a fresh index from `docs` and swap it in atomically (`achyk reindex`)."""

    def close(self) -> None: ...
