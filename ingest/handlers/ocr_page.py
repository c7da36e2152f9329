"""One page image to an ExtractedPage: OCR on the prepared image, PNG rendition for the viewer."""

from __future__ import annotations

from PIL import Image

from core.types import ExtractedPage, PageSource
from ingest.handlers.base import ExtractOptions
from ocr import ocr_image, png_bytes, prepare


def ocr_page(number: int, image: Image.Image, options: ExtractOptions) -> ExtractedPage:
    prepared = prepare(image)
    result = ocr_image(prepared, options.ocr_languages)
    return ExtractedPage(
        number=number,
        text=result.text,
        source=PageSource.OCR,
        words=result.words,
        confidence=result.confidence,
        image_png=png_bytes(prepared, max_width=options.viewer_max_width),
        width=prepared.width,
        height=prepared.height,
    )
