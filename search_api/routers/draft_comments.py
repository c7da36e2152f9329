"""Public comments on drafts, their moderation and answers, votes, and the summary report.

Anyone comments on a draft in discussion with an e-mail address (confirmed once by a
mailed link; the confirmation hands out a commenter token for later comments and votes).
The draft's developer agency (or an admin) moderates and answers. Published comments,
answers and the report are open data; the address is never in any answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from core.auth import Caller, Permission
from drafts import DraftError, DraftErrorCode
from drafts.report import CommenterKind
from search_api.auth import CallerDep, audit, client_address, requires
from search_api.ratelimit import TokenBuckets
from search_api.routers.drafts import NOT_FOUND, WRITE_ERRORS, DraftId, _read
from service import drafts_comments as svc
from service.deps import Ctx
from service.drafts import now_local
from service.drafts_report import as_csv, as_json, draft_report
from service.params import MAX_ID
from service.report_pdf import report_pdf
from service.schemas import ErrorOut
from service.schemas_comments import (
    AnswerIn,
    CommentListOut,
    CommentOut,
    CommentStatus,
    CommentSubmittedOut,
    ConfirmIn,
    ConfirmOut,
    ModerationIn,
    VoteIn,
    VotesOut,
)
from service.schemas_drafts import DraftErrorOut, Text

router = APIRouter(tags=["draft comments"])
Developer = Annotated[Caller, requires(Permission.MANAGE_DRAFTS)]
Now = Annotated[dt.datetime, Depends(now_local)]
CommentId = Annotated[int, Path(ge=1, le=MAX_ID, description="Comment id")]
# Per client (network address): comments and votes a minute, after a burst (search_api.ratelimit).
CLIENT_PER_MINUTE = 1
CLIENT_BURST = 30
TOO_MANY: dict[int | str, dict[str, Any]] = {
    429: {"description": "Too many comments from this address or client", "model": DraftErrorOut}
}
ReportFormat = Literal["json", "csv", "pdf"]


def _client_limit(request: Request) -> None:
    """A client (network address) sends at most CLIENT_BURST comments or votes at once,
    then CLIENT_PER_MINUTE a minute: a burst guard of this process. The hourly limits per
    e-mail address and per client are counted in the database by the service."""
    state = request.app.state
    buckets = getattr(state, "comment_buckets", None)
    if buckets is None:
        buckets = state.comment_buckets = TokenBuckets(CLIENT_PER_MINUTE, CLIENT_BURST)
    if buckets.take(client_address(request)):
        raise DraftError(
            DraftErrorCode.RATE_LIMITED,
            "Слишком много замечаний с этого адреса сети: повторите позже.",
        )


ClientLimit = Depends(_client_limit)


@router.get(
    "/drafts/{draft_id}/comments",
    response_model=CommentListOut,
    responses=NOT_FOUND,
    summary="Published comments of a draft with the answers (the agency: its moderation queue)",
    description="Everyone gets the approved comments, depersonified, oldest first, each with "
    "its anchor and the same place in the latest main version, and the vote counts. The "
    "draft's developer agency and admins also get comments of any `status` with the text "
    "as written (`moderation`).",
)
def get_comments(
    ctx: Ctx,
    caller: CallerDep,
    draft_id: DraftId,
    status: Annotated[
        CommentStatus | None,
        Query(description="The agency's queue: unconfirmed, pending, approved, rejected"),
    ] = None,
    unit: Annotated[Text | None, Query(max_length=100, description="Unit id, art-5/2")] = None,
) -> CommentListOut:
    return svc.list_comments(ctx, caller, draft_id, status, unit)


@router.post(
    "/drafts/{draft_id}/comments",
    response_model=CommentSubmittedOut,
    status_code=201,
    responses={
        **WRITE_ERRORS,
        **TOO_MANY,
        413: {"description": "The attachment is over 2 MB", "model": ErrorOut},
    },
    dependencies=[ClientLimit],
    summary="Comment on a draft in discussion: on the whole draft or a unit of a version",
    description="No API key: `email` (a link to confirm it is mailed; the comment waits for "
    "it) or `token` (the commenter token of a confirmed address: straight to moderation). "
    "`version` defaults to the latest main version; `unit_id` is a unit of its structure "
    "(`art-5/2`, see the version page), `quote` words of that unit. An attachment (DOCX, "
    "PDF, RTF, TXT, at most 2 MB) is read with the upload checks; only its depersonified "
    "text is ever published.",
)
async def post_comment(
    request: Request,
    ctx: Ctx,
    now: Now,
    draft_id: DraftId,
    text: Annotated[Text, Form(min_length=3, max_length=svc.MAX_TEXT)],
    email: Annotated[Text, Form(max_length=254)] = "",
    token: Annotated[str, Form(max_length=1000)] = "",
    version: Annotated[int | None, Form(ge=1, le=10_000)] = None,
    unit_id: Annotated[Text, Form(max_length=100)] = "",
    quote: Annotated[Text, Form(max_length=1000)] = "",
    commenter_kind: Annotated[CommenterKind, Form()] = CommenterKind.INDIVIDUAL,
    organization: Annotated[Text, Form(max_length=300)] = "",
    file: Annotated[UploadFile | None, File(description="An attachment")] = None,
) -> CommentSubmittedOut:
    upload = None
    if file is not None and file.filename:
        data = await _read(file, svc.ATTACHMENT_MAX_BYTES)
        upload = svc.Upload(data, file.filename)
    body = svc.CommentIn(
        text=text,
        email=email,
        token=token,
        version=version,
        unit_id=unit_id or None,
        quote=quote,
        commenter_kind=commenter_kind,
        organization=organization,
    )
    return svc.submit(
        ctx,
        draft_id,
        body,
        upload,
        client=client_address(request),
        base=str(request.base_url),
        today=now.date(),
    )


@router.post(
    "/comments/confirm",
    response_model=ConfirmOut,
    responses={404: {"description": "Unknown or expired link", "model": ErrorOut}},
    summary="Confirm a commenter's address with the token of the mailed link",
)
def post_confirm(ctx: Ctx, body: ConfirmIn) -> ConfirmOut:
    return svc.confirm(ctx, body.token)


@router.put(
    "/drafts/{draft_id}/vote",
    response_model=VotesOut,
    responses={**WRITE_ERRORS, **TOO_MANY},
    dependencies=[ClientLimit],
    summary="Support or oppose a draft in discussion: one vote per confirmed address",
)
def put_vote(ctx: Ctx, now: Now, draft_id: DraftId, body: VoteIn) -> VotesOut:
    return svc.vote(ctx, draft_id, body, now.date())


@router.post(
    "/drafts/{draft_id}/comments/{comment_id}/moderation",
    response_model=CommentOut,
    responses=WRITE_ERRORS,
    summary="Approve (publish, depersonified) or reject a comment with a reason",
)
def post_moderation(
    ctx: Ctx, caller: Developer, draft_id: DraftId, comment_id: CommentId, body: ModerationIn
) -> CommentOut:
    out = svc.moderate(ctx, caller, draft_id, comment_id, body)
    audit(
        ctx,
        caller,
        "comment.moderate",
        f"comment:{comment_id}",
        draft=draft_id,
        decision=body.action,
        reason=body.reason,
    )
    return out


@router.post(
    "/drafts/{draft_id}/comments/{comment_id}/answer",
    response_model=CommentOut,
    responses=WRITE_ERRORS,
    summary="The developer's answer to a published comment: accepted, partly, not accepted",
)
def post_answer(
    ctx: Ctx, caller: Developer, draft_id: DraftId, comment_id: CommentId, body: AnswerIn
) -> CommentOut:
    out = svc.answer(ctx, caller, draft_id, comment_id, body)
    audit(ctx, caller, "comment.answer", f"comment:{comment_id}", draft=draft_id, kind=body.kind)
    return out


@router.get(
    "/drafts/{draft_id}/comments/{comment_id}/attachment",
    responses={**NOT_FOUND, 200: {"content": {"text/plain": {}}}},
    summary="The depersonified text of a published comment's attachment",
)
def get_comment_attachment(
    ctx: Ctx, caller: CallerDep, draft_id: DraftId, comment_id: CommentId
) -> PlainTextResponse:
    return PlainTextResponse(svc.attachment_text(ctx, caller, draft_id, comment_id))


def _report(ctx: Ctx, caller: Caller, draft_id: int, fmt: str) -> Response:
    r = draft_report(ctx, caller, draft_id)
    name = f"draft-{draft_id}-report"
    if fmt == "csv":
        return Response(
            as_csv(r),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    if fmt == "pdf":
        return Response(
            report_pdf(r),
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{name}.pdf"'},
        )
    return JSONResponse(as_json(r))


REPORT_DOC = (
    "The summary table of proposals (each published comment, its anchor carried to the "
    "latest main version, the answer and its reason) and the figures of public opinion "
    "(comments and votes by article, kind of commenter and week). `status` is `interim` "
    "until the agency publishes it (stage report_published); `unanswered` lists the "
    "comments that block publication. JSON, CSV (the summary table) or PDF; the schema is "
    "in docs/drafts.md."
)
REPORT_CONTENT: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    200: {"content": {"application/json": {}, "text/csv": {}, "application/pdf": {}}},
}


@router.get(
    "/drafts/{draft_id}/report",
    responses=REPORT_CONTENT,
    summary="The summary report of the discussion (JSON, or ?format=csv|pdf)",
    description=REPORT_DOC,
)
def get_report(
    ctx: Ctx,
    caller: CallerDep,
    draft_id: DraftId,
    format: Annotated[ReportFormat, Query(description="json, csv or pdf")] = "json",
) -> Response:
    return _report(ctx, caller, draft_id, format)


@router.get(
    "/drafts/{draft_id}/report.{fmt}",
    responses=REPORT_CONTENT,
    summary="The summary report as report.json, report.csv or report.pdf",
    description=REPORT_DOC,
)
def get_report_file(
    ctx: Ctx,
    caller: CallerDep,
    draft_id: DraftId,
    fmt: Annotated[ReportFormat, Path(description="json, csv or pdf")],
) -> Response:
    return _report(ctx, caller, draft_id, fmt)
