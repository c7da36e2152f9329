"""The FastAPI application: /api/v1 for programs, / for people (the Russian UI)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from core.audit import record
from core.auth import Caller
from core.context import AppContext
from core.errors import (
    AccessDenied,
    AuthError,
    ConflictError,
    ManifestError,
    NotFoundError,
    QuerySyntaxError,
    TransientError,
)
from core.settings import Settings
from search_api.metrics import install as install_metrics
from search_api.routers import (
    audit,
    batches,
    decisions,
    documents,
    findings,
    health,
    norms,
    pages,
    search,
)

DESCRIPTION = """Ачык — поиск по архивам 1918–1953 годов, судебным актам и проектам законов.

Search returns published public data only. Queries use a Lucene-like syntax parsed on
the server; a malformed query is answered with 400 and a message saying what is wrong.

Writes need an API key (`Authorization: Bearer achyk_…`, from `achyk keys create`):
archivists upload batches, court clerks publish their court's decisions, admins read
the audit trail. Researchers' keys also open restricted archival collections.
"""
READS = frozenset({"GET", "HEAD", "OPTIONS"})


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Embedded default: resume documents a stopped server left half-way; stop on exit."""
    from ingest.dispatch import EmbeddedDispatcher, make_dispatcher

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


def upload_limit(settings: Settings, method: str, path: str) -> int | None:
    """Bytes a write may send: a batch up to one ZIP's unpacked limit, a decision one file."""
    if method not in ("POST", "PUT"):
        return None
    if path.startswith("/api/v1/batches"):
        return (settings.zip_max_total_mb + settings.max_upload_mb) << 20
    if path.startswith("/api/v1/decisions"):
        return (settings.max_upload_mb + 1) << 20
    return None


def _refused(request: Request, exc: AuthError | AccessDenied, status: int) -> JSONResponse:
    """401/403; a refused write is audited (who tried what, from where)."""
    if request.method not in READS:
        caller: Caller = getattr(request.state, "caller", None) or Caller(
            client=request.client.host if request.client else "")
        ctx: AppContext = request.app.state.ctx
        record(ctx, caller, f"{request.method} {request.url.path}"[:50], request.url.path,
               outcome="denied", detail={"status": status, "reason": exc.message})
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"detail": exc.message}, status_code=status, headers=headers)


def create_app(ctx: AppContext) -> FastAPI:
    app = FastAPI(title="Achyk API", version="0.1.0", description=DESCRIPTION,
                  openapi_url="/api/v1/openapi.json", docs_url="/api/v1/docs",
                  lifespan=lifespan)
    app.state.ctx = ctx
    app.state.dispatcher = None
    for r in (search.router, documents.router, pages.router, health.router, batches.router,
              decisions.router, audit.router, norms.router, findings.router):
        app.include_router(r, prefix="/api/v1")

    @app.middleware("http")
    async def limit_uploads(request: Request, call_next: Any) -> Any:
        """Refuse an oversized upload from its declared length, before reading it."""
        length = request.headers.get("content-length", "")
        limit = upload_limit(ctx.settings, request.method, request.url.path)
        if limit and length.isdigit() and int(length) > limit:
            return JSONResponse({"detail": f"Запрос больше {limit >> 20} МиБ"},
                                status_code=413)
        return await call_next(request)

    @app.exception_handler(AuthError)
    def unauthenticated(req: Request, exc: AuthError) -> JSONResponse:
        return _refused(req, exc, 401)

    @app.exception_handler(AccessDenied)
    def forbidden(req: Request, exc: AccessDenied) -> JSONResponse:
        return _refused(req, exc, 403)

    @app.exception_handler(ConflictError)
    def conflict(_req: Request, exc: ConflictError) -> JSONResponse:
        return JSONResponse({"detail": exc.message, "existing_id": exc.existing_id},
                            status_code=409)

    @app.exception_handler(ManifestError)
    def bad_manifest(_req: Request, exc: ManifestError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=422)

    @app.exception_handler(TransientError)
    def unavailable(_req: Request, exc: TransientError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=503,
                            headers={"Retry-After": "5"})

    @app.exception_handler(QuerySyntaxError)
    def bad_query(_req: Request, exc: QuerySyntaxError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=400)

    @app.exception_handler(NotFoundError)
    def not_found(_req: Request, exc: NotFoundError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=404)

    install_metrics(app, ctx)
    from ui.routes import mount_ui

    mount_ui(app)
    return app
