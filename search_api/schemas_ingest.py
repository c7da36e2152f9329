"""Models of the write API: batches, court decisions, keys and the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from core.types import AuditOutcome, IntakeOutcome


def _utc(v: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes (stored in UTC): say so, as RFC 3339 requires."""
    return v if v.tzinfo else v.replace(tzinfo=dt.UTC)


UtcDateTime = Annotated[dt.datetime, AfterValidator(_utc)]


class ItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    source: str = Field(description="File name as sent; a ZIP member is `archive.zip/path`")
    outcome: IntakeOutcome = Field(
        description="new, duplicate (same bytes already stored) or failed (refused at intake)"
    )
    state: str = Field(
        description="received, extracted, enriched, anonymized, published, "
        "failed; `rejected` when refused at intake"
    )
    document_id: int | None
    stage: str | None = Field(
        description="Stage that failed: intake, extract, enrich, anonymize, index"
    )
    error_code: str | None = Field(
        description="Machine-readable reason, e.g. zip_bomb, "
        "unsafe_path, not_in_manifest, corrupt_file"
    )
    message: str | None = Field(description="Reason in words (Russian)")


class BatchOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    label: str
    origin: str = Field(description="api or cli")
    created_at: UtcDateTime
    total: int = Field(description="Items: files and ZIP members, refused ones included")
    done: int = Field(description="Items no longer in progress")
    counts: dict[str, int] = Field(
        description="Items per state; in_progress for the unfinished ones"
    )
    duplicates: int = Field(description="Items whose bytes were already stored")
    finished: bool
    eta_seconds: float | None = Field(description="Estimated seconds left, from the rate so far")
    failures: list[ItemOut] = Field(description="Failed and refused items with their reasons")
    items: list[ItemOut] = Field(description="Every item (empty when items=false)")
    url: str = Field(description="This status")
    events_url: str = Field(description="Live progress as server-sent events")
    new_published: int = Field(
        default=0,
        description="Items first stored by this batch (not duplicates) whose "
        "document is published; with `duplicates` and the failures "
        "it adds up to `total` once the batch is finished",
    )


class RetryOut(BaseModel):
    batch_id: int
    retried: list[int] = Field(description="Documents sent through the pipeline again")


class DecisionMetaIn(BaseModel):
    """The `metadata` form field of POST/PUT /decisions, as JSON."""

    court: str = Field(min_length=2, max_length=300, description="Court name")
    case_number: str = Field(min_length=1, max_length=100, description="Case number")
    decision_date: dt.date = Field(description="Date of the decision, YYYY-MM-DD")
    instance: str = Field(
        default="", max_length=50, description="first, appeal, cassation, supreme"
    )
    category: str = Field(
        default="", max_length=100, description="criminal, civil, administrative, economic, ..."
    )
    judge: str = Field(default="", max_length=200, description="Presiding judge")


class DecisionVersionOut(BaseModel):
    version: int
    document_id: int
    state: str
    created_at: UtcDateTime


class DecisionOut(BaseModel):
    id: int = Field(description="Decision id (stable across versions)")
    court: str
    case_number: str
    decision_date: dt.date
    instance: str
    category: str
    judge: str
    version: int = Field(description="Latest version number")
    state: str = Field(
        description="State of the latest version: received … published, failed, withdrawn"
    )
    document_id: int | None = Field(description="The publicly visible version's document")
    public_url: str = Field(description="Public page of the decision (follows new versions)")
    api_url: str
    created: bool | None = Field(
        default=None, description="POST/PUT: whether anything new was stored"
    )
    versions: list[DecisionVersionOut] | None = Field(
        default=None, description="Every version (for the court's clerks and admins only)"
    )


class AuditEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: UtcDateTime
    actor: str = Field(description="Key prefix, `cli`, or `anonymous`")
    role: str | None
    action: str
    target: str
    client: str = Field(description="Client address")
    outcome: AuditOutcome = Field(
        description="ok; denied (authentication or permission); "
        "refused (the registry refused the change)"
    )
    detail: dict[str, object]
