"""Corrections of recognized text (archivists) and misreading reports (any reader)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from core.auth import Caller, Permission
from search_api.auth import CallerDep, requires
from service.corrections import correct, page_text, revert, revisions
from service.deps import Ctx
from service.misreading_reports import decide, queue, report_misreading
from service.page_lines import LineEditError
from service.params import MAX_ID, DocId, PageNumber
from service.schemas_corrections import (
    PageCorrection,
    PageTextOut,
    QueuedReport,
    ReportCreate,
    ReportDecision,
    ReportOut,
    RevertRequest,
    RevisionOut,
)

router = APIRouter(tags=["corrections"])
PAGE = "/documents/{doc_id}/pages/{number}"
WHO = (
    "Archivists (`correct_text`) correct pages of archive collections; pages of court "
    "decisions and draft laws only admins. "
)
REPUBLISH = (
    "The page's text, word boxes and lines are replaced, the change is kept as a revision "
    "and audited, and the document is published again through the same depersonification "
    "and indexing as any document: the corrected word is found by search at once, the "
    "misreading no longer is, and a name the policy removes stays removed even when the "
    "correction retypes it. 409 when `version` is not the page's current one; 503 when "
    "the search engine is down (the correction is kept; `achyk reindex` completes it)."
)


def _unprocessable(e: LineEditError) -> HTTPException:
    """400, not 422: 422 is FastAPI's own validation answer, with its documented shape."""
    return HTTPException(400, str(e))


@router.get(
    PAGE + "/text",
    response_model=PageTextOut,
    summary="A page's text line by line (the recognized text for those who may correct it)",
    description="Readers get the published text; a caller who may correct the page gets the "
    "recognized text with each OCR line's box on the page image, and `editable: true`. " + WHO,
)
def get_page_text(ctx: Ctx, caller: CallerDep, doc_id: DocId, number: PageNumber) -> PageTextOut:
    return page_text(ctx, doc_id, number, caller)


@router.put(
    PAGE + "/text",
    response_model=RevisionOut,
    summary="Correct lines of a page's recognized text",
    description=WHO + REPUBLISH,
)
def put_page_text(
    ctx: Ctx,
    caller: Annotated[Caller, requires(Permission.CORRECT_TEXT)],
    doc_id: DocId,
    number: PageNumber,
    body: PageCorrection,
) -> RevisionOut:
    edits = {e.index: e.text for e in body.lines}
    try:
        return correct(
            ctx,
            caller,
            doc_id,
            number,
            edits,
            reason=body.reason,
            version=body.version,
            report_id=body.report_id,
        )
    except LineEditError as e:
        raise _unprocessable(e) from e


@router.get(
    PAGE + "/revisions",
    response_model=list[RevisionOut],
    summary="The page's corrections, newest first (those who may correct it)",
)
def get_revisions(
    ctx: Ctx,
    caller: Annotated[Caller, requires(Permission.CORRECT_TEXT)],
    doc_id: DocId,
    number: PageNumber,
) -> list[RevisionOut]:
    return revisions(ctx, caller, doc_id, number)


@router.post(
    PAGE + "/revert",
    response_model=RevisionOut,
    summary="Undo a correction: the page gets back the text from before it",
    description="Recorded as a new revision (the history only grows). " + WHO + REPUBLISH,
)
def post_revert(
    ctx: Ctx,
    caller: Annotated[Caller, requires(Permission.CORRECT_TEXT)],
    doc_id: DocId,
    number: PageNumber,
    body: RevertRequest,
) -> RevisionOut:
    try:
        return revert(ctx, caller, doc_id, number, body.revision, body.reason)
    except LineEditError as e:
        raise _unprocessable(e) from e


@router.post(
    PAGE + "/reports",
    status_code=201,
    response_model=ReportOut,
    summary="Report a misread line or region of a page (any reader, no key needed)",
    description="Rate limited per client. The report goes to the archivists' queue; no "
    "name or contact is asked for or stored with it. Only pages the caller may read.",
)
def post_report(
    ctx: Ctx, caller: CallerDep, doc_id: DocId, number: PageNumber, body: ReportCreate
) -> ReportOut:
    try:
        return report_misreading(ctx, caller, doc_id, number, body)
    except LineEditError as e:
        raise _unprocessable(e) from e


@router.get(
    "/corrections/reports",
    response_model=list[QueuedReport],
    summary="The queue of misreading reports (archivists: archive pages; admins: all)",
)
def get_queue(
    ctx: Ctx,
    caller: Annotated[Caller, requires(Permission.CORRECT_TEXT)],
    status: Annotated[
        str | None,
        Query(pattern="^(open|accepted|rejected|all)$", description="open (default) … or all"),
    ] = "open",
) -> list[QueuedReport]:
    return queue(ctx, caller, None if status == "all" else status)


@router.post(
    "/corrections/reports/{report_id}",
    response_model=QueuedReport,
    summary="Accept a report (then open `editor_url`) or reject it with a reason",
)
def post_decision(
    ctx: Ctx,
    caller: Annotated[Caller, requires(Permission.CORRECT_TEXT)],
    report_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Report id")],
    body: ReportDecision,
) -> QueuedReport:
    try:
        return decide(ctx, caller, report_id, body.action, body.reason)
    except LineEditError as e:
        raise _unprocessable(e) from e
