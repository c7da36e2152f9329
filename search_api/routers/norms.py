"""Norms: resolve a citation, autocomplete, practice under a norm, similar decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from core.errors import QuerySyntaxError
from indices.query import MatchAll, norm_filter_ids
from indices.types import Filters
from norms import suggest_acts
from search_api.auth import CallerDep
from service.deps import Ctx
from service.params import DocId
from service.practice import practice, similar
from service.schemas_practice import (
    ActSuggestion,
    NormSuggestions,
    PracticeResponse,
    ResolvedNorm,
    SimilarResponse,
)
from service.search import backend_errors, visible_filters

router = APIRouter(tags=["norms"])

NormParam = Annotated[
    str,
    Query(
        description=(
            "A norm: a canonical id (uk-kr-2021/168/2) or a citation as written «ч. 2 ст. 168 УК "
            "КР», "
            "«Кылмыш-жаза кодексинин 168-беренесинин 2-бөлүгү»"
        ),
        min_length=1,
        max_length=300,
    ),
]
EditionParam = Annotated[
    str | None,
    Query(
        description=(
            "Edition or act for a citation that names none (uk-kr-2017, uk-kr); default: the "
            "edition "
            "in force today"
        )
    ),
]


@router.get("/norms/resolve", response_model=ResolvedNorm, summary="A citation to norm ids")
def resolve(
    ctx: Ctx, _caller: CallerDep, citation: NormParam, edition: EditionParam = None
) -> ResolvedNorm:
    return ResolvedNorm(
        citation=citation,
        ids=norm_filter_ids(citation, edition=edition, max_ids=ctx.settings.norm_expansion_max),
    )


@router.get(
    "/norms/suggest",
    response_model=NormSuggestions,
    summary="Autocomplete of acts and of articles present in the index",
)
def suggest(
    ctx: Ctx,
    caller: CallerDep,
    q: Annotated[str, Query(max_length=100, description="What the user typed")] = "",
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> NormSuggestions:
    acts = (
        [
            ActSuggestion(
                slug=a["slug"],
                ru=a["ru"],
                ky=a["ky"],
                abbr=a.get("abbr", ""),
                in_force_from=a.get("from", ""),
                in_force_to=a.get("to", ""),
            )
            for a in suggest_acts(q, limit)
        ]
        if q.strip()
        else []
    )
    ids: list[str] = []
    prefix = q.strip().lower()
    if "/" in prefix or not acts:
        try:
            wanted = (
                norm_filter_ids(q, max_ids=ctx.settings.norm_expansion_max)
                if q.strip() and "/" not in prefix
                else []
            )
        except QuerySyntaxError:
            wanted = []
        stem = wanted[0] if wanted else prefix
        filters = visible_filters(ctx, Filters(), caller)
        if stem and filters is not None:
            with backend_errors():
                raw = ctx.search.search(MatchAll(), filters, offset=0, limit=0, facets=True)
            ids = [v.value for v in raw.facets.get("norm", []) if v.value.startswith(stem)]
    return NormSuggestions(acts=acts, norms=sorted(ids)[:limit])


@router.get(
    "/practice",
    response_model=PracticeResponse,
    summary="Judicial practice under a norm: decisions by outcome, court, instance, year",
)
def get_practice(
    ctx: Ctx, caller: CallerDep, norm: NormParam, edition: EditionParam = None
) -> PracticeResponse:
    return practice(ctx, norm, edition=edition, caller=caller)


@router.get(
    "/documents/{doc_id}/similar",
    response_model=SimilarResponse,
    summary="Decisions similar to this one (text likeness and shared norms)",
    description="Ranked by the number of cited norms shared with this decision "
    "(`shared_norms`), then by `score`, a blend of text likeness and the "
    "share of cited articles in common.",
)
def get_similar(
    ctx: Ctx, caller: CallerDep, doc_id: DocId, limit: Annotated[int, Query(ge=1, le=50)] = 5
) -> SimilarResponse:
    return similar(ctx, doc_id, limit=limit, caller=caller)
