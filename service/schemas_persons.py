"""API models of the persons registry."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from persons.types import MergeDecision, RecordState


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
    viewer_url: str | None = Field(description="Opens the scan at the page of the fact")


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
    a_id: int = Field(description="The record that stays")
    b_id: int = Field(description="The record merged into it")


class MergeOut(BaseModel):
    id: int
    a_id: int
    b_id: int
    score: float
    evidence: list[str]
    conflicts: list[str]
    state: MergeDecision


class SplitIn(BaseModel):
    source_ids: list[int] = Field(description="Sources that move to a new record")


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
