"""Server-rendered pages: search and document view, in Russian."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, Path, Query, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.auth import ANONYMOUS
from core.errors import NotFoundError, QuerySyntaxError, TransientError
from indices.query import Highlighter, QueryLimits, highlighter, norm_filter_ids, parse
from indices.types import KEYWORD_FIELDS, Sort
from ingest.decisions import info
from norms.citation import MAX_CITATION
from service import citation as cite
from service.archive_browse import document_trail
from service.deps import Ctx
from service.document_formats import published_document
from service.drafts import now_local
from service.drafts_search import drafts_amending, drafts_with_words
from service.params import MAX_ID, MAX_PAGE, DocId
from service.persons import named_here, person_out
from service.practice import article_level, practice, similar
from service.schemas import DocumentPublic
from service.search import SearchParams, get_document, search
from service.search_filters import options_from_mapping, without_norm
from ui.alerts_pages import feed_url, mount_alerts_ui
from ui.archive_pages import document_breadcrumbs, mount_archive_ui
from ui.corrections_labels import report_words
from ui.corrections_pages import mount_corrections_ui
from ui.drafts_labels import OPERATIONS, STAGES
from ui.drafts_pages import mount_drafts_ui
from ui.iiif_pages import mount_iiif_ui
from ui.labels import FACET_TITLES, label
from ui.markup import page_html
from ui.norm_labels import norm_label
from ui.persons_labels import TEXT as PERSONS_TEXT
from ui.persons_pages import mount_persons_ui
from ui.refine import SORT_LABELS, page_number, parse_region, search_within, year_bars
from ui.static_files import CACHE_CONTROL, CachedStaticFiles

HERE = FilePath(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals.update(
    label=label,
    FACET_TITLES=FACET_TITLES,
    norm_label=norm_label,
    report_words=report_words,
    pt={k: v["ru"] for k, v in PERSONS_TEXT.items()},  # the registry's words, in Russian
    DRAFT_STAGES_RU=STAGES["ru"],
    DRAFT_OPS_RU=OPERATIONS["ru"],
)
templates.env.filters["marked"] = Markup  # snippets are escaped by indices.highlight
PAGE_SIZE = 10
NAMED_ON_PAGE = 50  # «persons named here» on a document page; the rest are a link away


def _url(params: dict[str, list[str]], **change: list[str]) -> str:
    merged = {**params, **change}
    return "/?" + urlencode([(k, v) for k, vs in merged.items() for v in vs if v])


def export_query(params: dict[str, list[str]]) -> str:
    """The search page's parameters for GET /api/v1/search/export: the file-format filter
    is `file_format` there (`format` names the export's), and no page."""
    renamed = {"file_format" if k == "format" else k: vs for k, vs in params.items()}
    return urlencode([(k, v) for k, vs in renamed.items() if k != "page" for v in vs if v])


def _doc_date(doc: DocumentPublic) -> dt.date | None:
    return dt.date.fromisoformat(doc.date) if doc.date else None


def clamp_page(page: int, pages: int) -> int:
    """A result page that exists: «страница 99999 из 2» becomes page 2."""
    return min(max(1, page), max(1, pages))


@dataclass(frozen=True, slots=True)
class ResolvedNorms:
    ids: list[str]  # canonical ids, in the order typed
    errors: list[str]  # one Russian message per input that names no norm
    unresolved: list[str]  # those inputs, as typed, to put back in the norm box


def resolve_norms(typed: list[str], edition: str, max_ids: int) -> ResolvedNorms:
    """The norm box's text as canonical ids, so a citation never reaches the labels raw."""
    ids: list[str] = []
    errors: list[str] = []
    unresolved: list[str] = []
    for text in typed:
        try:
            found = norm_filter_ids(text, edition=edition or None, max_ids=max_ids)
        except QuerySyntaxError as e:
            errors.append(e.message)
            unresolved.append(text)
            continue
        ids.extend(i for i in found if i not in ids)
    return ResolvedNorms(ids, errors, unresolved)


# What a person sees instead of the framework's English JSON («Not Found», «Input should be
# a valid integer») when a page address is wrong; /api/ keeps its JSON answers.
ERROR_PAGES = {
    404: "Такой страницы нет. Проверьте адрес или начните с поиска.",
    405: "Эту страницу нельзя открыть таким запросом.",
    422: "Ошибка в адресе страницы: номера в нём (документа, решения, записи, страницы) — "
    "целые числа не меньше 1.",
    500: "Внутренняя ошибка сервера. Попробуйте позже; если ошибка повторится, сообщите "
    "администратору.",
}


def for_people(request: Request) -> bool:
    return not request.url.path.startswith("/api/")


def error_page(request: Request, status: int, message: str | None = None) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "error.html",
        {"message": message or ERROR_PAGES.get(status, ERROR_PAGES[404])},
        status_code=status,
    )


