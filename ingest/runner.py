"""The embedded task runner: the pipeline's task functions in a local process pool.

One worker per core, each with OMP_THREAD_LIMIT=1 so that every core runs exactly
one tesseract. Workers are spawned (not forked) so none inherits the parent's open
database connections or index handles.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed

from core.settings import Settings
from indices.context import AppContext
from ingest.pipeline import run_document

_CTX: AppContext | None = None
Progress = Callable[[int, str], None]


def init_worker(settings_json: str) -> None:
    global _CTX
    os.environ["OMP_THREAD_LIMIT"] = "1"
    _CTX = AppContext.create(Settings.model_validate_json(settings_json))


def work(doc_id: int) -> tuple[int, str]:
    assert _CTX is not None, "worker not initialised"
    return doc_id, run_document(_CTX, doc_id)


def process_documents(
    ctx: AppContext, doc_ids: Iterable[int], on_done: Progress | None = None
) -> dict[int, str]:
    """Run every document through the pipeline; returns each one's final state."""
    ids = list(doc_ids)
    results: dict[int, str] = {}
    workers = max(1, min(ctx.settings.workers, len(ids)))
    if workers == 1:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        for doc_id in ids:
            results[doc_id] = run_document(ctx, doc_id)
            if on_done:
                on_done(doc_id, results[doc_id])
        return results
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context("spawn"),
        initializer=init_worker,
        initargs=(ctx.settings.model_dump_json(),),
    ) as pool:
        futures = [pool.submit(work, i) for i in ids]
        for fut in as_completed(futures):
            doc_id, state = fut.result()
            results[doc_id] = state
            if on_done:
                on_done(doc_id, state)
    return results
