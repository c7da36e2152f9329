"""Archivists correct a page's recognized text; readers report misreadings to a queue.

A correction changes the private record (`Page.text`, its word boxes and lines), is kept
as a `PageRevision` and audited, and then the document goes through the same two stages
that publish every document: `anonymize` (the only writer of the public text, so a
correction of a court decision that retypes a removed name is depersonified like any
text, and a page image is proven clean again) and `index`. The corrected word is found
at once and the misreading no longer is.

Who may correct: the `correct_text` permission (archivists) on archive collections;
court and legislation collections hold texts whose private record carries the names the
policy removes, so only admins (who read the findings log anyway) correct those. A reader
who may not correct sees the published text only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.audit import record
from core.auth import Caller, Permission, Role
from core.errors import AccessDenied, ConflictError, NotFoundError, StageError, TransientError
from core.models import (
    Collection,
    Document,
    MisreadingReport,
    Page,
    PageRevision,
    PersonSource,
    utcnow,
)
from core.types import DocState, Stage
from indices.context import AppContext
from ingest.stages import STAGES
from service.access import readable
from service.page_lines import (
    LineEditError,
    PageState,
    apply_edits,
    editable_lines,
    offset_map,
    printable,
    public_lines,
    word_map,
)
from service.schemas_corrections import (
    LineOut,
    PageTextOut,
    QueuedReport,
    ReportCreate,
    ReportOut,
    RevisionOut,
)

QUEUE_LIMIT = 500


def may_correct(caller: Caller, doc: Document) -> bool:
    if not caller.can(Permission.CORRECT_TEXT):
        return False
    return doc.collection.kind == "archive" or caller.role is Role.ADMIN


def _page(s: Session, doc_id: int, number: int, caller: Caller) -> tuple[Document, Page]:
    doc = s.get(Document, doc_id)
    if doc is None or not readable(doc, caller):
        raise NotFoundError(f"Документ №{doc_id} не найден")
    page = next((p for p in doc.pages if p.number == number), None)
    if page is None:
        raise NotFoundError(f"В документе №{doc_id} нет страницы {number}")
    return doc, page


def _editor_page(s: Session, doc_id: int, number: int, caller: Caller) -> tuple[Document, Page]:
    """The page, for a caller who may correct it: 404, 401 or 403 otherwise."""
    doc, page = _page(s, doc_id, number, caller)
    caller.require(Permission.CORRECT_TEXT)
    if not may_correct(caller, doc):
        raise AccessDenied(
            "Текст судебных актов и законопроектов исправляет только администратор: "
            "в их исходном тексте есть данные, которые публикация удаляет"
        )
    return doc, page


def _version(s: Session, doc_id: int, number: int) -> int:
    return int(
        s.scalar(
            select(func.count())
            .select_from(PageRevision)
            .where(PageRevision.document_id == doc_id, PageRevision.page == number)
        )
        or 0
    )


def _state(page: Page) -> PageState:
    return PageState(page.text or "", list(page.words or []), list(page.lines or []))


def page_text(ctx: AppContext, doc_id: int, number: int, caller: Caller) -> PageTextOut:
    """The page line by line: the recognized text to a corrector, the public text to others."""
    with ctx.db.session() as s:
        doc, page = _page(s, doc_id, number, caller)
        editable = may_correct(caller, doc)
        if editable:
            lines = [
                LineOut(index=ln.index, text=ln.text, box=list(ln.box) if ln.box else None)
                for ln in editable_lines(_state(page))
            ]
        else:
            lines = [
                LineOut(index=ln.index, text=ln.text, box=None)
                for ln in public_lines(_state(page), page.public_text or "")
            ]
        image = (
            f"/api/v1/documents/{doc_id}/pages/{number}/image" if page.public_image_key else None
        )
        return PageTextOut(
            document=doc_id,
            page=number,
            editable=editable,
            version=_version(s, doc_id, number),
            width=page.width,
            height=page.height,
            image_url=image,
            lines=lines,
        )


def _republish(ctx: AppContext, doc_id: int) -> None:
    """The public projection and the index again, through the stages that made them."""
    try:
        STAGES[Stage.ANONYMIZE].run(ctx, doc_id)
        STAGES[Stage.INDEX].run(ctx, doc_id)
    except StageError as e:
        raise TransientError(
            f"Исправление сохранено, но документ не переопубликован: {e.message}. "
            "Повторите позже или выполните achyk reindex"
        ) from e
    with ctx.db.session() as s:
        state = s.get_one(Document, doc_id).state
    if state != DocState.PUBLISHED:  # withdrawn meanwhile: take it out again
        ctx.search.delete([doc_id])


def _save(
    ctx: AppContext,
    caller: Caller,
    doc_id: int,
    number: int,
    change: Callable[[PageState], PageState] | None,
    *,
    version: int | None = None,
    reason: str = "",
    reverts: int | None = None,
    report_id: int | None = None,
) -> RevisionOut:
    with ctx.db.session() as s:
        _doc, page = _editor_page(s, doc_id, number, caller)
        current = _version(s, doc_id, number)
        if version is not None and version != current:
            raise ConflictError(
                f"Страницу уже исправили (версия {current}, а редактор открыт на версии "
                f"{version}): откройте её заново"
            )
        old = _state(page)
        if reverts is not None:
            undone = s.get(PageRevision, reverts)
            if undone is None or (undone.document_id, undone.page) != (doc_id, number):
                raise NotFoundError(f"Правки №{reverts} у этой страницы нет")
            new = PageState(undone.old_text, list(undone.old_words), list(undone.old_lines))
        else:
            assert change is not None
            new = change(old)  # on the text as it is now, in the saving transaction
        before = {ln.index: ln.text for ln in editable_lines(old)}
        after = {ln.index: ln.text for ln in editable_lines(new)}
        changes = [
            {"index": i, "old": before.get(i, ""), "new": after.get(i, "")}
            for i in sorted(set(before) | set(after))
            if before.get(i) != after.get(i)
        ]
        if not changes and new.text == old.text:
            raise LineEditError("Текст не изменился")
        if report_id is not None:
            report = s.get(MisreadingReport, report_id)
            if report is None or report.document_id != doc_id:
                raise NotFoundError(f"Сообщения №{report_id} об этой странице нет")
        rev = PageRevision(
            document_id=doc_id,
            page=number,
            line_index=changes[0]["index"] if len(changes) == 1 else None,
            changes=changes,
            old_text=old.text,
            new_text=new.text,
            old_words=old.words,
            new_words=new.words,
            old_lines=old.lines,
            new_lines=new.lines,
            author=caller.actor,
            reason=" ".join(printable(reason).split()),
            reverts_id=reverts,
        )
        s.add(rev)
        page.text, page.words, page.lines = new.text, new.words, new.lines
        _follow_sources(s, doc_id, number, old, new)
        s.flush()
        if report_id is not None:
            report = s.get_one(MisreadingReport, report_id)
            report.revision_id = rev.id
            if report.status == "open":
                report.status, report.handled_by, report.handled_at = (
                    "accepted",
                    caller.actor,
                    utcnow(),
                )
        out = RevisionOut.model_validate(rev)
    record(
        ctx,
        caller,
        "page.revert" if reverts else "page.correct",
        f"document:{doc_id}/page:{number}",
        detail={"revision": out.id, "lines": [c["index"] for c in changes], "reverts": reverts},
    )
    _republish(ctx, doc_id)
    return out


def _follow_sources(s: Session, doc_id: int, number: int, old: PageState, new: PageState) -> None:
    """Facts of the persons registry on this page point at words (by index) and characters
    of its text: they move with the correction, so their boxes stay on their words."""
    moved = word_map(old, new)
    for src in s.scalars(
        select(PersonSource).where(PersonSource.document_id == doc_id, PersonSource.page == number)
    ):
        if src.words:
            src.words = [moved[i] for i in src.words if i in moved]
        if src.start is not None:
            src.start = offset_map(old.text, new.text, src.start)
        if src.end is not None:
            src.end = offset_map(old.text, new.text, src.end)


def correct(
    ctx: AppContext,
    caller: Caller,
    doc_id: int,
    number: int,
    edits: dict[int, str],
    *,
    reason: str = "",
    version: int | None = None,
    report_id: int | None = None,
) -> RevisionOut:
    """Replace lines of the page's recognized text; stored, audited, republished."""
    return _save(
        ctx,
        caller,
        doc_id,
        number,
        lambda old: apply_edits(old, edits),
        version=version,
        reason=reason,
        report_id=report_id,
    )


def revert(
    ctx: AppContext, caller: Caller, doc_id: int, number: int, revision: int, reason: str = ""
) -> RevisionOut:
    """Undo a revision (and what came after it): the page gets the text from before it back,
    recorded as a new revision, so the history only grows."""
    return _save(ctx, caller, doc_id, number, None, reverts=revision, reason=reason)


def revisions(ctx: AppContext, caller: Caller, doc_id: int, number: int) -> list[RevisionOut]:
    """Newest first."""
    with ctx.db.session() as s:
        _editor_page(s, doc_id, number, caller)
        rows = s.scalars(
            select(PageRevision)
            .where(PageRevision.document_id == doc_id, PageRevision.page == number)
            .order_by(PageRevision.id.desc())
        )
        return [RevisionOut.model_validate(r) for r in rows]


def report_misreading(
    ctx: AppContext, caller: Caller, doc_id: int, number: int, body: ReportCreate
) -> ReportOut:
    """Any reader of the page may say it is misread; the report waits in the queue."""
    with ctx.db.session() as s:
        _doc, page = _page(s, doc_id, number, caller)
        count = len(public_lines(_state(page), page.public_text or ""))
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
        lines = editable_lines(_state(page))
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
