"""Choose the backend from settings: no ACHYK_SEARCH_URL means the embedded index."""

from __future__ import annotations

from opensearchpy import OpenSearch

from core.settings import Settings
from indices.base import SearchBackend
from indices.opensearch_backend import OpenSearchBackend
from indices.tantivy_backend import TantivyBackend


def open_backend(settings: Settings, client: OpenSearch | None = None) -> SearchBackend:
    """``client``: the context's OpenSearch client (core.search_client), or a new one."""
    if settings.search_url:
        return OpenSearchBackend(settings.search_url, prefix=settings.index_prefix, client=client)
    return TantivyBackend(settings.index_dir)
