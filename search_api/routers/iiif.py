"""IIIF: Image API 3 for page images, Presentation API 3 manifests, Content Search 2.

Mounted at /iiif/3 (outside /api/v1: IIIF clients build these addresses themselves).
Published page images only, under the rule of the page-image route: an unknown,
unpublished or (below researcher) restricted document is a 404, with the same answer
whether or not it exists. Every answer, refusals included, carries
`Access-Control-Allow-Origin: *`: viewers on other sites (Mirador, Universal Viewer)
load our images and manifests.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from core.errors import NotFoundError, QuerySyntaxError
from search_api.auth import CallerDep
from service import iiif_image, iiif_manifest
from service.deps import Ctx
from service.iiif_params import ImageRequestError, parse_identifier
from service.params import DocId

router = APIRouter(prefix="/iiif/3", tags=["iiif"])

CORS = {"Access-Control-Allow-Origin": "*"}
PUBLIC = "public, max-age=3600"
PRIVATE = "private, no-store"
Identifier = Annotated[
    str,
    Path(
        description="`{document id}-p{page number}`, e.g. `12-p3`",
        max_length=24,
    ),
]
Segment = Annotated[str, Path(max_length=64)]
# JSON by default, JSON-LD (with the context as profile) when the client asks for it
JSON_LD: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}, "application/ld+json": {}}}
}


def _base(request: Request) -> str:
    ctx = request.app.state.ctx
    return (ctx.settings.public_url or str(request.base_url)).rstrip("/")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status, headers=CORS)


def _answered(make: Callable[[], Response]) -> Response:
    """The route's answer, or its refusal as JSON with the CORS header."""
    try:
        return make()
    except NotFoundError as e:
        return _error(404, e.message)
    except (ImageRequestError, QuerySyntaxError) as e:
        return _error(400, getattr(e, "message", None) or str(e))


def _page(ident: str) -> tuple[int, int]:
    try:
        return parse_identifier(ident)
    except LookupError:
        raise NotFoundError(f"Нет изображения «{ident}»: адрес вида 12-p3") from None


def _json(request: Request, body: dict[str, Any], context: str, cache: str) -> Response:
    """JSON-LD when the client asks for it, plain JSON otherwise (the spec's rule)."""
    accept = request.headers.get("accept", "")
    media = (
        f'application/ld+json;profile="{context}"'
        if "application/ld+json" in accept
        else "application/json"
    )
    return Response(
        json.dumps(body, ensure_ascii=False),
        media_type=media,
        headers={**CORS, "Cache-Control": cache},
    )


@router.get(
    "/{identifier}",
    response_class=RedirectResponse,
    status_code=303,
    summary="IIIF image service base address: redirects to its info.json",
)
def image_base(ctx: Ctx, caller: CallerDep, identifier: Identifier) -> Response:
    def make() -> Response:
        _page(identifier)
        return RedirectResponse(f"/iiif/3/{identifier}/info.json", status_code=303, headers=CORS)

    return _answered(make)


@router.get(
    "/{identifier}/info.json",
    response_class=Response,
    responses=JSON_LD,
    summary="IIIF Image API 3 info.json of a published page image",
    description=(
        "Level 1 and more: regions full, square, x,y,w,h and pct:x,y,w,h; sizes max, w,, "
        ",h, pct:n, w,h and !w,h (`^` upscales up to twice the image); rotations 0, 90, "
        "180, 270 (`!` mirrors); qualities default, color, gray, bitonal; jpg and png; "
        "512-pixel tiles. The image is the public (redacted) page image, as "
        "`/api/v1/documents/{id}/pages/{n}/image` serves it."
    ),
)
def image_info(request: Request, ctx: Ctx, caller: CallerDep, identifier: Identifier) -> Response:
    def make() -> Response:
        doc_id, number = _page(identifier)
        service_id = f"{_base(request)}/iiif/3/{identifier}"
        body, public = iiif_image.page_info(ctx, doc_id, number, service_id, caller)
        response = _json(request, body, iiif_image.IMAGE_CONTEXT, PUBLIC if public else PRIVATE)
        response.headers["Link"] = f'<{iiif_image.PROFILE_URI}>;rel="profile"'
        return response

    return _answered(make)


@router.get(
    "/{identifier}/{region}/{size}/{rotation}/{quality_format}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}, "image/png": {}}}},
    summary="IIIF Image API 3 image request: region, size, rotation, quality.format",
    description=(
        "A region of the public page image, scaled, rotated and in the quality and format "
        "asked for; a bad parameter is a 400 naming it, an unknown or unpublished page a "
        "404. Derived images are cached on disk (ACHYK_IIIF_CACHE_MB). The `Link` header "
        "gives the canonical address and the compliance profile."
    ),
)
def image_request(
    request: Request,
    ctx: Ctx,
    caller: CallerDep,
    identifier: Identifier,
    region: Segment,
    size: Segment,
    rotation: Segment,
    quality_format: Segment,
) -> Response:
    def make() -> Response:
        doc_id, number = _page(identifier)
        served = iiif_image.serve(
            ctx, doc_id, number, region, size, rotation, quality_format, caller
        )
        canonical = f"{_base(request)}/iiif/3/{identifier}/{served.canonical}"
        return Response(
            served.data,
            media_type=served.media_type,
            headers={
                **CORS,
                "Cache-Control": PUBLIC if served.public else PRIVATE,
                "Link": f'<{canonical}>;rel="canonical", <{iiif_image.PROFILE_URI}>;rel="profile"',
                "X-Cache": "hit" if served.cached else "miss",
            },
        )

    return _answered(make)


@router.get(
    "/{doc_id}/manifest.json",
    response_class=Response,
    responses=JSON_LD,
    summary="IIIF Presentation API 3 manifest of a published document",
    description=(
        "A canvas per page with a public image (its IIIF image service), the title, the "
        "archival reference (fond, opis, delo, sheets), date, rights and the citation in "
        "metadata, the published OCR text as `supplementing` annotations (a line each, "
        "`xywh` on the canvas) and a Content Search 2 service (`SearchService2`)."
    ),
)
def read_manifest(request: Request, ctx: Ctx, caller: CallerDep, doc_id: DocId) -> Response:
    def make() -> Response:
        body = iiif_manifest.manifest(ctx, doc_id, base_url=_base(request), caller=caller)
        public = iiif_manifest.public_collection(ctx, doc_id)
        return _json(
            request,
            body,
            iiif_manifest.PRESENTATION_CONTEXT,
            "public, max-age=300" if public else PRIVATE,
        )

    return _answered(make)


@router.get(
    "/{doc_id}/search",
    response_class=Response,
    responses=JSON_LD,
    summary="IIIF Content Search 2 within a document: hits as annotations",
    description=(
        "The words on the document's page images that match `q` (same syntax and "
        "morphology as /api/v1/search: inflected forms, prefix*, fuzzy~, phrases), as "
        "`highlighting` annotations whose target is `canvas#xywh=`. Published text only."
    ),
)
def content_search(
    request: Request,
    ctx: Ctx,
    caller: CallerDep,
    doc_id: DocId,
    q: Annotated[str, Query(description="The search query, same syntax as /search")] = "",
) -> Response:
    def make() -> Response:
        body = iiif_manifest.search(ctx, doc_id, q, base_url=_base(request), caller=caller)
        return _json(request, body, iiif_manifest.SEARCH_CONTEXT, PRIVATE)

    return _answered(make)
