"""Run stages on a document with persisted states; a failure is recorded, never swallowed.

Safe to run twice, or side by side: a stage first claims the document (a compare-and-set
on its state and lease), and moves it on only if it is still in the state the stage
started from. A redelivered task, a second worker or a withdrawal that lands meanwhile
therefore never duplicates a page or an index entry, nor republishes a withdrawn text.
Outages of the database or the search engine are `TransientError`s: the caller retries
them, and the document is not marked failed while retries remain.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import traceback
from typing import Any, cast

from sqlalchemy import CursorResult, Update, func, or_, update
from sqlalchemy.orm import Session

from core.errors import ErrorCode, StageError, TransientError
from core.models import Document, utcnow
from core.types import STATE_AFTER, STATE_BEFORE, DocState, Stage, stages_after
from indices.context import AppContext
from ingest.decisions import retire_earlier_versions
from ingest.metrics import STAGE_FAILURES, STAGE_SECONDS
from ingest.stages import STAGES
from ingest.transient import is_transient

log = logging.getLogger(__name__)
MAX_BACKOFF = 300.0


class Leased(TransientError):
    """Another run holds this document's stage; try again once its lease may have ended."""

    def __init__(self, retry_in: float) -> None:
        super().__init__(f"Документ обрабатывается другим процессом ещё до {retry_in:.0f} с")
        self.retry_in = retry_in


def _rows(s: Session, stmt: Update) -> int:
    """Rows an UPDATE changed: the compare-and-set tells whether this run won."""
    result = cast("CursorResult[Any]", s.execute(stmt.execution_options(synchronize_session=False)))
    return result.rowcount


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back naive; every one we store is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def backoff(settings_backoff: float, attempt: int) -> float:
    return float(min(MAX_BACKOFF, settings_backoff * 2**attempt))


def _claim(ctx: AppContext, doc_id: int, stage: Stage) -> bool:
    """True when this run now owns the stage; False when the document is not ready for it."""
    now = utcnow()
    lease = now + dt.timedelta(seconds=ctx.settings.task_timeout)
    with ctx.db.session() as s:
        claimed = (
            _rows(
                s,
                update(Document)
                .where(
                    Document.id == doc_id,
                    Document.state == STATE_BEFORE[stage],
                    or_(Document.lease_until.is_(None), Document.lease_until < now),
                )
                .values(attempts=Document.attempts + 1, lease_until=lease),
            )
            == 1
        )
        if claimed:
            return True
        doc = s.get_one(Document, doc_id)
        if doc.state != STATE_BEFORE[stage] or doc.lease_until is None:
            return False
        raise Leased(max(1.0, (as_utc(doc.lease_until) - now).total_seconds() + 1))


def run_stage(ctx: AppContext, doc_id: int, stage: Stage) -> bool:
    """Run one stage if the document is ready for it; True when the document moved on.

    Raises `Leased` when another run holds the stage and `TransientError` when a service
    it needs is down (the lease is released, the state kept).
    """
    try:
        if not _claim(ctx, doc_id, stage):
            return False
    except TransientError:
        raise
    except Exception as e:
        if is_transient(e):
            raise TransientError(f"База данных недоступна: {e}") from e
        raise
    started = time.perf_counter()
    try:
        STAGES[stage].run(ctx, doc_id)
    except Exception as e:
        STAGE_SECONDS.labels(stage, "error").observe(time.perf_counter() - started)
        STAGE_FAILURES.labels(
            stage,
            e.code
            if isinstance(e, StageError)
            else (ErrorCode.UNAVAILABLE if is_transient(e) else ErrorCode.INTERNAL),
        ).inc()
        if is_transient(e):
            _release(ctx, doc_id)
            raise TransientError(getattr(e, "message", None) or f"{type(e).__name__}: {e}") from e
        if isinstance(e, StageError):
            if e.__cause__ is not None:  # a library's own words: for the log, not the user
                log.warning(
                    "stage %s failed on document %s (%s): %s: %s",
                    stage,
                    doc_id,
                    e.code,
                    type(e.__cause__).__name__,
                    e.__cause__,
                )
            fail(ctx, doc_id, stage, e.code, e.message)
        else:  # an unexpected bug: still visible on the document, retryable
            log.error("stage %s failed on document %s:\n%s", stage, doc_id, traceback.format_exc())
            fail(
                ctx,
                doc_id,
                stage,
                ErrorCode.INTERNAL,
                f"Внутренняя ошибка на этапе {stage} ({type(e).__name__}): подробности в "
                f"журнале сервера",
            )
        return False
    STAGE_SECONDS.labels(stage, "ok").observe(time.perf_counter() - started)
    return _advance(ctx, doc_id, stage)


