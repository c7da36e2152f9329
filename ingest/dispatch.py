"""Who runs the pipeline for new documents: Celery workers or a thread in this process.

With ACHYK_BROKER_URL set, documents are queued to Celery (one chain each). Without it,
an API process runs them in a background thread that feeds the embedded process pool,
so a request never waits for OCR. Either way progress lives in the database (each
document's state), which is what batch status and the live progress stream read.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import or_, select, update

from core.context import AppContext
from core.errors import StageError
from core.models import Document, utcnow
from core.types import IN_PROGRESS, FileKind
from ingest.runner import process_documents
from ingest.sniff import sniff

log = logging.getLogger(__name__)
# Publishing from a request: a broker outage must not hold the request for long; a
# document left unqueued is queued by a worker's reconciler (ingest/reconcile.py).
PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5,
                 "interval_max": 1}
OCR_KINDS = frozenset({FileKind.PDF, FileKind.IMAGE})


class Dispatcher(Protocol):
    def submit(self, doc_ids: Iterable[int]) -> None: ...

    def close(self) -> None: ...


def mark_queued(ctx: AppContext, doc_ids: list[int]) -> None:
    if doc_ids:
        with ctx.db.session() as s:
            s.execute(update(Document).where(Document.id.in_(doc_ids))
                      .values(queued_at=utcnow()).execution_options(synchronize_session=False))


def extract_queue(ctx: AppContext, doc_id: int) -> str:
    """Scans and PDFs extract on the OCR queue; text formats on the default one."""
    from ingest.tasks import DEFAULT_QUEUE, OCR_QUEUE

    with ctx.db.session() as s:
        key = s.get_one(Document, doc_id).sha256
    try:
        kind = sniff(ctx.blobs.path(key))
    except (StageError, OSError):
        return DEFAULT_QUEUE
    return OCR_QUEUE if kind in OCR_KINDS else DEFAULT_QUEUE


def enqueue(ctx: AppContext, doc_ids: Iterable[int]) -> list[int]:
    """Queue each document's chain; returns those queued (the rest wait for the reconciler)."""
    from ingest.tasks import configure, process_document_signature

    configure(ctx.settings)
    done: list[int] = []
    for doc_id in doc_ids:
        try:
            process_document_signature(doc_id, extract_queue=extract_queue(ctx, doc_id)) \
                .apply_async(retry=True, retry_policy=PUBLISH_RETRY)
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
    """One background thread; each submission runs through the embedded process pool."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._queue: queue.Queue[list[int] | None] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, doc_ids: Iterable[int]) -> None:
        ids = list(doc_ids)
        if not ids:
            return
        mark_queued(self.ctx, ids)
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="achyk-embedded-pipeline",
                                                daemon=True)
                self._thread.start()
        self._queue.put(ids)

    def resume(self) -> None:
        """Documents a stopped process left half-way (no live lease) run again."""
        self.submit(unfinished(self.ctx))

    def _loop(self) -> None:
        while not self._stop.is_set():
            ids = self._queue.get()
            if ids is None:
                break
            try:
                process_documents(self.ctx, ids, stop=self._stop)
            except Exception:
                log.exception("embedded pipeline run failed; documents stay resumable")

    def close(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout)


def unfinished(ctx: AppContext) -> list[int]:
    now = utcnow()
    with ctx.db.session() as s:
        return list(s.scalars(select(Document.id).where(
            Document.state.in_(IN_PROGRESS),
            or_(Document.lease_until.is_(None), Document.lease_until < now)).order_by(Document.id)))


def make_dispatcher(ctx: AppContext) -> Dispatcher:
    return CeleryDispatcher(ctx) if ctx.settings.broker_url else EmbeddedDispatcher(ctx)
