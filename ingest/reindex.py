"""`achyk reindex`: rebuild the search index from the records, with no downtime.

The records are the source of truth; the index is derived. A rebuild reads every
published document through the same public projection as the pipeline's index stage
(`ingest.stages.index.index_doc`), lets the backend load a fresh index and swap it in
(OpenSearch: a new versioned index and one atomic alias move; tantivy: a new folder),
then catches up on documents that changed while it ran, since those writes went to the
old index: re-index what is published now, delete what no longer is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from core.models import Document
from core.types import DocState
from indices.context import AppContext
from indices.types import IndexDoc
from ingest.stages.index import index_doc

READ_BATCH = 200
# Writers may stamp updated_at a little before the rebuild sees their write (clock skew
# between machines, a transaction open across the start): catch up generously.
CATCH_UP_MARGIN = dt.timedelta(minutes=5)

Progress = Callable[[int, int], None]  # (documents done, documents in total)


@dataclass(frozen=True, slots=True)
class ReindexReport:
    documents: int  # loaded into the fresh index
    caught_up: int  # re-indexed after the swap because they changed meanwhile
    removed: int  # deleted after the swap because they were unpublished meanwhile


def _published_ids(ctx: AppContext) -> list[int]:
    with ctx.db.session() as s:
        return list(
            s.scalars(
                select(Document.id)
                .where(Document.state == DocState.PUBLISHED)
                .order_by(Document.id)
            )
        )


def _changed_since(ctx: AppContext, since: dt.datetime) -> list[tuple[int, str]]:
    with ctx.db.session() as s:
        rows = s.execute(
            select(Document.id, Document.state)
            .where(Document.updated_at >= since)
            .order_by(Document.id)
        )
        return [(int(i), str(state)) for i, state in rows]


def load(ctx: AppContext, ids: list[int]) -> Iterator[IndexDoc]:
    """The public projection of the given documents that are published, in id order."""
    for i in range(0, len(ids), READ_BATCH):
        with ctx.db.session() as s:
            docs = s.scalars(
                select(Document)
                .where(
                    Document.id.in_(ids[i : i + READ_BATCH]), Document.state == DocState.PUBLISHED
                )
                .options(selectinload(Document.pages), joinedload(Document.collection))
                .order_by(Document.id)
            )
            batch = [index_doc(d) for d in docs]
        yield from batch


def reindex(ctx: AppContext, *, on_progress: Progress | None = None) -> ReindexReport:
    started = dt.datetime.now(dt.UTC) - CATCH_UP_MARGIN
    ids = _published_ids(ctx)
    done = 0

    def stream() -> Iterator[IndexDoc]:
        nonlocal done
        for d in load(ctx, ids):
            yield d
            done += 1
            if on_progress:
                on_progress(done, len(ids))

    if on_progress:
        on_progress(0, len(ids))
    ctx.search.rebuild(stream())
    changed = _changed_since(ctx, started)
    again = [i for i, state in changed if state == DocState.PUBLISHED]
    gone = [i for i, state in changed if state != DocState.PUBLISHED]
    for i in range(0, len(again), READ_BATCH):
        ctx.search.index(list(load(ctx, again[i : i + READ_BATCH])))
    if gone:
        ctx.search.delete(gone)
    return ReindexReport(documents=done, caught_up=len(again), removed=len(gone))
