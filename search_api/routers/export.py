"""Exports: search hits and the practice table (CSV, JSON, XLSX), a document's text (TXT),
its OCR (ALTO 4, hOCR) and its citation (text, RIS, CSL-JSON).

Every answer is built in service/ from the published projection, under the same access
rules as search and the document routes (a restricted collection's document is «not
found» below researcher).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from search_api.auth import CallerDep
from search_api.routers.norms import EditionParam, NormParam
from search_api.search_params import ExportOptionsDep
from service import citation as cite
from service.deps import Ctx
from service.document_formats import alto, hocr, published_document, txt
from service.export import (
    COLUMNS,
    MEDIA_TYPES,
    PRACTICE_COLUMNS,
    ExportFormat,
    SearchExport,
    encode,
    practice_rows,
    search_export,
    search_rows,
)
from service.params import DocId
from service.practice import practice
from service.search_filters import build_filters

router = APIRouter(tags=["export"])

FormatParam = Annotated[ExportFormat, Query(description="csv, json or xlsx")]


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _attachment(name: str) -> str:
    return f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"


@router.get(
    "/search/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {m.split(";")[0]: {} for m in MEDIA_TYPES.values()},
            "description": "The hits; headers X-Total-Count and X-Exported-Count",
        }
    },
    summary="Every hit of a search as CSV, JSON or XLSX (up to ACHYK_EXPORT_MAX_HITS)",
    description=(
        "Takes the parameters of GET /search (without page and size; its file-format filter "
        "is `file_format` here, since `format` names the export's) and exports every "
        "hit in the search's order (`sort`, relevance by default), paging through the "
        "engine, up to ACHYK_EXPORT_MAX_HITS "
        "(default 10,000). Columns: id, title, collection, date, reference (archival "
        "reference, or court and case number), url. `X-Total-Count` is the number of hits, "
        "`X-Exported-Count` the number of rows (fewer when the cap cuts the list)."
    ),
)
def export_search(
    request: Request,
    ctx: Ctx,
    caller: CallerDep,
    options: ExportOptionsDep,
    format: FormatParam = ExportFormat.CSV,
    q: Annotated[str, Query(description="Query, as in GET /search")] = "",
) -> Response:
    narrowed = build_filters(ctx, options)
    export = (
        SearchExport(0, 0, iter(()))
        if narrowed is None
        else search_export(
            ctx, q, narrowed, base_url=_base(request), caller=caller, sort=options.sort
        )
    )
    head = {"q": q, "total": export.total, "exported": export.exported}
    return StreamingResponse(
        encode(format, COLUMNS, search_rows(export), head),
        media_type=MEDIA_TYPES[format],
        headers={
            "Content-Disposition": _attachment(f"achyk-search.{format}"),
            "X-Total-Count": str(export.total),
            "X-Exported-Count": str(export.exported),
        },
    )


@router.get(
    "/practice/export",
    response_class=StreamingResponse,
    responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA_TYPES.values()}}},
    summary="The practice table under a norm as CSV, JSON or XLSX",
    description="One row per value of each breakdown (outcome, court, instance, category, "
    "year): facet, value, count of decisions, and the search listing them.",
)
def export_practice(
    request: Request,
    ctx: Ctx,
    caller: CallerDep,
    norm: NormParam,
    edition: EditionParam = None,
    format: FormatParam = ExportFormat.CSV,
) -> Response:
    result = practice(ctx, norm, edition=edition, caller=caller)
    rows = practice_rows(result, _base(request))
    head = {"norm": result.norm, "total": result.total}
    return StreamingResponse(
        encode(format, PRACTICE_COLUMNS, rows, head),
        media_type=MEDIA_TYPES[format],
        headers={
            "Content-Disposition": _attachment(f"achyk-practice.{format}"),
            "X-Total-Count": str(result.total),
            "X-Exported-Count": str(len(rows)),
        },
    )


@router.get(
    "/documents/{doc_id}/text",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}}},
    summary="A document's published text as TXT (page by page)",
)
def document_text(request: Request, ctx: Ctx, caller: CallerDep, doc_id: DocId) -> Response:
    doc = published_document(ctx, doc_id, base_url=_base(request), caller=caller)
    return Response(
        txt(doc.title, doc.pages),
        media_type="text/plain; charset=utf-8",
        headers={"Content-Disposition": _attachment(f"achyk-{doc_id}.txt")},
    )


@router.get(
    "/documents/{doc_id}/alto",
    response_class=Response,
    responses={200: {"content": {"application/xml": {}}}},
    summary="A document's OCR as ALTO 4 XML, from the published words only",
    description="Word boxes of the depersonified pages (the removed words are left out); "
    "a page without OCR words has an empty PrintSpace.",
)
def document_alto(request: Request, ctx: Ctx, caller: CallerDep, doc_id: DocId) -> Response:
    doc = published_document(ctx, doc_id, base_url=_base(request), caller=caller)
    return Response(
        alto(doc.id, doc.pages),
        media_type="application/xml; charset=utf-8",
        headers={"Content-Disposition": _attachment(f"achyk-{doc_id}.alto.xml")},
    )


@router.get(
    "/documents/{doc_id}/hocr",
    response_class=Response,
    responses={200: {"content": {"application/xhtml+xml": {}}}},
    summary="A document's OCR as hOCR (XHTML), from the published words only",
)
def document_hocr(request: Request, ctx: Ctx, caller: CallerDep, doc_id: DocId) -> Response:
    doc = published_document(ctx, doc_id, base_url=_base(request), caller=caller)
    return Response(
        hocr(doc.id, doc.title, doc.language, doc.pages),
        media_type="application/xhtml+xml; charset=utf-8",
        headers={"Content-Disposition": _attachment(f"achyk-{doc_id}.hocr.html")},
    )


@router.get(
    "/documents/{doc_id}/citation",
    response_class=Response,
    responses={200: {"content": {m.split(";")[0]: {} for m in cite.MEDIA_TYPES.values()}}},
    summary="How to cite a document: text, RIS or CSL-JSON",
    description="text: the archival form («ЦГА КР. Ф. 1. Оп. 2. Д. 34. Л. 5–7.», archive "
    "from ACHYK_ARCHIVE_NAME) or the court-act form («Приговор Ленинского районного суда "
    "города Бишкек от 12.03.2021 № 1-263/21.»); ris and csl-json for reference managers.",
)
def document_citation(
    request: Request,
    ctx: Ctx,
    caller: CallerDep,
    doc_id: DocId,
    format: Annotated[
        cite.CitationFormat, Query(description="text, ris or csl-json")
    ] = cite.CitationFormat.TEXT,
) -> Response:
    doc = published_document(ctx, doc_id, base_url=_base(request), caller=caller)
    headers = {}
    if format is not cite.CitationFormat.TEXT:
        headers["Content-Disposition"] = _attachment(f"achyk-{doc_id}.{cite.EXTENSIONS[format]}")
    return Response(
        cite.render(doc.cited, format), media_type=cite.MEDIA_TYPES[format], headers=headers
    )
