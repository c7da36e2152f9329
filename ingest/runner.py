"""The embedded task runner: the pipeline's task functions in a local process pool.

One worker per core, each with OMP_THREAD_LIMIT=1 so that every core runs exactly
one tesseract. Workers are spawned (not forked) so none inherits the parent's open
database connections or index handles.

The context cannot cross the process boundary (it holds a database engine), so every
task names the settings its context is built from: ``work(settings_json, doc_id)``. A
worker builds that context once and reuses it for the next task with the same settings
(``worker_context``); there is no "initialised or not" state, and a test runs ``work``
with its own settings.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from functools import lru_cache

from core.settings import Settings
from indices.context import AppContext
from ingest.pipeline import run_document

Progress = Callable[[int, str], None]


@lru_cache(maxsize=1)
def worker_context(settings_json: str) -> AppContext:
    """The context of a pool worker, built once per worker process and settings: opening
    one (database engine, migrations check) per document would cost more than the
    document. A pool serves one set of settings, so one is kept."""
    return AppContext.create(Settings.model_validate_json(settings_json))


def init_worker(settings_json: str) -> None:
    """Pool initializer: one tesseract thread per worker, and the context built before
    the first document arrives."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    worker_context(settings_json)


def work(settings_json: str, doc_id: int) -> tuple[int, str]:
    """One document in a pool worker, in the context the settings name."""
    return doc_id, run_document(worker_context(settings_json), doc_id)


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
    settings_json = ctx.settings.model_dump_json()
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context("spawn"),
        initializer=init_worker,
        initargs=(settings_json,),
    ) as pool:
        futures = [pool.submit(work, settings_json, i) for i in ids]
        for fut in as_completed(futures):
            doc_id, state = fut.result()
            results[doc_id] = state
            if on_done:
                on_done(doc_id, state)
    return results
