"""The registry of repressed persons as both front ends show it: the index, records out.

The API (search_api/routers/persons.py) and the Russian pages (ui/persons_pages.py) read
records through these functions, so a record is public by the same rule in both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session, contains_eager

from core.auth import Caller, Permission
from core.errors import NotFoundError
from core.models import Collection, Document, Page, Person, PersonSource
from indices.context import AppContext
from indices.page_hits import published_boxes
from persons import registry
from persons.index import PersonSearch, open_person_search
from persons.sources import archive_ref, fact_words
from persons.types import RecordState
from service.access import readable
from service.schemas_persons import PersonDetailOut, PersonOut, PersonSourceOut, SourceBox


def person_search(request: Request) -> PersonSearch:
    """The persons index of this app (OpenSearch or embedded), opened on first use."""
    return app_person_search(request.app)


def app_person_search(app: Any) -> PersonSearch:
    """The same, from the app itself (``persons.sync`` reindexes through it after commits)."""
    state = app.state
    if getattr(state, "person_search", None) is None:
        s = state.ctx.settings
        state.person_search = open_person_search(
            s.search_url, s.index_dir, s.index_prefix, state.ctx.search_client
        )
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
        sources = [source_out(s, src) for src in p.sources if _source_shown(s, src, caller)]
        return PersonDetailOut(
            **person_out(p).model_dump(), sources=sources, merged_from=list(merged)
        )


# «Persons named here» (issue #16): the records whose sources cite a document. The public
# sees published records only, and only for a document it may read (the document route's
# rule); to it a restricted or unpublished document does not exist. Only collections that
# keep names by policy (archives) name persons: a court act is depersonified, and a record
# read from its private text (the on-demand extraction runs on any document) must never
# put its parties' names beside it.
PERSONS_POLICY = "archive"


def names_persons(doc: Document) -> bool:
    """Whether the document's collection is one whose persons the registry shows."""
    return doc.collection.policy == PERSONS_POLICY


def named_here(
    s: Session,
    document_id: int,
    caller: Caller,
    *,
    everything: bool = False,
    offset: int = 0,
    limit: int = 20,
) -> tuple[int, list[Person]]:
    """The records named in one document, by name, and their total. ``everything``
    (archivists, checked by the caller of this function) lists every state of record for
    any document; otherwise NotFoundError (a 404) unless the caller may read the document,
    and nothing for a collection that names no persons."""
    if not everything:
        doc = s.get(Document, document_id)
        if doc is None or not readable(doc, caller):
            raise NotFoundError(f"Документ №{document_id} не найден")
        if not names_persons(doc):
            return 0, []
    return registry.named_in(s, document_id, public_only=not everything, offset=offset, limit=limit)


def named_counts(s: Session, doc_ids: Sequence[int], caller: Caller) -> dict[int, int]:
    """How many published records name each of the documents (a page of search hits), in
    one query whatever the number of documents; a document the caller may not read, or of
    a collection that names no persons, is left out (as if it named none)."""
    if not doc_ids:
        return {}
    counts = (
        select(
            PersonSource.document_id.label("doc"),
            func.count(distinct(PersonSource.person_id)).label("n"),
        )
        .join(Person, Person.id == PersonSource.person_id)
        .where(
            PersonSource.document_id.in_(doc_ids),
            Person.state == RecordState.PUBLISHED.value,
            Person.merged_into_id.is_(None),
        )
        .group_by(PersonSource.document_id)
        .subquery()
    )
    rows = s.execute(
        select(Document, counts.c.n)
        .join(counts, counts.c.doc == Document.id)
        .join(Collection, Collection.id == Document.collection_id)
        .options(contains_eager(Document.collection))
    ).all()
    return {doc.id: int(n) for doc, n in rows if n and readable(doc, caller) and names_persons(doc)}


def _source_shown(s: Session, src: PersonSource, caller: Caller) -> bool:
    """A source citing a document is shown only where the document is: published and of a
    collection the caller may read. Archivists see every source (they review proposals
    read from documents still in the pipeline). A source with no document (a CSV list)
    is the record's own."""
    if src.document_id is None or caller.can(Permission.UPLOAD_ARCHIVE):
        return True
    doc = s.get(Document, src.document_id)
    return doc is not None and readable(doc, caller)


def source_out(s: Session, src: PersonSource) -> PersonSourceOut:
    """A source with its archival reference and the boxes of its words on the scan."""
    out = PersonSourceOut(
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
    if src.document_id is None or src.page is None:
        return out
    doc = s.get(Document, src.document_id)
    page = s.scalar(
        select(Page).where(Page.document_id == src.document_id, Page.number == src.page)
    )
    if doc is None or page is None:
        return out
    out.archive = archive_ref(doc.meta, page.number, doc.page_count)
    if not page.public_image_key:
        return out
    out.image_url = f"/api/v1/documents/{doc.id}/pages/{page.number}/image"
    out.width, out.height = page.width, page.height
    indices = list(src.words or []) or fact_words(page.text, page.words or [], src.start, src.end)
    boxes = published_boxes(page.public_words, page.public_text or "")
    out.boxes = [
        SourceBox(word=i, text=b.text, left=b.left, top=b.top, width=b.width, height=b.height)
        for i in indices
        if 0 <= i < len(boxes) and (b := boxes[i]) is not None
    ]
    return out


def _viewer_url(document_id: int | None, page: int | None, quote: str) -> str | None:
    """The document viewer at the page, with the fact's words as the query, so the viewer
    boxes them on the scan (its page-hits highlighting)."""
    if document_id is None:
        return None
    words = " ".join(w for w in re.findall(r"[^\W\d_]{3,}", quote)[:6])
    q = f"?{urlencode({'q': words})}" if words else ""
    return f"/documents/{document_id}{q}#page-{page or 1}"
