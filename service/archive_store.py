"""Writing a finding aid into the records, and reading a branch of them back as rows.

An import is all or nothing: the rows are checked first (each row, then the tree against
what is stored), and only a clean file is written, in one transaction. A unit already
stored (same place) is updated, so importing the same finding aid twice changes nothing.
After the write every unlinked document whose reference names a delo is linked to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.archive_links import SEPARATOR, link_unlinked
from core.models import ArchiveUnit
from indices.context import AppContext
from service.archive_ead import parse_ead
from service.archive_findingaid import (
    PATH_LEVELS,
    ParsedAid,
    RowError,
    UnitRow,
    check_tree,
    parse_csv,
)


@dataclass(frozen=True, slots=True)
class ImportResult:
    read: int
    created: int = 0
    updated: int = 0
    linked: list[int] = field(default_factory=list)  # documents linked to their delo now
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False


def parse_any(data: bytes, name: str = "") -> ParsedAid:
    """CSV or EAD 3, by the file name's suffix, else by the first bytes."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".xml" or (suffix != ".csv" and data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"):
        return parse_ead(data)
    return parse_csv(data)


def stored_paths(s: Session) -> dict[tuple[str, ...], ArchiveUnit]:
    """Every stored unit by its place (codes from the archive down)."""
    units = list(s.scalars(select(ArchiveUnit)))
    by_id = {u.id: u for u in units}
    out: dict[tuple[str, ...], ArchiveUnit] = {}
    for u in units:
        path = [u.code]
        parent = u.parent_id
        while parent is not None:
            p = by_id[parent]
            path.insert(0, p.code)
            parent = p.parent_id
        out[tuple(path)] = u
    return out


def _write(s: Session, rows: list[UnitRow]) -> tuple[int, int]:
    """Level by level, one flush each (a unit's lineage needs its parent's id and its own)."""
    known = stored_paths(s)
    created = updated = 0
    positions: dict[int | None, int] = {}  # the last position under each parent
    for u in known.values():
        positions[u.parent_id] = max(positions.get(u.parent_id, 0), u.position)
    for depth in range(1, len(PATH_LEVELS) + 1):
        level = [r for r in rows if len(r.path) == depth]  # in file order
        made: list[tuple[UnitRow, ArchiveUnit]] = []
        for row in level:
            unit = known.get(row.path)
            parent = known.get(row.path[:-1]) if depth > 1 else None
            key = parent.id if parent else None
            if unit is None:  # new units go after the stored ones, in file order
                positions[key] = positions.get(key, 0) + 1
                unit = ArchiveUnit(
                    parent_id=key,
                    level=row.level,
                    code=row.path[-1],
                    ref=SEPARATOR.join(row.path[1:]),
                    position=positions[key],
                )
                s.add(unit)
                created += 1
            else:
                updated += 1
            for name, value in row.description().items():
                setattr(unit, name, value)
            made.append((row, unit))
        s.flush()
        for row, unit in made:
            parent = known.get(row.path[:-1]) if depth > 1 else None
            unit.lineage = f"{parent.lineage if parent else '/'}{unit.id}/"
            unit.archive_id = parent.archive_id if parent else unit.id
            known[row.path] = unit
    return created, updated


def import_aid(
    ctx: AppContext, data: bytes, name: str = "", *, dry_run: bool = False
) -> ImportResult:
    """Check, then (unless a dry run, or anything is wrong) write the finding aid."""
    parsed = parse_any(data, name)
    with ctx.db.session() as s:
        check_tree(parsed, set(stored_paths(s)))
        if parsed.errors or dry_run:
            return ImportResult(len(parsed.rows), errors=parsed.errors, dry_run=dry_run)
        created, updated = _write(s, parsed.rows)
        linked = link_unlinked(s)
        s.commit()
    return ImportResult(len(parsed.rows), created, updated, linked)


def branch_rows(s: Session, unit: ArchiveUnit) -> list[UnitRow]:
    """The rows to export for a unit: its archive and the units leading down to it, then
    the unit's whole subtree, depth first in stored order."""
    archive_id = unit.archive_id or unit.id
    units = list(
        s.scalars(
            select(ArchiveUnit)
            .where(ArchiveUnit.archive_id == archive_id)
            .order_by(ArchiveUnit.position, ArchiveUnit.id)
        )
    )
    children: dict[int | None, list[ArchiveUnit]] = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u)
    ancestors = [int(i) for i in unit.lineage.strip("/").split("/")]
    rows: list[UnitRow] = []

    def row(u: ArchiveUnit, path: tuple[str, ...]) -> UnitRow:
        return UnitRow(
            path,
            title=u.title,
            date_from=u.date_from,
            date_to=u.date_to,
            extent=u.extent,
            creator=u.creator,
            scope_content=u.scope_content,
            access_conditions=u.access_conditions,
            language=u.language,
        )

    by_id = {u.id: u for u in units}
    path: tuple[str, ...] = ()
    for i in ancestors[:-1]:
        path = (*path, by_id[i].code)
        rows.append(row(by_id[i], path))

    def walk(u: ArchiveUnit, path: tuple[str, ...]) -> None:
        rows.append(row(u, path))
        for c in children.get(u.id, []):
            walk(c, (*path, c.code))

    walk(unit, (*path, unit.code))
    return rows
