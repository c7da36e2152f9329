"""GET /api/v1/documents/{id} and its page images."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from search_api.auth import CallerDep
from service.deps import Ctx
from service.document_search import search_document
from service.params import DocId, PageNumber
from service.schemas import DocumentPublic
from service.schemas_document_search import DocumentSearchResponse
from service.search import get_document, page_image

router = APIRouter(tags=["documents"])


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentPublic,
    summary="A published document: metadata and public text per page",
)
def read_document(ctx: Ctx, caller: CallerDep, doc_id: DocId) -> DocumentPublic:
    return get_document(ctx, doc_id, caller)


@router.get(
    "/documents/{doc_id}/pages/{number}/image",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}},
    summary="Public image of one page (PNG); originals are never served",
)
def read_page_image(ctx: Ctx, caller: CallerDep, doc_id: DocId, number: PageNumber) -> Response:
    image = page_image(ctx, doc_id, number, caller)
    cache = "public, max-age=3600" if image.public else "private, no-store"
    return Response(image.data, media_type="image/png", headers={"Cache-Control": cache})


@router.get(
    "/documents/{doc_id}/search",
    response_model=DocumentSearchResponse,
    summary="Search within a document: the pages that match and the matches on each",
    description=(
        "The query syntax of GET /search, matched as the main search matches (inflected "
        "forms, pre-reform spellings, phrases, prefix*, fuzzy~): a page is listed when it "
        "matches the whole query. Each match is given as character offsets into the page's "
        "published text (the `text` of GET /documents/{id}); the same access rules as that "
        "route (a restricted collection's document is «not found» below researcher)."
    ),
)
def search_in_document(
    ctx: Ctx,
    caller: CallerDep,
    doc_id: DocId,
    q: Annotated[str, Query(description="The query, same syntax as /search")] = "",
) -> DocumentSearchResponse:
    return search_document(ctx, doc_id, q, caller)
