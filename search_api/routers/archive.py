"""The archival hierarchy: archive → fond → opis → delo, with counts and breadcrumbs;
EAD 3 export of a unit's branch; import of a finding aid (CSV or EAD 3) by archivists.

Counts and a delo's items hold only published documents the caller may read; the units'
descriptions are public, as a printed finding aid is.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Path, UploadFile
from fastapi.responses import Response

from core.auth import Caller, Permission
from core.errors import NotFoundError
from core.models import ArchiveUnit
from search_api.auth import CallerDep, audit, requires
from service import archive_browse
from service.archive_ead import write_ead
from service.archive_findingaid import FindingAidError
from service.archive_store import branch_rows, import_aid
from service.deps import Ctx
from service.params import MAX_ID
from service.schemas import ErrorOut
from service.schemas_archive import (
    ArchivesOut,
    ImportOut,
    ImportRowError,
    UnitDetailOut,
)

router = APIRouter(tags=["archive"])
Archivist = Annotated[Caller, requires(Permission.UPLOAD_ARCHIVE)]
UnitId = Annotated[int, Path(ge=1, le=MAX_ID, description="Archival unit id")]
MAX_IMPORT_BYTES = 20 * 1024 * 1024
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such unit", "model": ErrorOut}
}


@router.get(
    "/archive",
    response_model=ArchivesOut,
    summary="Archives and their fonds, with counts of the published documents in each",
)
def list_archives(ctx: Ctx, caller: CallerDep) -> ArchivesOut:
    return archive_browse.archives(ctx, caller)


@router.get(
    "/archive/{unit_id}",
    response_model=UnitDetailOut,
    responses=NOT_FOUND,
    summary="A fond, opis or delo: its ISAD(G) description, breadcrumbs, children with "
    "counts and dates, and a delo's documents by sheet",
)
def get_unit(ctx: Ctx, caller: CallerDep, unit_id: UnitId) -> UnitDetailOut:
    try:
        return archive_browse.detail(ctx, caller, unit_id)
    except NotFoundError as e:
        raise HTTPException(404, e.message) from None


@router.get(
    "/archive/{unit_id}/ead.xml",
    responses={
        200: {"content": {"application/xml": {}}, "description": "EAD 3 XML"},
        **NOT_FOUND,
    },
    response_class=Response,
    summary="The unit's branch as EAD 3: its archive, the units above it and its subtree",
)
def export_ead(ctx: Ctx, _caller: CallerDep, unit_id: UnitId) -> Response:
    with ctx.db.session() as s:
        unit = s.get(ArchiveUnit, unit_id)
        if unit is None:
            raise HTTPException(404, f"Единица описания №{unit_id} не найдена")
        rows = branch_rows(s, unit)
    return Response(
        write_ead(rows),
        media_type="application/xml",
        headers={"Content-Disposition": f'attachment; filename="ead-{unit_id}.xml"'},
    )


@router.post(
    "/archive/import",
    response_model=ImportOut,
    responses={
        413: {"description": "The file is over 20 MB", "model": ErrorOut},
        422: {"description": "Not a finding aid at all (no header, not XML)", "model": ErrorOut},
    },
    summary="Import a finding aid: CSV (columns in docs/archive.md) or EAD 3 XML; "
    "nothing is stored if any row is wrong; dry_run (default) only checks",
)
async def import_finding_aid(
    ctx: Ctx,
    caller: Archivist,
    file: Annotated[UploadFile, File(description="CSV (UTF-8) or EAD 3 XML")],
    dry_run: bool = True,
) -> ImportOut:
    raw = await file.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        raise HTTPException(413, "Файл больше 20 МБ")
    try:
        result = import_aid(ctx, raw, file.filename or "", dry_run=dry_run)
    except FindingAidError as e:
        raise HTTPException(422, str(e)) from None
    stored = not dry_run and not result.errors
    audit(
        ctx,
        caller,
        "archive.import",
        file.filename or "",
        dry_run=dry_run,
        stored=stored,
        created=result.created,
        updated=result.updated,
        errors=len(result.errors),
    )
    return ImportOut(
        read=result.read,
        created=result.created,
        updated=result.updated,
        linked=len(result.linked),
        errors=[ImportRowError(line=e.line, message=e.message) for e in result.errors],
        stored=stored,
    )
