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
from indices.types import Filters, IndexDoc, IndexPage
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


def test_similar_after_a_partial_reindex_does_not_panic(tmp_path: Path) -> None:
    """Re-indexing some documents leaves their old copies deleted but still counted in a
    term's documents until a merge; tantivy's more-like-this then found a word in more
    documents than are live and panicked («4 >= 7»): a 500 on a court decision's page
    after `achyk reindex` caught up, or after a few corrections."""
    docs = [
        IndexDoc(
            id=i,
            title=f"Решение {i}",
            collection="court",
            doc_type="court_decision",
            language="ru",
            format="txt",
            year=2020,
            date=None,
            pages=(IndexPage(1, f"Архивная справка о взыскании долга номер {i} {extra}"),),
        )
        for i, extra in enumerate(["кассация", "кассация", "апелляция", "надзор"], start=1)
    ]
    b = TantivyBackend(tmp_path / "index")
    b.index(docs)
    b.index(docs[:3])  # «справка» now in 7 documents by the dictionary, 4 of them live
    hits = b.more_like(docs[0].pages[0].text, Filters(), exclude=1, limit=5)
    assert [h.id for h in hits] == [2]  # by «кассация»; the words of every document weigh nothing
