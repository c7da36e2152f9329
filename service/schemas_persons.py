"""API models of the persons registry."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field

from persons.types import MergeDecision, RecordState
from service.params import MAX_ID


class SourceBox(BaseModel):
    word: int = Field(description="Index of the word on the page")
    text: str
    left: int = Field(description="Box in page-image pixels (see width/height)")
    top: int
    width: int
    height: int


class PersonSourceOut(BaseModel):
    id: int
    field: str = Field(description="The fact this source states («name», «arrest_date», …)")
    value: str
    quote: str = Field(description="The words as written in the source")
    document_id: int | None
    page: int | None
    start: int | None = Field(description="Character offsets of the words in the page text")
    end: int | None
    archival_ref: str = Field(description="Fond / opis / delo / list")
    archive: dict[str, str] = Field(
        default_factory=dict,
        description="The page's archival reference by part: fond, opis, delo, list (the "
        "page's sheet when the manifest gives one sheet per page)",
    )
    viewer_url: str | None = Field(description="Opens the scan at the page of the fact")
    image_url: str | None = Field(
        default=None, description="The public image of the page (when it has one)"
    )
    width: int | None = Field(
        default=None, description="Width of the page image the boxes refer to"
    )
    height: int | None = None
    boxes: list[SourceBox] = Field(
        default_factory=list,
        description="Boxes of the words that state the fact, from the page's published "
        "words only (a word the publication removed has no box)",
    )


class PersonOut(BaseModel):
    id: int
    state: RecordState
    name: str
    surname: str | None
    given: str | None
    patronymic: str | None
    father: str | None
    sex: str | None
    birth_year: int | None
    birthplace: str | None
    nationality: str | None
    occupation: str | None
    arrest_date: str | None
    charge: list[str]
    norm_ids: list[str]
    sentenced_by: str | None
    sentence_date: str | None
    sentence: str | None
    camp_years: int | None
    execution_date: str | None
    rehabilitation_date: str | None
    rehabilitated_by: str | None
    notes: str
    variants: list[str]
    url: str


class PersonDetailOut(PersonOut):
    sources: list[PersonSourceOut]
    merged_from: list[int] = Field(description="Records merged into this one")


class PersonSearchOut(BaseModel):
    total: int
    offset: int
    limit: int
    hits: list[PersonOut]
    facets: dict[str, dict[str, int]]


class StateIn(BaseModel):
    state: str = Field(description="proposed, confirmed or published")


class EditIn(BaseModel):
    changes: dict[str, Any] = Field(description="Field → new value (ISO dates, article list)")


class MergeIn(BaseModel):
    a_id: int = Field(ge=1, le=MAX_ID, description="The record that stays")
    b_id: int = Field(ge=1, le=MAX_ID, description="The record merged into it")
    confirm_birth_years: bool = Field(
        default=False, description="Merge even though the birth years differ (409 without)"
    )


class MergeOut(BaseModel):
    id: int
    a_id: int
    b_id: int
    score: float
    evidence: list[str]
    conflicts: list[str]
    state: MergeDecision


class SplitIn(BaseModel):
    source_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        max_length=10_000, description="Sources that move to a new record"
    )


class ReviewOut(BaseModel):
    proposed: list[PersonOut]
    merges: list[MergeOut]


class ImportRowOut(BaseModel):
    line: int
    key: str
    status: str
    errors: list[str]
    person_id: int | None


class ImportOut(BaseModel):
    dry_run: bool
    counts: dict[str, int]
    rows: list[ImportRowOut]


class ExtractOut(BaseModel):
    document_id: int
    proposed: list[int]
    merged_into: list[int]
