"""What only the embedded backend has: an index on disk that other processes reopen.

Hits, facets, pages, filters and writes are checked on both backends by
test_conformance.py; here, reopening and the folder swap of `rebuild`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import tantivy

from indices.query import parse
from indices.tantivy_backend import OutdatedIndexError, TantivyBackend
from indices.types import Filters, IndexDoc
from tests.indices.samples import DOCS


@pytest.fixture
def backend(tmp_path: Path) -> TantivyBackend:
    b = TantivyBackend(tmp_path / "index")
    b.index(DOCS)
    return b


def ids(b: TantivyBackend, q: str) -> set[int]:
    return {h.id for h in b.search(parse(q), Filters(), offset=0, limit=50, facets=False).hits}


def test_reindexing_replaces_and_survives_reopen(backend: TantivyBackend, tmp_path: Path) -> None:
    backend.index(DOCS[:1])
    reopened = TantivyBackend(tmp_path / "index")
    assert reopened.count() == 7
    assert ids(reopened, "суд") == {1, 2, 7}
    reopened.delete([2])
    assert ids(TantivyBackend(tmp_path / "index"), "суд") == {1, 7}


def test_rebuild_swaps_the_folder_under_open_readers(
    backend: TantivyBackend, tmp_path: Path
) -> None:
    reader = TantivyBackend(tmp_path / "index")  # another process's handle, opened before
    assert ids(reader, "суд") == {1, 2, 7}
    backend.rebuild(iter(DOCS[1:3]))
    assert ids(reader, "") == {2, 3} and ids(reader, "суд") == {2}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".index.writer.lock", "index"]
    reader.index(DOCS[:1])  # and it writes to the new folder
    assert ids(TantivyBackend(tmp_path / "index"), "") == {1, 2, 3}


def test_a_failed_rebuild_leaves_no_trace(backend: TantivyBackend, tmp_path: Path) -> None:
    def broken() -> Iterator[IndexDoc]:
        yield DOCS[0]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        backend.rebuild(broken())
    assert sorted(p.name for p in tmp_path.iterdir()) == [".index.writer.lock", "index"]


def test_an_index_of_an_older_schema_asks_for_reindex_and_rebuild_replaces_it(
    tmp_path: Path,
) -> None:
    root = tmp_path / "index"
    old = tantivy.SchemaBuilder()
    old.add_integer_field("id", stored=True, indexed=True, fast=True)
    (root / "documents").mkdir(parents=True)
    tantivy.Index(old.build(), path=str(root / "documents"), reuse=False)
    b = TantivyBackend(root)
    with pytest.raises(OutdatedIndexError, match="achyk reindex"):
        b.search(parse(""), Filters(), offset=0, limit=10, facets=False)
    b.rebuild(DOCS)
    res = b.search(parse(""), Filters(), offset=0, limit=10, facets=False)
    assert res.total == len(DOCS)
