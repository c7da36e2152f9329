"""Pages of saved searches: subscribe from the results page, confirm, unsubscribe.

The links of the mails lead here (a person clicks them); /api/v1/subscriptions answers
programs with JSON. Unsubscribing takes one click (GET) and also a mail client's
one-click POST (RFC 8058).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from core.errors import NotFoundError, QuerySyntaxError
from core.types import SubscriptionKind
from service.alerts import QUERY_KEYS, clean_query, confirm, subscribe, unsubscribe
from service.deps import Ctx

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
Token = Annotated[str, Query(max_length=100)]


def feed_url(params: dict[str, list[str]]) -> str:
    """The Atom feed of the search the page shows."""
    pairs = [(k, v) for k in QUERY_KEYS for v in params.get(k, []) if v]
    return "/api/v1/search/feed.atom" + (f"?{urlencode(pairs)}" if pairs else "")


def _page(request: Request, title: str, message: str, status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "subscription.html", {"title": title, "message": message}, status_code=status
    )


def mount_alerts_ui(app: FastAPI) -> None:
    @app.post("/subscribe", response_class=HTMLResponse, include_in_schema=False)
    async def subscribe_page(request: Request, ctx: Ctx) -> HTMLResponse:
        form = await request.form()
        email = str(form.get("email") or "")
        query = clean_query({k: [str(v) for v in form.getlist(k)] for k in QUERY_KEYS})
        try:
            subscribe(ctx, email, SubscriptionKind.SEARCH, query, base=str(request.base_url))
        except QuerySyntaxError as e:
            return _page(request, "Подписка не оформлена", e.message, 400)
        return _page(
            request,
            "Проверьте почту",
            f"На адрес {email.strip()} отправлено письмо со ссылкой для подтверждения. "
            "Новые результаты начнут приходить после подтверждения.",
        )

    @app.get("/subscriptions/confirm", response_class=HTMLResponse, include_in_schema=False)
    def confirm_page(request: Request, ctx: Ctx, token: Token = "") -> HTMLResponse:
        try:
            confirm(ctx, token)
        except NotFoundError as e:
            return _page(request, "Ссылка недействительна", e.message, 404)
        return _page(
            request,
            "Подписка подтверждена",
            "Письма о новых документах будут приходить на этот адрес. В каждом письме есть "
            "ссылка, чтобы отписаться.",
        )

    def leave(request: Request, ctx: Ctx, token: str) -> HTMLResponse:
        unsubscribe(ctx, token)
        return _page(
            request,
            "Вы отписались",
            "Писем по этой подписке больше не будет; адрес удалён. Жазылуу жокко чыгарылды.",
        )

    @app.get("/subscriptions/unsubscribe", response_class=HTMLResponse, include_in_schema=False)
    def unsubscribe_page(request: Request, ctx: Ctx, token: Token = "") -> HTMLResponse:
        return leave(request, ctx, token)

    @app.post("/subscriptions/unsubscribe", response_class=HTMLResponse, include_in_schema=False)
    def unsubscribe_post(request: Request, ctx: Ctx, token: Token = "") -> HTMLResponse:
        return leave(request, ctx, token)
