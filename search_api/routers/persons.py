"""The registry of repressed persons: public search and records, archivist review.

Only published records are public. Archivists (keys that may upload to archives) also see
proposed and confirmed records and may confirm, publish, edit, merge, undo a merge, split,
import a CSV list and run extraction on a document; every such write is audited.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.audit import record
from core.auth import Caller, Permission
from core.context import AppContext
from core.models import Document, Page, Person, PersonMerge, PersonSource
from indices.page_hits import published_boxes
from persons import csvio, registry
from persons.index import PersonFilters, PersonSearch, open_person_search
from persons.registry import InvalidChange, RecordNotFound, RegistryError
from persons.sources import archive_ref, fact_words
from persons.types import RecordState
from search_api.auth import CallerDep, audit, requires
from search_api.deps import Ctx
from search_api.schemas import ErrorOut
from search_api.schemas_persons import (
    EditIn,
    ExtractOut,
    ImportOut,
    ImportRowOut,
    MergeIn,
    MergeOut,
    PersonDetailOut,
    PersonOut,
    PersonSearchOut,
    PersonSourceOut,
    ReviewOut,
    SourceBox,
    SplitIn,
    StateIn,
)
from search_api.service import _readable

router = APIRouter(tags=["persons"])
Archivist = Annotated[Caller, requires(Permission.UPLOAD_ARCHIVE)]
PersonId = Annotated[int, Path(description="Person record id")]
MAX_IMPORT_BYTES = 20 * 1024 * 1024
# What a registry write can answer besides success (see _write): the 422 carries a message,
# not FastAPI's field list, so it is documented with ErrorOut (either form).
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such record, proposal or document", "model": ErrorOut},
    409: {"description": "The record or proposal is not in a state that allows it",
          "model": ErrorOut},
    422: {"description": "An invalid value, or the request fields", "model": ErrorOut},
}


def person_search(request: Request) -> PersonSearch:
    """The persons index of this app (OpenSearch or embedded), opened on first use."""
    return app_person_search(request.app)


def app_person_search(app: Any) -> PersonSearch:
    state = app.state
    if getattr(state, "person_search", None) is None:
        s = state.ctx.settings
        state.person_search = open_person_search(s.search_url, s.index_dir, s.index_prefix)
    found: PersonSearch = state.person_search
    return found


def _date(v: Any) -> str | None:
    return v.isoformat() if v is not None else None


def person_out(p: Person) -> PersonOut:
    f = registry.facts_of(p)
    return PersonOut(
        id=p.id, state=p.state, name=f.display_name, surname=p.surname, given=p.given,
        patronymic=p.patronymic, father=p.father, sex=p.sex, birth_year=p.birth_year,
        birthplace=p.birthplace, nationality=p.nationality, occupation=p.occupation,
        arrest_date=_date(p.arrest_date), charge=list(p.charge or []),
        norm_ids=list(p.norm_ids or []), sentenced_by=p.sentenced_by,
        sentence_date=_date(p.sentence_date), sentence=p.sentence, camp_years=p.camp_years,
        execution_date=_date(p.execution_date), rehabilitation_date=_date(p.rehabilitation_date),
        rehabilitated_by=p.rehabilitated_by, notes=p.notes or "",
        variants=list(p.variants or []), url=f"/api/v1/persons/{p.id}")


def _visible(p: Person | None, caller: Caller) -> bool:
    if p is None or p.merged_into_id:
        return False
    return p.state == RecordState.PUBLISHED.value or caller.can(Permission.UPLOAD_ARCHIVE)


@router.get("/persons", response_model=PersonSearchOut,
            summary="Search the registry by any spelling of a name, with filters and facets",
            responses={200: {"content": {"text/csv": {}},
                             "description": "JSON, or CSV with format=csv"}})
def search_persons(
    request: Request, ctx: Ctx, caller: CallerDep,
    q: Annotated[str, Query(max_length=200, description=(
        "A name in any spelling: Cyrillic, passport Latin, Yanalif, «уулу/кызы», initials; "
        "empty: the alphabetical list"))] = "",
    birth_year_from: int | None = None, birth_year_to: int | None = None,
    arrest_year_from: int | None = None, arrest_year_to: int | None = None,
    sentenced_by: str | None = None,
    sentence: Annotated[str | None, Query(pattern="^(death|camp|exile|other)$")] = None,
    rehabilitated: bool | None = None,
    region: Annotated[str | None, Query(description="Birthplace")] = None,
    everything: Annotated[bool, Query(
        alias="all", description="Archivists: include proposed and confirmed records")] = False,
    document_id: Annotated[int | None, Query(
        description="Persons named in this document (their sources cite it)")] = None,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    fmt: Annotated[str, Query(alias="format", pattern="^(json|csv)$")] = "json",
) -> Any:
    if everything:
        caller.require(Permission.UPLOAD_ARCHIVE)
    filters = PersonFilters(birth_year_from, birth_year_to, arrest_year_from, arrest_year_to,
                            sentenced_by, sentence, rehabilitated, region,
                            public_only=not everything)
    alphabetical = not q.strip() and region is None and arrest_year_from is None and (
        arrest_year_to is None)
    result = person_search(request).search(q, filters, offset=offset, limit=limit,
                                           facets=fmt == "json")
    with ctx.db.session() as s:
        if document_id is not None:
            doc = s.get(Document, document_id)
            if not everything and (doc is None or not _readable(doc, caller)):
                # «persons named here» for a restricted or unpublished document would tell
                # who is in it: to the public the document does not exist.
                raise HTTPException(404, f"Документ №{document_id} не найден")
            total, ordered = registry.named_in(s, document_id, public_only=not everything,
                                               offset=offset, limit=limit)
            result.total = total
        elif alphabetical:
            total, ordered = registry.list_alphabetical(
                s, public_only=not everything, birth_year_from=birth_year_from,
                birth_year_to=birth_year_to, sentence=sentence, sentenced_by=sentenced_by,
                rehabilitated=rehabilitated, offset=offset, limit=limit)
            result.total = total
        else:
            rows = {p.id: p for p in s.scalars(select(Person).where(
                Person.id.in_([i for i, _ in result.hits])))}
            ordered = [rows[i] for i, _ in result.hits if i in rows]
        if fmt == "csv":
            return Response(csvio.export_csv(ordered), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="persons.csv"'})
        return PersonSearchOut(total=result.total, offset=offset, limit=limit,
                               hits=[person_out(p) for p in ordered], facets=result.facets)


@router.get("/persons/review", response_model=ReviewOut,
            summary="The archivist's queue: proposed records and merge proposals")
def review_queue(ctx: Ctx, caller: Archivist,
                 limit: Annotated[int, Query(ge=1, le=500)] = 100) -> ReviewOut:
    with ctx.db.session() as s:
        proposed = s.scalars(select(Person).where(
            Person.state == RecordState.PROPOSED.value, Person.merged_into_id.is_(None))
            .order_by(Person.id).limit(limit)).all()
        merges = s.scalars(select(PersonMerge).where(PersonMerge.state == "proposed")
                           .order_by(PersonMerge.score.desc()).limit(limit)).all()
        return ReviewOut(proposed=[person_out(p) for p in proposed],
                         merges=[_merge_out(m) for m in merges])


@router.get("/persons/{person_id}", response_model=PersonDetailOut,
            summary="One record with every source (published records only, for the public)",
            responses={404: {"description": "No such record, or it is not published"}})
def get_person(ctx: Ctx, caller: CallerDep, person_id: PersonId) -> PersonDetailOut:
    with ctx.db.session() as s:
        p = s.get(Person, person_id)
        if p is not None and p.merged_into_id and _visible(s.get(Person, p.merged_into_id),
                                                          caller):
            raise HTTPException(404, f"Запись слита с записью {p.merged_into_id}")
        if p is None or not _visible(p, caller):
            raise HTTPException(404, "Нет опубликованной записи с таким номером")
        merged = s.scalars(select(Person.id).where(Person.merged_into_id == p.id)).all()
        sources = [source_out(s, src) for src in p.sources if _source_shown(s, src, caller)]
        return PersonDetailOut(**person_out(p).model_dump(), sources=sources,
                               merged_from=list(merged))


def _source_shown(s: Session, src: PersonSource, caller: Caller) -> bool:
    """A source citing a document is shown only where the document is: published and of a
    collection the caller may read. Archivists see every source (they review proposals
    read from documents still in the pipeline). A source with no document (a CSV list)
    is the record's own."""
    if src.document_id is None or caller.can(Permission.UPLOAD_ARCHIVE):
        return True
    doc = s.get(Document, src.document_id)
    return doc is not None and _readable(doc, caller)


