"""The registry of repressed persons: public search and records, archivist review.

Only published records are public. Archivists (keys that may upload to archives) also see
proposed and confirmed records and may confirm, publish, edit, merge, undo a merge, split,
import a CSV list and run extraction on a document; every such write is audited.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.audit import record
from core.auth import Caller, Permission
from core.models import Person, PersonMerge
from core.types import AuditOutcome
from indices.context import AppContext
from persons import csvio, registry
from persons.index import PersonFilters
from persons.registry import InvalidChange, RecordNotFound, RegistryError
from persons.types import MergeDecision, RecordState
from search_api.auth import CallerDep, audit, requires
from service.deps import Ctx
from service.params import MAX_ID, DocId
from service.persons import named_here, person_detail, person_out, person_search
from service.schemas import ErrorOut
from service.schemas_persons import (
    EditIn,
    ExtractOut,
    ImportOut,
    ImportRowOut,
    MergeIn,
    MergeOut,
    PersonDetailOut,
    PersonOut,
    PersonSearchOut,
    ReviewOut,
    SplitIn,
    StateIn,
)

router = APIRouter(tags=["persons"])
Archivist = Annotated[Caller, requires(Permission.UPLOAD_ARCHIVE)]
PersonId = Annotated[int, Path(ge=1, le=MAX_ID, description="Person record id")]
MergeId = Annotated[int, Path(ge=1, le=MAX_ID, description="Merge proposal id")]
MAX_IMPORT_BYTES = 20 * 1024 * 1024
# What a registry write can answer besides success (see _write): the 422 carries a message,
# not FastAPI's field list, so it is documented with ErrorOut (either form).
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such record, proposal or document", "model": ErrorOut},
    409: {
        "description": "The record or proposal is not in a state that allows it",
        "model": ErrorOut,
    },
    422: {"description": "An invalid value, or the request fields", "model": ErrorOut},
}


@router.get(
    "/persons",
    response_model=PersonSearchOut,
    summary="Search the registry by any spelling of a name, with filters and facets",
    responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with format=csv"}},
)
def search_persons(
    request: Request,
    ctx: Ctx,
    caller: CallerDep,
    q: Annotated[
        str,
        Query(
            max_length=200,
            description=(
                "A name in any spelling: Cyrillic, passport Latin, Yanalif, «уулу/кызы», initials; "
                "empty: the alphabetical list"
            ),
        ),
    ] = "",
    birth_year_from: int | None = None,
    birth_year_to: int | None = None,
    arrest_year_from: int | None = None,
    arrest_year_to: int | None = None,
    sentenced_by: str | None = None,
    sentence: Annotated[str | None, Query(pattern="^(death|camp|exile|other)$")] = None,
    rehabilitated: bool | None = None,
    region: Annotated[str | None, Query(description="Birthplace")] = None,
    everything: Annotated[
        bool, Query(alias="all", description="Archivists: include proposed and confirmed records")
    ] = False,
    document_id: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_ID,
            description=(
                "Persons named in this document (their sources cite it); 404 to the public for "
                "a document it may not read; none for a court collection"
            ),
        ),
    ] = None,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    fmt: Annotated[str, Query(alias="format", pattern="^(json|csv)$")] = "json",
) -> Any:
    if everything:
        caller.require(Permission.UPLOAD_ARCHIVE)
    filters = PersonFilters(
        birth_year_from,
        birth_year_to,
        arrest_year_from,
        arrest_year_to,
        sentenced_by,
        sentence,
        rehabilitated,
        region,
        public_only=not everything,
    )
    alphabetical = (
        not q.strip() and region is None and arrest_year_from is None and (arrest_year_to is None)
    )
    result = person_search(request).search(
        q, filters, offset=offset, limit=limit, facets=fmt == "json"
    )
    with ctx.db.session() as s:
        if document_id is not None:
            # «persons named here» for a restricted or unpublished document would tell who
            # is in it: to the public the document does not exist (NotFoundError, a 404).
            total, ordered = named_here(
                s, document_id, caller, everything=everything, offset=offset, limit=limit
            )
            result.total = total
        elif alphabetical:
            total, ordered = registry.list_alphabetical(
                s,
                public_only=not everything,
                birth_year_from=birth_year_from,
                birth_year_to=birth_year_to,
                sentence=sentence,
                sentenced_by=sentenced_by,
                rehabilitated=rehabilitated,
                offset=offset,
                limit=limit,
            )
            result.total = total
        else:
            rows = {
                p.id: p
                for p in s.scalars(select(Person).where(Person.id.in_([i for i, _ in result.hits])))
            }
            ordered = [rows[i] for i, _ in result.hits if i in rows]
        if fmt == "csv":
            return Response(
                csvio.export_csv(ordered),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="persons.csv"'},
            )
        return PersonSearchOut(
            total=result.total,
            offset=offset,
            limit=limit,
            hits=[person_out(p) for p in ordered],
            facets=result.facets,
        )


@router.get(
    "/persons/review",
    response_model=ReviewOut,
    summary="The archivist's queue: proposed records and merge proposals",
)
def review_queue(
    ctx: Ctx, caller: Archivist, limit: Annotated[int, Query(ge=1, le=500)] = 100
) -> ReviewOut:
    with ctx.db.session() as s:
        proposed = s.scalars(
            select(Person)
            .where(Person.state == RecordState.PROPOSED.value, Person.merged_into_id.is_(None))
            .order_by(Person.id)
            .limit(limit)
        ).all()
        merges = s.scalars(
            select(PersonMerge)
            .where(PersonMerge.state == "proposed")
            .order_by(PersonMerge.score.desc())
            .limit(limit)
        ).all()
        return ReviewOut(
            proposed=[person_out(p) for p in proposed], merges=[_merge_out(m) for m in merges]
        )


@router.get(
    "/persons/{person_id}",
    response_model=PersonDetailOut,
    summary="One record with every source (published records only, for the public)",
    responses={404: {"description": "No such record, or it is not published"}},
)
def get_person(ctx: Ctx, caller: CallerDep, person_id: PersonId) -> PersonDetailOut:
    return person_detail(ctx, caller, person_id)


def _merge_out(m: PersonMerge) -> MergeOut:
    return MergeOut(
        id=m.id,
        a_id=m.a_id,
        b_id=m.b_id,
        score=m.score,
        evidence=list(m.evidence or []),
        conflicts=list(m.conflicts or []),
        state=MergeDecision(m.state),
    )


def _write(
    request: Request, ctx: AppContext, caller: Caller, action: str, target: str, fn: Any
) -> Any:
    """Run one registry write in a session and audit it; refusals become HTTP errors (404
    unknown, 422 bad edit, 409 wrong state or already decided) and are audited too. The
    persons index follows the commit (``persons.sync``, installed by ``create_app``)."""
    try:
        with ctx.db.session() as s:
            result = fn(s)
    except RegistryError as e:
        record(ctx, caller, action, target, outcome=AuditOutcome.REFUSED, detail={"reason": str(e)})
        status = (
            404 if isinstance(e, RecordNotFound) else (422 if isinstance(e, InvalidChange) else 409)
        )
        raise HTTPException(status, str(e)) from None
    audit(ctx, caller, action, target)
    return result


@router.post(
    "/persons/{person_id}/state",
    response_model=PersonOut,
    responses=WRITE_ERRORS,
    summary="Confirm, publish, or send a record back to proposed (archivists)",
)
def set_state(
    request: Request, ctx: Ctx, caller: Archivist, person_id: PersonId, body: StateIn
) -> PersonOut:
    try:
        state = RecordState(body.state)
    except ValueError:
        raise HTTPException(422, "state: proposed, confirmed или published") from None
    return _write(
        request,
        ctx,
        caller,
        f"person.{state}",
        str(person_id),
        lambda s: person_out(registry.set_state(s, person_id, state)),
    )


@router.patch(
    "/persons/{person_id}",
    response_model=PersonOut,
    responses=WRITE_ERRORS,
    summary="Correct fields of a record (archivists)",
)
def edit_person(
    request: Request, ctx: Ctx, caller: Archivist, person_id: PersonId, body: EditIn
) -> PersonOut:
    return _write(
        request,
        ctx,
        caller,
        "person.edit",
        str(person_id),
        lambda s: person_out(registry.edit(s, person_id, body.changes)),
    )


@router.post(
    "/persons/merge",
    response_model=MergeOut,
    responses=WRITE_ERRORS,
    summary="Merge record b into record a; every source is kept (archivists)",
)
def merge_persons(request: Request, ctx: Ctx, caller: Archivist, body: MergeIn) -> MergeOut:
    return _write(
        request,
        ctx,
        caller,
        "person.merge",
        f"{body.a_id}<-{body.b_id}",
        lambda s: _merge_out(
            registry.merge_records(
                s, body.a_id, body.b_id, caller.actor, confirm_birth_years=body.confirm_birth_years
            )
        ),
    )


@router.post(
    "/persons/merges/{merge_id}/accept",
    response_model=MergeOut,
    responses=WRITE_ERRORS,
    summary="Accept a merge proposal (archivists)",
)
def accept_merge(
    request: Request,
    ctx: Ctx,
    caller: Archivist,
    merge_id: MergeId,
    confirm_birth_years: Annotated[
        bool, Query(description=("Accept although the birth years differ (409 without)"))
    ] = False,
) -> MergeOut:
    def run(s: Session) -> MergeOut:
        pm = s.get(PersonMerge, merge_id)
        if pm is None:
            raise RecordNotFound("Нет предложения о слиянии с таким номером")
        registry.merge(s, pm, caller.actor, confirm_birth_years=confirm_birth_years)
        return _merge_out(pm)

    return _write(request, ctx, caller, "person.merge", str(merge_id), run)


@router.post(
    "/persons/merges/{merge_id}/undo",
    response_model=MergeOut,
    responses=WRITE_ERRORS,
    summary="Undo a merge: the absorbed record and its sources come back (archivists)",
)
def undo_merge(request: Request, ctx: Ctx, caller: Archivist, merge_id: MergeId) -> MergeOut:
    def run(s: Session) -> MergeOut:
        pm = registry.undo_merge(s, merge_id, caller.actor)
        return _merge_out(pm)

    return _write(request, ctx, caller, "person.unmerge", str(merge_id), run)


@router.post(
    "/persons/merges/{merge_id}/reject",
    response_model=MergeOut,
    responses=WRITE_ERRORS,
    summary="Reject a merge proposal (archivists)",
)
def reject_merge(request: Request, ctx: Ctx, caller: Archivist, merge_id: MergeId) -> MergeOut:
    return _write(
        request,
        ctx,
        caller,
        "person.reject_merge",
        str(merge_id),
        lambda s: _merge_out(registry.reject_merge(s, merge_id, caller.actor)),
    )


@router.post(
    "/persons/{person_id}/split",
    response_model=PersonOut,
    responses=WRITE_ERRORS,
    summary="Move some sources of a record to a new record (archivists)",
)
def split_person(
    request: Request, ctx: Ctx, caller: Archivist, person_id: PersonId, body: SplitIn
) -> PersonOut:
    def run(s: Session) -> PersonOut:
        new = registry.split(s, person_id, body.source_ids)
        return person_out(new)

    return _write(request, ctx, caller, "person.split", str(person_id), run)


@router.post(
    "/persons/import",
    response_model=ImportOut,
    responses={
        413: {"description": "The file is over 20 MB", "model": ErrorOut},
        422: WRITE_ERRORS[422],
    },
    summary="Import a CSV list (columns in docs/persons.md); dry_run reports only",
)
async def import_persons(
    request: Request,
    ctx: Ctx,
    caller: Archivist,
    file: Annotated[UploadFile, File(description="CSV, UTF-8")],
    dry_run: bool = True,
) -> ImportOut:
    raw = await file.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        raise HTTPException(413, "Файл больше 20 МБ")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HTTPException(422, "Файл не в кодировке UTF-8") from None
    with ctx.db.session() as s:
        report = csvio.import_csv(s, text, dry_run=dry_run)
    audit(ctx, caller, "person.import", file.filename or "", dry_run=dry_run, counts=report.counts)
    return ImportOut(
        dry_run=dry_run,
        counts=report.counts,
        rows=[
            ImportRowOut(
                line=r.line,
                key=r.key,
                status=r.status.value,
                errors=r.errors,
                person_id=r.person_id,
            )
            for r in report.rows
        ],
    )


@router.post(
    "/persons/extract/{document_id}",
    response_model=ExtractOut,
    responses=WRITE_ERRORS,
    summary="Propose person records from a stored document (archivists)",
)
def extract_from_document(
    request: Request, ctx: Ctx, caller: Archivist, document_id: DocId
) -> ExtractOut:
    threshold = ctx.settings.persons_auto_merge

    def run(s: Session) -> ExtractOut:
        found = registry.propose_from_document(s, document_id, threshold)
        s.flush()
        return ExtractOut(
            document_id=document_id,
            proposed=[p.person.id for p in found],
            merged_into=[p.merged_into.id for p in found if p.merged_into],
        )

    return _write(request, ctx, caller, "person.extract", str(document_id), run)
