"""enrich: language, date, document type, case metadata of court acts, norm references."""

from __future__ import annotations

from typing import ClassVar

from core.models import Collection, Document
from core.types import Stage
from indices.context import AppContext
from ingest.enrich import detect_language, find_date
from ingest.enrich.case import read_case
from norms import norm_ids
from persons.registry import propose_from_document
from persons.sync import watch_settings

DOC_TYPE_BY_KIND = {
    "archive": "archival_record",
    "court": "court_decision",
    "legislation": "draft_law",
}


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
            # Metadata given at intake (manifest, court API) wins over what is read here.
            meta = {**read_case(text).as_meta(), **(doc.meta or {})}
            meta["norms"] = norm_ids(text, doc.doc_date)
            doc.meta = meta
            # Archival collections keep names by policy: their persons are proposed to the
            # registry (archivists confirm them; pages already read are skipped).
            if ctx.settings.persons_extract and coll.policy == "archive":
                st = ctx.settings
                # What is proposed here, and the published records it merges into, reach
                # the persons index when this session commits.
                watch_settings(
                    ctx.db, st.search_url, st.index_dir, st.index_prefix, ctx.search_client
                )
                s.flush()
                propose_from_document(s, doc.id, ctx.settings.persons_auto_merge)
