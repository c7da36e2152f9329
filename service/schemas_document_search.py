"""Response model of GET /api/v1/documents/{id}/search (search within one document)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class TextHit(BaseModel):
    start: int = Field(description="Offset of the first character, in the page's public text")
    end: int = Field(description="Offset after the last character (exclusive)")
    text: str = Field(description="The matched word as it is written on the page")


class PageTextHits(BaseModel):
    number: int = Field(description="Page number, from 1")
    hits: list[TextHit] = Field(description="Matches on the page, in reading order")


class DocumentSearchResponse(BaseModel):
    q: str
    total: int = Field(description="Matches in the whole document")
    pages: list[PageTextHits] = Field(description="Pages with a match, in page order")
