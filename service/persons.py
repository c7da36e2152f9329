"""The registry of repressed persons as both front ends show it: the index, records out.

The API (search_api/routers/persons.py) and the Russian pages (ui/persons_pages.py) read
records through these functions, so a record is public by the same rule in both.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from sqlalchemy import select

from core.auth import Caller, Permission
from core.errors import NotFoundError
from core.models import Person
from indices.context import AppContext
from persons import registry
from persons.index import PersonSearch, open_person_search
from persons.types import RecordState
from service.schemas_persons import PersonDetailOut, PersonOut, PersonSourceOut


def person_search(request: Request) -> PersonSearch:
    """The persons index of this app (OpenSearch or embedded), opened on first use."""
    state = request.app.state
    if getattr(state, "person_search", None) is None:
        s = request.app.state.ctx.settings
        state.person_search = open_person_search(s.search_url, s.index_dir, s.index_prefix)
    found: PersonSearch = state.person_search
    return found


def _date(v: Any) -> str | None:
    return v.isoformat() if v is not None else None


def person_out(p: Person) -> PersonOut:
    f = registry.facts_of(p)
    return PersonOut(
        id=p.id,
        state=RecordState(p.state),
        name=f.display_name,
        surname=p.surname,
        given=p.given,
        patronymic=p.patronymic,
        father=p.father,
        sex=p.sex,
        birth_year=p.birth_year,
        birthplace=p.birthplace,
        nationality=p.nationality,
        occupation=p.occupation,
        arrest_date=_date(p.arrest_date),
        charge=list(p.charge or []),
        norm_ids=list(p.norm_ids or []),
        sentenced_by=p.sentenced_by,
        sentence_date=_date(p.sentence_date),
        sentence=p.sentence,
        camp_years=p.camp_years,
        execution_date=_date(p.execution_date),
        rehabilitation_date=_date(p.rehabilitation_date),
        rehabilitated_by=p.rehabilitated_by,
        notes=p.notes or "",
        variants=list(p.variants or []),
        url=f"/api/v1/persons/{p.id}",
    )


def visible(p: Person | None, caller: Caller) -> bool:
    """Published records for everyone; every state for those who may review them."""
    if p is None or p.merged_into_id:
        return False
    return p.state == RecordState.PUBLISHED.value or caller.can(Permission.UPLOAD_ARCHIVE)


def person_detail(ctx: AppContext, caller: Caller, person_id: int) -> PersonDetailOut:
    """One record with its sources; NotFoundError (a 404) unless the caller may see it."""
    with ctx.db.session() as s:
        p = s.get(Person, person_id)
        if p is not None and p.merged_into_id and visible(s.get(Person, p.merged_into_id), caller):
            raise NotFoundError(f"Запись слита с записью {p.merged_into_id}")
        if p is None or not visible(p, caller):
            raise NotFoundError("Нет опубликованной записи с таким номером")
        merged = s.scalars(select(Person.id).where(Person.merged_into_id == p.id)).all()
        sources = [
            PersonSourceOut(
                id=src.id,
                field=src.field,
                value=src.value,
                quote=src.quote,
                document_id=src.document_id,
                page=src.page,
                start=src.start,
                end=src.end,
                archival_ref=src.archival_ref,
                viewer_url=_viewer_url(src.document_id, src.page, src.quote),
            )
            for src in p.sources
        ]
        return PersonDetailOut(
            **person_out(p).model_dump(), sources=sources, merged_from=list(merged)
        )


def _viewer_url(document_id: int | None, page: int | None, quote: str) -> str | None:
    """The document viewer at the page, with the fact's words as the query, so the viewer
    boxes them on the scan (its page-hits highlighting)."""
    if document_id is None:
        return None
    words = " ".join(w for w in re.findall(r"[^\W\d_]{3,}", quote)[:6])
    q = f"?{urlencode({'q': words})}" if words else ""
    return f"/documents/{document_id}{q}#page-{page or 1}"
