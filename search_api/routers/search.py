"""GET /api/v1/search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from core.errors import QuerySyntaxError
from indices.query import norm_filter_ids
from indices.types import Filters
from search_api.auth import CallerDep
from search_api.deps import Ctx
from search_api.ocr_service import restrict_to_flagged
from search_api.params import MAX_PAGE
from search_api.schemas import SearchResponse
from search_api.service import SearchParams, search

router = APIRouter(tags=["search"])


def filters_from(collection: list[str] | None, doc_type: list[str] | None,
                 language: list[str] | None, fmt: list[str] | None, year_from: int | None,
                 year_to: int | None, *, court: list[str] | None = None,
                 instance: list[str] | None = None, category: list[str] | None = None,
                 outcome: list[str] | None = None, norm: list[str] | None = None,
                 edition: str | None = None, norm_max: int) -> Filters:
    """Request parameters as Filters; norm citations are resolved to canonical ids here,
    each to at most ``norm_max`` ids (QuerySyntaxError beyond, refused before expanding)."""
    norm_ids = tuple(dict.fromkeys(i for n in norm or () if n.strip()
                                   for i in norm_filter_ids(n, edition=edition,
                                                            max_ids=norm_max)))
    if len(norm_ids) > norm_max:
        raise QuerySyntaxError(f"Фильтр по нормам раскрывается в {len(norm_ids)} норм, "
                               f"допустимо не больше {norm_max}")
    return Filters(collection=tuple(collection or ()), doc_type=tuple(doc_type or ()),
                   language=tuple(language or ()), format=tuple(fmt or ()),
                   year_from=year_from, year_to=year_to, court=tuple(court or ()),
                   instance=tuple(instance or ()), category=tuple(category or ()),
                   outcome=tuple(outcome or ()), norm=norm_ids)


@router.get("/search", response_model=SearchResponse, summary="Full-text search")
def get_search(
    ctx: Ctx,
    caller: CallerDep,
    q: Annotated[str, Query(description=(
        'Query: words (all must match, any inflected form), "exact phrase", -exclude, '
        "OR, field:value (title, collection, doc_type, language, format, year, court, "
        "instance, category, outcome, norm), prefix*, "
        "fuzzy~ or fuzzy~1, year:[1930 TO 1940]. Empty: everything."))] = "",
    collection: Annotated[list[str] | None, Query(description="Filter: collection name")] = None,
    doc_type: Annotated[list[str] | None, Query(description="Filter: document type")] = None,
    language: Annotated[list[str] | None, Query(description="Filter: ru, ky")] = None,
    format: Annotated[list[str] | None, Query(description="Filter: pdf, image, docx, ...")] = None,
    year_from: Annotated[int | None, Query(ge=-9999, le=9999,
                                           description="Filter: from year (inclusive)")] = None,
    year_to: Annotated[int | None, Query(ge=-9999, le=9999,
                                         description="Filter: to year (inclusive)")] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Result page, from 1")] = 1,
    size: Annotated[int, Query(ge=1, le=100, description="Hits per page")] = 10,
    facets: Annotated[bool, Query(description="Return facet counts")] = True,
    court: Annotated[list[str] | None, Query(description="Filter: court (as in facets)")] = None,
    instance: Annotated[list[str] | None, Query(
        description="Filter: first, appeal, cassation")] = None,
    category: Annotated[list[str] | None, Query(
        description="Filter: criminal, civil, administrative")] = None,
    outcome: Annotated[list[str] | None, Query(description=(
        "Filter: convicted, acquitted, terminated, granted, partially_granted, dismissed, "
        "upheld, reversed, modified"))] = None,
    norm: Annotated[list[str] | None, Query(description=(
        "Filter: decisions applying a norm (or any part of it): a canonical id "
        "(uk-kr-2021/168) or a citation «ч. 2 ст. 168 УК КР», «168-берене 2-бөлүк» "
        "(with `edition`)"))] = None,
    edition: Annotated[str | None, Query(description=(
        "Edition or act for a norm citation that names none (uk-kr-2017, uk-kr); default: "
        "the edition in force today"))] = None,
    low_confidence: Annotated[bool, Query(description=(
        "Filter: only documents with an OCR page flagged as low confidence "
        "(mean word confidence under ACHYK_OCR_LOW_CONFIDENCE, or nothing read)"))] = False,
) -> SearchResponse:
    filters = filters_from(collection, doc_type, language, format, year_from, year_to,
                           court=court, instance=instance, category=category,
                           outcome=outcome, norm=norm, edition=edition,
                           norm_max=ctx.settings.norm_expansion_max)
    if low_confidence:
        narrowed = restrict_to_flagged(ctx, filters)
        if narrowed is None:
            return SearchResponse(total=0, page=page, size=size, hits=[], facets={})
        filters = narrowed
    params = SearchParams(q=q, filters=filters, page=page, size=size, facets=facets)
    return search(ctx, params, caller)
