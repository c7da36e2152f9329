"""GET /api/v1/search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from search_api.auth import CallerDep
from search_api.search_params import SearchOptionsDep
from service.deps import Ctx
from service.params import MAX_PAGE
from service.schemas import SearchResponse
from service.search import SearchParams, search
from service.search_filters import build_filters

router = APIRouter(tags=["search"])


@router.get("/search", response_model=SearchResponse, summary="Full-text search")
def get_search(
    ctx: Ctx,
    caller: CallerDep,
    options: SearchOptionsDep,
    q: Annotated[
        str,
        Query(
            description=(
                'Query: words (all must match, any inflected form), "exact phrase", -exclude, '
                "OR, field:value (title, collection, doc_type, language, format, year, court, "
                "instance, category, outcome, norm), prefix*, "
                "fuzzy~ or fuzzy~1, year:[1930 TO 1940]. Empty: everything."
            )
        ),
    ] = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Result page, from 1")] = 1,
    size: Annotated[int, Query(ge=1, le=100, description="Hits per page")] = 10,
    facets: Annotated[bool, Query(description="Return facet counts and the year histogram")] = True,
) -> SearchResponse:
    filters = build_filters(ctx, options)
    if filters is None:
        return SearchResponse(total=0, page=page, size=size, hits=[], facets={})
    params = SearchParams(
        q=q, filters=filters, page=page, size=size, facets=facets, sort=options.sort
    )
    return search(ctx, params, caller)
