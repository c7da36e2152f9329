"""Server-rendered pages of the registry, in Russian and Kyrgyz: the alphabetical list with
search and filters, the persons named in one document (``?document_id=N``), and the person
page with every source opening the scan at the fact."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy import select

from core.auth import Caller
from core.errors import NotFoundError
from core.models import Person
from persons.index import PersonFilters
from persons.registry import list_alphabetical
from service.deps import Ctx
from service.params import MAX_ID
from service.persons import named_here, person_detail, person_out, person_search
from service.schemas_persons import PersonSourceOut
from ui.norm_labels import norm_label
from ui.persons_labels import REHAB, SENTENCES, TEXT, lang_of

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

FIELD_TITLES = {
    "name": "имя",
    "birth_year": "год рождения",
    "birthplace": "место рождения",
    "occupation": "занятие",
    "arrest_date": "арест",
    "sentence_date": "приговор",
    "sentenced_by": "кем осужден(а)",
    "charge": "статьи",
    "sentence": "мера наказания",
    "execution_date": "расстрел",
    "rehabilitation_date": "реабилитация",
    "rehabilitated_by": "кем реабилитирован(а)",
    "*": "запись списка",
}
# The search form's fields, echoed back into it (empty on the «persons named here» list).
FORM_FIELDS = (
    "q",
    "birth_from",
    "birth_to",
    "arrest_from",
    "arrest_to",
    "sentence",
    "rehabilitated",
    "sentenced_by",
    "region",
)
LETTERS = "АБВГДЕЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЭЮЯ"
PAGE = 20


def _int(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


def mount_persons_ui(app: FastAPI) -> None:
    templates.env.globals.update(FIELD_TITLES=FIELD_TITLES, norm_label=norm_label)

    @app.get("/persons", response_class=HTMLResponse, include_in_schema=False)
    def persons_page(
        request: Request,
        ctx: Ctx,
        q: str = "",
        birth_from: str = "",
        birth_to: str = "",
        arrest_from: str = "",
        arrest_to: str = "",
        sentence: str = "",
        rehabilitated: str = "",
        sentenced_by: str = "",
        region: str = "",
        letter: str = "",
        page: int = 1,
        lang: str = "ru",
        document_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    ) -> HTMLResponse:
        lang = lang_of(lang)
        page = max(1, min(page, 500))
        if document_id is not None:
            return named_page(request, ctx, document_id, page, lang)
        filters = PersonFilters(
            _int(birth_from),
            _int(birth_to),
            _int(arrest_from),
            _int(arrest_to),
            sentenced_by or None,
            sentence if sentence in SENTENCES["ru"] else None,
            {"yes": True, "no": False}.get(rehabilitated),
            region or None,
        )
        result = person_search(request).search(q, filters, offset=(page - 1) * PAGE, limit=PAGE)
        if q.strip():
            from_db = _load(ctx, [i for i, _ in result.hits])
            people = [from_db[i] for i, _ in result.hits if i in from_db]
            total = result.total
        else:
            with ctx.db.session() as s:
                total, rows = list_alphabetical(
                    s,
                    letter=letter[:1],
                    birth_year_from=filters.birth_year_from,
                    birth_year_to=filters.birth_year_to,
                    sentence=filters.sentence,
                    sentenced_by=filters.sentenced_by,
                    rehabilitated=filters.rehabilitated,
                    offset=(page - 1) * PAGE,
                    limit=PAGE,
                )
                people = [person_out(p) for p in rows]
        params = {
            "q": q,
            "birth_from": birth_from,
            "birth_to": birth_to,
            "arrest_from": arrest_from,
            "arrest_to": arrest_to,
            "sentence": sentence,
            "rehabilitated": rehabilitated,
            "sentenced_by": sentenced_by,
            "region": region,
            "lang": lang if lang != "ru" else "",
        }
        return _list(request, people, total, result.facets, params, page, lang, letter=letter)

    def named_page(
        request: Request, ctx: Ctx, document_id: int, page: int, lang: str
    ) -> HTMLResponse:
        """«Persons named here»: the published records citing a document the visitor may
        read, by name (the search page's «Лица в документе: N» and the document page link
        here); a restricted or unpublished document is «not found»."""
        try:
            with ctx.db.session() as s:
                total, rows = named_here(
                    s, document_id, _caller(request), offset=(page - 1) * PAGE, limit=PAGE
                )
                people = [person_out(p) for p in rows]
        except NotFoundError as e:
            return templates.TemplateResponse(
                request, "error.html", {"message": e.message}, status_code=404
            )
        params = {
            **dict.fromkeys(FORM_FIELDS, ""),
            "document_id": str(document_id),
            "lang": lang if lang != "ru" else "",
        }
        return _list(request, people, total, {}, params, page, lang, document_id=document_id)

    @app.get("/persons/review", response_class=HTMLResponse, include_in_schema=False)
    def review_page(request: Request, lang: str = "ru") -> HTMLResponse:
        """The archivist's queue, in Russian or Kyrgyz: the rows are drawn by
        persons_review.js from the API, with the words this page hands it."""
        return templates.TemplateResponse(request, "persons_review.html", _words(lang_of(lang)))

    @app.get("/persons/{person_id}", response_class=HTMLResponse, include_in_schema=False)
    def person_page(request: Request, ctx: Ctx, person_id: int, lang: str = "ru") -> HTMLResponse:
        lang = lang_of(lang)
        try:
            person = person_detail(ctx, _caller(request), person_id)
        except NotFoundError as e:
            return templates.TemplateResponse(
                request, "error.html", {"message": e.message}, status_code=404
            )
        return templates.TemplateResponse(
            request, "person.html", {"p": person, "scans": scans_of(person.sources), **_words(lang)}
        )


def _caller(request: Request) -> Caller:
    """The visitor of a public page: anonymous, with no key."""
    return Caller(client=request.client.host if request.client else "")


def _list(
    request: Request,
    people: list[Any],
    total: int,
    facets: dict[str, Any],
    params: dict[str, str],
    page: int,
    lang: str,
    *,
    letter: str = "",
    document_id: int | None = None,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "persons.html",
        {
            "people": people,
            "total": total,
            "facets": facets,
            "params": params,
            "letters": LETTERS,
            "letter": letter,
            "page": page,
            "pages": max(1, -(-total // PAGE)),
            "document_id": document_id,
            **_words(lang),
        },
    )


def scans_of(sources: list[PersonSourceOut]) -> list[dict[str, Any]]:
    """One scan per page that sources cite, with the boxes of every fact on it: the facts
    are drawn as SVG rectangles over the page image, in the image's own pixels, so they sit
    on the words at any displayed size (and no inline style is needed under the CSP)."""
    pages: dict[tuple[int, int], dict[str, Any]] = {}
    for src in sources:
        if not (src.image_url and src.width and src.height and src.boxes):
            continue
        key = (src.document_id or 0, src.page or 0)
        scan = pages.setdefault(
            key,
            {
                "document_id": key[0],
                "page": key[1],
                "image_url": src.image_url,
                "width": src.width,
                "height": src.height,
                "facts": [],
            },
        )
        scan["facts"].append(
            {"source": src.id, "field": src.field, "quote": src.quote, "boxes": src.boxes}
        )
    return list(pages.values())


def _words(lang: str) -> dict[str, Any]:
    return {
        "t": {k: v[lang] for k, v in TEXT.items()},
        "SENTENCES": SENTENCES[lang],
        "REHAB": REHAB[lang],
        "lang": lang,
    }


def _load(ctx: Ctx, ids: list[int]) -> dict[int, Any]:
    with ctx.db.session() as s:
        return {p.id: person_out(p) for p in s.scalars(select(Person).where(Person.id.in_(ids)))}
