"""The archival hierarchy as readers see it: units with counts, breadcrumbs, a delo's items.

Counts and items take only published documents the caller may read (service/access.py:
published, of a public collection or a restricted one for researchers); a unit with no
such document still shows, with 0, since its description is public like a finding aid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, urlencode

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from core.auth import Caller, Permission
from core.errors import NotFoundError
from core.models import ArchiveUnit, Collection, Document
from core.types import DocState
from indices.context import AppContext
from service.archive_ead import reference_code
from service.schemas_archive import (
    ArchiveOut,
    ArchivesOut,
    ItemOut,
    UnitBrief,
    UnitDetailOut,
    UnitOut,
)

_FIRST_SHEET = re.compile(r"\d+")


def unit_path(s: Session, unit: ArchiveUnit) -> list[ArchiveUnit]:
    """The units from the archive down to this one."""
    ids = [int(i) for i in unit.lineage.strip("/").split("/") if i]
    found = {u.id: u for u in s.scalars(select(ArchiveUnit).where(ArchiveUnit.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def page_url(path: Iterable[ArchiveUnit]) -> str:
    return "/archive/" + "/".join(quote(u.code, safe="") for u in path)


def _visible(caller: Caller) -> ColumnElement[bool]:
    published = Document.state == DocState.PUBLISHED
    if caller.can(Permission.READ_RESTRICTED):
        return published
    return and_(published, Collection.access == "public")


def counts(s: Session, caller: Caller, prefix: str) -> dict[str, int]:
    """Readable documents per delo lineage, for the dela under `prefix` (a lineage)."""
    rows = s.execute(
        select(ArchiveUnit.lineage, func.count(Document.id))
        .join(Document, Document.archive_unit_id == ArchiveUnit.id)
        .join(Collection, Collection.id == Document.collection_id)
        .where(ArchiveUnit.lineage.startswith(prefix, autoescape=True), _visible(caller))
        .group_by(ArchiveUnit.lineage)
    )
    return {str(lineage): int(n) for lineage, n in rows}


def _sum(per_delo: dict[str, int], lineage: str) -> int:
    return sum(n for k, n in per_delo.items() if k.startswith(lineage))


def _brief(u: ArchiveUnit, path: list[ArchiveUnit]) -> UnitBrief:
    return UnitBrief(id=u.id, level=u.level, code=u.code, title=u.title, url=page_url(path))


def _out(
    u: ArchiveUnit, path: list[ArchiveUnit], per_delo: dict[str, int], children: int
) -> UnitOut:
    return UnitOut(
        **_brief(u, path).model_dump(),
        ref=u.ref,
        reference_code=reference_code(tuple(p.code for p in path)),
        date_from=u.date_from,
        date_to=u.date_to,
        extent=u.extent,
        creator=u.creator,
        scope_content=u.scope_content,
        access_conditions=u.access_conditions,
        language=u.language,
        documents=_sum(per_delo, u.lineage),
        children=children,
    )


def _child_counts(s: Session, parents: list[int]) -> dict[int, int]:
    rows = s.execute(
        select(ArchiveUnit.parent_id, func.count(ArchiveUnit.id))
        .where(ArchiveUnit.parent_id.in_(parents))
        .group_by(ArchiveUnit.parent_id)
    )
    return {int(p): int(n) for p, n in rows if p is not None}


def _ordered(s: Session, parent: int) -> list[ArchiveUnit]:
    return list(
        s.scalars(
            select(ArchiveUnit)
            .where(ArchiveUnit.parent_id == parent)
            .order_by(ArchiveUnit.position, ArchiveUnit.id)
        )
    )


def archives(ctx: AppContext, caller: Caller) -> ArchivesOut:
    """Every archive with its fonds and their counts."""
    with ctx.db.session() as s:
        per_delo = counts(s, caller, "/")
        tops = list(
            s.scalars(
                select(ArchiveUnit)
                .where(ArchiveUnit.parent_id.is_(None))
                .order_by(ArchiveUnit.position, ArchiveUnit.id)
            )
        )
        fonds = {a.id: _ordered(s, a.id) for a in tops}
        kids = _child_counts(s, [a.id for a in tops] + [f.id for fs in fonds.values() for f in fs])
        return ArchivesOut(
            archives=[
                ArchiveOut(
                    archive=_out(a, [a], per_delo, kids.get(a.id, 0)),
                    fonds=[_out(f, [a, f], per_delo, kids.get(f.id, 0)) for f in fonds[a.id]],
                )
                for a in tops
            ]
        )


def _sheet_key(sheets: str) -> tuple[int, str]:
    m = _FIRST_SHEET.search(sheets)
    return (int(m.group()) if m else 1 << 30, sheets)


def _items(s: Session, caller: Caller, unit: ArchiveUnit) -> list[ItemOut]:
    docs = s.scalars(
        select(Document)
        .join(Collection, Collection.id == Document.collection_id)
        .where(Document.archive_unit_id == unit.id, _visible(caller))
    )
    items = [
        ItemOut(
            id=d.id,
            title=d.title,
            date=d.doc_date.isoformat() if d.doc_date else None,
            year=d.year,
            sheets=str(((d.meta or {}).get("archive_ref") or {}).get("list") or ""),
            url=f"/documents/{d.id}",
        )
        for d in docs
    ]
    return sorted(items, key=lambda i: (*_sheet_key(i.sheets), i.id))


def search_url(unit: ArchiveUnit, path: list[ArchiveUnit]) -> str:
    """«Search within»: the search page filtered to the unit (an archive: its fonds)."""
    if unit.ref:
        return "/?" + urlencode({"archive": unit.ref})
    return "/?" + urlencode([("collection", "archive")])


def detail(ctx: AppContext, caller: Caller, unit_id: int) -> UnitDetailOut:
    with ctx.db.session() as s:
        unit = s.get(ArchiveUnit, unit_id)
        if unit is None:
            raise NotFoundError(f"Единица описания №{unit_id} не найдена")
        return _detail(s, caller, unit)


def by_codes(ctx: AppContext, caller: Caller, codes: list[str]) -> UnitDetailOut:
    """A unit by its place: the archive's code, then the fond, opis and delo codes."""
    with ctx.db.session() as s:
        unit: ArchiveUnit | None = None
        for code in codes:
            unit = s.scalar(
                select(ArchiveUnit).where(
                    ArchiveUnit.code == code,
                    ArchiveUnit.parent_id.is_(None)
                    if unit is None
                    else ArchiveUnit.parent_id == unit.id,
                )
            )
            if unit is None:
                break
        if unit is None:
            raise NotFoundError("Такой единицы описания нет: " + " / ".join(codes)[:200])
        return _detail(s, caller, unit)


