"""The comments part of the drafts' bulk export (open data, docs/drafts.md): every
published comment of a public draft with the developer's answer.

Only what the public comment list shows goes out: approved comments, in their
depersonified form (`public_text`, `public_organization`); never the text as written, the
commenter's address, a rejected or pending comment, or the moderator. Registered in
`service.drafts_export.EXPORT_PARTS`, so the export itself did not change for it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Draft, DraftComment
from service.drafts_export import EXPORT_PARTS, ExportPart
from service.schemas_comments import CommentStatus

COMMENT_COLUMNS = (
    "draft_id",
    "comment_id",
    "version",
    "unit_id",
    "quote",
    "commenter_kind",
    "organization",
    "text",
    "submitted_at",
    "answer",
    "answer_reason",
    "answered_at",
)


def _iso(v: dt.datetime | None) -> str | None:
    if v is None:
        return None
    if v.tzinfo is None:
        v = v.replace(tzinfo=dt.UTC)  # SQLite gives stored UTC times back naive
    return v.isoformat()


def comment_rows(s: Session, d: Draft) -> list[dict[str, Any]]:
    rows = s.scalars(
        select(DraftComment)
        .where(DraftComment.draft_id == d.id, DraftComment.status == CommentStatus.APPROVED)
        .order_by(DraftComment.id)
    )
    return [
        {
            "draft_id": d.id,
            "comment_id": c.id,
            "version": c.version,
            "unit_id": c.unit_id,
            "quote": c.quote,
            "commenter_kind": c.commenter_kind,
            "organization": c.public_organization,
            "text": c.public_text or "",
            "submitted_at": _iso(c.created_at),
            "answer": c.answer,
            "answer_reason": c.answer_reason if c.answer else "",
            "answered_at": _iso(c.answered_at),
        }
        for c in rows
    ]


EXPORT_PARTS["comments"] = ExportPart(columns=COMMENT_COLUMNS, rows=comment_rows)
