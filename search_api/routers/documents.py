"""GET /api/v1/documents/{id} and its page images."""

from __future__ import annotations

from fastapi import APIRouter, Response

from search_api.auth import CallerDep
from service.deps import Ctx
from service.params import DocId, PageNumber
from service.schemas import DocumentPublic
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
