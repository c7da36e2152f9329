"""Models of the OCR-quality API: word boxes a query hits on page images, flagged pages."""

from __future__ import annotations

from pydantic import BaseModel, Field


class WordHit(BaseModel):
    text: str = Field(description="The word as OCR read it (public text only)")
    left: int = Field(description="Box in page-image pixels (see the page's width/height)")
    top: int
    width: int
    height: int
    confidence: float = Field(description="Tesseract's confidence in the word, 0-100")


class PageHits(BaseModel):
    document: int
    page: int = Field(description="Page number, from 1")
    q: str
    width: int | None = Field(description="Width of the page image the boxes refer to; scale "
                                          "boxes by displayed width / width")
    height: int | None
    image_url: str | None
    hits: list[WordHit] = Field(description="Words matching the query under the index's "
                                            "analysis (inflected forms, folded spellings, ~)")


class DocumentHits(BaseModel):
    document: int
    q: str
    total: int = Field(description="Word boxes hit on all pages")
    pages: list[PageHits] = Field(description="Pages with at least one hit, in page order")


class FlaggedPage(BaseModel):
    document: int
    title: str
    collection: str
    page: int
    confidence: float | None = Field(description="Mean word confidence; null: no word read")
    words: int = Field(description="Words OCR read on the page")
    languages: str | None = Field(description="Tesseract languages the page was read with")
    url: str = Field(description="API path of the document")


class FlaggedPages(BaseModel):
    threshold: float = Field(description="Pages under this mean confidence are flagged "
                                         "(ACHYK_OCR_LOW_CONFIDENCE)")
    total: int
    pages: list[FlaggedPage]
