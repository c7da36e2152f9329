"""Response models of the public API (also what `achyk search --json` prints)."""

from __future__ import annotations

from pydantic import BaseModel, Field


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
    language: str
    format: str
    year: int | None
    date: str | None
    score: float
    snippets: list[str] = Field(description="HTML-escaped fragments with <mark> around matches")
    pages: list[PageMatch] = Field(description="Pages of this document that match, best first")
    url: str = Field(description="API path of the document")


class SearchResponse(BaseModel):
    total: int = Field(description="Documents matching the query and filters")
    page: int
    size: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetBucket]] = Field(
        description="Counts per value of collection, doc_type, language, format, year")


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
    language: str | None
    format: str | None
    date: str | None
    year: int | None
    page_count: int
    pages: list[PagePublic]


class Health(BaseModel):
    status: str
    database: str
    search: str
    documents: int