def _advance(ctx: AppContext, doc_id: int, stage: Stage) -> bool:
    """Move the document past `stage`. Publishing a court decision's version retires the
    earlier versions in the same transaction, so nobody (a client waiting for the
    publication, a reader) ever sees two published versions of one decision."""
    retired: list[int] = []
    with ctx.db.session() as s:
        moved = (
            _rows(
                s,
                update(Document)
                .where(Document.id == doc_id, Document.state == STATE_BEFORE[stage])
                .values(
                    state=STATE_AFTER[stage],
                    lease_until=None,
                    failed_stage=None,
                    error_code=None,
                    error_message=None,
                    **_first_publication(stage),
                ),
            )
            == 1
        )
        if moved and stage is Stage.INDEX:
            retired = retire_earlier_versions(s, doc_id)
    if not moved:
        if stage is Stage.INDEX:  # withdrawn while being indexed: take it out again
            ctx.search.delete([doc_id])
        return False
    if retired:
        ctx.search.delete(retired)
    return True


def _first_publication(stage: Stage) -> dict[str, Any]:
    """The index stage stamps `published_at` once: a re-run (re-OCR, a withdrawn text
    published again) is not news to the feed or to the alerts."""
    if stage is not Stage.INDEX:
        return {}
    return {"published_at": func.coalesce(Document.published_at, utcnow())}


def _release(ctx: AppContext, doc_id: int) -> None:
    try:
        with ctx.db.session() as s:
            s.execute(
                update(Document)
                .where(Document.id == doc_id)
                .values(lease_until=None)
                .execution_options(synchronize_session=False)
            )
    except Exception as e:  # the database itself may be what is down; the lease runs out
        log.warning("could not release the lease of document %s: %s", doc_id, e)


def fail(ctx: AppContext, doc_id: int, stage: Stage, code: str, message: str) -> None:
    """Record a stage failure, unless the document left that stage meanwhile (withdrawn)."""
    with ctx.db.session() as s:
        s.execute(
            update(Document)
            .where(Document.id == doc_id, Document.state == STATE_BEFORE[stage])
            .values(
                state=DocState.FAILED,
                failed_stage=stage,
                error_code=code,
                error_message=message[:2000],
                lease_until=None,
            )
            .execution_options(synchronize_session=False)
        )


def run_document(ctx: AppContext, doc_id: int) -> str:
    """All remaining stages in order, retrying outages with backoff; returns the final state.

    A document whose stage another process holds is left to that process.
    """
    with ctx.db.session() as s:
        state = DocState(s.get_one(Document, doc_id).state)
    for stage in stages_after(state):
        if not _run_with_retries(ctx, doc_id, stage):
            break
    with ctx.db.session() as s:
        return s.get_one(Document, doc_id).state


def _run_with_retries(ctx: AppContext, doc_id: int, stage: Stage) -> bool:
    retries = ctx.settings.task_retries
    for attempt in range(retries + 1):
        try:
            return run_stage(ctx, doc_id, stage)
        except Leased:
            return False
        except TransientError as e:
            delay = after_outage(ctx, doc_id, stage, attempt, e)
            if delay is None:
                return False
            time.sleep(delay)
    return False


def after_outage(
    ctx: AppContext, doc_id: int, stage: Stage, attempt: int, e: TransientError
) -> float | None:
    """The one retry policy for outages, for the embedded runner and the Celery tasks alike.

    ``attempt`` counts from 0. Returns the seconds to wait before the next attempt
    (exponential backoff), or None once ``task_retries`` are spent: the document is then
    failed as `unavailable`, with the reason, and may be reprocessed later.
    """
    if attempt >= ctx.settings.task_retries:
        fail(
            ctx,
            doc_id,
            stage,
            ErrorCode.UNAVAILABLE,
            f"Сервис недоступен после {attempt + 1} попыток: {e.message}",
        )
        return None
    log.warning("document %s, stage %s: %s; retry %d", doc_id, stage, e.message, attempt + 1)
    return backoff(ctx.settings.retry_backoff, attempt)


def reset_failed(ctx: AppContext, doc_id: int) -> bool:
    """Put a failed document back just before its failed stage, so a rerun resumes there."""
    with ctx.db.session() as s:
        doc = s.get_one(Document, doc_id)
        if doc.state != DocState.FAILED or not doc.failed_stage:
            return False
        doc.state = STATE_BEFORE[Stage(doc.failed_stage)]
        doc.lease_until = None
        return True
