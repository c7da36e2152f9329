"""Archivists correct a page's recognized text line by line (reports: misreading_reports).

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

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.audit import record
from core.auth import Caller, Permission, Role
from core.errors import AccessDenied, ConflictError, NotFoundError, StageError, TransientError
from core.models import (
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
    RevisionOut,
)


def may_correct(caller: Caller, doc: Document) -> bool:
    if not caller.can(Permission.CORRECT_TEXT):
        return False
    return doc.collection.kind == "archive" or caller.role is Role.ADMIN


def page_of(s: Session, doc_id: int, number: int, caller: Caller) -> tuple[Document, Page]:
    doc = s.get(Document, doc_id)
    if doc is None or not readable(doc, caller):
        raise NotFoundError(f"Документ №{doc_id} не найден")
    page = next((p for p in doc.pages if p.number == number), None)
    if page is None:
        raise NotFoundError(f"В документе №{doc_id} нет страницы {number}")
    return doc, page


def _editorpage_of(s: Session, doc_id: int, number: int, caller: Caller) -> tuple[Document, Page]:
    """The page, for a caller who may correct it: 404, 401 or 403 otherwise."""
    doc, page = page_of(s, doc_id, number, caller)
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


def state_of(page: Page) -> PageState:
    return PageState(page.text or "", list(page.words or []), list(page.lines or []))


def page_text(ctx: AppContext, doc_id: int, number: int, caller: Caller) -> PageTextOut:
    """The page line by line: the recognized text to a corrector, the public text to others."""
    with ctx.db.session() as s:
        doc, page = page_of(s, doc_id, number, caller)
        editable = may_correct(caller, doc)
        if editable:
            lines = [
                LineOut(index=ln.index, text=ln.text, box=list(ln.box) if ln.box else None)
                for ln in editable_lines(state_of(page))
            ]
        else:
            lines = [
                LineOut(index=ln.index, text=ln.text, box=None)
                for ln in public_lines(state_of(page), page.public_text or "")
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
        _doc, page = _editorpage_of(s, doc_id, number, caller)
        current = _version(s, doc_id, number)
        if version is not None and version != current:
            raise ConflictError(
                f"Страницу уже исправили (версия {current}, а редактор открыт на версии "
                f"{version}): откройте её заново"
            )
        old = state_of(page)
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
        _editorpage_of(s, doc_id, number, caller)
        rows = s.scalars(
            select(PageRevision)
            .where(PageRevision.document_id == doc_id, PageRevision.page == number)
            .order_by(PageRevision.id.desc())
        )
        return [RevisionOut.model_validate(r) for r in rows]