def source_out(s: Session, src: PersonSource) -> PersonSourceOut:
    """A source with its archival reference and the boxes of its words on the scan."""
    out = PersonSourceOut(
        id=src.id, field=src.field, value=src.value, quote=src.quote,
        document_id=src.document_id, page=src.page, start=src.start, end=src.end,
        archival_ref=src.archival_ref,
        viewer_url=_viewer_url(src.document_id, src.page, src.quote))
    if src.document_id is None or src.page is None:
        return out
    doc = s.get(Document, src.document_id)
    page = s.scalar(select(Page).where(Page.document_id == src.document_id,
                                       Page.number == src.page))
    if doc is None or page is None:
        return out
    out.archive = archive_ref(doc.meta, page.number, doc.page_count)
    if not page.public_image_key:
        return out
    out.image_url = f"/api/v1/documents/{doc.id}/pages/{page.number}/image"
    out.width, out.height = page.width, page.height
    indices = list(src.words or []) or fact_words(page.text, page.words or [], src.start,
                                                  src.end)
    boxes = published_boxes(page.public_words, page.public_text or "")
    out.boxes = [SourceBox(word=i, text=b.text, left=b.left, top=b.top, width=b.width,
                           height=b.height)
                 for i in indices if 0 <= i < len(boxes) and (b := boxes[i]) is not None]
    return out


