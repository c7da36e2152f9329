"""Both search backends for the conformance suite: embedded tantivy and a real OpenSearch.

The OpenSearch node comes from ACHYK_TEST_OPENSEARCH_URL (`make test` starts one with
scripts/opensearch-test-node). Without it the OpenSearch cases FAIL, they never skip:
a suite that silently tests one backend proves nothing about the other. To run the
embedded cases alone, deselect the others explicitly: `-m "not opensearch"`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from core.models import Collection, Document, Page
from core.settings import Settings
from core.types import DocState
from indices.base import SearchBackend
from indices.context import AppContext
from indices.types import IndexDoc

BACKENDS = ["tantivy", pytest.param("opensearch", marks=pytest.mark.opensearch)]
_counter = itertools.count(1)


@pytest.fixture(scope="session")
def opensearch_url(search_node_url: str) -> str:
    """The node of tests/conftest.py (ACHYK_TEST_OPENSEARCH_URL; its absence fails)."""
    return search_node_url


@pytest.fixture(scope="session")
def opensearch_prefix(search_node_prefix: str) -> str:
    """Under the session prefix, whose indexes are all deleted at the end."""
    return f"{search_node_prefix}-ix"


def backend_settings(request: pytest.FixtureRequest, kind: str, data_dir: Path) -> Settings:
    """Settings that open the given backend, on its own fresh indexes."""
    if kind == "tantivy":
        return Settings(data_dir=data_dir, workers=1)
    url = request.getfixturevalue("opensearch_url")
    prefix = request.getfixturevalue("opensearch_prefix")
    return Settings(
        data_dir=data_dir, workers=1, search_url=url, index_prefix=f"{prefix}-{next(_counter)}"
    )


OpenBackend = Callable[[str], SearchBackend]


@pytest.fixture
def open_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[OpenBackend]:
    """Open a fresh, empty backend of a kind; closed after the test."""
    from indices.factory import open_backend as factory

    opened: list[SearchBackend] = []

    def make(kind: str) -> SearchBackend:
        b = factory(backend_settings(request, kind, tmp_path / f"data-{len(opened)}"))
        opened.append(b)
        return b

    yield make
    for b in opened:
        b.close()


def store_published(ctx: AppContext, docs: Iterable[IndexDoc]) -> None:
    """Records for index docs, published: the service shows only hits the database does,
    and `achyk reindex` reads them back through the pipeline's projection."""
    with ctx.db.session() as s:
        collections: dict[str, Collection] = {}
        for d in docs:
            if d.collection not in collections:
                found = s.scalar(select(Collection).where(Collection.name == d.collection))
                collections[d.collection] = found or Collection(name=d.collection)
            s.add(
                Document(
                    id=d.id,
                    collection=collections[d.collection],
                    sha256=f"{d.id:064x}",
                    original_name=f"{d.id}.{d.format or 'bin'}",
                    size=0,
                    format=d.format or None,
                    title=d.title,
                    doc_type=d.doc_type,
                    language=d.language or None,
                    year=d.year,
                    doc_date=dt.date.fromisoformat(d.date) if d.date else None,
                    state=DocState.PUBLISHED,
                    page_count=len(d.pages),
                    pages=[
                        Page(number=p.number, source="text", text=p.text, public_text=p.text)
                        for p in d.pages
                    ],
                )
            )
