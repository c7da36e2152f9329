"""GET /api/v1/search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from core.types import Language
from search_api.auth import CallerDep
from service.deps import Ctx
from service.ocr import restrict_to_flagged
from service.params import MAX_PAGE
from service.schemas import INSTANCE_HELP, OUTCOME_HELP, SearchResponse
from service.search import SearchParams, filters_from, search

router = APIRouter(tags=["search"])


@router.get("/search", response_model=SearchResponse, summary="Full-text search")
def get_search(
    ctx: Ctx,
    caller: CallerDep,
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
    collection: Annotated[list[str] | None, Query(description="Filter: collection name")] = None,
    doc_type: Annotated[list[str] | None, Query(description="Filter: document type")] = None,
    language: Annotated[
        list[str] | None, Query(description=f"Filter: {', '.join(Language)}")
    ] = None,
    format: Annotated[list[str] | None, Query(description="Filter: pdf, image, docx, ...")] = None,
    year_from: Annotated[
        int | None, Query(ge=-9999, le=9999, description="Filter: from year (inclusive)")
    ] = None,
    year_to: Annotated[
        int | None, Query(ge=-9999, le=9999, description="Filter: to year (inclusive)")
    ] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Result page, from 1")] = 1,
    size: Annotated[int, Query(ge=1, le=100, description="Hits per page")] = 10,
    facets: Annotated[bool, Query(description="Return facet counts")] = True,
    court: Annotated[list[str] | None, Query(description="Filter: court (as in facets)")] = None,
    instance: Annotated[list[str] | None, Query(description=f"Filter: {INSTANCE_HELP}")] = None,
    category: Annotated[
        list[str] | None, Query(description="Filter: criminal, civil, administrative")
    ] = None,
    outcome: Annotated[
        list[str] | None,
        Query(description=f"Filter: {OUTCOME_HELP}"),
    ] = None,
    norm: Annotated[
        list[str] | None,
        Query(
            description=(
                "Filter: decisions applying a norm (or any part of it): a canonical id "
                "(uk-kr-2021/168) or a citation «ч. 2 ст. 168 УК КР», «168-берене 2-бөлүк» "
                "(with `edition`)"
            )
        ),
    ] = None,
    edition: Annotated[
        str | None,
        Query(
            description=(
                "Edition or act for a norm citation that names none (uk-kr-2017, uk-kr); default: "
                "the edition in force today"
            )
        ),
    ] = None,
    low_confidence: Annotated[
        bool,
        Query(
            description=(
                "Filter: only documents with an OCR page flagged as low confidence "
                "(mean word confidence under ACHYK_OCR_LOW_CONFIDENCE, or nothing read)"
            )
        ),
    ] = False,
) -> SearchResponse:
    filters = filters_from(
        collection,
        doc_type,
        language,
        format,
        year_from,
        year_to,
        court=court,
        instance=instance,
        category=category,
        outcome=outcome,
        norm=norm,
        edition=edition,
        norm_max=ctx.settings.norm_expansion_max,
    )
    if low_confidence:
        narrowed = restrict_to_flagged(ctx, filters)
        if narrowed is None:
            return SearchResponse(total=0, page=page, size=size, hits=[], facets={})
        filters = narrowed
    params = SearchParams(q=q, filters=filters, page=page, size=size, facets=facets)
    return search(ctx, params, caller)
