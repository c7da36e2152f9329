"""PDF: the text layer where it is usable (pdfplumber), OCR where it is not (pypdfium2 + tesseract).

Decided per page, because archives mix typed cover sheets with scanned pages. Hostile PDFs
are stopped before the expensive work: a password (`encrypted`), JavaScript or launch
actions (`active_content`: nothing we publish needs them, and the original is kept), more
pages than the limit (`too_many_pages`); a page whose MediaBox is huge is rendered at a
lower DPI so that it stays under the pixel limit instead of being rasterized at full DPI.
Every text-layer page records what else is painted on it (`ocr_info["objects"]`), so the
anonymize stage knows whether its image shows anything the text layer does not.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import ClassVar

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.page import Page

from core.errors import ErrorCode, StageError
from core.types import ExtractedPage, Extraction, FileKind, PageSource, WordBox
from ingest.handlers.base import ExtractOptions, register
from ingest.handlers.ocr_page import ocr_stream
from ingest.handlers.text_pages import first_line_title
from ocr import png_bytes, render_page

_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch)\b")
_OBJECT_KINDS = {
    pdfium_c.FPDF_PAGEOBJ_TEXT: "text",
    pdfium_c.FPDF_PAGEOBJ_PATH: "path",
    pdfium_c.FPDF_PAGEOBJ_IMAGE: "image",
    pdfium_c.FPDF_PAGEOBJ_SHADING: "shading",
    pdfium_c.FPDF_PAGEOBJ_FORM: "form",
}
SCAN_CHUNK = 1 << 20
# The archivist reads this on /upload; pdfium's and pdfminer's own (English) words go to the
# server log with the failure (ingest.pipeline), not into the message (issue #20).
CORRUPT_PDF = "Повреждённый PDF: структура файла нарушена, страницы не прочитать"


def _usable(text: str, minimum: int) -> bool:
    return sum(ch.isalpha() for ch in text) >= minimum


def _words(ppage: Page, scale: float) -> tuple[WordBox, ...]:
    """Text-layer words as boxes on the rendered page, for page hits and redaction."""
    return tuple(
        WordBox(
            str(w["text"]),
            round(float(w["x0"]) * scale),
            round(float(w["top"]) * scale),
            max(1, round((float(w["x1"]) - float(w["x0"])) * scale)),
            max(1, round((float(w["bottom"]) - float(w["top"])) * scale)),
            100.0,
        )
        for w in ppage.extract_words(keep_blank_chars=False, use_text_flow=True)
    )


def _has_active_content(path: Path, pdf: pdfium.PdfDocument) -> bool:
    """JavaScript or launch actions, by name anywhere in the file or in the name tree."""
    if pdfium_c.FPDFDoc_GetJavaScriptActionCount(pdf.raw) > 0:
        return True
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(SCAN_CHUNK):
            if _ACTIVE.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _truncated(path: Path) -> bool:
    """No end-of-file marker near the end: the upload was cut off. pdfium would repair it
    and half a document would be published as if whole."""
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - 2048))
        return b"%%EOF" not in f.read()


def _open(path: Path, options: ExtractOptions) -> pdfium.PdfDocument:
    if _truncated(path):
        raise StageError(
            ErrorCode.CORRUPT_FILE, "PDF обрезан (нет маркера конца файла): загрузите файл целиком"
        )
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise StageError(
                ErrorCode.ENCRYPTED, "PDF защищён паролем: загрузите его без пароля"
            ) from e
        raise StageError(ErrorCode.CORRUPT_FILE, CORRUPT_PDF) from e
    try:
        if len(pdf) > options.max_pages:
            raise StageError(
                ErrorCode.TOO_MANY_PAGES,
                f"В PDF {len(pdf)} страниц, допустимо не больше {options.max_pages}",
            )
        if _has_active_content(path, pdf):
            raise StageError(
                ErrorCode.ACTIVE_CONTENT,
                "PDF содержит JavaScript или команды "
                "запуска: такие файлы не принимаются, сохраните его без них",
            )
    except BaseException:
        pdf.close()
        raise
    return pdf


def capped_dpi(pdf: pdfium.PdfDocument, index: int, dpi: int, max_pixels: int) -> int:
    """`dpi`, lowered so that the rendered page has at most `max_pixels` pixels."""
    width, height = pdf[index].get_size()  # points
    pixels = (width * dpi / 72) * (height * dpi / 72)
    if pixels <= max_pixels:
        return dpi
    return max(1, math.floor(dpi * math.sqrt(max_pixels / max(pixels, 1.0))))


def painted_objects(pdf: pdfium.PdfDocument, index: int) -> dict[str, int]:
    """How many objects of each kind the page paints (inside form XObjects too)."""
    page = pdf[index]
    try:
        counts = Counter(_OBJECT_KINDS.get(o.type, "other") for o in page.get_objects(max_depth=8))
    finally:
        page.close()
    return dict(counts)


class PdfHandler:
    KINDS: ClassVar[frozenset[FileKind]] = frozenset({FileKind.PDF})
    SCORE: ClassVar[int] = 10

    def extract(self, path: Path, options: ExtractOptions) -> Extraction:
        rendered = _open(path, options)
        pages: list[ExtractedPage] = []
        scanned: list[int] = []
        cap = options.page_max_pixels
        try:
            with pdfplumber.open(path) as plumbed:
                for i, ppage in enumerate(plumbed.pages):
                    text = ppage.extract_text() or ""
                    if _usable(text, options.min_text_chars):
                        dpi = capped_dpi(rendered, i, options.viewer_dpi, cap)
                        image = render_page(rendered, i, dpi)
                        pages.append(
                            ExtractedPage(
                                number=i + 1,
                                text=text,
                                source=PageSource.TEXT_LAYER,
                                words=_words(ppage, dpi / 72),
                                image_png=png_bytes(image),
                                width=image.width,
                                height=image.height,
                                ocr_info={"objects": painted_objects(rendered, i), "dpi": dpi},
                            )
                        )
                    else:
                        scanned.append(i)
            # Scanned pages are rendered lazily and OCR'd a batch per tesseract process.
            pages.extend(
                ocr_stream(
                    (
                        (
                            i + 1,
                            render_page(rendered, i, capped_dpi(rendered, i, options.ocr_dpi, cap)),
                        )
                        for i in scanned
                    ),
                    options,
                )
            )
            pages.sort(key=lambda p: p.number)
        except (
            PDFSyntaxError,
            PSException,
            pdfium.PdfiumError,
            ValueError,
            KeyError,
            TypeError,
            RecursionError,
        ) as e:
            # pdfminer raises plain ValueError/KeyError/TypeError on broken object graphs
            raise StageError(ErrorCode.CORRUPT_FILE, CORRUPT_PDF) from e
        finally:
            rendered.close()
        if not pages:
            raise StageError(ErrorCode.NO_TEXT, "PDF не содержит страниц")
        # A title from OCR noise is worse than the file name: take it from a text layer only.
        first_text = next(
            (p.text for p in pages if p.source == PageSource.TEXT_LAYER and p.text.strip()), ""
        )
        return Extraction(pages=tuple(pages), title=first_line_title(first_text))


register(PdfHandler())
