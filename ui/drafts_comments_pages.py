"""Pages of public comments on drafts, in Russian and Kyrgyz: the comment form's answer,
the confirmation link of the mail, the vote, the report of the discussion with its
charts (inline SVG drawn on the server), and the developer agency's moderation desk.

The confirmation leaves the commenter token in a cookie (HttpOnly, SameSite=Lax, a year):
later comments and the vote from the same browser need no new mail. SameSite=Lax keeps
another site from posting with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from core.auth import Caller
from core.errors import NotFoundError
from drafts import DraftError
from drafts.report import CommenterKind, Vote
from service import drafts_comments as svc
from service.deps import Ctx
from service.drafts import now_local
from service.drafts_report import DraftReport, draft_report
from service.params import MAX_ID
from service.report_chart import Series, bars
from service.schemas_comments import VoteIn
from ui.drafts_labels import words
from ui.persons_labels import lang_of

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
COOKIE = "achyk_commenter"
COOKIE_DAYS = 365
DraftIdPath = Annotated[int, PathParam(ge=1, le=MAX_ID)]


def _visitor(request: Request) -> Caller:
    return Caller(client=request.client.host if request.client else "")


def _message(
    request: Request, lang: str, title: str, text: str, draft_id: int | None, status: int = 200
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "comment_message.html",
        {"title": title, "message": text, "draft_id": draft_id, **words(lang)},
        status_code=status,
    )


def _status_of(e: DraftError) -> int:
    code = str(e.code)
    if code == "rate_limited":
        return 429
    if code in ("not_in_discussion", "transition_not_allowed"):
        return 409
    return 422


def charts(r: DraftReport, lang: str) -> dict[str, Markup]:
    """The report's charts: comments and votes by week, comments by article and kind."""
    if r.report is None:
        return {}
    w = words(lang)
    t = w["t"]
    rep = r.report
    weeks = list(rep.by_week)
    articles = list(rep.by_article)
    kinds = list(rep.by_commenter)
    return {
        "by_week": Markup(
            bars(
                t["by_week"],
                weeks,
                [
                    Series(t["n_comments"], [rep.by_week[k].comments for k in weeks]),
                    Series(t["support"], [rep.by_week[k].support for k in weeks]),
                    Series(t["oppose"], [rep.by_week[k].oppose for k in weeks]),
                ],
            )
        ),
        "by_article": Markup(
            bars(
                t["by_article"],
                [_article(k, lang) for k in articles],
                [Series(t["n_comments"], [rep.by_article[k].comments for k in articles])],
            )
        ),
        "by_commenter": Markup(
            bars(
                t["by_commenter"],
                [w["COMMENTER_KINDS"].get(k, k) for k in kinds],
                [
                    Series(t["n_comments"], [rep.by_commenter[k].comments for k in kinds]),
                    Series(t["support"], [rep.by_commenter[k].support for k in kinds]),
                    Series(t["oppose"], [rep.by_commenter[k].oppose for k in kinds]),
                ],
            )
        ),
    }


def _article(key: str, lang: str) -> str:
    if key == "whole":
        return words(lang)["t"]["whole"]
    if key.startswith("art-"):
        number = key.removeprefix("art-")
        return f"статья {number}" if lang == "ru" else f"{number}-берене"
    return key


