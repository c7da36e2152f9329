"""How a document finds its place in the archival hierarchy: by its own reference.

A document carries the fond, opis, delo and sheets («list») its manifest gave
(``meta["archive_ref"]``). Those codes, joined with "/", are the `ArchiveUnit.ref` of its
delo ("67/9/108"), of the opis above ("67/9") and of the fond ("67"). The search index
files a document under all three (the ``archive`` keyword field), so «search within this
fond» needs the reference only, never the link; the link (`Document.archive_unit_id`)
is what the browse pages count and the breadcrumbs follow.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.models import ArchiveUnit, Document
from core.types import ArchiveLevel

REF_KEYS = ("fond", "opis", "delo")
SEPARATOR = "/"


def ref_paths(ref: Mapping[str, Any] | None) -> list[str]:
    """The unit references a document's archival reference names, fond first:
    {fond: 67, opis: 9, delo: 108} → ["67", "67/9", "67/9/108"]; a gap stops the chain
    (a delo without its opis names no delo)."""
    out: list[str] = []
    parts: list[str] = []
    for key in REF_KEYS:
        value = str((ref or {}).get(key) or "").strip()
        if not value or SEPARATOR in value:
            break
        parts.append(value)
        out.append(SEPARATOR.join(parts))
    return out


def delo_for(s: Session, ref: Mapping[str, Any] | None) -> int | None:
    """The id of the one delo the reference names; None if none or several archives have it."""
    paths = ref_paths(ref)
    if len(paths) < len(REF_KEYS):
        return None
    ids = list(
        s.scalars(
            select(ArchiveUnit.id)
            .where(ArchiveUnit.level == ArchiveLevel.DELO, ArchiveUnit.ref == paths[-1])
            .limit(2)
        )
    )
    return ids[0] if len(ids) == 1 else None


def link_document(s: Session, doc: Document) -> bool:
    """Link the document to its delo when it has none; True if it was linked now."""
    if doc.archive_unit_id is not None:
        return False
    unit = delo_for(s, (doc.meta or {}).get("archive_ref"))
    if unit is None:
        return False
    doc.archive_unit_id = unit
    return True


def link_unlinked(s: Session) -> list[int]:
    """Link every unlinked document with an archival reference; the ids linked."""
    rows = s.execute(
        select(Document.id, Document.meta).where(Document.archive_unit_id.is_(None))
    ).all()
    linked = []
    for doc_id, meta in rows:
        unit = delo_for(s, (meta or {}).get("archive_ref"))
        if unit is not None:
            s.execute(update(Document).where(Document.id == doc_id).values(archive_unit_id=unit))
            linked.append(int(doc_id))
    return linked
