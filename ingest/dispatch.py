"""Who runs the pipeline for new documents: Celery workers or a thread in this process.

With ACHYK_BROKER_URL set, documents are queued to Celery (one chain each). Without it,
an API process runs them in its background pool (the embedded runner's worker
processes), so a request never waits for OCR. Either way progress lives in the database (each
document's state), which is what batch status and the live progress stream read.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import threading
from collections.abc import Iterable
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
)
from typing import Protocol

from sqlalchemy import or_, select, update

from core.errors import StageError
from core.models import Document, utcnow
from core.types import IN_PROGRESS, FileKind
from indices.context import AppContext
from ingest.pipeline import run_document
from ingest.runner import init_worker, work
from ingest.sniff import sniff
from ingest.tasks import DEFAULT_QUEUE, OCR_QUEUE, configure, process_document_signature

log = logging.getLogger(__name__)
# Publishing from a request: a broker outage must not hold the request for long; a
# document left unqueued is queued by a worker's reconciler (ingest/reconcile.py).
PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1}
OCR_KINDS = frozenset({FileKind.PDF, FileKind.IMAGE})


class Dispatcher(Protocol):
    def submit(self, doc_ids: Iterable[int]) -> None: ...

    def close(self) -> None: ...


def mark_queued(ctx: AppContext, doc_ids: list[int]) -> None:
    if doc_ids:
        with ctx.db.session() as s:
            s.execute(
                update(Document)
                .where(Document.id.in_(doc_ids))
                .values(queued_at=utcnow())
                .execution_options(synchronize_session=False)
            )


def extract_queue(ctx: AppContext, doc_id: int) -> str:
    """Scans and PDFs extract on the OCR queue; text formats on the default one."""
    with ctx.db.session() as s:
        key = s.get_one(Document, doc_id).sha256
    try:
        kind = sniff(ctx.blobs.path(key))
    except (StageError, OSError):
        return DEFAULT_QUEUE
    return OCR_QUEUE if kind in OCR_KINDS else DEFAULT_QUEUE


def enqueue(ctx: AppContext, doc_ids: Iterable[int]) -> list[int]:
    """Queue each document's chain; returns those queued (the rest wait for the reconciler)."""
    configure(ctx.settings)
    done: list[int] = []
    for doc_id in doc_ids:
        try:
            process_document_signature(
                doc_id, extract_queue=extract_queue(ctx, doc_id)
            ).apply_async(retry=True, retry_policy=PUBLISH_RETRY)
        except Exception as e:  # broker down: the document is safe in the database
            log.warning("could not queue document %s: %s", doc_id, e)
            continue
        done.append(doc_id)
    mark_queued(ctx, done)
    return done


class CeleryDispatcher:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def submit(self, doc_ids: Iterable[int]) -> None:
        enqueue(self.ctx, doc_ids)

    def close(self) -> None:
        pass


class EmbeddedDispatcher:
    """A long-lived pool in this process: spawned workers (one per core) or, with one
    worker, a single thread. Created on first use and kept, so a batch never waits for
    interpreters to start; documents queue in the pool in submission order."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._pool: Executor | None = None
        self._lock = threading.Lock()
        self._closed = False

    def _executor(self) -> Executor:
        if self._pool is None:
            if self.ctx.settings.workers > 1:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.ctx.settings.workers,
                    mp_context=mp.get_context("spawn"),
                    initializer=init_worker,
                    initargs=(self.ctx.settings.model_dump_json(),),
                )
            else:
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="achyk-pipeline")
        return self._pool

    def _run(self, doc_id: int) -> Future[tuple[int, str]]:
        pool = self._executor()
        if isinstance(pool, ProcessPoolExecutor):
            return pool.submit(work, self.ctx.settings.model_dump_json(), doc_id)
        return pool.submit(lambda: (doc_id, run_document(self.ctx, doc_id)))

    def submit(self, doc_ids: Iterable[int]) -> None:
        ids = list(doc_ids)
        if not ids:
            return
        mark_queued(self.ctx, ids)
        with self._lock:
            if self._closed:
                return  # shutting down: the documents are resumed at the next start
            for doc_id in ids:
                try:
                    fut = self._run(doc_id)
                except BrokenExecutor:  # a worker died (killed, out of memory): start afresh
                    self._pool = None
                    fut = self._run(doc_id)
                fut.add_done_callback(_log_failure)

    def resume(self) -> None:
        """Documents a stopped process left half-way (no live lease) run again."""
        self.submit(unfinished(self.ctx))

    def close(self) -> None:
        """Finish what runs now; what waits keeps its state and is resumed at the next start."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _log_failure(fut: Future[tuple[int, str]]) -> None:
    if not fut.cancelled() and (e := fut.exception()) is not None:
        log.error("embedded pipeline run failed; the document stays resumable: %s", e)


def unfinished(ctx: AppContext) -> list[int]:
    now = utcnow()
    with ctx.db.session() as s:
        return list(
            s.scalars(
                select(Document.id)
                .where(
                    Document.state.in_(IN_PROGRESS),
                    or_(Document.lease_until.is_(None), Document.lease_until < now),
                )
                .order_by(Document.id)
            )
        )


def make_dispatcher(ctx: AppContext) -> Dispatcher:
    return CeleryDispatcher(ctx) if ctx.settings.broker_url else EmbeddedDispatcher(ctx)
