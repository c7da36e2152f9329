"""The audit trail: every write (allowed or refused) with who, what, when and from where.

Written in its own transaction, so a refused or failed request is on record even
though it changed nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from core.auth import Caller
from core.db import HasDatabase
from core.models import AuditEvent
from core.types import AuditOutcome


@dataclass(frozen=True, slots=True)
class AuditQuery:
    action: str | None = None
    actor: str | None = None
    since: dt.datetime | None = None
    limit: int = 100
    before_id: int | None = None  # paging: events older than this id


def record(
    ctx: HasDatabase,
    caller: Caller,
    action: str,
    target: str = "",
    *,
    outcome: AuditOutcome = AuditOutcome.OK,
    detail: dict[str, Any] | None = None,
) -> None:
    with ctx.db.session() as s:
        s.add(
            AuditEvent(
                key_id=caller.key_id,
                actor=caller.actor,
                role=str(caller.role) if caller.role else None,
                action=action,
                target=target[:300],
                client=caller.client[:100],
                outcome=outcome,
                detail=detail or {},
            )
        )


def events(ctx: HasDatabase, q: AuditQuery) -> list[AuditEvent]:
    """Newest first."""
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(max(1, min(q.limit, 1000)))
    if q.action:
        stmt = stmt.where(AuditEvent.action == q.action)
    if q.actor:
        stmt = stmt.where(AuditEvent.actor == q.actor)
    if q.since:
        stmt = stmt.where(AuditEvent.at >= q.since)
    if q.before_id:
        stmt = stmt.where(AuditEvent.id < q.before_id)
    with ctx.db.session() as s:
        return list(s.scalars(stmt))