def mount_draft_comments_ui(app: FastAPI) -> None:
    @app.post("/drafts/{draft_id}/comments", response_class=HTMLResponse, include_in_schema=False)
    async def comment_form(
        request: Request,
        ctx: Ctx,
        draft_id: DraftIdPath,
        text: Annotated[str, Form(min_length=3, max_length=svc.MAX_TEXT)],
        email: Annotated[str, Form(max_length=254)] = "",
        version: Annotated[int | None, Form(ge=1, le=10_000)] = None,
        unit_id: Annotated[str, Form(max_length=100)] = "",
        quote: Annotated[str, Form(max_length=1000)] = "",
        commenter_kind: Annotated[CommenterKind, Form()] = CommenterKind.INDIVIDUAL,
        organization: Annotated[str, Form(max_length=300)] = "",
        lang: Annotated[str, Form(max_length=5)] = "ru",
        file: UploadFile | None = None,
    ) -> HTMLResponse:
        lang = lang_of(lang)
        t = words(lang)["t"]
        upload = None
        if file is not None and file.filename:
            data = await file.read(svc.ATTACHMENT_MAX_BYTES + 1)
            upload = svc.Upload(data, file.filename)
        token = request.cookies.get(COOKIE, "")
        body = svc.CommentIn(
            text=text,
            email=email,
            token=token if not email.strip() else "",
            version=version,
            unit_id=unit_id or None,
            quote=quote,
            commenter_kind=commenter_kind,
            organization=organization,
        )
        try:
            out = svc.submit(
                ctx,
                draft_id,
                body,
                upload,
                client=request.client.host if request.client else "",
                base=str(request.base_url),
                today=now_local().date(),
            )
        except NotFoundError as e:
            return _message(request, lang, t["not_sent"], e.message, None, 404)
        except DraftError as e:
            return _message(request, lang, t["not_sent"], e.message, draft_id, _status_of(e))
        text_key = "in_moderation" if out.status == "pending" else "check_mail"
        return _message(request, lang, t["sent"], t[text_key], draft_id, 201)

    @app.get("/comments/confirm", response_class=HTMLResponse, include_in_schema=False)
    def confirm_page(
        request: Request,
        ctx: Ctx,
        token: Annotated[str, Query(max_length=1000)] = "",
        lang: str = "ru",
    ) -> HTMLResponse:
        lang = lang_of(lang)
        t = words(lang)["t"]
        try:
            out = svc.confirm(ctx, token)
        except NotFoundError as e:
            return _message(request, lang, t["bad_link"], e.message, None, 404)
        page = _message(request, lang, t["confirmed"], t["confirmed_text"], None)
        page.set_cookie(
            COOKIE,
            out.commenter_token,
            max_age=COOKIE_DAYS * 86400,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
        return page

    @app.post("/drafts/{draft_id}/vote", include_in_schema=False)
    def vote_form(
        request: Request,
        ctx: Ctx,
        draft_id: DraftIdPath,
        vote: Annotated[Vote, Form()],
        lang: Annotated[str, Form(max_length=5)] = "ru",
    ) -> Response:
        lang = lang_of(lang)
        t = words(lang)["t"]
        token = request.cookies.get(COOKIE, "")
        try:
            svc.vote(ctx, draft_id, VoteIn(vote=vote, token=token or "x" * 10), now_local().date())
        except NotFoundError as e:
            return _message(request, lang, t["not_sent"], e.message, None, 404)
        except DraftError as e:
            return _message(request, lang, t["not_sent"], e.message, draft_id, _status_of(e))
        suffix = "?lang=ky" if lang == "ky" else ""
        return RedirectResponse(f"/drafts/{draft_id}{suffix}#votes", status_code=303)

    @app.get("/drafts/{draft_id}/moderation", response_class=HTMLResponse, include_in_schema=False)
    def moderation_page(
        request: Request, ctx: Ctx, draft_id: DraftIdPath, lang: str = "ru"
    ) -> HTMLResponse:
        """The developer agency's desk for one draft: the queue of comments as written,
        approve or reject with a reason from the list, answer each published comment. The
        page itself holds nothing private: the comments come from the API with the
        agency's key, which stays in the tab (sessionStorage), as on /upload."""
        lang = lang_of(lang)
        try:
            r = draft_report(ctx, _visitor(request), draft_id)
        except NotFoundError as e:
            return templates.TemplateResponse(
                request, "error.html", {"message": e.message}, status_code=404
            )
        return templates.TemplateResponse(request, "draft_moderation.html", {"r": r, **words(lang)})

    @app.get("/drafts/{draft_id}/report", response_class=HTMLResponse, include_in_schema=False)
    def report_page(
        request: Request, ctx: Ctx, draft_id: DraftIdPath, lang: str = "ru"
    ) -> HTMLResponse:
        lang = lang_of(lang)
        try:
            r = draft_report(ctx, _visitor(request), draft_id)
        except NotFoundError as e:
            return templates.TemplateResponse(
                request, "error.html", {"message": e.message}, status_code=404
            )
        context: dict[str, Any] = {
            "r": r,
            "rep": r.report,
            "charts": charts(r, lang),
            "article_label": lambda k: _article(k, lang),
            **words(lang),
        }
        return templates.TemplateResponse(request, "draft_report.html", context)
