"""GET /api/v1/admin/documents/{id}/findings: the private depersonification log, for audit.

What the policy removed from a document, where, by which recognizer and with what
replacement. It is never part of the public projection; reading it is an admin act.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select

from core.auth import Caller, Permission
from core.errors import NotFoundError
from core.models import Document, FindingRecord
from search_api.auth import requires
from service.deps import Ctx
from service.params import DocId

router = APIRouter(tags=["audit"])


class FindingOut(BaseModel):
    page: int
    start: int = Field(description="Character offset in the page's original text")
    end: int
    label: str = Field(
        description="PERSON, PIN, PASSPORT, ADDRESS, PHONE, EMAIL, BIRTH_DATE, "
        "BANK_ACCOUNT, CAR_PLATE"
    )
    recognizer: str
    score: float
    text: str = Field(description="The removed text (private)")
    replacement: str = Field(description="What the public text shows instead")


@router.get(
    "/admin/documents/{doc_id}/findings",
    response_model=list[FindingOut],
    summary="What depersonification removed from a document, and why (admins)",
)
def get_findings(
    ctx: Ctx, doc_id: DocId, _caller: Annotated[Caller, requires(Permission.READ_AUDIT)]
) -> list[FindingOut]:
    with ctx.db.session() as s:
        if s.get(Document, doc_id) is None:
            raise NotFoundError(f"Документ №{doc_id} не найден")
        rows = s.scalars(
            select(FindingRecord)
            .where(FindingRecord.document_id == doc_id)
            .order_by(FindingRecord.page, FindingRecord.start)
        )
        return [
            FindingOut(
                page=r.page,
                start=r.start,
                end=r.end,
                label=r.label,
                recognizer=r.recognizer,
                score=round(r.score, 3),
                text=r.text,
                replacement=r.replacement,
            )
            for r in rows
        ]