def _viewer_url(document_id: int | None, page: int | None, quote: str) -> str | None:
    """The document viewer at the page, with the fact's words as the query, so the viewer
    boxes them on the scan (its page-hits highlighting)."""
    if document_id is None:
        return None
    words = " ".join(w for w in re.findall(r"[^\W\d_]{3,}", quote)[:6])
    q = f"?{urlencode({'q': words})}" if words else ""
    return f"/documents/{document_id}{q}#page-{page or 1}"


def _merge_out(m: PersonMerge) -> MergeOut:
    return MergeOut(id=m.id, a_id=m.a_id, b_id=m.b_id, score=m.score,
                    evidence=list(m.evidence or []), conflicts=list(m.conflicts or []),
                    state=m.state)


def _write(request: Request, ctx: AppContext, caller: Caller, action: str, target: str,
           fn: Any) -> Any:
    """Run one registry write in a session and audit it; refusals become HTTP errors (404
    unknown, 422 bad edit, 409 wrong state or already decided) and are audited too. The
    persons index follows the commit (``persons.sync``, installed by ``create_app``)."""
    try:
        with ctx.db.session() as s:
            result = fn(s)
    except RegistryError as e:
        record(ctx, caller, action, target, outcome="refused", detail={"reason": str(e)})
        status = 404 if isinstance(e, RecordNotFound) else (
            422 if isinstance(e, InvalidChange) else 409)
        raise HTTPException(status, str(e)) from None
    audit(ctx, caller, action, target)
    return result


@router.post("/persons/{person_id}/state", response_model=PersonOut, responses=WRITE_ERRORS,
             summary="Confirm, publish, or send a record back to proposed (archivists)")
def set_state(request: Request, ctx: Ctx, caller: Archivist, person_id: PersonId,
              body: StateIn) -> PersonOut:
    try:
        state = RecordState(body.state)
    except ValueError:
        raise HTTPException(422, "state: proposed, confirmed или published") from None
    return _write(request, ctx, caller, f"person.{state}", str(person_id),
                  lambda s: person_out(registry.set_state(s, person_id, state)))


@router.patch("/persons/{person_id}", response_model=PersonOut, responses=WRITE_ERRORS,
              summary="Correct fields of a record (archivists)")
def edit_person(request: Request, ctx: Ctx, caller: Archivist, person_id: PersonId,
                body: EditIn) -> PersonOut:
    return _write(request, ctx, caller, "person.edit", str(person_id),
                  lambda s: person_out(registry.edit(s, person_id, body.changes)))


@router.post("/persons/merge", response_model=MergeOut, responses=WRITE_ERRORS,
             summary="Merge record b into record a; every source is kept (archivists)")
