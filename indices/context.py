"""The frozen context a process builds once from Settings and hands to every stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from opensearchpy import OpenSearch

from core import search_client
from core.blobs import BlobStore
from core.db import Database
from core.settings import Settings
from indices.base import SearchBackend
from indices.drafts_index import DraftSearch, open_draft_search
from indices.factory import open_backend


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    db: Database
    blobs: BlobStore
    _backend: list[SearchBackend] = field(default_factory=list, repr=False)
    _clients: list[OpenSearch] = field(default_factory=list, repr=False)

    @classmethod
    def create(cls, settings: Settings) -> AppContext:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return cls(
            settings=settings,
            db=Database(settings.sqlalchemy_url),
            blobs=BlobStore(settings.blob_dir),
        )

    @cached_property
    def search_client(self) -> OpenSearch | None:
        """The process's one OpenSearch client (None on the embedded index), opened on
        first use: the documents index and the persons index share its connection pool."""
        if not self.settings.search_url:
            return None
        client = search_client.connect(self.settings.search_url)
        self._clients.append(client)
        return client

    @cached_property
    def search(self) -> SearchBackend:
        """Opened on first use: intake and status never need the index."""
        backend = open_backend(self.settings, self.search_client)
        self._backend.append(backend)
        return backend

    @cached_property
    def drafts_search(self) -> DraftSearch:
        """The drafts index (a dedicated kind, see indices.drafts_index), opened on first use."""
        st = self.settings
        return open_draft_search(st.search_url, st.index_dir, st.index_prefix, self.search_client)

    def close(self) -> None:
        for b in self._backend:
            b.close()
        for c in self._clients:
            c.close()
        self.db.dispose()
