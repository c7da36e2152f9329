"""GET /api/v1/health: is the database reachable, which search backend answers."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from service.deps import Ctx
from service.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Liveness and backend status")
def health(ctx: Ctx) -> Health:
    with ctx.db.session() as s:
        s.execute(text("SELECT 1"))
    return Health(status="ok", database="ok", search=ctx.search.name, documents=ctx.search.count())
