"""PDF: the text layer where it is usable (pdfplumber), OCR where it is not (pypdfium2 + tesseract).

Decided per page, because archives mix typed cover sheets with scanned pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.page import Page

from core.errors import ErrorCode, StageError
from core.types import ExtractedPage, Extraction, FileKind, PageSource, WordBox
from ingest.handlers.base import ExtractOptions, register
from ingest.handlers.ocr_page import ocr_stream
from ingest.handlers.text_pages import first_line_title
from ocr import png_bytes, render_page


def _usable(text: str, minimum: int) -> bool:
    return sum(ch.isalpha() for ch in text) >= minimum


def _words(ppage: Page, scale: float) -> tuple[WordBox, ...]:
    """Text-layer words as boxes on the rendered page, for page hits and redaction."""
    return tuple(
        WordBox(str(w["text"]), round(float(w["x0"]) * scale), round(float(w["top"]) * scale),
                max(1, round((float(w["x1"]) - float(w["x0"])) * scale)),
                max(1, round((float(w["bottom"]) - float(w["top"])) * scale)), 100.0)
        for w in ppage.extract_words(keep_blank_chars=False, use_text_flow=True))


class PdfHandler:
    KINDS: ClassVar[frozenset[FileKind]] = frozenset({FileKind.PDF})
    SCORE: ClassVar[int] = 10

    def extract(self, path: Path, options: ExtractOptions) -> Extraction:
        try:
            rendered = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as e:
            raise StageError(ErrorCode.CORRUPT_FILE, f"Повреждённый PDF: {e}") from e
        pages: list[ExtractedPage] = []
        scanned: list[int] = []
        try:
            with pdfplumber.open(path) as plumbed:
                for i, ppage in enumerate(plumbed.pages):
                    text = ppage.extract_text() or ""
                    if _usable(text, options.min_text_chars):
                        image = render_page(rendered, i, options.viewer_dpi)
                        pages.append(ExtractedPage(
                            number=i + 1, text=text, source=PageSource.TEXT_LAYER,
                            words=_words(ppage, options.viewer_dpi / 72),
                            image_png=png_bytes(image), width=image.width, height=image.height))
                    else:
                        scanned.append(i)
            # Scanned pages are rendered lazily and OCR'd a batch per tesseract process.
            pages.extend(ocr_stream(((i + 1, render_page(rendered, i, options.ocr_dpi))
                                     for i in scanned), options))
            pages.sort(key=lambda p: p.number)
        except (PDFSyntaxError, pdfium.PdfiumError) as e:
            raise StageError(ErrorCode.CORRUPT_FILE, f"Повреждённый PDF: {e}") from e
        finally:
            rendered.close()
        if not pages:
            raise StageError(ErrorCode.NO_TEXT, "PDF не содержит страниц")
        # A title from OCR noise is worse than the file name: take it from a text layer only.
        first_text = next((p.text for p in pages
                           if p.source == PageSource.TEXT_LAYER and p.text.strip()), "")
        return Extraction(pages=tuple(pages), title=first_line_title(first_text))


register(PdfHandler())