def install_error_pages(app: FastAPI) -> None:
    """Russian HTML error pages for the UI's addresses (issue #20: no English library text
    a user can see). A message the code raised in Russian is kept; the framework's own
    («Not Found», «Method Not Allowed») is replaced."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if not for_people(request) or exc.status_code not in ERROR_PAGES:
            return await http_exception_handler(request, exc)
        ours = isinstance(exc.detail, str) and any("а" <= c <= "я" for c in exc.detail.lower())
        return error_page(request, exc.status_code, exc.detail if ours else None)

    @app.exception_handler(RequestValidationError)
    async def bad_address(request: Request, exc: RequestValidationError) -> Response:
        if not for_people(request):
            return await request_validation_exception_handler(request, exc)
        return error_page(request, 422)

    @app.exception_handler(500)
    async def server_error(request: Request, exc: Exception) -> Response:
        # Starlette logs the exception and re-raises it after this answer.
        if not for_people(request):
            return PlainTextResponse("Internal Server Error", status_code=500)
        return error_page(request, 500)


def mount_ui(app: FastAPI) -> None:
    app.mount("/static", CachedStaticFiles(directory=HERE / "static"), name="static")
    mount_persons_ui(app)
    mount_drafts_ui(app)
    mount_alerts_ui(app)
    mount_corrections_ui(app)
    mount_iiif_ui(app)
    mount_archive_ui(app)
    install_error_pages(app)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(
            HERE / "static" / "favicon.ico",
            media_type="image/x-icon",
            headers={"Cache-Control": CACHE_CONTROL},
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        ctx: Ctx,
        q: str = "",
        year_from: str = "",
        year_to: str = "",
        date_from: str = "",
        date_to: str = "",
        sort: str = "",
        edition: str = "",
        page_: str = Query("1", alias="page"),
    ) -> Response:
        # «?page=abc» is page 1, not a 422; a page past the last is redirected below
        page = min(int(page_), MAX_PAGE) if page_.strip().isdigit() else 1
        qp = request.query_params
        selected = {k: [v for v in qp.getlist(k) if v.strip()] for k in KEYWORD_FIELDS}
        norms = resolve_norms(selected["norm"], edition, ctx.settings.norm_expansion_max)
        selected["norm"] = norms.ids
        params = {
            "q": [q],
            **selected,
            "year_from": [year_from],
            "year_to": [year_to],
            "date_from": [date_from],
            "date_to": [date_to],
            "sort": [sort if sort != Sort.RELEVANCE else ""],
            "edition": [edition],
        }
        limit = ctx.settings.query_max_length
        error, norm_error = None, "; ".join(norms.errors) or None
        result = None
        try:
            if len(q) > limit:
                raise QuerySyntaxError(
                    f"Запрос слишком длинный ({len(q)} символов), допускается не более {limit}"
                )
            # norms were resolved above, each with its own message
            options = without_norm(options_from_mapping(params))
            filters = options.to_filters(ctx.settings.norm_expansion_max)
            if norm_error is None:
                filters = replace(filters, norm=tuple(norms.ids))
                result = search(
                    ctx,
                    SearchParams(
                        q=q,
                        filters=filters,
                        page=max(1, page),
                        size=PAGE_SIZE,
                        sort=options.sort,
                    ),
                )
        except QuerySyntaxError as e:
            error = e.message
        pages = math.ceil(result.total / PAGE_SIZE) if result else 0
        if result is not None and page != clamp_page(page, pages):
            return RedirectResponse(
                _url(params, page=[str(clamp_page(page, pages))]), status_code=303
            )
        return templates.TemplateResponse(
            request,
            "search.html",
            {
                "q": q,
                "result": result,
                "error": error,
                "norm_error": norm_error,
                "norm_text": ", ".join(norms.unresolved),
                "selected": selected,
                "params": params,
                "url": _url,
                "page": page,
                "pages": pages,
                "year_from": year_from,
                "year_to": year_to,
                "date_from": date_from,
                "date_to": date_to,
                "sort": params["sort"][0],
                "sorts": SORT_LABELS,
                "histogram": year_bars(result.histogram if result else []),
                "amending": drafts_amending(ctx, norms.ids, now_local().date())
                if norms.ids
                else [],
                "drafts_found": drafts_with_words(ctx, q) if result is not None else 0,
                "edition": edition,
                "export_query": export_query(params),
                "export_max": ctx.settings.export_max_hits,
                "query_max_length": limit,
                "citation_max_length": MAX_CITATION,
                "feed_url": feed_url(params),
            },
            status_code=400 if error or norm_error else 200,
        )

    @app.get("/practice", response_class=HTMLResponse, include_in_schema=False)
    def practice_page(
        request: Request, ctx: Ctx, norm: str = "", edition: str = ""
    ) -> HTMLResponse:
        result, error = None, None
        if norm.strip():
            try:
                result = practice(ctx, norm, edition=edition or None)
            except QuerySyntaxError as e:
                error = e.message
        return templates.TemplateResponse(
            request,
            "practice.html",
            {"norm": norm, "edition": edition, "result": result, "error": error},
            status_code=400 if error else 200,
        )

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(request: Request, ctx: Ctx, a: str = "", b: str = "") -> HTMLResponse:
        """Two decisions side by side; without two document numbers, a form that asks for them."""
        ids = [int(v) for v in (a.strip(), b.strip()) if v.isdigit() and 1 <= int(v) <= MAX_ID]
        if len(ids) < 2:
            message = None
            if a.strip() or b.strip():
                message = "Номера документов — целые числа; укажите оба"
            return templates.TemplateResponse(
                request,
                "compare.html",
                {"docs": [], "shared": [], "a": a, "b": b, "message": message},
                status_code=400 if message else 200,
            )
        try:
            left, right = get_document(ctx, ids[0]), get_document(ctx, ids[1])
        except NotFoundError as e:
            return templates.TemplateResponse(
                request, "error.html", {"message": e.message}, status_code=404
            )
        shared = article_level(left.norms) & article_level(right.norms)
        return templates.TemplateResponse(
            request,
            "compare.html",
            {
                "docs": [
                    (
                        d,
                        {
                            p.number: Markup(page_html(p.text, None, _doc_date(d), shared))
                            for p in d.pages
                        },
                    )
                    for d in (left, right)
                ],
                "shared": sorted(shared),
                "a": a,
                "b": b,
                "message": None,
            },
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(
        request: Request,
        ctx: Ctx,
        doc_id: DocId,
        q: str = "",
        page: str = "",
        region: str = "",
    ) -> HTMLResponse:
        try:
            doc = get_document(ctx, doc_id)
            cited = published_document(
                ctx, doc_id, base_url=str(request.base_url).rstrip("/")
            ).cited
            with ctx.db.session() as s:
                named_total, rows = named_here(s, doc_id, ANONYMOUS, limit=NAMED_ON_PAGE)
                named = [person_out(p) for p in rows]
            trail, sheets = document_trail(ctx, doc_id)
        except NotFoundError as e:
            return templates.TemplateResponse(
                request, "error.html", {"message": e.message}, status_code=404
            )
        within, within_error = search_within(ctx, doc_id, q)
        try:
            hl = highlighter(parse(q, QueryLimits.from_settings(ctx.settings)))
        except QuerySyntaxError:
            hl = Highlighter(frozenset(), (), (), ())
        # marks only on the pages the engine matched: the marks and the hit steps agree
        hit_pages = {p.number for p in within.pages} if within else set()
        texts = {
            p.number: Markup(
                page_html(p.text, hl if p.number in hit_pages else None, _doc_date(doc))
            )
            for p in doc.pages
        }
        try:
            near = similar(ctx, doc_id).hits if doc.doc_type == "court_decision" else []
        except TransientError:  # the document is read from the database; similar can wait
            near = []
        linked = page_number(page, doc.page_count)
        sizes = {p.number: (p.width, p.height) for p in doc.pages if p.image_url}
        return templates.TemplateResponse(
            request,
            "document.html",
            {
                "doc": doc,
                "q": q,
                "texts": texts,
                "similar": near,
                "named": named,
                "named_total": named_total,
                "citation": cite.text(cited),
                "citation_tags": cite.meta_tags(cited),
                "within": within,
                "within_error": within_error,
                "linked_page": linked,
                "region": parse_region(linked, region, sizes),
                **document_breadcrumbs(trail, sheets),
            },
        )

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_page(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "upload.html", {})

    @app.get("/decisions/{decision_id}", include_in_schema=False)
    def decision_page(
        request: Request, ctx: Ctx, decision_id: Annotated[int, Path(ge=1, le=MAX_ID)]
    ) -> Response:
        """A decision's stable public address: its published version, whichever it is."""

        try:
            doc_id = info(ctx, decision_id).public_document_id
        except NotFoundError:
            doc_id = None
        if doc_id is None:
            return templates.TemplateResponse(
                request,
                "error.html",
                {"message": f"Решение №{decision_id} не найдено"},
                status_code=404,
            )
        return RedirectResponse(f"/documents/{doc_id}", status_code=307)
