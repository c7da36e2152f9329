"""GET /api/v1/audit: the write log, for admins."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from core.audit import AuditQuery, events
from core.auth import Caller, Permission
from search_api.auth import requires
from search_api.schemas_ingest import AuditEventOut
from service.deps import Ctx
from service.params import MAX_ID

router = APIRouter(tags=["audit"])


@router.get(
    "/audit",
    response_model=list[AuditEventOut],
    summary="Audit trail of every write, allowed or refused, newest first (admins)",
)
def get_audit(
    ctx: Ctx,
    _caller: Annotated[Caller, requires(Permission.READ_AUDIT)],
    action: Annotated[
        str | None, Query(description="e.g. batch.create, decision.withdraw, key.create")
    ] = None,
    actor: Annotated[str | None, Query(description="Key prefix, cli or anonymous")] = None,
    since: Annotated[dt.datetime | None, Query(description="Only events from this time")] = None,
    before_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Paging: events older than this id")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Most events returned")] = 100,
) -> list[AuditEventOut]:
    rows = events(
        ctx, AuditQuery(action=action, actor=actor, since=since, limit=limit, before_id=before_id)
    )
    return [AuditEventOut.model_validate(r) for r in rows]
