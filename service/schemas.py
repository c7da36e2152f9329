"""Response models of the public API (also what `achyk search --json` prints)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from core.types import CaseOutcome, CourtInstance, Language

# "" where a document has none (no language read, not a court act, no outcome found).
LanguageOrNone = Language | Literal[""]
OutcomeOrNone = CaseOutcome | Literal[""]
# Instance stays an open string: the court API's metadata may name another than these.
INSTANCE_HELP = ", ".join(CourtInstance)
OUTCOME_HELP = ", ".join(CaseOutcome)


class FacetBucket(BaseModel):
    value: str
    count: int


class PageMatch(BaseModel):
    number: int = Field(description="Page number, from 1")
    snippets: list[str] = Field(description="HTML-escaped fragments with <mark> around matches")


class SearchHit(BaseModel):
    id: int
    title: str
    collection: str
    doc_type: str
    language: LanguageOrNone
    format: str
    year: int | None
    date: str | None
    score: float
    snippets: list[str] = Field(description="HTML-escaped fragments with <mark> around matches")
    pages: list[PageMatch] = Field(description="Pages of this document that match, best first")
    url: str = Field(description="API path of the document")
    persons_named: int = Field(
        0,
        description=(
            "Published records of the persons registry whose sources cite this document "
            "(«persons named here»; GET /api/v1/persons?document_id=ID lists them). Always 0 "
            "for a court collection: court acts name no registry persons"
        ),
    )
    court: str = Field("", description="Court of a court act (from its header or metadata)")
    instance: str = Field(
        "",
        description=f"{INSTANCE_HELP} as read from the act's header; the court API's metadata "
        "may name another",
    )
    category: str = Field("", description="criminal, civil or administrative")
    outcome: OutcomeOrNone = Field("", description="What the court act decided")
    case_number: str | None = Field(None, description="Case number as written («1-263/21»)")
    norms: list[str] = Field(
        default_factory=list,
        description=(
            "Canonical ids of the legal norms the document cites (ACT/ARTICLE[/PART[/ITEM]])"
        ),
    )


class YearCount(BaseModel):
    year: int
    count: int = Field(description="Documents of that year matching the query and filters")


class SearchResponse(BaseModel):
    total: int = Field(description="Documents matching the query and filters")
    page: int
    size: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetBucket]] = Field(
        description="Counts per value of collection, doc_type, language, format, year"
    )
    histogram: list[YearCount] = Field(
        default_factory=list,
        description="Matching documents per year, years ascending (years without a match "
        "left out); empty when facets=false",
    )


class PagePublic(BaseModel):
    number: int
    source: str = Field(description="'text' (text layer) or 'ocr'")
    text: str = Field(description="Public text of the page")
    confidence: float | None = Field(description="Mean OCR word confidence, 0-100")
    image_url: str | None
    width: int | None
    height: int | None


class DocumentPublic(BaseModel):
    id: int
    title: str
    collection: str
    doc_type: str
    language: Language | None
    format: str | None
    date: str | None
    year: int | None
    page_count: int
    case: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Case metadata of a court act: act, case_number, court, instance, category, outcome"
        ),
    )
    norms: list[str] = Field(default_factory=list, description="Canonical ids of cited norms")
    citation: str | None = Field(
        default=None,
        description=(
            "Archival reference to cite (fond, opis, delo, list), from the upload's manifest"
        ),
    )
    pages: list[PagePublic]


class Health(BaseModel):
    status: str
    database: str
    search: str
    documents: int


class ErrorOut(BaseModel):
    """An error answer: a message, or FastAPI's list of invalid fields (422)."""

    detail: str | list[dict[str, object]] = Field(
        description="What is wrong (Russian), or the invalid request fields"
    )
