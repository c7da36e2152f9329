"""The FastAPI application: /api/v1 for programs, / for people (the Russian UI).

Composed here, above both: search_api and ui are siblings that share the service layer
and never import each other.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response

from core.audit import record
from core.auth import ANONYMOUS, Caller
from core.errors import (
    AccessDenied,
    AuthError,
    ConflictError,
    ManifestError,
    NotFoundError,
    QuerySyntaxError,
    TransientError,
)
from core.types import AuditOutcome
from drafts import DraftError, DraftErrorCode
from indices.context import AppContext
from ingest.dispatch import EmbeddedDispatcher, make_dispatcher
from persons.sync import watch as watch_persons
from search_api.metrics import install as install_metrics
from search_api.ratelimit import RateLimit
from search_api.routers import (
    alerts,
    archive,
    audit,
    batches,
    corrections,
    decisions,
    documents,
    draft_comments,
    drafts,
    drafts_open,
    export,
    findings,
    health,
    iiif,
    norms,
    pages,
    persons,
    search,
)
from search_api.security_headers import SecurityHeaders, docs_csp, secure
from search_api.server_timing import ServerTiming
from search_api.upload_guard import UploadGuard
from service.persons import app_person_search
from service.search import may_know_document
from ui.routes import mount_ui

DESCRIPTION = """Ачык — поиск по архивам 1918–1953 годов, судебным актам и проектам законов.

Search returns published public data only. Queries use a Lucene-like syntax parsed on
the server; a malformed query is answered with 400 and a message saying what is wrong.

Queries and norm citations are bounded (length, terms, nesting, fuzzy terms, prefixes,
norm ranges): over a limit the answer is 400 saying what to change. Expensive routes
are rate limited per client (429 with Retry-After); a search engine outage is a 503,
never an unfiltered answer. Limits: docs/security.md.

Any search has an Atom feed (`/api/v1/search/feed.atom`), and a reader may save it, or
follow a fond, a norm or a court, with e-mail alerts (`POST /api/v1/subscriptions`, no key
needed; the address is confirmed by mail first).

Any reader may also report a misread page (`POST /api/v1/documents/{id}/pages/{n}/reports`,
no key, rate limited); archivists correct recognized text line by line and work the
reports' queue (docs/corrections.md).

Anyone may comment on a draft law in public discussion and vote on it
(`POST /api/v1/drafts/{id}/comments`, `PUT /api/v1/drafts/{id}/vote`, no key; the e-mail
address is confirmed once by a signed link and never published; rate limited per address
and client). Comments are published after moderation, depersonified; the developer agency
answers each; the summary report is open data (docs/drafts.md).

The archival hierarchy (archive → fond → opis → delo, ISAD(G) descriptions, counts of
published documents) is browsed at `/api/v1/archive`; a unit's branch exports as EAD 3
(`/api/v1/archive/{id}/ead.xml`), archivists import finding aids (CSV or EAD 3,
`POST /api/v1/archive/import`), and the search filter `archive` searches within a fond,
opis or delo (docs/archive.md).

Published page images are also served by IIIF (outside /api/v1): Image API 3 at
`/iiif/3/{doc}-p{page}/…`, a Presentation 3 manifest per document at
`/iiif/3/{doc}/manifest.json` and Content Search 2 at `/iiif/3/{doc}/search?q=`.

Other writes need an API key (`Authorization: Bearer achyk_…`, from `achyk keys create`):
archivists upload batches and correct pages, court clerks publish their court's decisions,
developer agencies manage their drafts and plan items (the draft-law portal,
`/api/v1/drafts`, `/api/v1/plan`) and moderate and answer the comments on them, admins
read the audit trail. Researchers' keys also open restricted archival collections.
"""
READS = frozenset({"GET", "HEAD", "OPTIONS"})
# A draft rule refusing a value the caller sent (422); the others refuse what the draft's
# stage does not allow (409).
DRAFT_VALUE_ERRORS = frozenset(
    {
        DraftErrorCode.NO_CLOSING_DATE,
        DraftErrorCode.WINDOW_TOO_SHORT,
        DraftErrorCode.REASON_REQUIRED,
        DraftErrorCode.NOT_LATER,
        DraftErrorCode.UNSUPPORTED_FILE,
        DraftErrorCode.EMPTY_TEXT,
        DraftErrorCode.PLAN_ROWS,
        DraftErrorCode.UNKNOWN_UNIT,
        DraftErrorCode.QUOTE_NOT_FOUND,
        DraftErrorCode.ANSWER_REASON_REQUIRED,
        DraftErrorCode.UNKNOWN_VERSION,
        DraftErrorCode.INVALID_EMAIL,
        DraftErrorCode.BAD_TOKEN,
        DraftErrorCode.FILE_TOO_LARGE,
    }
)
# Too many comments from one address or client: 429, try again in an hour at most.
DRAFT_TOO_MANY = frozenset({DraftErrorCode.RATE_LIMITED})
GZIP_MIN_BYTES = 500
DOCS_URL = "/api/v1/docs"
SWAGGER_ASSETS = "/static/swagger"  # swagger-ui-dist, vendored in ui/static/swagger/


def docs_html(title: str) -> str:
    """The Swagger UI page, every asset from the application (the reading room may be
    offline); no validator badge, which would call validator.swagger.io."""
    page = get_swagger_ui_html(
        openapi_url="/api/v1/openapi.json",
        title=f"{title} - Swagger UI",
        swagger_js_url=f"{SWAGGER_ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER_ASSETS}/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
        swagger_ui_parameters={"validatorUrl": None},
    )
    return bytes(page.body).decode()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Embedded default: resume documents a stopped server left half-way; stop on exit."""
    ctx: AppContext = app.state.ctx
    if getattr(app.state, "dispatcher", None) is None:
        app.state.dispatcher = make_dispatcher(ctx)
    if isinstance(app.state.dispatcher, EmbeddedDispatcher):
        app.state.dispatcher.resume()
    try:
        yield
    finally:
        app.state.dispatcher.close()
        app.state.dispatcher = None


