"""Court publishing: POST a decision, PUT a new version, DELETE to withdraw; GET its state.

A clerk's key acts for its own court only. Files are sniffed before anything is stored:
only DOCX, PDF, RTF and TXT are accepted (415 otherwise), so a refused request leaves
nothing behind.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Response, UploadFile
from pydantic import ValidationError

from core.auth import Caller, Permission, court_key
from core.errors import NotFoundError, StageError
from core.types import TERMINAL, DocState, FileKind
from indices.context import AppContext
from ingest import decisions
from ingest.decisions import DecisionInfo, DecisionMeta, Submitted
from ingest.sniff import sniff
from search_api.auth import CallerDep, audit, requires
from search_api.schemas_ingest import DecisionMetaIn, DecisionOut, DecisionVersionOut
from search_api.uploads import display_name
from service.deps import Ctx, Dispatch
from service.params import MAX_ID
from service.schemas import ErrorOut

router = APIRouter(tags=["decisions"])
Clerk = Annotated[Caller, requires(Permission.PUBLISH_DECISIONS)]
ACCEPTED = frozenset({FileKind.DOCX, FileKind.PDF, FileKind.RTF, FileKind.TXT})
MAX_WAIT = 120.0
META_HELP = (
    'JSON: {"court": "...", "case_number": "...", "decision_date": "YYYY-MM-DD", '
    '"instance": "...", "category": "...", "judge": "..."}'
)
FileParam = Annotated[UploadFile, File(description="The decision: DOCX, PDF, RTF or TXT")]
DecisionId = Annotated[
    int, Path(ge=1, le=MAX_ID, description="Decision id, as returned by POST /decisions")
]
WaitParam = Annotated[
    float,
    Query(
        ge=0,
        le=MAX_WAIT,
        description=("Seconds to wait for publication before answering (0: answer at once)"),
    ),
]


def _meta(raw: str) -> DecisionMeta:
    try:
        m = DecisionMetaIn.model_validate(json.loads(raw))
    except (json.JSONDecodeError, ValidationError) as e:
        raise HTTPException(422, f"metadata: {e}") from e
    return DecisionMeta(m.court, m.case_number, m.decision_date, m.instance, m.category, m.judge)


@contextmanager
def _checked_file(upload: UploadFile, limit_mb: int) -> Iterator[FilePath]:
    with tempfile.TemporaryDirectory(prefix="achyk-decision-") as tmp:
        path = FilePath(tmp) / "upload"
        with path.open("wb") as w:
            shutil.copyfileobj(upload.file, w, 1 << 20)
        if path.stat().st_size > limit_mb << 20:
            raise HTTPException(413, f"Файл больше {limit_mb} МиБ")
        try:
            kind = sniff(path)
        except StageError as e:
            raise HTTPException(415, e.message) from e
        if kind not in ACCEPTED:
            raise HTTPException(415, "Решение принимается в формате DOCX, PDF, RTF или TXT")
        yield path


def _wait(ctx: AppContext, decision_id: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if decisions.info(ctx, decision_id).latest_state in TERMINAL:
            return
        time.sleep(0.25)


def _out(
    ctx: AppContext, d: DecisionInfo, caller: Caller, created: bool | None = None
) -> DecisionOut:
    private = caller.can(Permission.ANY_COURT) or (
        caller.can(Permission.PUBLISH_DECISIONS)
        and caller.court is not None
        and court_key(caller.court) == court_key(d.court)
    )
    base = ctx.settings.public_url.rstrip("/")
    return DecisionOut(
        id=d.id,
        court=d.court,
        case_number=d.case_number,
        decision_date=d.decision_date,
        instance=d.instance,
        category=d.category,
        judge=d.judge,
        version=d.latest_version,
        state=DocState.WITHDRAWN if d.withdrawn else d.latest_state,
        document_id=d.public_document_id,
        public_url=f"{base}/decisions/{d.id}",
        api_url=f"/api/v1/decisions/{d.id}",
        created=created,
        versions=[
            DecisionVersionOut(
                version=v.version, document_id=v.document_id, state=v.state, created_at=v.created_at
            )
            for v in d.versions
        ]
        if private
        else None,
    )


def _finish(
    ctx: AppContext,
    dispatch: Dispatch,
    caller: Caller,
    sub: Submitted,
    action: str,
    wait: float,
    response: Response,
) -> DecisionOut:
    if sub.to_process:
        dispatch.submit([sub.document_id])
    if sub.created or sub.to_process:
        audit(
            ctx,
            caller,
            action,
            f"decision:{sub.decision_id}",
            version=sub.version,
            document_id=sub.document_id,
        )
    if wait:
        _wait(ctx, sub.decision_id, wait)
    response.status_code = 201 if sub.created else 200
    response.headers["Location"] = f"/api/v1/decisions/{sub.decision_id}"
    return _out(ctx, decisions.info(ctx, sub.decision_id), caller, sub.created)


@router.post(
    "/decisions",
    response_model=DecisionOut,
    status_code=201,
    summary="Publish a court decision (court clerks, own court only)",
    description="Stored, depersonified by the court policy and published with no human "
    "step. The same court, case number and date sent again with the same file "
    "returns the existing decision (200); with a different file it is a 409: "
    "send new versions with PUT.",
    responses={
        200: {"description": "Already published: nothing new stored"},
        401: {"description": "No or unknown API key"},
        403: {"description": "Not a clerk, or another court's decision"},
        409: {"description": "This decision exists with another text; use PUT"},
        422: {"description": "Metadata or a field is invalid", "model": ErrorOut},
        413: {"description": "Larger than ACHYK_MAX_UPLOAD_MB"},
        415: {"description": "Not DOCX, PDF, RTF or TXT"},
    },
)
def post_decision(
    ctx: Ctx,
    dispatch: Dispatch,
    caller: Clerk,
    response: Response,
    file: FileParam,
    metadata: Annotated[str, Form(description=META_HELP)],
    wait: WaitParam = 0,
) -> DecisionOut:
    meta = _meta(metadata)
    caller.require_court(meta.court)
    with _checked_file(file, ctx.settings.max_upload_mb) as path:
        sub = decisions.submit(ctx, caller, meta, path, display_name(file.filename, 0))
    return _finish(ctx, dispatch, caller, sub, "decision.publish", wait, response)


@router.put(
    "/decisions/{decision_id}",
    response_model=DecisionOut,
    summary="Replace a decision with a new version (earlier versions kept privately)",
    description="The current version stays public until the new one is published. "
    "`metadata` may update instance, category and judge; court, case number "
    "and date cannot change (409).",
    responses={
        401: {"description": "No or unknown API key"},
        403: {"description": "Another court's decision"},
        404: {"description": "No such decision"},
        415: {"description": "Not DOCX, PDF, RTF or TXT"},
        422: {"description": "Metadata or a field is invalid", "model": ErrorOut},
    },
)
def put_decision(
    ctx: Ctx,
    dispatch: Dispatch,
    caller: Clerk,
    response: Response,
    decision_id: DecisionId,
    file: FileParam,
    metadata: Annotated[str | None, Form(description=META_HELP)] = None,
    wait: WaitParam = 0,
) -> DecisionOut:
    meta = _meta(metadata) if metadata else None
    caller.require_court(decisions.decision_court(ctx, decision_id))
    with _checked_file(file, ctx.settings.max_upload_mb) as path:
        sub = decisions.replace(
            ctx, caller, decision_id, meta, path, display_name(file.filename, 0)
        )
    return _finish(ctx, dispatch, caller, sub, "decision.replace", wait, response)


@router.delete(
    "/decisions/{decision_id}",
    response_model=DecisionOut,
    summary="Withdraw a decision from public search and reads (kept privately, audited)",
    responses={
        401: {"description": "No or unknown API key"},
        403: {"description": "Another court's decision"},
        404: {"description": "No such decision"},
        503: {"description": "Search engine down: withdrawn in the records, send again to finish"},
    },
)
def delete_decision(ctx: Ctx, caller: Clerk, decision_id: DecisionId) -> DecisionOut:
    ids = decisions.withdraw(ctx, caller, decision_id)
    audit(ctx, caller, "decision.withdraw", f"decision:{decision_id}", documents=ids)
    return _out(ctx, decisions.info(ctx, decision_id), caller)


@router.get(
    "/decisions/{decision_id}",
    response_model=DecisionOut,
    summary="A decision: public while a version is published; versions for its court's clerks",
)
def get_decision(ctx: Ctx, caller: CallerDep, decision_id: DecisionId) -> DecisionOut:
    d = decisions.info(ctx, decision_id)
    out = _out(ctx, d, caller)
    if out.versions is None and d.public_document_id is None:
        raise NotFoundError(f"Решение №{decision_id} не найдено")
    return out
