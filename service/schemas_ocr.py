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
    width: int | None = Field(
        description="Width of the page image the boxes refer to; scale "
        "boxes by displayed width / width"
    )
    height: int | None
    image_url: str | None
    hits: list[WordHit] = Field(
        description="Words matching the query under the index's "
        "analysis (inflected forms, folded spellings, ~)"
    )


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
    applied: list[str] | None = Field(
        default=None,
        description=(
            "Preprocessing steps the page's measurements called for (see /ocr of the page)"
        ),
    )


class FlaggedPages(BaseModel):
    threshold: float = Field(
        description="Pages under this mean confidence are flagged (ACHYK_OCR_LOW_CONFIDENCE)"
    )
    total: int
    pages: list[FlaggedPage]


class OcrReading(BaseModel):
    reading: str = Field(
        description="prepared (the measured steps), wider (the script model, "
        "e.g. Cyrillic) or plain (the page's untouched pixels)"
    )
    languages: str
    confidence: float | None = Field(
        description="Mean word confidence of the whole reading; "
        "null: not read whole (its sample lost)"
    )
    sample: dict[str, float | None] | None = Field(
        default=None,
        description=(
            "Confidence on a sample of three lines, and the first reading's on the same lines"
        ),
    )


class PageOcrInfo(BaseModel):
    """Why a page was read as it was: its measurements, the steps they called for, and the
    readings tried (issue 15). Pages read before these were recorded have only `languages`."""

    document: int
    page: int
    source: str = Field(description="'ocr' or 'text' (a text layer: nothing below applies)")
    confidence: float | None = Field(description="Mean word confidence of the kept reading")
    languages: str | None
    allowed: list[str] = Field(description="Steps switched on (ACHYK_OCR_PREPROCESS)")
    applied: list[str] = Field(
        description="Steps this page got: grayscale, sheet, flatten, "
        "contrast, smooth, deskew, dpi, binarize, specks, "
        "crop"
    )
    why: dict[str, str] = Field(description="The measurement behind each step taken (Russian)")
    tone: dict[str, float | bool] | None = Field(
        description=("binary, contrast, unevenness, noise (grey levels), dark_border")
    )
    layout: dict[str, float | int | None] | None = Field(
        description=(
            "skew (°), stroke (px), glyph (letter height, px), margin (letter heights), specks "
            "(per letter), components"
        )
    )
    readings: list[OcrReading] = Field(
        description="Second readings tried on a page under "
        "the confidence limit or in pre-1918 "
        "spelling; empty: one pass"
    )
    chosen: str = Field(description="The reading kept")
    rotation: int | None = None
    skew: float | None = None
    scale: float | None = None
