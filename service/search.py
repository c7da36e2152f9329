"""Search and document reads shared by the API, the UI and the CLI.

Keeping them here means `achyk search --json` prints exactly what GET /search returns.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select

from core.auth import ANONYMOUS, Caller, Permission, court_key
from core.errors import AchykError, NotFoundError, TransientError
from core.models import Collection, Decision, DecisionVersion, Document
from core.types import DocState, Language
from indices.context import AppContext
from indices.highlight import snippets
from indices.query import QueryLimits, highlighter, parse
from indices.types import Filters, Sort
from service.access import readable as _readable
from service.persons import named_counts
from service.schemas import (
    DocumentPublic,
    FacetBucket,
    PageMatch,
    PagePublic,
    SearchHit,
    SearchResponse,
    YearCount,
)

PAGES_PER_HIT = 10
MAX_SIZE = 100
log = logging.getLogger(__name__)


@contextmanager
def backend_errors() -> Iterator[None]:
    """Fail closed: a search engine error becomes 503, never a partial or unfiltered answer.

    Our own errors (a bad query: 400) pass through; anything else from the engine is
    logged and reported as unavailable.
    """
    try:
        yield
    except AchykError:
        raise
    except Exception as e:
        log.exception("search backend failed")
        raise TransientError("Поиск временно недоступен, повторите запрос позже") from e


@dataclass(frozen=True, slots=True)
class SearchParams:
    q: str = ""
    filters: Filters = field(default_factory=Filters)
    page: int = 1
    size: int = 10
    facets: bool = True
    sort: Sort = Sort.RELEVANCE


def visible_filters(ctx: AppContext, filters: Filters, caller: Caller) -> Filters | None:
    """The filters narrowed to the collections the caller may read; None if there are none.

    Access is per collection, so a collection filter enforces it in every backend
    without an access field in the index.
    """
    if caller.can(Permission.READ_RESTRICTED):
        return filters
    with ctx.db.session() as s:
        rows = s.execute(select(Collection.name, Collection.access)).all()
    restricted = {name for name, access in rows if access != "public"}
    if not restricted:
        return filters
    wanted = filters.collection or tuple(sorted(name for name, _ in rows))
    allowed = tuple(c for c in wanted if c not in restricted)
    return replace(filters, collection=allowed) if allowed else None


def published(ctx: AppContext, ids: list[int]) -> set[int]:
    """A safety net: an entry whose document left public view is never shown."""
    if not ids:
        return set()
    with ctx.db.session() as s:
        return set(
            s.scalars(
                select(Document.id).where(
                    Document.id.in_(ids), Document.state == DocState.PUBLISHED
                )
            )
        )


def search(ctx: AppContext, params: SearchParams, caller: Caller = ANONYMOUS) -> SearchResponse:
    node = parse(params.q, QueryLimits.from_settings(ctx.settings))
    size = max(1, min(params.size, MAX_SIZE))
    page = max(1, params.page)
    filters = visible_filters(ctx, params.filters, caller)
    if filters is None:
        return SearchResponse(total=0, page=page, size=size, hits=[], facets={})
    with backend_errors():
        raw = ctx.search.search(
            node,
            filters,
            offset=(page - 1) * size,
            limit=size,
            facets=params.facets,
            sort=params.sort,
        )
    hl = highlighter(node)
    public = published(ctx, [h.id for h in raw.hits])
    raw = replace(raw, hits=[h for h in raw.hits if h.id in public])
    ids = [h.id for h in raw.hits]
    by_doc: dict[int, list[PageMatch]] = {i: [] for i in ids}
    if ids and not hl.empty:
        with backend_errors():
            page_hits = ctx.search.pages(node, ids, limit=PAGES_PER_HIT * len(ids))
        for ph in page_hits:
            if len(by_doc[ph.doc_id]) < PAGES_PER_HIT:
                by_doc[ph.doc_id].append(
                    PageMatch(number=ph.number, snippets=snippets(hl, ph.text)[:1])
                )
        for matches in by_doc.values():
            matches.sort(key=lambda m: m.number)  # the best pages, listed in reading order
    with ctx.db.session() as s:
        named = named_counts(s, ids, caller)
    hits = [
        SearchHit(
            id=h.id,
            title=h.fields.get("title", ""),
            collection=h.fields.get("collection", ""),
            doc_type=h.fields.get("doc_type", ""),
            language=h.fields.get("language", ""),
            format=h.fields.get("format", ""),
            year=h.fields.get("year"),
            date=h.fields.get("date"),
            score=round(h.score, 4),
            snippets=snippets(hl, h.fields.get("text", "")),
            pages=by_doc[h.id],
            url=f"/api/v1/documents/{h.id}",
            persons_named=named.get(h.id, 0),
            **case_fields(h.fields),
        )
        for h in raw.hits
    ]
    facets = {
        k: [FacetBucket(value=v.value, count=v.count) for v in vs] for k, vs in raw.facets.items()
    }
    histogram = [YearCount(year=int(v.value), count=v.count) for v in raw.years]
    return SearchResponse(
        total=raw.total, page=page, size=size, hits=hits, facets=facets, histogram=histogram
    )


CASE_KEYS = ("act", "case_number", "court", "instance", "category", "outcome")


def case_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The court-act fields of a hit, as SearchHit names them."""
    return {
        "court": fields.get("court") or "",
        "instance": fields.get("instance") or "",
        "category": fields.get("category") or "",
        "outcome": fields.get("outcome") or "",
        "case_number": fields.get("case_number"),
        "norms": list(fields.get("norms") or []),
    }


