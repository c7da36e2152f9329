"""API models of the draft-law portal: plan items, drafts, versions, diffs, stage changes.

Stages, kinds of act and error codes are the values of the ``drafts`` engine, so the API,
the pages and the CLI speak of them the same way.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from drafts import ActKind, DraftStage


def no_nul(value: str) -> str:
    """PostgreSQL text cannot hold NUL; no draft needs one."""
    return value.replace("\x00", "")


Text = Annotated[str, AfterValidator(no_nul)]


class VersionKind(StrEnum):
    MAIN = "main"  # the developer agency's text
    ALTERNATIVE = "alternative"  # proposed by another party, shown beside the main text


class AttachmentKind(StrEnum):
    JUSTIFICATION_NOTE = "justification_note"  # справка-обоснование
    REGULATORY_IMPACT = "regulatory_impact"  # анализ регулятивного воздействия
    COMPARATIVE_TABLE = "comparative_table"  # сравнительная таблица


class DraftErrorOut(BaseModel):
    """A refusal by a draft rule: the Russian message and the rule's code (or FastAPI's
    list of invalid request fields, without a code)."""

    detail: str | list[dict[str, object]]
    code: str | None = Field(
        default=None, description="The rule that refused (docs/drafts.md): window_too_short, …"
    )


class PlanItemOut(BaseModel):
    id: int
    agency: str
    year: int
    title: str
    act_kind: ActKind
    quarter: int = Field(description="Planned quarter, 1–4")
    area: str = Field(description="Regulatory area")
    responsible: str = Field(description="Responsible body")
    draft_id: int | None = Field(
        description="The draft made for this item, once it is public (or the caller's own)"
    )


class PlanRowErrorOut(BaseModel):
    line: int = Field(description="1-based line of the file (the header is line 1)")
    column: str = Field(description="Column key, empty for the whole row or file")
    message: str


class PlanImportOut(BaseModel):
    dry_run: bool
    read: int = Field(description="Items read without error")
    created: int = Field(description="New items stored (0 on a dry run)")
    updated: int = Field(description="Items already in the plan, updated (0 on a dry run)")
    errors: list[PlanRowErrorOut] = Field(
        description="One per bad row; when there is any, nothing is stored"
    )


class DraftIn(BaseModel):
    title: Text = Field(min_length=3, max_length=2000)
    act_kind: ActKind
    agency: Text = Field(
        min_length=2, max_length=300, description="Developer agency; a developer key's own"
    )
    area: Text = Field(default="", max_length=300, description="Regulatory area")
    summary: Text = Field(default="", max_length=5000)
    plan_item_id: int | None = Field(
        default=None, ge=1, description="The plan item this draft carries out (same agency)"
    )


class StageIn(BaseModel):
    stage: DraftStage = Field(description="The stage to move to (see docs/drafts.md)")
    closes: dt.date | None = Field(
        default=None,
        description="Last day of the discussion (inclusive); required to open a discussion",
    )
    reason: Text = Field(
        default="", max_length=5000, description="Required to withdraw or reject a draft"
    )


class ExtendIn(BaseModel):
    closes: dt.date = Field(description="The new last day of the discussion, later than now")
    reason: Text = Field(min_length=1, max_length=5000)


class EventOut(BaseModel):
    kind: str = Field(description="stage_changed or discussion_extended")
    at: dt.datetime
    from_stage: DraftStage
    to_stage: DraftStage
    reason: str
    closes_before: dt.date | None
    closes_after: dt.date | None


class VersionOut(BaseModel):
    number: int
    kind: VersionKind
    party: str = Field(description="Who proposed an alternative version (empty: the developer)")
    note: str
    file_name: str
    format: str | None
    created_at: dt.datetime
    chars: int = Field(description="Length of the text, characters")
    units: int = Field(description="Units (articles, parts, points) parsed from the text")
    warnings: list[str] = Field(description="What the structure parser found odd")


class VersionTextOut(VersionOut):
    text: str


class AttachmentOut(BaseModel):
    id: int
    kind: AttachmentKind
    title: str
    file_name: str
    size: int
    url: str = Field(description="Download of the file")


class AmendedNormOut(BaseModel):
    unit_id: str | None = Field(description="The unit of the draft that makes the change")
    unit_label: str
    operation: str = Field(description="amend, insert, repeal or renumber")
    norm_id: str = Field(description="Canonical norm id (docs/norms.md)")
    practice_url: str = Field(description="Court practice applying the norm today")


class DraftOut(BaseModel):
    id: int
    title: str
    act_kind: ActKind
    agency: str
    area: str
    summary: str
    stage: DraftStage
    opens: dt.date | None = Field(description="First day of the discussion")
    closes: dt.date | None = Field(description="Last day of the discussion (inclusive)")
    open_for_comments: bool = Field(description="Today (Asia/Bishkek) is in the window")
    published_at: dt.datetime | None = Field(description="When the discussion first opened")
    versions: int
    plan_item_id: int | None


class DraftDetailOut(DraftOut):
    next_stages: list[DraftStage] = Field(description="Stages the rules allow next")
    events: list[EventOut] = Field(description="The audit of the life cycle, oldest first")
    version_list: list[VersionOut]
    attachments: list[AttachmentOut]
    amended_norms: list[AmendedNormOut] = Field(
        description="What an amending draft would change (latest main version), with links "
        "to the court practice applying each norm"
    )


class DraftListOut(BaseModel):
    total: int
    drafts: list[DraftOut]


class AmendingDraftOut(BaseModel):
    """A public draft that would change a norm (on the practice and norm pages)."""

    id: int
    title: str
    agency: str
    stage: DraftStage
    closes: dt.date | None
    open_for_comments: bool
    url: str = Field(description="The draft's page")
    operations: list[AmendedNormOut] = Field(
        description="Its operations on this norm (or on a part of it, or on its article)"
    )


class FacetCount(BaseModel):
    value: str
    count: int


class DraftSearchOut(BaseModel):
    total: int = Field(description="Public drafts matching the words and filters")
    drafts: list[DraftOut] = Field(description="Best match first (newest first without words)")
    facets: dict[str, list[FacetCount]] = Field(
        description="Counts of the matches by stage, agency, area and act_kind"
    )


class WordOpOut(BaseModel):
    op: str = Field(description="equal, insert, delete or replace")
    old: str
    new: str


class UnitChangeOut(BaseModel):
    kind: str = Field(description="unchanged, changed, renumbered, added or removed")
    unit_kind: str
    old_id: str | None
    new_id: str | None
    old_label: str = Field(description="The unit in words in the old version")
    new_label: str
    similarity: float
    text_changed: bool
    moved: bool = Field(description="Its place among its siblings or its chapter changed")
    words: list[WordOpOut] = Field(description="Word diff (empty when unchanged)")
    children: list[UnitChangeOut]


class DiffOut(BaseModel):
    draft_id: int
    from_version: int
    to_version: int
    counts: dict[str, int] = Field(description="Articles by kind of change")
    changes: list[UnitChangeOut] = Field(description="Articles in the order of the new text")
    containers: list[UnitChangeOut] = Field(description="Sections and chapters")
    mapping: dict[str, str | None] = Field(description="Every old unit id to its new id")
