"""Finding drafts and their open data: full-text search with facets, bulk export.

Both read public drafts only (from the day their discussion opens), whoever asks: a
developer's unpublished work is on GET /api/v1/drafts, not in the index or the export.
Registered before the drafts router, so `/drafts/search` is not read as a draft id.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from drafts import ActKind, DraftStage
from search_api.auth import CallerDep
from service import drafts as svc
from service.alerts import base_url
from service.deps import Ctx
from service.drafts_export import export_csv, export_json, tables
from service.drafts_export_comments import COMMENT_COLUMNS  # also registers the comments table
from service.drafts_search import MAX_PAGE, query_of, search_drafts
from service.schemas_drafts import DraftSearchOut, Text

router = APIRouter(tags=["drafts"])
Now = Annotated[dt.datetime, Depends(svc.now_local)]


@router.get(
    "/drafts/search",
    response_model=DraftSearchOut,
    summary="Full-text search of public drafts, with filters and facets",
    description="Words match the title, summary and the current main version's text "
    "(Russian stemming; every word must occur). Without words: newest first. Filters as "
    "GET /api/v1/drafts; `facets` count the matches by stage, agency, area and act_kind.",
)
def search(
    ctx: Ctx,
    _caller: CallerDep,
    now: Now,
    q: Annotated[str, Query(max_length=500, description="Words")] = "",
    stage: DraftStage | None = None,
    agency: Annotated[Text | None, Query(max_length=300)] = None,
    area: Annotated[Text | None, Query(max_length=300, description="Regulatory area")] = None,
    kind: Annotated[ActKind | None, Query(description="Kind of act")] = None,
    open_now: bool = False,
    closing_within_days: Annotated[int | None, Query(ge=0, le=366)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> DraftSearchOut:
    today = now.date()
    query = query_of(
        q,
        stage=stage,
        agency=agency,
        area=area,
        kind=kind,
        open_now=open_now,
        closing_within_days=closing_within_days,
        today=today,
    )
    return search_drafts(ctx, query, offset=offset, limit=limit, today=today)


@router.get(
    "/drafts/export",
    summary="Bulk export of public drafts and their versions (open data), CSV or JSON",
    description="JSON: one document with every public draft and its versions (texts "
    "included). CSV: one table per request, `table=drafts` (default) or `versions`, UTF-8 "
    "with BOM, RFC 4180, CRLF. The schema (schema_version 1) is in docs/drafts.md.",
    responses={
        200: {"content": {"application/json": {}, "text/csv": {}}},
        422: {"description": "An unknown format or table"},
    },
    response_class=StreamingResponse,
)
def export(
    request: Request,
    ctx: Ctx,
    _caller: CallerDep,
    format: Literal["csv", "json"] = "json",
    table: Annotated[
        str,
        Query(
            max_length=30,
            description="CSV: drafts, versions or comments (published comments with the answers: "
            + ", ".join(COMMENT_COLUMNS)
            + ")",
        ),
    ] = "drafts",
) -> StreamingResponse:
    base = base_url(ctx.settings, str(request.base_url))
    if format == "json":
        return StreamingResponse(
            export_json(ctx, base),
            media_type="application/json",
            headers={"Content-Disposition": 'attachment; filename="achyk-drafts.json"'},
        )
    if table not in tables():
        raise HTTPException(422, f"Таблица: {', '.join(tables())}")
    return StreamingResponse(
        export_csv(ctx, base, table),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="achyk-drafts-{table}.csv"'},
    )
