"""Page-image hits and low-confidence pages, shared by the API, the UI and the CLI.

Only public fields are read: `public_text`, `public_image_key`, and the published word
boxes (`public_words`, checked again by indices.page_hits.published_boxes), so what a box
reveals is never more than what the public text already says.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from core.auth import ANONYMOUS, Caller
from core.errors import NotFoundError
from core.models import Collection, Document, Page
from core.types import DocState, PageSource
from indices.context import AppContext
from indices.page_hits import published_boxes, word_hits
from indices.query import Node, QueryLimits, highlighter, parse
from indices.types import Filters
from service.schemas_ocr import (
    DocumentHits,
    FlaggedPage,
    FlaggedPages,
    OcrReading,
    PageHits,
    PageOcrInfo,
    WordHit,
)
from service.search import _readable


def _hits(doc: Document, page: Page, q: str, node: Node) -> PageHits:
    hl = highlighter(node)
    visible = published_boxes(page.public_words, page.public_text or "")
    found = [visible[i] for i in word_hits(hl, visible, page.lines or [])]
    image = (
        f"/api/v1/documents/{doc.id}/pages/{page.number}/image" if page.public_image_key else None
    )
    return PageHits(
        document=doc.id,
        page=page.number,
        q=q,
        width=page.width,
        height=page.height,
        image_url=image,
        hits=[
            WordHit(
                text=w.text,
                left=w.left,
                top=w.top,
                width=w.width,
                height=w.height,
                confidence=w.conf,
            )
            for w in found
            if w is not None
        ],
    )


def _document(s: Session, doc_id: int, caller: Caller) -> Document:
    doc = s.get(Document, doc_id)
    if doc is None or not _readable(doc, caller):
        raise NotFoundError(f"Документ №{doc_id} не найден")
    return doc


def page_hits(
    ctx: AppContext, doc_id: int, number: int, q: str, caller: Caller = ANONYMOUS
) -> PageHits:
    """Boxes of the words on one page that the query matches; a bad query raises
    QuerySyntaxError (400), an unknown or unpublished document or page NotFoundError."""
    node = parse(q, QueryLimits.from_settings(ctx.settings))
    with ctx.db.session() as s:
        doc = _document(s, doc_id, caller)
        page = next((p for p in doc.pages if p.number == number), None)
        if page is None:
            raise NotFoundError(f"В документе №{doc_id} нет страницы {number}")
        return _hits(doc, page, q, node)


def document_hits(ctx: AppContext, doc_id: int, q: str, caller: Caller = ANONYMOUS) -> DocumentHits:
    """The same for every page at once (the viewer's hit-to-hit navigation)."""
    node = parse(q, QueryLimits.from_settings(ctx.settings))
    with ctx.db.session() as s:
        doc = _document(s, doc_id, caller)
        pages = [_hits(doc, p, q, node) for p in doc.pages if p.public_words]
    pages = [p for p in pages if p.hits]
    return DocumentHits(document=doc_id, q=q, total=sum(len(p.hits) for p in pages), pages=pages)


@dataclass(frozen=True, slots=True)
class Flagged:
    doc_id: int
    title: str
    collection: str
    state: str
    number: int
    confidence: float | None
    words: int
    languages: str | None
    applied: list[str] | None = None


def flagged_query(threshold: float, low: bool = True) -> Select[Page, Document, Collection]:
    """OCR pages under the threshold or with nothing read at all (low), or the others."""
    flagged = or_(Page.confidence.is_(None), Page.confidence < threshold)
    return (
        select(Page, Document, Collection)
        .join(Document, Page.document_id == Document.id)
        .join(Collection, Document.collection_id == Collection.id)
        .where(Page.source == PageSource.OCR, flagged if low else ~flagged)
        .order_by(Page.confidence.is_not(None), Page.confidence, Document.id, Page.number)
    )


def low_confidence(
    ctx: AppContext,
    *,
    threshold: float | None = None,
    low: bool = True,
    collection: str | None = None,
    published_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[int, list[Flagged]]:
    """Flagged pages (or, low=False, the OCR pages that are not), worst first, and how
    many there are in all."""
    thr = ctx.settings.ocr_low_confidence if threshold is None else threshold
    q = flagged_query(thr, low)
    if collection:
        q = q.where(Collection.name == collection)
    if published_only:
        q = q.where(Document.state == DocState.PUBLISHED, Collection.access == "public")
    with ctx.db.session() as s:
        total = s.scalar(select(func.count()).select_from(q.order_by(None).subquery())) or 0
        rows = s.execute(q.offset(offset).limit(limit)).all()
        out = [
            Flagged(
                d.id,
                d.title or d.original_name,
                c.name,
                d.state,
                p.number,
                p.confidence,
                len(p.words or []),
                (p.ocr_info or {}).get("languages"),
                (p.ocr_info or {}).get("applied"),
            )
            for p, d, c in rows
        ]
    return int(total), out


def flagged_pages(
    ctx: AppContext,
    *,
    low: bool = True,
    collection: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> FlaggedPages:
    """The public listing: published documents of public collections only."""
    total, rows = low_confidence(
        ctx, low=low, collection=collection, published_only=True, limit=limit, offset=offset
    )
    return FlaggedPages(
        threshold=ctx.settings.ocr_low_confidence,
        total=total,
        pages=[
            FlaggedPage(
                document=r.doc_id,
                title=r.title,
                collection=r.collection,
                page=r.number,
                confidence=round(r.confidence, 1) if r.confidence is not None else None,
                words=r.words,
                languages=r.languages,
                url=f"/api/v1/documents/{r.doc_id}",
                applied=r.applied,
            )
            for r in rows
        ],
    )


def restrict_to_flagged(ctx: AppContext, filters: Filters) -> Filters | None:
    """Search filters narrowed to documents with at least one flagged page; None if none."""
    with ctx.db.session() as s:
        q = flagged_query(ctx.settings.ocr_low_confidence).where(
            Document.state == DocState.PUBLISHED
        )
        ids = set(s.scalars(select(q.subquery().c.document_id).distinct()))
    if filters.ids:
        ids &= set(filters.ids)
    return replace(filters, ids=tuple(sorted(ids))) if ids else None


def ocr_info(
    info: dict[str, Any] | None, *, document: int, page: int, source: str, confidence: float | None
) -> PageOcrInfo:
    """A page's stored OCR decisions (Page.ocr_info) as the API shows them."""
    info = info or {}
    d = info.get("decisions") or {}
    return PageOcrInfo(
        document=document,
        page=page,
        source=source,
        confidence=round(confidence, 1) if confidence is not None else None,
        languages=info.get("languages"),
        allowed=list(info.get("steps") or []),
        applied=list(d.get("applied") or []),
        why=dict(d.get("why") or {}),
        tone=d.get("tone"),
        layout=d.get("layout"),
        readings=[OcrReading(**r) for r in d.get("passes") or []],
        chosen=str(d.get("chosen") or "prepared"),
        rotation=info.get("rotation"),
        skew=info.get("skew"),
        scale=info.get("scale"),
    )


def page_ocr(ctx: AppContext, doc_id: int, number: int, caller: Caller = ANONYMOUS) -> PageOcrInfo:
    """Why one page was read as it was; NotFoundError for an unknown or unreadable page."""
    with ctx.db.session() as s:
        doc = _document(s, doc_id, caller)
        page = next((p for p in doc.pages if p.number == number), None)
        if page is None:
            raise NotFoundError(f"В документе №{doc_id} нет страницы {number}")
        return ocr_info(
            page.ocr_info,
            document=doc_id,
            page=number,
            source=str(page.source),
            confidence=page.confidence,
        )


def document_ocr(
    ctx: AppContext, doc_id: int, *, local: bool = False, caller: Caller = ANONYMOUS
) -> list[PageOcrInfo]:
    """page_ocr for every page of a document, in page order. `local` (the operator's
    `achyk status --ocr`): any document in any state, published or not."""
    with ctx.db.session() as s:
        found = s.get(Document, doc_id) if local else None
        if local and found is None:
            raise NotFoundError(f"Документ №{doc_id} не найден")
        doc = found if found is not None else _document(s, doc_id, caller)
        return [
            ocr_info(
                p.ocr_info,
                document=doc_id,
                page=p.number,
                source=str(p.source),
                confidence=p.confidence,
            )
            for p in doc.pages
        ]