def get_document(ctx: AppContext, doc_id: int, caller: Caller = ANONYMOUS) -> DocumentPublic:
    """A published document's public projection; anything else is 'not found' to the public.

    A restricted collection's document is 'not found' too for callers below researcher:
    even its existence is not disclosed.
    """
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        if doc is None or not _readable(doc, caller):
            raise NotFoundError(f"Документ №{doc_id} не найден")
        return DocumentPublic(
            id=doc.id,
            title=doc.title,
            collection=doc.collection.name,
            doc_type=doc.doc_type,
            language=Language(doc.language) if doc.language else None,
            format=doc.format,
            date=doc.doc_date.isoformat() if doc.doc_date else None,
            year=doc.year,
            page_count=doc.page_count,
            case={k: str(v) for k, v in (doc.meta or {}).items() if k in CASE_KEYS and v},
            norms=list((doc.meta or {}).get("norms", [])),
            citation=(doc.meta or {}).get("citation"),
            pages=[
                PagePublic(
                    number=p.number,
                    source=p.source,
                    text=p.public_text or "",
                    confidence=round(p.confidence, 1) if p.confidence is not None else None,
                    image_url=(
                        f"/api/v1/documents/{doc.id}/pages/{p.number}/image"
                        if p.public_image_key
                        else None
                    ),
                    width=p.width,
                    height=p.height,
                )
                for p in doc.pages
            ],
        )


@dataclass(frozen=True, slots=True)
class PageImage:
    data: bytes
    public: bool  # a published page of a public collection: shared caches may keep it
    key: str = ""  # the blob's content hash: derived images (IIIF) are cached under it


def page_image(ctx: AppContext, doc_id: int, number: int, caller: Caller = ANONYMOUS) -> PageImage:
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        if doc is None or not _readable(doc, caller):
            raise NotFoundError(f"Документ №{doc_id} не найден")
        page = next((p for p in doc.pages if p.number == number), None)
        if page is None:
            raise NotFoundError(f"В документе №{doc_id} нет страницы {number}")
        if not page.public_image_key:
            raise NotFoundError(f"У страницы {number} документа №{doc_id} нет изображения")
        key = page.public_image_key
        public = doc.collection.access == "public"
    return PageImage(ctx.blobs.get(key), public, key)


def may_know_document(ctx: AppContext, doc_id: int, caller: Caller) -> bool:
    """Whether the caller may learn that document `doc_id` exists: it is readable to them,
    or it is a version of a decision of their own court."""
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        if doc is None:
            return False
        if _readable(doc, caller) or caller.can(Permission.ANY_COURT):
            return True
        court = s.scalar(
            select(Decision.court)
            .join(DecisionVersion)
            .where(DecisionVersion.document_id == doc_id)
        )
    return (
        court is not None
        and caller.court is not None
        and caller.can(Permission.PUBLISH_DECISIONS)
        and court_key(court) == court_key(caller.court)
    )
