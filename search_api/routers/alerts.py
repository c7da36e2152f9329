"""The Atom feed of a search and e-mail subscriptions (saved searches, follows)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from core.types import SubscriptionKind
from search_api.auth import CallerDep
from search_api.search_params import SearchOptionsDep
from service.alerts import (
    QUERY_KEYS,
    atom_feed,
    base_url,
    clean_query,
    confirm,
    new_matches,
    search_of,
    subscribe,
    unsubscribe,
)
from service.deps import Ctx
from service.search_filters import build_filters

router = APIRouter(tags=["alerts"])

FEED_HELP = (
    "The same parameters as GET /api/v1/search (q and the filters). Entries are the "
    "newest published matches first (by first publication: a feed is read newest first, "
    "so `sort` only travels on, into the link to the results page), each with its title, "
    "link, date and a snippet of the published text only; public collections only."
)


@router.get(
    "/search/feed.atom",
    summary="Atom feed of a search's newest matches",
    description=FEED_HELP,
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}},
)
def search_feed(
    request: Request,
    ctx: Ctx,
    _caller: CallerDep,
    options: SearchOptionsDep,
    q: Annotated[str, Query(description="Query, as in GET /search")] = "",
) -> Response:
    # Any key (a revoked one is refused, as everywhere); the feed is the public's all the same.
    query = clean_query({k: request.query_params.getlist(k) for k in QUERY_KEYS})
    search_of(ctx, query)  # the query's own checks (length, syntax), as for a saved search
    filters = build_filters(ctx, options)
    found = new_matches(ctx, q, filters)[0] if filters is not None else []
    base = base_url(ctx.settings, str(request.base_url))
    body = atom_feed(base, query, str(request.url), found)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


class SubscriptionCreate(BaseModel):
    email: str = Field(max_length=254, description="Where alerts go; confirmed by a mailed link")
    kind: SubscriptionKind = Field(
        SubscriptionKind.SEARCH,
        description="search: the query below; fond, norm, court: follow one collection, "
        "norm (id or citation) or court, given in `value`; draft: follow a public draft "
        "(its id in `value`): its stage changes, extensions and new versions",
    )
    query: dict[str, Any] = Field(
        default_factory=dict,
        description="For kind search: the search parameters, as for GET /api/v1/search "
        '({"q": "трибунал", "court": ["…"]})',
    )
    value: str | None = Field(
        None,
        max_length=300,
        description="The fond (collection), norm, court or draft id followed",
    )


class SubscriptionAnswer(BaseModel):
    status: Literal["pending", "confirmed", "unsubscribed"]
    detail: str


@router.post(
    "/subscriptions",
    status_code=202,
    response_model=SubscriptionAnswer,
    summary="Save a search or follow a fond, norm or court with e-mail alerts",
    description="No key needed (rate limited). Only a confirmation link is mailed; alerts "
    "start once it is opened. The answer is the same whether or not a mail was sent (the "
    "same subscription again, or too many unconfirmed ones for one address, send none).",
)
def create_subscription(body: SubscriptionCreate, request: Request, ctx: Ctx) -> SubscriptionAnswer:
    subscribe(ctx, body.email, body.kind, body.query, body.value, base=str(request.base_url))
    return SubscriptionAnswer(
        status="pending", detail="Письмо со ссылкой для подтверждения отправлено"
    )


Token = Annotated[str, Query(max_length=100, description="The token from the mail")]


@router.get(
    "/subscriptions/confirm",
    response_model=SubscriptionAnswer,
    summary="Confirm a subscription (the link of the confirmation mail)",
)
def confirm_subscription(ctx: Ctx, _caller: CallerDep, token: Token) -> SubscriptionAnswer:
    confirm(ctx, token)
    return SubscriptionAnswer(status="confirmed", detail="Подписка подтверждена")


@router.get(
    "/subscriptions/unsubscribe",
    response_model=SubscriptionAnswer,
    summary="Unsubscribe in one click; idempotent (an unknown token is already gone)",
)
def unsubscribe_subscription(ctx: Ctx, _caller: CallerDep, token: Token) -> SubscriptionAnswer:
    unsubscribe(ctx, token)
    return SubscriptionAnswer(status="unsubscribed", detail="Подписка отменена")
