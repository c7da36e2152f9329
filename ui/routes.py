"""Server-rendered pages: search and document view, in Russian."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from core.errors import NotFoundError, QuerySyntaxError
from indices.highlight import mark_all
from indices.query import Highlighter, highlighter, parse
from search_api.deps import Ctx
from search_api.routers.search import filters_from
from search_api.service import SearchParams, get_document, search
from ui.labels import FACET_TITLES, label

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals.update(label=label, FACET_TITLES=FACET_TITLES)
templates.env.filters["marked"] = Markup  # snippets are escaped by indices.highlight
PAGE_SIZE = 10
FILTER_KEYS = ("collection", "doc_type", "language", "format")


def _url(params: dict[str, list[str]], **change: list[str]) -> str:
    merged = {**params, **change}
    return "/?" + urlencode([(k, v) for k, vs in merged.items() for v in vs if v])


def mount_ui(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request, ctx: Ctx, q: str = "",
        collection: Annotated[list[str] | None, Query()] = None,
        doc_type: Annotated[list[str] | None, Query()] = None,
        language: Annotated[list[str] | None, Query()] = None,
        format: Annotated[list[str] | None, Query()] = None,
        year_from: str = "", year_to: str = "", page: int = 1,
    ) -> HTMLResponse:
        selected = {"collection": collection or [], "doc_type": doc_type or [],
                    "language": language or [], "format": format or []}
        params = {"q": [q], **selected, "year_from": [year_from], "year_to": [year_to]}
        error = None
        result = None
        try:
            yf = int(year_from) if year_from.strip() else None
            yt = int(year_to) if year_to.strip() else None
            result = search(ctx, SearchParams(
                q=q, filters=filters_from(collection, doc_type, language, format, yf, yt),
                page=max(1, page), size=PAGE_SIZE))
        except QuerySyntaxError as e:
            error = e.message
        except ValueError:
            error = "Год должен быть числом"
        pages = math.ceil(result.total / PAGE_SIZE) if result else 0
        return templates.TemplateResponse(request, "search.html", {
            "q": q, "result": result, "error": error, "selected": selected,
            "params": params, "url": _url, "page": page, "pages": pages,
            "year_from": year_from, "year_to": year_to,
        }, status_code=400 if error else 200)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, ctx: Ctx, doc_id: int, q: str = "") -> HTMLResponse:
        try:
            doc = get_document(ctx, doc_id)
        except NotFoundError as e:
            return templates.TemplateResponse(request, "error.html", {"message": e.message},
                                              status_code=404)
        try:
            hl = highlighter(parse(q))
        except QuerySyntaxError:
            hl = Highlighter(frozenset(), (), (), ())
        texts = {p.number: Markup(mark_all(hl, p.text)) for p in doc.pages}
        return templates.TemplateResponse(request, "document.html",
                                          {"doc": doc, "q": q, "texts": texts})

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_page(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "upload.html", {})

    @app.get("/decisions/{decision_id}", include_in_schema=False)
    def decision_page(request: Request, ctx: Ctx, decision_id: int) -> Response:
        """A decision's stable public address: its published version, whichever it is."""
        from ingest.decisions import info

        try:
            doc_id = info(ctx, decision_id).public_document_id
        except NotFoundError:
            doc_id = None
        if doc_id is None:
            return templates.TemplateResponse(request, "error.html", {
                "message": f"Решение №{decision_id} не найдено"}, status_code=404)
        return RedirectResponse(f"/documents/{doc_id}", status_code=307)
