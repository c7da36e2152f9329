"""Search results and practice tables as CSV, JSON and XLSX, shared by the API and the UI.

A search export pages through the engine (``PAGE`` hits a request, never one giant query)
up to ``ACHYK_EXPORT_MAX_HITS``, and rows are written as they come: CSV and JSON stream
line by line; XLSX (a zip, written whole at the end) is built in XlsxWriter's constant-memory
mode in a spooled temporary file and then streamed. Every row is a published document the
caller may read (the same collection filter and publication check as search), and holds only
public metadata: title, collection, date, archival reference or court and case number.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

import xlsxwriter
from sqlalchemy import select

from core.auth import ANONYMOUS, Caller
from core.models import Document
from indices.context import AppContext
from indices.query import QueryLimits, parse
from indices.ranking import MAX_WINDOW
from indices.types import Filters, Sort
from service.citation import archival
from service.schemas_practice import PracticeResponse
from service.search import backend_errors, published, visible_filters

PAGE = 100  # hits per engine request while exporting
COLUMNS = ("id", "title", "collection", "date", "reference", "url")
PRACTICE_COLUMNS = ("facet", "value", "count", "search_url")
CHUNK = 64 * 1024


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"


MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.JSON: "application/json",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True, slots=True)
class ExportRow:
    id: int
    title: str
    collection: str
    date: str
    reference: str  # the archival reference, or court and case number
    url: str


@dataclass(frozen=True, slots=True)
class SearchExport:
    total: int  # hits of the query the caller may see
    exported: int  # rows the export holds: total up to the cap
    rows: Iterator[ExportRow]


def reference(meta: dict[str, Any], archive: str) -> str:
    """The archival reference («ЦГА КР. Ф. 1. Оп. 2. Д. 34. Л. 5–7.») or «court, дело № N»."""
    ref = meta.get("archive_ref") or {}
    if isinstance(ref, dict) and ref:
        return archival(archive, {str(k): str(v) for k, v in ref.items()})
    court, number = meta.get("court") or "", meta.get("case_number") or ""
    return ", ".join(p for p in (court, f"дело № {number}" if number else "") if p)


def _rows(ctx: AppContext, ids: list[int], base_url: str) -> dict[int, ExportRow]:
    with ctx.db.session() as s:
        docs = s.scalars(select(Document).where(Document.id.in_(ids))).all()
        return {
            d.id: ExportRow(
                id=d.id,
                title=d.title or "",
                collection=d.collection.name,
                date=d.doc_date.isoformat() if d.doc_date else (str(d.year) if d.year else ""),
                reference=reference(d.meta or {}, ctx.settings.archive_name),
                url=f"{base_url}/documents/{d.id}",
            )
            for d in docs
        }


def search_export(
    ctx: AppContext,
    q: str,
    filters: Filters,
    *,
    base_url: str,
    caller: Caller = ANONYMOUS,
    cap: int | None = None,
    sort: Sort = Sort.RELEVANCE,
) -> SearchExport:
    """Every hit of the query up to the cap, in the search's order. A bad query raises
    QuerySyntaxError before anything is sent."""
    node = parse(q, QueryLimits.from_settings(ctx.settings))
    cap = max(1, min(cap or ctx.settings.export_max_hits, MAX_WINDOW))
    visible = visible_filters(ctx, filters, caller)
    if visible is None:
        return SearchExport(0, 0, iter(()))
    with backend_errors():
        first = ctx.search.search(
            node, visible, offset=0, limit=min(PAGE, cap), facets=False, sort=sort
        )
    exported = min(first.total, cap)

    def rows() -> Iterator[ExportRow]:
        raw, offset = first, 0
        while True:
            ids = [h.id for h in raw.hits]
            public = published(ctx, ids)  # the safety net of search: never an unpublished one
            by_id = _rows(ctx, [i for i in ids if i in public], base_url.rstrip("/"))
            yield from (by_id[i] for i in ids if i in by_id)
            offset += len(raw.hits)
            if not raw.hits or offset >= exported:
                return
            with backend_errors():
                raw = ctx.search.search(
                    node,
                    visible,
                    offset=offset,
                    limit=min(PAGE, exported - offset),
                    facets=False,
                    sort=sort,
                )

    return SearchExport(first.total, exported, rows())


def practice_rows(result: PracticeResponse, base_url: str) -> list[dict[str, Any]]:
    """The practice table: one row per facet value (outcome, court, instance, category, year)."""
    return [
        {
            "facet": facet,
            "value": b.value,
            "count": b.count,
            "search_url": base_url.rstrip("/") + b.search_url,
        }
        for facet, buckets in result.facets.items()
        for b in buckets
    ]


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula («=HYPERLINK(…)») gets a «'»."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def csv_chunks(columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """CSV with a BOM (so spreadsheets read it as UTF-8), a header line, one line per row."""
    cols = list(columns)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    yield ("\ufeff" + buf.getvalue()).encode("utf-8")
    for row in rows:
        buf.seek(0)
        buf.truncate()
        w.writerow([safe_cell(row.get(c, "")) for c in cols])
        yield buf.getvalue().encode("utf-8")


def json_chunks(head: dict[str, Any], rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """``{...head, "rows": [...]}`` written one row at a time."""
    opening = json.dumps({**head, "rows": []}, ensure_ascii=False)[:-2]  # drop the «]}»
    yield opening.encode("utf-8")
    for i, row in enumerate(rows):
        yield ((",\n" if i else "\n") + json.dumps(row, ensure_ascii=False)).encode("utf-8")
    yield b"\n]}\n"


def xlsx_chunks(columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """One sheet: a bold header row, then strings and numbers (never formulas)."""
    cols = list(columns)
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as out:
        wb = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": False})
        ws = wb.add_worksheet("Ачык")
        bold = wb.add_format({"bold": True})
        for c, name in enumerate(cols):
            ws.write_string(0, c, name, bold)
        for r, row in enumerate(rows, start=1):
            for c, name in enumerate(cols):
                value = row.get(name, "")
                if isinstance(value, int | float) and not isinstance(value, bool):
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, "" if value is None else str(value))
        wb.close()
        out.seek(0)
        while chunk := out.read(CHUNK):
            yield chunk


def encode(
    fmt: ExportFormat,
    columns: Iterable[str],
    rows: Iterable[dict[str, Any]],
    head: dict[str, Any] | None = None,
) -> Iterator[bytes]:
    if fmt is ExportFormat.CSV:
        return csv_chunks(columns, rows)
    if fmt is ExportFormat.JSON:
        return json_chunks(head or {}, rows)
    return xlsx_chunks(columns, rows)


def search_rows(export: SearchExport) -> Iterator[dict[str, Any]]:
    return (asdict(r) for r in export.rows)
