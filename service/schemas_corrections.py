"""Request and response models of corrections and misreading reports (API and UI share them)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from service.page_lines import MAX_LINE
from service.params import MAX_ID


def _utc(v: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes (stored in UTC): say so, as RFC 3339 requires."""
    return v if v.tzinfo else v.replace(tzinfo=dt.UTC)


UtcDateTime = Annotated[dt.datetime, AfterValidator(_utc)]
MAX_REASON = 500
MAX_NOTE = 1000
MAX_LINES_PER_SAVE = 2000


class LineOut(BaseModel):
    index: int = Field(description="The line's number on the page, from 0")
    text: str
    box: list[int] | None = Field(
        None,
        description="[left, top, width, height] of the line on the page image (view "
        "pixels, as `width`/`height`); null for a page without OCR lines",
    )


class PageTextOut(BaseModel):
    document: int
    page: int
    editable: bool = Field(
        description="True for a caller who may correct this page: the lines are then the "
        "recognized text itself; otherwise the published text (depersonified where the "
        "collection's policy says so), line by line"
    )
    version: int = Field(
        description="How many corrections the page has had; send it back with PUT so a "
        "save over someone else's newer correction is refused (409)"
    )
    width: int | None = None
    height: int | None = None
    image_url: str | None = None
    lines: list[LineOut]


class LineEdit(BaseModel):
    index: int = Field(ge=0, le=100_000, description="The line's number, from 0")
    text: str = Field(max_length=MAX_LINE, description="The line as it should read")


class PageCorrection(BaseModel):
    lines: list[LineEdit] = Field(
        min_length=1,
        max_length=MAX_LINES_PER_SAVE,
        description="Only the lines that change; each replaces the whole line",
    )
    reason: str = Field("", max_length=MAX_REASON, description="Why (shown in the history)")
    version: int | None = Field(
        None, ge=0, le=MAX_ID, description="The `version` the editor was opened at (recommended)"
    )
    report_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="The misreading report this correction answers, if any"
    )


class RevertRequest(BaseModel):
    revision: int = Field(
        ge=1, le=MAX_ID, description="The revision to undo: the page returns to the text before it"
    )
    reason: str = Field("", max_length=MAX_REASON)


class LineChange(BaseModel):
    index: int
    old: str
    new: str


class RevisionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    document_id: int
    page: int
    line_index: int | None
    changes: list[LineChange]
    author: str
    reason: str
    reverts_id: int | None
    at: UtcDateTime


class ReportCreate(BaseModel):
    line: int | None = Field(None, ge=0, le=100_000, description="The misread line, from 0")
    region: list[Annotated[int, Field(ge=0, le=1_000_000)]] | None = Field(
        None,
        min_length=4,
        max_length=4,
        description="Or a region of the page image: [left, top, width, height]",
    )
    suggested: str = Field(
        min_length=1, max_length=MAX_LINE, description="What the text should say there"
    )
    note: str = Field(
        "",
        max_length=MAX_NOTE,
        description="Optional note on the misreading; no name or contact is asked for",
    )


class ReportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    document_id: int
    page: int
    line_index: int | None
    region: list[int] | None
    status: Literal["open", "accepted", "rejected"]
    created_at: UtcDateTime


class QueuedReport(ReportOut):
    """A report as the archivist's queue shows it, with the line as it reads now."""

    suggested: str
    note: str
    current: str | None = Field(None, description="The line's recognized text now")
    handled_by: str | None
    handled_at: UtcDateTime | None
    reason: str
    revision_id: int | None
    editor_url: str


class ReportDecision(BaseModel):
    action: Literal["accept", "reject"]
    reason: str = Field("", max_length=MAX_REASON, description="Required to reject")
