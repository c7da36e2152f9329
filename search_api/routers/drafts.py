"""The draft-law portal: the legislative plan, drafts, versions, diffs, stage changes.

Reads are public (a draft from the day its discussion opens; before, its agency's
developers and admins see it). Writes need a `developer` key of the draft's agency (or
an admin's) and are audited; a write the life-cycle rules refuse is a 409 or 422 whose
body has the rule's `code` (docs/drafts.md) beside the Russian `detail`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, UploadFile
from fastapi.responses import Response

from core.auth import Caller, Permission
from drafts import ActKind, DraftStage
from search_api.auth import CallerDep, audit, requires
from service import drafts as svc
from service.deps import Ctx
from service.drafts_plan import import_plan, list_plan
from service.params import MAX_ID
from service.schemas import ErrorOut
from service.schemas_drafts import (
    AttachmentKind,
    AttachmentOut,
    DiffOut,
    DraftDetailOut,
    DraftErrorOut,
    DraftIn,
    DraftListOut,
    DraftOut,
    ExtendIn,
    PlanImportOut,
    PlanItemOut,
    StageIn,
    Text,
    VersionKind,
    VersionOut,
    VersionTextOut,
)

router = APIRouter(tags=["drafts"])
Developer = Annotated[Caller, requires(Permission.MANAGE_DRAFTS)]
Now = Annotated[dt.datetime, Depends(svc.now_local)]
DraftId = Annotated[int, Path(ge=1, le=MAX_ID, description="Draft id")]
VersionNumber = Annotated[int, Path(ge=1, le=10_000, description="Version number, from 1")]
MAX_PLAN_BYTES = 5 * 1024 * 1024
MEDIA = {"pdf": "application/pdf", "docx": "application/octet-stream", "txt": "text/plain"}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such draft, or not public yet", "model": ErrorOut}
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    409: {
        "description": "The draft's stage does not allow it; `code` says which rule "
        "(transition_not_allowed, discussion_not_over, not_in_discussion, no_text, …)",
        "model": DraftErrorOut,
    },
    422: {
        "description": "An invalid value (window_too_short, reason_required, "
        "extension_not_later, unsupported_file, empty_text, …) or request fields",
        "model": DraftErrorOut,
    },
}


async def _read(file: UploadFile, limit: int) -> bytes:
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"Файл больше {limit >> 20} МБ")
    return data


@router.get(
    "/plan",
    response_model=list[PlanItemOut],
    summary="The legislative plan: items per agency and year, with their drafts once public",
)
def get_plan(
    ctx: Ctx,
    caller: CallerDep,
    agency: Annotated[Text | None, Query(max_length=300, description="Developer agency")] = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> list[PlanItemOut]:
    return list_plan(ctx, caller, agency=agency, year=year)


@router.post(
    "/plan",
    response_model=PlanImportOut,
    responses={413: {"description": "The file is over 5 MB", "model": ErrorOut}},
    summary="Import plan items from CSV (columns in docs/drafts.md); dry_run reports only",
    description="A developer imports its own agency's items (a row of another agency is an "
    "error). With any error nothing is stored; items already in the plan (same agency, "
    "year and title) are updated.",
)
async def post_plan(
    ctx: Ctx,
    caller: Developer,
    file: Annotated[UploadFile, File(description="CSV, UTF-8 or Windows-1251, , or ;")],
    dry_run: bool = True,
) -> PlanImportOut:
    data = await _read(file, MAX_PLAN_BYTES)
    out = import_plan(ctx, caller, data, dry_run=dry_run)
    audit(
        ctx,
        caller,
        "plan.import",
        file.filename or "",
        dry_run=dry_run,
        created=out.created,
        updated=out.updated,
        errors=len(out.errors),
    )
    return out


@router.get(
    "/drafts",
    response_model=DraftListOut,
    summary="Drafts, newest first, with filters",
    description="Public drafts (and a developer's own agency's, before their discussion). "
    "`open_now`: open for comments today (Asia/Bishkek); `closing_within_days`: open and "
    "closing within that many days.",
)
def get_drafts(
    ctx: Ctx,
    caller: CallerDep,
    now: Now,
    stage: DraftStage | None = None,
    agency: Annotated[Text | None, Query(max_length=300)] = None,
    area: Annotated[Text | None, Query(max_length=300, description="Regulatory area")] = None,
    kind: Annotated[ActKind | None, Query(description="Kind of act")] = None,
    open_now: bool = False,
    closing_within_days: Annotated[int | None, Query(ge=0, le=366)] = None,
    limit: Annotated[int, Query(ge=1, le=svc.MAX_LIST)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> DraftListOut:
    f = svc.DraftFilters(
        stage=stage,
        agency=agency,
        area=area,
        kind=kind,
        open_now=open_now,
        closing_within_days=closing_within_days,
        limit=limit,
        offset=offset,
    )
    return svc.list_drafts(ctx, caller, f, now.date())


@router.post(
    "/drafts",
    response_model=DraftOut,
    status_code=201,
    responses=WRITE_ERRORS,
    summary="Create a draft of the key's agency (stage planned), optionally for a plan item",
)
def post_draft(ctx: Ctx, caller: Developer, body: DraftIn) -> DraftOut:
    out = svc.create_draft(ctx, caller, body)
    audit(ctx, caller, "draft.create", f"draft:{out.id}", plan_item_id=body.plan_item_id)
    return out


@router.get(
    "/drafts/{draft_id}",
    response_model=DraftDetailOut,
    responses=NOT_FOUND,
    summary="A draft: stage, discussion window, history, versions, attachments, amended norms",
)
def get_draft(ctx: Ctx, caller: CallerDep, now: Now, draft_id: DraftId) -> DraftDetailOut:
    return svc.draft_detail(ctx, caller, draft_id, now.date())


@router.get(
    "/drafts/{draft_id}/versions",
    response_model=list[VersionOut],
    responses=NOT_FOUND,
    summary="The versions of a draft, main and alternative, oldest first",
)
def get_versions(ctx: Ctx, caller: CallerDep, draft_id: DraftId) -> list[VersionOut]:
    return svc.list_versions(ctx, caller, draft_id)


@router.get(
    "/drafts/{draft_id}/versions/{number}",
    response_model=VersionTextOut,
    responses=NOT_FOUND,
    summary="One version with its text",
)
def get_version(
    ctx: Ctx, caller: CallerDep, draft_id: DraftId, number: VersionNumber
) -> VersionTextOut:
    return svc.version_text(ctx, caller, draft_id, number)


@router.post(
    "/drafts/{draft_id}/versions",
    response_model=VersionOut,
    status_code=201,
    responses={**WRITE_ERRORS, 413: {"description": "Over max_upload_mb", "model": ErrorOut}},
    summary="Upload a version (DOCX, PDF, RTF, TXT): the next number, main or alternative",
)
async def post_version(
    ctx: Ctx,
    caller: Developer,
    draft_id: DraftId,
    file: Annotated[UploadFile, File(description="The text: DOCX, PDF, RTF or TXT")],
    kind: Annotated[VersionKind, Form(description="main or alternative")] = VersionKind.MAIN,
    party: Annotated[
        Text, Form(max_length=300, description="Who proposed an alternative version")
    ] = "",
    note: Annotated[Text, Form(max_length=2000)] = "",
) -> VersionOut:
    data = await _read(file, ctx.settings.max_upload_mb << 20)
    out = svc.add_version(
        ctx, caller, draft_id, data, file.filename or "", kind=kind, party=party, note=note
    )
    audit(ctx, caller, "draft.version", f"draft:{draft_id}", number=out.number, kind=kind)
    return out


@router.get(
    "/drafts/{draft_id}/diff",
    response_model=DiffOut,
    responses=NOT_FOUND,
    summary="Article-by-article diff of two versions; moved and renumbered articles recognised",
)
def get_diff(
    ctx: Ctx,
    caller: CallerDep,
    draft_id: DraftId,
    from_: Annotated[int, Query(alias="from", ge=1, le=10_000, description="Old version")],
    to: Annotated[int, Query(ge=1, le=10_000, description="New version")],
) -> DiffOut:
    return svc.diff(ctx, caller, draft_id, from_, to)


@router.post(
    "/drafts/{draft_id}/stage",
    response_model=DraftDetailOut,
    responses=WRITE_ERRORS,
    summary="Move the draft to another stage (the rules and their codes: docs/drafts.md)",
)
def post_stage(
    ctx: Ctx, caller: Developer, now: Now, draft_id: DraftId, body: StageIn
) -> DraftDetailOut:
    out = svc.change_stage(ctx, caller, draft_id, body, now)
    audit(ctx, caller, "draft.stage", f"draft:{draft_id}", stage=body.stage)
    return out


@router.post(
    "/drafts/{draft_id}/extension",
    response_model=DraftDetailOut,
    responses=WRITE_ERRORS,
    summary="Extend a running discussion to a later closing date, with a reason",
)
def post_extension(
    ctx: Ctx, caller: Developer, now: Now, draft_id: DraftId, body: ExtendIn
) -> DraftDetailOut:
    out = svc.extend(ctx, caller, draft_id, body, now)
    audit(ctx, caller, "draft.extend", f"draft:{draft_id}", closes=str(body.closes))
    return out


@router.post(
    "/drafts/{draft_id}/attachments",
    response_model=AttachmentOut,
    status_code=201,
    responses={**WRITE_ERRORS, 413: {"description": "Over max_upload_mb", "model": ErrorOut}},
    summary="Attach a justification note, regulatory impact analysis or comparative table",
)
async def post_attachment(
    ctx: Ctx,
    caller: Developer,
    draft_id: DraftId,
    file: Annotated[UploadFile, File(description="DOCX, PDF, RTF or TXT")],
    kind: Annotated[AttachmentKind, Form()],
    title: Annotated[Text, Form(max_length=500)] = "",
) -> AttachmentOut:
    data = await _read(file, ctx.settings.max_upload_mb << 20)
    out = svc.add_attachment(ctx, caller, draft_id, kind, data, file.filename or "", title)
    audit(ctx, caller, "draft.attachment", f"draft:{draft_id}", id=out.id, kind=kind)
    return out


@router.get(
    "/drafts/{draft_id}/attachments/{attachment_id}",
    responses={
        **NOT_FOUND,
        200: {"content": {"application/octet-stream": {}, "application/pdf": {}, "text/plain": {}}},
    },
    summary="Download an attachment of a draft",
)
def get_attachment(
    ctx: Ctx,
    caller: CallerDep,
    draft_id: DraftId,
    attachment_id: Annotated[int, Path(ge=1, le=MAX_ID)],
) -> Response:
    f = svc.attachment_file(ctx, caller, draft_id, attachment_id)
    media = MEDIA.get(f.format or "", "application/octet-stream")
    return Response(
        f.data,
        media_type=media,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{_quoted(f.file_name)}"},
    )


def _quoted(name: str) -> str:
    return quote(name, safe="")
