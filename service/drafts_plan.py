"""The legislative plan on the database: import from CSV, list.

``drafts.parse_plan_csv`` reads the file; here its items are stored, all or nothing: a
file with any bad row stores nothing, so an agency fixes its spreadsheet and sends it
again (a dry run shows the same errors first). An item is identified by agency, year and
title, so a corrected plan sent again updates its items instead of duplicating them.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from core.auth import Caller, Permission, court_key
from core.models import Draft, PlanItemRecord
from drafts import parse_plan_csv
from drafts.plan import PlanItem, RowError
from indices.context import AppContext
from service.drafts import visible
from service.schemas_drafts import PlanImportOut, PlanItemOut, PlanRowErrorOut


def title_key(title: str) -> str:
    folded = " ".join(title.casefold().replace("ё", "е").split())
    return hashlib.sha256(folded.encode()).hexdigest()


def _errors(errors: list[RowError]) -> list[PlanRowErrorOut]:
    return [PlanRowErrorOut(line=e.line, column=e.column, message=e.message) for e in errors]


def import_plan(
    ctx: AppContext, caller: Caller, data: bytes, *, dry_run: bool = True
) -> PlanImportOut:
    """Store the plan items of a CSV file; a developer may import its own agency's only."""
    caller.require(Permission.MANAGE_DRAFTS)
    parsed = parse_plan_csv(data)
    errors = list(parsed.errors)
    for item, line in zip(parsed.items, parsed.lines, strict=True):
        if not caller.acts_for_agency(item.agency):
            errors.append(
                RowError(
                    line,
                    "agency",
                    f"Ключ выдан для ведомства «{caller.agency}», а не для «{item.agency}».",
                )
            )
    errors.sort(key=lambda e: e.line)
    created = updated = 0
    if not errors and not dry_run:
        created, updated = _store(ctx, parsed.items)
    return PlanImportOut(
        dry_run=dry_run,
        read=len(parsed.items),
        created=created,
        updated=updated,
        errors=_errors(errors),
    )


def _store(ctx: AppContext, items: list[PlanItem]) -> tuple[int, int]:
    created = updated = 0
    with ctx.db.session() as s:
        for item in items:
            key = (court_key(item.agency), item.year, title_key(item.title))
            row = s.scalar(
                select(PlanItemRecord).where(
                    PlanItemRecord.agency_key == key[0],
                    PlanItemRecord.year == key[1],
                    PlanItemRecord.title_key == key[2],
                )
            )
            if row is None:
                row = PlanItemRecord(agency_key=key[0], year=key[1], title_key=key[2])
                s.add(row)
                created += 1
            else:
                updated += 1
            row.agency = item.agency
            row.title = item.title
            row.act_kind = item.act_kind
            row.quarter = item.quarter
            row.area = item.area
            row.responsible = item.responsible
    return created, updated


def list_plan(
    ctx: AppContext, caller: Caller, *, agency: str | None = None, year: int | None = None
) -> list[PlanItemOut]:
    """The plan is public as a whole; a linked draft is named once the caller may see it."""
    q = select(PlanItemRecord)
    if agency:
        q = q.where(PlanItemRecord.agency_key == court_key(agency))
    if year is not None:
        q = q.where(PlanItemRecord.year == year)
    q = q.order_by(
        PlanItemRecord.year.desc(), PlanItemRecord.agency, PlanItemRecord.quarter, PlanItemRecord.id
    )
    with ctx.db.session() as s:
        out = []
        for row in s.scalars(q):
            draft = s.get(Draft, row.draft_id) if row.draft_id else None
            out.append(
                PlanItemOut(
                    id=row.id,
                    agency=row.agency,
                    year=row.year,
                    title=row.title,
                    act_kind=row.act_kind,  # type: ignore[arg-type]
                    quarter=row.quarter,
                    area=row.area,
                    responsible=row.responsible,
                    draft_id=draft.id if draft is not None and visible(draft, caller) else None,
                )
            )
        return out
