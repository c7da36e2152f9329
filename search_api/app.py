"""The FastAPI application: /api/v1 for programs, / for people (the Russian UI)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from core.context import AppContext
from core.errors import NotFoundError, QuerySyntaxError
from search_api.routers import documents, health, search

DESCRIPTION = """Ачык — поиск по архивам 1918–1953 годов, судебным актам и проектам законов.

Search returns published public data only. Queries use a Lucene-like syntax parsed on
the server; a malformed query is answered with 400 and a message saying what is wrong.
"""


def create_app(ctx: AppContext) -> FastAPI:
    app = FastAPI(title="Achyk API", version="0.1.0", description=DESCRIPTION,
                  openapi_url="/api/v1/openapi.json", docs_url="/api/v1/docs")
    app.state.ctx = ctx
    for r in (search.router, documents.router, health.router):
        app.include_router(r, prefix="/api/v1")

    @app.exception_handler(QuerySyntaxError)
    def bad_query(_req: Request, exc: QuerySyntaxError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=400)

    @app.exception_handler(NotFoundError)
    def not_found(_req: Request, exc: NotFoundError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=404)

    from ui.routes import mount_ui

    mount_ui(app)
    return app
