"""index: the public projection of a document goes to the search backend."""

from __future__ import annotations

from typing import ClassVar

from core.archive_links import ref_paths
from core.errors import ErrorCode, StageError
from core.models import Document
from core.types import Stage
from indices.context import AppContext
from indices.types import IndexDoc, IndexPage
from norms import hierarchy


def index_doc(doc: Document) -> IndexDoc:
    """Only public fields: the index is as public as the API.

    Case metadata of court acts (court, instance, category, outcome, case number) is
    public by law; norm ids are stored with their ancestors so that a filter on an article
    matches every part and item under it.
    """
    meta = doc.meta or {}
    norms = [a for nid in meta.get("norms", []) for a in hierarchy(nid)]
    extra = {k: meta[k] for k in ("case_number", "act") if meta.get(k)}
    extra["norms"] = list(meta.get("norms", []))
    return IndexDoc(
        id=doc.id,
        title=doc.title,
        collection=doc.collection.name,
        doc_type=doc.doc_type,
        language=doc.language or "",
        format=doc.format or "",
        year=doc.year,
        date=doc.doc_date.isoformat() if doc.doc_date else None,
        pages=tuple(IndexPage(p.number, p.public_text or "") for p in doc.pages),
        extra=extra,
        court=str(meta.get("court") or ""),
        instance=str(meta.get("instance") or ""),
        category=str(meta.get("category") or ""),
        outcome=str(meta.get("outcome") or ""),
        norms=tuple(dict.fromkeys(norms)),
        archive=tuple(ref_paths(meta.get("archive_ref"))),
    )


class Index:
    stage: ClassVar[Stage] = Stage.INDEX

    def run(self, ctx: AppContext, doc_id: int) -> None:
        with ctx.db.session() as s:
            doc = s.get_one(Document, doc_id)
            if any(p.public_text is None for p in doc.pages):
                raise StageError(
                    ErrorCode.INDEX_FAILED, "Нет публичного текста: этап anonymize не завершён"
                )
            payload = index_doc(doc)
        try:
            ctx.search.index([payload])
        except Exception as e:
            raise StageError(
                ErrorCode.INDEX_FAILED,
                "Поисковый индекс недоступен: документ не "
                "проиндексирован, повторите обработку позже",
            ) from e