def _refused(request: Request, exc: AuthError | AccessDenied, status: int) -> JSONResponse:
    """401/403; a refused write is audited (who tried what, from where)."""
    if request.method not in READS:
        caller: Caller = getattr(request.state, "caller", None) or Caller(
            client=request.client.host if request.client else ""
        )
        ctx: AppContext = request.app.state.ctx
        record(
            ctx,
            caller,
            f"{request.method} {request.url.path}"[:50],
            request.url.path,
            outcome=AuditOutcome.DENIED,
            detail={"status": status, "reason": exc.message},
        )
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"detail": exc.message}, status_code=status, headers=headers)


def create_app(ctx: AppContext) -> FastAPI:
    app = FastAPI(
        title="Achyk API",
        version="0.1.0",
        description=DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # served below, with Swagger UI from /static (no CDN)
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    app.state.dispatcher = None
    # Every commit that touches a person record reaches the persons index this app reads.
    watch_persons(ctx.db, lambda: app_person_search(app))
    for r in (
        search.router,
        documents.router,
        pages.router,
        health.router,
        batches.router,
        decisions.router,
        audit.router,
        norms.router,
        export.router,
        findings.router,
        persons.router,
        alerts.router,
        drafts_open.router,
        drafts.router,
        draft_comments.router,
        corrections.router,
        archive.router,
    ):
        app.include_router(r, prefix="/api/v1")
    app.include_router(iiif.router)  # /iiif/3: IIIF clients build these addresses

    # Outermost last: headers go on every answer, refusals included. Innermost, gzip: pages,
    # CSS, JS and JSON over ~500 bytes go compressed to a client that accepts it (a slow
    # reading-room link); smaller answers are not worth it.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=6)
    app.add_middleware(UploadGuard, ctx=ctx, refuse=_refused)
    app.add_middleware(RateLimit, settings=ctx.settings)
    app.add_middleware(
        SecurityHeaders,
        docs_path=DOCS_URL,
        docs_policy=docs_csp(docs_html(app.title)),
    )
    # Outermost of all: the server's whole share of the wait, gzip and refusals included.
    app.add_middleware(ServerTiming)

    @app.get(DOCS_URL, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(docs_html(app.title))

    @app.exception_handler(AuthError)
    def unauthenticated(req: Request, exc: AuthError) -> JSONResponse:
        return _refused(req, exc, 401)

    @app.exception_handler(AccessDenied)
    def forbidden(req: Request, exc: AccessDenied) -> JSONResponse:
        return _refused(req, exc, 403)

    @app.exception_handler(ConflictError)
    def conflict(req: Request, exc: ConflictError) -> JSONResponse:
        """`existing_id` only for a caller who may know that record exists."""
        caller: Caller = getattr(req.state, "caller", None) or ANONYMOUS
        body: dict[str, Any] = {"detail": exc.message}
        if exc.existing_id is not None and (
            exc.kind != "document" or may_know_document(ctx, exc.existing_id, caller)
        ):
            body["existing_id"] = exc.existing_id
        return JSONResponse(body, status_code=409)

    @app.exception_handler(DraftError)
    def draft_refused(_req: Request, exc: DraftError) -> JSONResponse:
        """A draft rule said no: 409 when the draft's state forbids it, else 422."""
        body = {"detail": exc.message, "code": str(exc.code)}
        if exc.code in DRAFT_TOO_MANY:
            return JSONResponse(body, status_code=429, headers={"Retry-After": "3600"})
        status = 422 if exc.code in DRAFT_VALUE_ERRORS else 409
        return JSONResponse(body, status_code=status)

    @app.exception_handler(ManifestError)
    def bad_manifest(_req: Request, exc: ManifestError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=422)

    @app.exception_handler(TransientError)
    def unavailable(req: Request, exc: TransientError) -> Response:
        from ui.routes import error_page, for_people

        if for_people(req):  # a page, not the API's JSON, for a person (issue #20)
            page = error_page(req, 503, exc.message)
            page.headers["Retry-After"] = "5"
            return page
        return JSONResponse({"detail": exc.message}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(QuerySyntaxError)
    def bad_query(_req: Request, exc: QuerySyntaxError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=400)

    @app.exception_handler(NotFoundError)
    def not_found(_req: Request, exc: NotFoundError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=404)

    install_metrics(app, ctx)
    mount_ui(app)
    _secure_crash_answer(app)
    return app


def _secure_crash_answer(app: FastAPI) -> None:
    """The 500 answer (the UI's Russian page, or plain text for the API) gets the security
    headers too: it is made outside the middleware that adds them to every other answer."""
    answer = app.exception_handlers[500]

    async def server_error(request: Request, exc: Exception) -> Response:
        made = answer(request, exc)
        response: Response = await made if inspect.isawaitable(made) else made
        secure(response.headers)
        return response

    app.add_exception_handler(500, server_error)
