"""Send documents back through OCR with other settings (`achyk reprocess --ocr-lang`).

A document is put back before `extract` with its own OCR languages recorded on it, so the
whole pipeline runs again from the original: new text, boxes and confidences, then
enrichment, the public projection and the index. Only published or failed documents are
taken; a withdrawn or superseded one stays out of public view, and one that a worker is
processing right now is left alone.
"""

from __future__ import annotations

from core.models import Document
from core.types import DocState
from indices.context import AppContext
from ocr.tesseract import check_languages, normalize_languages


def resolve_languages(ctx: AppContext, spec: str) -> str:
    """`ru+ky`, `rus,kir,Cyrillic`, `ky-latn`… as tesseract names, checked to be installed."""
    langs = normalize_languages(spec, ctx.settings.ocr_aliases)
    check_languages(langs)
    return langs


def reset_for_ocr(ctx: AppContext, doc_id: int, languages: str | None) -> str | None:
    """Put the document back before extract; None when done, else why it was not."""
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        if doc is None:
            return "нет такого документа"
        if doc.state not in (DocState.PUBLISHED, DocState.FAILED):
            return f"состояние «{doc.state}»: повторное распознавание не требуется или идёт"
        if languages:
            doc.ocr_languages = languages
        doc.state = DocState.RECEIVED
        doc.failed_stage = doc.error_code = doc.error_message = None
        doc.lease_until = None
        return None
