"""The IIIF viewers of a document, in Russian, Kyrgyz and English (``?lang=ky|en``):
Mirador on the document's manifest (`/documents/{id}/mirador`), and our own deep-zoom
viewer (OpenSeadragon on the IIIF image service, `/documents/{id}/deepzoom`) with the
hits of a query boxed on the page.

Both read only what the IIIF routes serve (published page images, published text); the
page itself says no more than the document page does. Mirador's React styling inserts
`<style>` elements at run time, so its page alone allows inline styles in its CSP;
scripts stay our own origin's files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from core.auth import ANONYMOUS
from core.errors import NotFoundError
from service.deps import Ctx
from service.iiif_params import identifier
from service.params import DocId
from service.search import get_document

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

LANGS = ("ru", "ky", "en")
TEXT: dict[str, dict[str, str]] = {
    "back": {"ru": "← к документу", "ky": "← документке", "en": "← to the document"},
    "mirador": {
        "ru": "Просмотр в Mirador",
        "ky": "Mirador аркылуу көрүү",
        "en": "View in Mirador",
    },
    "deepzoom": {
        "ru": "Увеличение скана",
        "ky": "Сканды чоңойтуу",
        "en": "Deep zoom",
    },
    "manifest": {
        "ru": "IIIF-манифест",
        "ky": "IIIF-манифест",
        "en": "IIIF manifest",
    },
    "viewers": {"ru": "Просмотр скана", "ky": "Сканды көрүү", "en": "View the scan"},
    "page": {"ru": "Страница", "ky": "Барак", "en": "Page"},
    "prev": {"ru": "← Пред. страница", "ky": "← Мурунку барак", "en": "← Previous page"},
    "next": {"ru": "След. страница →", "ky": "Кийинки барак →", "en": "Next page →"},
    "zoom_in": {"ru": "Увеличить", "ky": "Чоңойтуу", "en": "Zoom in"},
    "zoom_out": {"ru": "Уменьшить", "ky": "Кичирейтүү", "en": "Zoom out"},
    "home": {"ru": "Вся страница", "ky": "Бүт барак", "en": "Whole page"},
    "query": {"ru": "Найти на скане", "ky": "Скандан издөө", "en": "Find on the scan"},
    "find": {"ru": "Найти", "ky": "Издөө", "en": "Find"},
    "hits": {
        "ru": "Совпадений на этой странице: {n}, во всём документе: {total}",
        "ky": "Бул баракта дал келүүлөр: {n}, бүт документте: {total}",
        "en": "Matches on this page: {n}, in the whole document: {total}",
    },
    "no_image": {
        "ru": "У этого документа нет изображений страниц.",
        "ky": "Бул документте барактардын сүрөттөрү жок.",
        "en": "This document has no page images.",
    },
    "viewer_label": {
        "ru": "Скан страницы; клавиши + и − меняют масштаб",
        "ky": "Барактын сканы; + жана − баскычтары масштабды өзгөртөт",
        "en": "Page scan; the + and − keys zoom",
    },
    "lang": {"ru": "Язык", "ky": "Тил", "en": "Language"},
}
LANG_NAMES = {"ru": "Русский", "ky": "Кыргызча", "en": "English"}
# Mirador's own interface languages; Kyrgyz readers get its Russian.
MIRADOR_LANG = {"ru": "ru", "ky": "ru", "en": "en"}
MIRADOR_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

LangParam = Annotated[str, Query(description="ru, ky or en")]


def lang_of(value: str) -> str:
    return value if value in LANGS else "ru"


def texts(lang: str) -> dict[str, str]:
    return {k: v[lang] for k, v in TEXT.items()}


def mount_iiif_ui(app: FastAPI) -> None:
    @app.get("/documents/{doc_id}/mirador", response_class=HTMLResponse, include_in_schema=False)
    def mirador_page(
        request: Request, ctx: Ctx, doc_id: DocId, lang: LangParam = "ru"
    ) -> HTMLResponse:
        lang = lang_of(lang)
        try:
            doc = get_document(ctx, doc_id, ANONYMOUS)
        except NotFoundError as e:
            return templates.TemplateResponse(
                request, "error.html", {"message": e.message}, status_code=404
            )
        page = templates.TemplateResponse(
            request,
            "mirador.html",
            {
                "doc": doc,
                "lang": lang,
                "t": texts(lang),
                "langs": LANG_NAMES,
                "mirador_lang": MIRADOR_LANG[lang],
                "has_images": any(p.image_url for p in doc.pages),
            },
        )
        page.headers["Content-Security-Policy"] = MIRADOR_CSP
        return page

    @app.get("/documents/{doc_id}/deepzoom", response_class=HTMLResponse, include_in_schema=False)
    def deepzoom_page(
        request: Request,
        ctx: Ctx,
        doc_id: DocId,
        q: str = "",
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
        lang: LangParam = "ru",
    ) -> HTMLResponse:
        lang = lang_of(lang)
        try:
            doc = get_document(ctx, doc_id, ANONYMOUS)
        except NotFoundError as e:
            return templates.TemplateResponse(
                request, "error.html", {"message": e.message}, status_code=404
            )
        pages = [
            {
                "number": p.number,
                "info": f"/iiif/3/{identifier(doc.id, p.number)}/info.json",
                "width": p.width,
                "height": p.height,
            }
            for p in doc.pages
            if p.image_url and p.width and p.height
        ]
        start = next((i for i, p in enumerate(pages) if p["number"] == page), 0)
        return templates.TemplateResponse(
            request,
            "deepzoom.html",
            {
                "doc": doc,
                "q": q,
                "lang": lang,
                "t": texts(lang),
                "langs": LANG_NAMES,
                "pages": pages,
                "start": start,
                "max_query": ctx.settings.query_max_length,
            },
        )
