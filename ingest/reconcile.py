"""Queue again what the broker lost: the records, not the queue, are the truth.

Celery redelivers a message a dead worker held (acks_late + visibility timeout), but it
cannot redeliver what never reached the broker (it was down when the document came in)
or what the broker itself forgot (restarted without persistence). A worker therefore
checks, every few seconds:

- documents never queued (queued_at empty) for longer than a grace period;
- all unfinished documents, once the broker's epoch marker is gone (a fresh broker:
  whatever was queued before is lost). Only the worker that sets the new marker
  requeues, so a fleet of workers queues each document once;
- documents neither touched nor queued for `stall_seconds`, as a last resort.

Queueing twice is harmless: stages are idempotent and claim the document first.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable, Iterable

import redis
from sqlalchemy import ColumnElement, or_, select

from core.models import Document, utcnow
from core.types import IN_PROGRESS
from indices.context import AppContext

log = logging.getLogger(__name__)
EPOCH_KEY = "achyk:broker-epoch"
Enqueue = Callable[[AppContext, Iterable[int]], list[int]]


def _ids(ctx: AppContext, *conds: ColumnElement[bool]) -> set[int]:
    with ctx.db.session() as s:
        return set(s.scalars(select(Document.id).where(Document.state.in_(IN_PROGRESS), *conds)))


def lost_documents(
    ctx: AppContext, *, broker_fresh: bool, now: dt.datetime | None = None
) -> set[int]:
    now = now or utcnow()
    grace = now - dt.timedelta(seconds=max(2 * ctx.settings.reconcile_interval, 5))
    stall = now - dt.timedelta(seconds=ctx.settings.stall_seconds)
    ids = _ids(ctx, Document.queued_at.is_(None), Document.created_at < grace)
    ids |= _ids(
        ctx,
        Document.updated_at < stall,
        or_(Document.queued_at.is_(None), Document.queued_at < stall),
    )
    if broker_fresh:
        ids |= _ids(ctx, or_(Document.lease_until.is_(None), Document.lease_until < now))
    return ids


def broker_is_fresh(redis_url: str) -> bool:
    """True once per broker lifetime: when this call set the epoch marker."""

    client = redis.Redis.from_url(redis_url, socket_timeout=5, socket_connect_timeout=5)
    try:
        return bool(client.set(EPOCH_KEY, uuid.uuid4().hex, nx=True))
    finally:
        client.close()


def reconcile_once(ctx: AppContext, enqueue: Enqueue) -> list[int]:
    assert ctx.settings.broker_url, "reconciling needs a broker"
    fresh = broker_is_fresh(ctx.settings.broker_url)
    ids = sorted(lost_documents(ctx, broker_fresh=fresh))
    if fresh:
        log.warning("a new or emptied broker: queueing all %d unfinished document(s)", len(ids))
    elif ids:
        log.warning("queueing %d document(s) the broker never had", len(ids))
    return enqueue(ctx, ids) if ids else []


class Reconciler:
    """A daemon thread in the worker's main process running `reconcile_once` periodically."""

    def __init__(self, ctx: AppContext, enqueue: Enqueue) -> None:
        self.ctx = ctx
        self.enqueue = enqueue
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="achyk-reconciler", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _loop(self) -> None:
        while not self.stop.is_set():
            try:
                reconcile_once(self.ctx, self.enqueue)
            except Exception as e:  # broker or database down: try again next round
                log.warning("reconcile skipped: %s", e)
            self.stop.wait(self.ctx.settings.reconcile_interval)
