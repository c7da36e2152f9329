"""Page-image hits (word boxes for a query) and the pages OCR read with low confidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from search_api.auth import CallerDep
from service.deps import Ctx
from service.ocr import document_hits, flagged_pages, page_hits, page_ocr
from service.params import MAX_ID, DocId, PageNumber
from service.schemas_ocr import DocumentHits, FlaggedPages, PageHits, PageOcrInfo

router = APIRouter(tags=["documents"])

QueryText = Annotated[str, Query(description="The search query, same syntax as /search")]


@router.get(
    "/documents/{doc_id}/pages/{number}/hits",
    response_model=PageHits,
    summary="Boxes of the words on a page image that match a query",
)
def read_page_hits(
    ctx: Ctx, caller: CallerDep, doc_id: DocId, number: PageNumber, q: QueryText = ""
) -> PageHits:
    """Words match under the index's own analysis: inflected forms, pre-reform spellings,
    `prefix*`, `fuzzy~` (with OCR confusions) and "phrases" across boxes. Boxes are in the
    pixels of the page image (`width` × `height`)."""
    return page_hits(ctx, doc_id, number, q, caller)


@router.get(
    "/documents/{doc_id}/pages/{number}/ocr",
    response_model=PageOcrInfo,
    summary="Why a page was read as it was: measurements, steps, readings",
)
def read_page_ocr(ctx: Ctx, caller: CallerDep, doc_id: DocId, number: PageNumber) -> PageOcrInfo:
    """The page's measurements (noise, contrast, background unevenness, skew, stroke width,
    letter height, already binary?), the preprocessing steps they called for with the
    reason for each, and the readings tried (prepared, the wider script model, the page's
    untouched pixels) with their confidences and the one kept."""
    return page_ocr(ctx, doc_id, number, caller)


@router.get(
    "/documents/{doc_id}/hits",
    response_model=DocumentHits,
    summary="Word boxes matching a query on every page of a document",
)
def read_document_hits(
    ctx: Ctx, caller: CallerDep, doc_id: DocId, q: QueryText = ""
) -> DocumentHits:
    return document_hits(ctx, doc_id, q, caller)


@router.get(
    "/pages",
    response_model=FlaggedPages,
    summary="OCR pages by confidence: flagged (low) ones by default, worst first",
)
def read_flagged_pages(
    ctx: Ctx,
    _caller: CallerDep,
    low_confidence: Annotated[
        bool,
        Query(
            description=(
                "true: OCR pages under ACHYK_OCR_LOW_CONFIDENCE mean word confidence or with no "
                "word read; false: the OCR pages at or above it"
            )
        ),
    ] = True,
    collection: Annotated[str | None, Query(description="Only this collection")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> FlaggedPages:
    return flagged_pages(ctx, low=low_confidence, collection=collection, limit=limit, offset=offset)
