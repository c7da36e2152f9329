"""Readers report misread pages; the reports wait in a queue the archivists work through.

Any reader of a page may report (no key, no contact kept; the route is rate limited per
client). An archivist sees the reports on pages they may correct
(`service.corrections.may_correct`), accepts one (the editor opens with the suggestion)
or rejects it with a reason; a correction saved with the report's id links the two.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.audit import record
from core.auth import Caller, Permission, Role
from core.errors import ConflictError, NotFoundError
from core.models import Collection, Document, MisreadingReport, utcnow
from indices.context import AppContext
from service.access import readable
from service.corrections import may_correct, page_of, state_of
from service.page_lines import LineEditError, editable_lines, printable, public_lines
from service.schemas_corrections import QueuedReport, ReportCreate, ReportOut

QUEUE_LIMIT = 500


def report_misreading(
    ctx: AppContext, caller: Caller, doc_id: int, number: int, body: ReportCreate
) -> ReportOut:
    """Any reader of the page may say it is misread; the report waits in the queue."""
    with ctx.db.session() as s:
        _doc, page = page_of(s, doc_id, number, caller)
        count = len(public_lines(state_of(page), page.public_text or ""))
        if body.line is not None and body.line >= count:
            raise LineEditError(f"На странице нет строки {body.line}")
        row = MisreadingReport(
            document_id=doc_id,
            page=number,
            line_index=body.line,
            region=body.region,
            suggested=" ".join(printable(body.suggested).split()),
            note=printable(body.note, keep_newlines=True).strip(),
        )
        s.add(row)
        s.flush()
        out = ReportOut.model_validate(row)
    record(ctx, caller, "report.create", f"document:{doc_id}/page:{number}", detail={"id": out.id})
    return out


def editor_url(doc_id: int, number: int, report_id: int | None = None) -> str:
    url = f"/documents/{doc_id}/pages/{number}/correct"
    return f"{url}?report={report_id}" if report_id else url


def _queued(s: Session, r: MisreadingReport, caller: Caller) -> QueuedReport | None:
    doc = s.get(Document, r.document_id)
    if doc is None or not readable(doc, caller) or not may_correct(caller, doc):
        return None
    page = next((p for p in doc.pages if p.number == r.page), None)
    current = None
    if page is not None and r.line_index is not None:
        lines = editable_lines(state_of(page))
        current = lines[r.line_index].text if r.line_index < len(lines) else None
    data: dict[str, Any] = {
        k: getattr(r, k)
        for k in (
            "id",
            "document_id",
            "page",
            "line_index",
            "region",
            "suggested",
            "status",
            "created_at",
            "note",
            "handled_by",
            "handled_at",
            "reason",
            "revision_id",
        )
    }
    return QueuedReport(**data, current=current, editor_url=editor_url(r.document_id, r.page, r.id))


def queue(ctx: AppContext, caller: Caller, status: str | None = "open") -> list[QueuedReport]:
    """Reports on the pages this caller may correct, oldest first (first come, first served)."""
    caller.require(Permission.CORRECT_TEXT)
    stmt = select(MisreadingReport).order_by(MisreadingReport.id).limit(QUEUE_LIMIT)
    if caller.role is not Role.ADMIN:  # archivists: archive pages only (may_correct)
        stmt = stmt.join(Document).join(Collection).where(Collection.kind == "archive")
    if status:
        stmt = stmt.where(MisreadingReport.status == status)
    with ctx.db.session() as s:
        return [q for r in s.scalars(stmt) if (q := _queued(s, r, caller)) is not None]


def decide(
    ctx: AppContext, caller: Caller, report_id: int, action: str, reason: str = ""
) -> QueuedReport:
    """Accept (the editor opens with the suggestion) or reject (a reason is required)."""
    caller.require(Permission.CORRECT_TEXT)
    reason = " ".join(printable(reason).split())
    if action == "reject" and not reason:
        raise LineEditError("Укажите причину отказа")
    with ctx.db.session() as s:
        r = s.get(MisreadingReport, report_id)
        found = _queued(s, r, caller) if r is not None else None
        if r is None or found is None:
            raise NotFoundError(f"Сообщения №{report_id} нет")
        if r.status != "open" and r.status != ("accepted" if action == "accept" else "rejected"):
            raise ConflictError(f"Сообщение №{report_id} уже рассмотрено: {r.status}")
        r.status = "accepted" if action == "accept" else "rejected"
        r.handled_by, r.handled_at, r.reason = caller.actor, utcnow(), reason
        s.flush()
        out = _queued(s, r, caller)
    assert out is not None
    record(ctx, caller, f"report.{action}", f"report:{report_id}", detail={"reason": reason})
    return out
