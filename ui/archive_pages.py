"""Browsing the archive: /archive (archives and fonds) and /archive/{codes} (a fond, opis
or delo by its place, e.g. /archive/ЦГА%20КР/67/9/108), in ru, ky and en (``?lang=``).

The pages read service/archive_browse.py as an anonymous reader, like every UI page: the
counts and a delo's documents are the published, public ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from core.auth import ANONYMOUS
from core.errors import NotFoundError
from service import archive_browse
from service.deps import Ctx
from service.schemas_archive import UnitBrief
from ui.archive_labels import LANG_NAMES, TEXT, lang_of, texts, unit_label

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
LangParam = Annotated[str, Query(description="ru, ky or en")]
MAX_CODES = 4


def document_breadcrumbs(trail: list[UnitBrief], sheets: str) -> dict[str, object]:
    """The document page's breadcrumbs (Russian, as that page is): Архивы › the archive ›
    Фонд › Опись › Дело › the document's sheets; nothing for a document not in a delo."""
    if not trail:
        return {"trail": []}
    crumbs = [{"label": TEXT["archives"]["ru"], "url": "/archive"}]
    crumbs += [{"label": unit_label(u.level, u.code, u.title), "url": u.url} for u in trail]
    if sheets:
        crumbs.append({"label": f"Л. {sheets}", "url": ""})
    return {"trail": crumbs, "trail_label": TEXT["trail"]["ru"], "current": bool(sheets)}


def mount_archive_ui(app: FastAPI) -> None:
    @app.get("/archive", response_class=HTMLResponse, include_in_schema=False)
    def archive_index(request: Request, ctx: Ctx, lang: LangParam = "ru") -> HTMLResponse:
        lang = lang_of(lang)
        return templates.TemplateResponse(
            request,
            "archive.html",
            {
                "data": archive_browse.archives(ctx, ANONYMOUS),
                "lang": lang,
                "t": texts(lang),
                "langs": LANG_NAMES,
            },
        )

    @app.get("/archive/{codes:path}", response_class=HTMLResponse, include_in_schema=False)
    def archive_unit(
        request: Request, ctx: Ctx, codes: str, lang: LangParam = "ru"
    ) -> HTMLResponse:
        lang = lang_of(lang)
        parts = [c for c in codes.split("/") if c]
        try:
            if not parts or len(parts) > MAX_CODES:
                raise NotFoundError("Такой единицы описания нет")
            unit = archive_browse.by_codes(ctx, ANONYMOUS, parts)
        except NotFoundError as e:
            return templates.TemplateResponse(
                request, "error.html", {"message": e.message}, status_code=404
            )
        return templates.TemplateResponse(
            request,
            "archive_unit.html",
            {"d": unit, "lang": lang, "t": texts(lang), "langs": LANG_NAMES},
        )
