"""Choose the backend from settings: no ACHYK_SEARCH_URL means the embedded index."""

from __future__ import annotations

from core.settings import Settings
from indices.base import SearchBackend
from indices.opensearch_backend import OpenSearchBackend
from indices.tantivy_backend import TantivyBackend


def open_backend(settings: Settings) -> SearchBackend:
    if settings.search_url:
        return OpenSearchBackend(settings.search_url, prefix=settings.index_prefix)
    return TantivyBackend(settings.index_dir)
