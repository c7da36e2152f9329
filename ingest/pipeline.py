"""Run stages on a document with persisted states; a failure is recorded, never swallowed."""

from __future__ import annotations

import logging
import traceback

from core.context import AppContext
from core.errors import ErrorCode, StageError
from core.models import Document
from core.types import STATE_AFTER, STATE_BEFORE, DocState, Stage, stages_after
from ingest.stages import STAGES

log = logging.getLogger(__name__)


def run_stage(ctx: AppContext, doc_id: int, stage: Stage) -> bool:
    """Run one stage if the document is ready for it; True when the document moved on.

    A document already past this stage is left alone (a redelivered task), so running
    a stage twice never duplicates work.
    """
    with ctx.db.session() as s:
        doc = s.get_one(Document, doc_id)
        if doc.state != STATE_BEFORE[stage]:
            return False
        doc.attempts += 1
    try:
        STAGES[stage].run(ctx, doc_id)
    except StageError as e:
        _fail(ctx, doc_id, stage, e.code, e.message)
        return False
    except Exception as e:  # an unexpected bug: still visible on the document, retryable
        log.error("stage %s failed on document %s:\n%s", stage, doc_id, traceback.format_exc())
        _fail(ctx, doc_id, stage, ErrorCode.INTERNAL, f"{type(e).__name__}: {e}")
        return False
    with ctx.db.session() as s:
        doc = s.get_one(Document, doc_id)
        doc.state = STATE_AFTER[stage]
        doc.failed_stage = doc.error_code = doc.error_message = None
    return True


def _fail(ctx: AppContext, doc_id: int, stage: Stage, code: str, message: str) -> None:
    with ctx.db.session() as s:
        doc = s.get_one(Document, doc_id)
        doc.state = DocState.FAILED
        doc.failed_stage = stage
        doc.error_code = code
        doc.error_message = message[:2000]


def run_document(ctx: AppContext, doc_id: int) -> str:
    """All remaining stages in order; returns the final state."""
    with ctx.db.session() as s:
        state = DocState(s.get_one(Document, doc_id).state)
    for stage in stages_after(state):
        if not run_stage(ctx, doc_id, stage):
            break
    with ctx.db.session() as s:
        return s.get_one(Document, doc_id).state


def reset_failed(ctx: AppContext, doc_id: int) -> bool:
    """Put a failed document back just before its failed stage, so a rerun resumes there."""
    with ctx.db.session() as s:
        doc = s.get_one(Document, doc_id)
        if doc.state != DocState.FAILED or not doc.failed_stage:
            return False
        doc.state = STATE_BEFORE[Stage(doc.failed_stage)]
        return True
