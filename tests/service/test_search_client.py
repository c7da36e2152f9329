"""One OpenSearch connection pool per process (issue 13: two pools to one cluster).

The documents index and the persons index live on the same cluster; the application
context opens one client (core.search_client) and both use it, in the API process, the
CLI and a pipeline worker alike.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from opensearchpy import OpenSearch

from core.settings import Settings
from indices.context import AppContext
from indices.opensearch_backend import OpenSearchBackend
from persons.index import OpenSearchPersons, PersonFilters
from server.app import create_app
from service.persons import app_person_search

pytestmark = pytest.mark.opensearch


def test_the_documents_and_persons_indices_share_the_contexts_client(
    search_node_url: str, tmp_path: Path
) -> None:
    prefix = f"achyk-test-pool{uuid.uuid4().hex[:8]}"
    settings = Settings(data_dir=tmp_path / "data", search_url=search_node_url, index_prefix=prefix)  # type: ignore[call-arg]
    ctx = AppContext.create(settings)
    try:
        app = create_app(ctx)
        backend, persons = ctx.search, app_person_search(app)
        assert isinstance(backend, OpenSearchBackend)
        assert isinstance(persons, OpenSearchPersons)
        assert ctx.search_client is not None
        assert backend.client is ctx.search_client
        assert persons.client is ctx.search_client
        assert backend.count() == 0
        assert persons.search("Токтосунов", PersonFilters()).total == 0
    finally:
        ctx.close()
        cleanup = OpenSearch(hosts=[search_node_url])
        cleanup.indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
        cleanup.close()