def merge_persons(request: Request, ctx: Ctx, caller: Archivist, body: MergeIn) -> MergeOut:
    return _write(request, ctx, caller, "person.merge", f"{body.a_id}<-{body.b_id}",
                  lambda s: _merge_out(registry.merge_records(
                      s, body.a_id, body.b_id, caller.actor,
                      confirm_birth_years=body.confirm_birth_years)))


@router.post("/persons/merges/{merge_id}/accept", response_model=MergeOut, responses=WRITE_ERRORS,
             summary="Accept a merge proposal (archivists)")
def accept_merge(request: Request, ctx: Ctx, caller: Archivist, merge_id: int,
                 confirm_birth_years: Annotated[bool, Query(description=(
                     "Accept although the birth years differ (409 without)"))] = False,
                 ) -> MergeOut:
    def run(s: Session) -> MergeOut:
        pm = s.get(PersonMerge, merge_id)
        if pm is None:
            raise RecordNotFound("Нет предложения о слиянии с таким номером")
        registry.merge(s, pm, caller.actor, confirm_birth_years=confirm_birth_years)
        return _merge_out(pm)

    return _write(request, ctx, caller, "person.merge", str(merge_id), run)


@router.post("/persons/merges/{merge_id}/undo", response_model=MergeOut, responses=WRITE_ERRORS,
             summary="Undo a merge: the absorbed record and its sources come back (archivists)")
def undo_merge(request: Request, ctx: Ctx, caller: Archivist, merge_id: int) -> MergeOut:
    def run(s: Session) -> MergeOut:
        pm = registry.undo_merge(s, merge_id, caller.actor)
        return _merge_out(pm)

    return _write(request, ctx, caller, "person.unmerge", str(merge_id), run)


@router.post("/persons/merges/{merge_id}/reject", response_model=MergeOut, responses=WRITE_ERRORS,
             summary="Reject a merge proposal (archivists)")
def reject_merge(request: Request, ctx: Ctx, caller: Archivist, merge_id: int) -> MergeOut:
    return _write(request, ctx, caller, "person.reject_merge", str(merge_id),
                  lambda s: _merge_out(registry.reject_merge(s, merge_id, caller.actor)))


@router.post("/persons/{person_id}/split", response_model=PersonOut, responses=WRITE_ERRORS,
             summary="Move some sources of a record to a new record (archivists)")
def split_person(request: Request, ctx: Ctx, caller: Archivist, person_id: PersonId,
                 body: SplitIn) -> PersonOut:
    def run(s: Session) -> PersonOut:
        new = registry.split(s, person_id, body.source_ids)
        return person_out(new)

    return _write(request, ctx, caller, "person.split", str(person_id), run)


@router.post("/persons/import", response_model=ImportOut, responses={
                 413: {"description": "The file is over 20 MB", "model": ErrorOut},
                 422: WRITE_ERRORS[422]},
             summary="Import a CSV list (columns in docs/persons.md); dry_run reports only")
async def import_persons(request: Request, ctx: Ctx, caller: Archivist,
                         file: Annotated[UploadFile, File(description="CSV, UTF-8")],
                         dry_run: bool = True) -> ImportOut:
    raw = await file.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        raise HTTPException(413, "Файл больше 20 МБ")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HTTPException(422, "Файл не в кодировке UTF-8") from None
    with ctx.db.session() as s:
        report = csvio.import_csv(s, text, dry_run=dry_run)
    audit(ctx, caller, "person.import", file.filename or "", dry_run=dry_run,
          counts=report.counts)
    return ImportOut(dry_run=dry_run, counts=report.counts,
                     rows=[ImportRowOut(line=r.line, key=r.key, status=r.status.value,
                                        errors=r.errors, person_id=r.person_id)
                           for r in report.rows])


@router.post("/persons/extract/{document_id}", response_model=ExtractOut, responses=WRITE_ERRORS,
             summary="Propose person records from a stored document (archivists)")
def extract_from_document(request: Request, ctx: Ctx, caller: Archivist,
                          document_id: int) -> ExtractOut:
    threshold = ctx.settings.persons_auto_merge

    def run(s: Session) -> ExtractOut:
        found = registry.propose_from_document(s, document_id, threshold)
        s.flush()
        return ExtractOut(document_id=document_id, proposed=[p.person.id for p in found],
                          merged_into=[p.merged_into.id for p in found if p.merged_into])

    return _write(request, ctx, caller, "person.extract", str(document_id), run)
