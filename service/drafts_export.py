"""Bulk export of the portal's open data: public drafts and their versions, CSV or JSON.

The schema is documented in docs/drafts.md («Open data: bulk export»). Only public
drafts (``published_at``) are exported, with every version's text as uploaded (a draft is
a public act of a state body). Comments and answers are another part of the portal: they
join through `EXPORT_PARTS` (a part adds a key to each draft of the JSON and a table of
its own to the CSV export), so this module does not change when they arrive.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Draft, DraftVersion, PlanItemRecord
from indices.context import AppContext

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class ExportPart:
    """Rows of one kind per public draft (e.g. comments): `columns` name the CSV table's
    columns; `rows(session, draft)` gives dicts with those keys (the JSON items too)."""

    columns: tuple[str, ...]
    rows: Callable[[Session, Draft], list[dict[str, Any]]]


# The hook for comments and answers (docs/drafts.md): EXPORT_PARTS["comments"] = ExportPart(…)
EXPORT_PARTS: dict[str, ExportPart] = {}

DRAFT_COLUMNS = (
    "draft_id",
    "title",
    "act_kind",
    "agency",
    "area",
    "summary",
    "stage",
    "opens",
    "closes",
    "published_at",
    "plan_item_id",
    "versions",
    "url",
)
VERSION_COLUMNS = (
    "draft_id",
    "number",
    "kind",
    "party",
    "note",
    "file_name",
    "format",
    "sha256",
    "created_at",
    "chars",
    "text",
)


def tables() -> tuple[str, ...]:
    return ("drafts", "versions", *EXPORT_PARTS)


def _iso(v: dt.date | dt.datetime | None) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.datetime) and v.tzinfo is None:
        v = v.replace(tzinfo=dt.UTC)  # SQLite gives stored UTC times back naive
    return v.isoformat()


def draft_row(s: Session, d: Draft, base: str) -> dict[str, Any]:
    return {
        "draft_id": d.id,
        "title": d.title,
        "act_kind": d.act_kind,
        "agency": d.agency,
        "area": d.area,
        "summary": d.summary,
        "stage": d.stage,
        "opens": _iso(d.opens),
        "closes": _iso(d.closes),
        "published_at": _iso(d.published_at),
        "plan_item_id": s.scalar(select(PlanItemRecord.id).where(PlanItemRecord.draft_id == d.id)),
        "versions": len(d.versions),
        "url": f"{base}/drafts/{d.id}",
    }


def version_row(v: DraftVersion) -> dict[str, Any]:
    return {
        "draft_id": v.draft_id,
        "number": v.number,
        "kind": v.kind,
        "party": v.party,
        "note": v.note,
        "file_name": v.file_name,
        "format": v.format,
        "sha256": v.sha256,
        "created_at": _iso(v.created_at),
        "chars": len(v.text),
        "text": v.text,
    }


def _public(ctx: AppContext, batch: int = 100) -> Iterator[tuple[Session, Draft]]:
    """Public drafts by id, read a batch at a time (the text of every version is big)."""
    with ctx.db.session() as s:
        ids = list(
            s.scalars(select(Draft.id).where(Draft.published_at.is_not(None)).order_by(Draft.id))
        )
    for start in range(0, len(ids), batch):
        with ctx.db.session() as s:
            for d in s.scalars(
                select(Draft).where(Draft.id.in_(ids[start : start + batch])).order_by(Draft.id)
            ):
                yield s, d


def export_json(ctx: AppContext, base: str) -> Iterator[bytes]:
    """One JSON document, streamed: {schema_version, generated_at, tables, drafts: [...]}."""
    head = {"schema_version": SCHEMA_VERSION, "generated_at": _iso(dt.datetime.now(dt.UTC))}
    yield json.dumps(head, ensure_ascii=False)[:-1].encode() + b', "drafts": ['
    first = True
    for s, d in _public(ctx):
        item = draft_row(s, d, base)
        item["version_list"] = [
            {k: v for k, v in version_row(x).items() if k != "draft_id"} for x in d.versions
        ]
        for name, part in EXPORT_PARTS.items():
            item[name] = part.rows(s, d)
        yield (b"" if first else b",") + json.dumps(item, ensure_ascii=False).encode()
        first = False
    yield b"]}"


def export_csv(ctx: AppContext, base: str, table: str) -> Iterator[bytes]:
    """One table (drafts, versions, or a part's), UTF-8 with a BOM, RFC 4180, CRLF."""
    columns: tuple[str, ...]
    if table == "drafts":
        columns = DRAFT_COLUMNS
    elif table == "versions":
        columns = VERSION_COLUMNS
    else:
        columns = EXPORT_PARTS[table].columns
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    w.writeheader()
    yield ("\ufeff" + buf.getvalue()).encode()
    for s, d in _public(ctx):
        buf.seek(0)
        buf.truncate()
        if table == "drafts":
            rows = [draft_row(s, d, base)]
        elif table == "versions":
            rows = [version_row(v) for v in d.versions]
        else:
            rows = EXPORT_PARTS[table].rows(s, d)
        for r in rows:
            w.writerow({k: "" if v is None else v for k, v in r.items()})
        yield buf.getvalue().encode()
