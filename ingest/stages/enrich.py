"""enrich: language, date and document type; norms and case metadata will join here."""

from __future__ import annotations

from typing import ClassVar

from core.context import AppContext
from core.models import Collection, Document
from core.types import Stage
from ingest.enrich import detect_language, find_date

DOC_TYPE_BY_KIND = {"archive": "archival_record", "court": "court_decision",
                    "legislation": "draft_law"}


class Enrich:
    stage: ClassVar[Stage] = Stage.ENRICH

    def run(self, ctx: AppContext, doc_id: int) -> None:
        with ctx.db.session() as s:
            doc = s.get_one(Document, doc_id)
            coll = s.get_one(Collection, doc.collection_id)
            text = "\n".join(p.text for p in doc.pages)
            doc.language = doc.language or detect_language(text)
            if doc.doc_date is None and doc.year is None:
                doc.doc_date, doc.year = find_date(text)
            elif doc.doc_date is not None:
                doc.year = doc.doc_date.year
            doc.doc_type = doc.doc_type or DOC_TYPE_BY_KIND.get(coll.kind, "document")
            if not doc.title:
                doc.title = doc.original_name