def _detail(s: Session, caller: Caller, unit: ArchiveUnit) -> UnitDetailOut:
    path = unit_path(s, unit)
    per_delo = counts(s, caller, unit.lineage)
    children = _ordered(s, unit.id)
    kids = _child_counts(s, [unit.id] + [c.id for c in children])
    return UnitDetailOut(
        unit=_out(unit, path, per_delo, kids.get(unit.id, 0)),
        breadcrumbs=[_brief(u, path[: i + 1]) for i, u in enumerate(path[:-1])],
        children=[_out(c, [*path, c], per_delo, kids.get(c.id, 0)) for c in children],
        items=_items(s, caller, unit),
        search_url=search_url(unit, path),
        ead_url=f"/api/v1/archive/{unit.id}/ead.xml",
    )


def document_trail(ctx: AppContext, doc_id: int) -> tuple[list[UnitBrief], str]:
    """A document page's breadcrumbs: its archive, fond, opis and delo (none while it is
    not linked), and the sheets it takes in the delo."""
    with ctx.db.session() as s:
        row = s.execute(
            select(Document.archive_unit_id, Document.meta).where(Document.id == doc_id)
        ).first()
        unit = s.get(ArchiveUnit, row[0]) if row and row[0] else None
        if row is None or unit is None:
            return [], ""
        path = unit_path(s, unit)
        sheets = str(((row[1] or {}).get("archive_ref") or {}).get("list") or "")
        return [_brief(u, path[: i + 1]) for i, u in enumerate(path)], sheets


def has_units(ctx: AppContext) -> bool:
    with ctx.db.session() as s:
        return s.scalar(select(ArchiveUnit.id).limit(1)) is not None
