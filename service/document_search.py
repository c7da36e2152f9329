"""Search within one document: the pages that match a query and where on each page.

Which pages match is the engine's answer (the pages index with a document-id filter), so
the morphology, spelling folds, phrases and exclusions of the main search hold here too;
where a page matches is the highlighter's (`indices.highlight.match_spans`), the same one
that marks snippets and boxes words on page images. Offsets are characters of the
published page text, the text GET /api/v1/documents/{id} serves: nothing else is read.
"""

from __future__ import annotations

from core.auth import ANONYMOUS, Caller
from core.errors import NotFoundError
from core.models import Document
from indices.context import AppContext
from indices.highlight import match_spans
from indices.query import QueryLimits, highlighter, parse
from service.access import readable
from service.schemas_document_search import DocumentSearchResponse, PageTextHits, TextHit
from service.search import backend_errors


def search_document(
    ctx: AppContext, doc_id: int, q: str, caller: Caller = ANONYMOUS
) -> DocumentSearchResponse:
    """Matches of `q` in a readable document; 'not found' as for the document route."""
    node = parse(q, QueryLimits.from_settings(ctx.settings))
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        if doc is None or not readable(doc, caller):
            raise NotFoundError(f"Документ №{doc_id} не найден")
        texts = {p.number: p.public_text or "" for p in doc.pages}
    hl = highlighter(node)
    if hl.empty or not texts:
        return DocumentSearchResponse(q=q, total=0, pages=[])
    with backend_errors():
        found = ctx.search.pages(node, [doc_id], limit=len(texts))
    pages = []
    for number in sorted({p.number for p in found if p.doc_id == doc_id}):
        text = texts.get(number, "")
        hits = [TextHit(start=s, end=e, text=text[s:e]) for s, e in match_spans(hl, text)]
        if hits:
            pages.append(PageTextHits(number=number, hits=hits))
    return DocumentSearchResponse(q=q, total=sum(len(p.hits) for p in pages), pages=pages)
