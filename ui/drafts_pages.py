"""Server-rendered pages of the draft-law portal, in Russian and Kyrgyz (``?lang=ky``): the
legislative plan, the list of drafts, a draft (its stages, discussion window, versions,
attachments, and the norms it would change, each linked to today's court practice), and
the article-by-article comparison of two versions.

Pages are for the public: they read as an anonymous caller, so a draft shows here from
the day its discussion opens, like on the API.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from core.auth import Caller
from core.errors import NotFoundError
from drafts import DraftStage
from service.deps import Ctx
from service.drafts import (
    DraftFilters,
    diff,
    draft_detail,
    list_drafts,
    now_local,
    text_lines,
    version_text,
)
from service.drafts_comments import comment_units, confirmed_token, list_comments
from service.drafts_plan import list_plan
from service.params import MAX_ID
from ui.drafts_comments_pages import COOKIE, mount_draft_comments_ui
from ui.drafts_labels import words
from ui.norm_labels import norm_label
from ui.persons_labels import lang_of

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
Now = Annotated[dt.datetime, Depends(now_local)]
# The usual road of a draft, drawn as the timeline; a final stage off it is shown at its end.
ROAD = (
    DraftStage.PLANNED,
    DraftStage.DISCUSSION,
    DraftStage.DISCUSSION_CLOSED,
    DraftStage.REPORT_PUBLISHED,
    DraftStage.SUBMITTED,
    DraftStage.ADOPTED,
)


def _visitor(request: Request) -> Caller:
    return Caller(client=request.client.host if request.client else "")


def _not_found(request: Request, e: NotFoundError) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "error.html", {"message": e.message}, status_code=404
    )


def _timeline(stage: DraftStage) -> list[dict[str, Any]]:
    road: list[DraftStage] = list(ROAD)
    if stage not in road:
        road = [*ROAD[:-1], stage]
    here = road.index(stage)
    return [{"stage": s, "done": i < here, "current": i == here} for i, s in enumerate(road)]


def _comments(request: Request, ctx: Ctx, draft_id: int) -> dict[str, Any]:
    """The published comments of the draft, and whether this browser holds a commenter
    token (then the form asks no address)."""
    return {
        "comments": list_comments(ctx, _visitor(request), draft_id),
        "confirmed": confirmed_token(ctx, request.cookies.get(COOKIE, "")),
    }


def mount_drafts_ui(app: FastAPI) -> None:
    templates.env.globals.update(norm_label=norm_label)
    mount_draft_comments_ui(app)

    @app.get("/plan", response_class=HTMLResponse, include_in_schema=False)
    def plan_page(
        request: Request,
        ctx: Ctx,
        lang: str = "ru",
        year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    ) -> HTMLResponse:
        lang = lang_of(lang)
        items = list_plan(ctx, _visitor(request), year=year)
        return templates.TemplateResponse(
            request, "plan.html", {"items": items, "year": year, **words(lang)}
        )

    @app.get("/drafts", response_class=HTMLResponse, include_in_schema=False)
    def drafts_page(
        request: Request, ctx: Ctx, now: Now, stage: str = "", lang: str = "ru", page: int = 1
    ) -> HTMLResponse:
        lang = lang_of(lang)
        chosen = DraftStage(stage) if stage in set(DraftStage) else None
        page = max(1, min(page, 500))
        f = DraftFilters(stage=chosen, limit=50, offset=(page - 1) * 50)
        result = list_drafts(ctx, _visitor(request), f, now.date())
        return templates.TemplateResponse(
            request,
            "drafts.html",
            {
                "result": result,
                "stage": chosen or "",
                "stages": [s for s in DraftStage if s != DraftStage.PLANNED],
                "page": page,
                "pages": max(1, -(-result.total // 50)),
                **words(lang),
            },
        )

    @app.get("/drafts/{draft_id}", response_class=HTMLResponse, include_in_schema=False)
    def draft_page(
        request: Request,
        ctx: Ctx,
        now: Now,
        draft_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
        lang: str = "ru",
    ) -> HTMLResponse:
        lang = lang_of(lang)
        try:
            d = draft_detail(ctx, _visitor(request), draft_id, now.date())
        except NotFoundError as e:
            return _not_found(request, e)
        return templates.TemplateResponse(
            request,
            "draft.html",
            {
                "d": d,
                "timeline": _timeline(d.stage),
                **_comments(request, ctx, draft_id),
                **words(lang),
            },
        )

    @app.get(
        "/drafts/{draft_id}/versions/{number}",
        response_class=HTMLResponse,
        include_in_schema=False,
    )
    def version_page(
        request: Request,
        ctx: Ctx,
        now: Now,
        draft_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
        number: Annotated[int, PathParam(ge=1, le=10_000)],
        lang: str = "ru",
    ) -> HTMLResponse:
        """The text of one version, every unit anchored by its id (#art-5/2)."""
        lang = lang_of(lang)
        caller = _visitor(request)
        try:
            d = draft_detail(ctx, caller, draft_id, now.date())
            v = version_text(ctx, caller, draft_id, number)
        except NotFoundError as e:
            return _not_found(request, e)
        return templates.TemplateResponse(
            request,
            "draft_version.html",
            {
                "d": d,
                "v": v,
                "lines": text_lines(v.text),
                "units": comment_units(v.text) if v.kind == "main" else [],
                **_comments(request, ctx, draft_id),
                **words(lang),
            },
        )

    @app.get("/drafts/{draft_id}/diff", response_class=HTMLResponse, include_in_schema=False)
    def diff_page(
        request: Request,
        ctx: Ctx,
        now: Now,
        draft_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
        from_: Annotated[int, Query(alias="from", ge=1, le=10_000)] = 1,
        to: Annotated[int, Query(ge=1, le=10_000)] = 2,
        lang: str = "ru",
    ) -> HTMLResponse:
        lang = lang_of(lang)
        caller = _visitor(request)
        try:
            d = draft_detail(ctx, caller, draft_id, now.date())
            result = diff(ctx, caller, draft_id, from_, to)
        except NotFoundError as e:
            return _not_found(request, e)
        return templates.TemplateResponse(
            request, "draft_diff.html", {"d": d, "diff": result, **words(lang)}
        )
