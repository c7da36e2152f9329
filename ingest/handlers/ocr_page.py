"""Page images to ExtractedPages: the OCR engine on a batch, a PNG rendition for the viewer.

Pages go to the engine a batch at a time (ExtractOptions.ocr.batch) so that a multi-page
scan loads tesseract's language models once per batch, not once per page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from PIL import Image

from core.types import ExtractedPage, PageSource
from ingest.handlers.base import ExtractOptions
from ocr import png_bytes
from ocr.engine import OcrConfig, PageOcr, ocr_pages
from ocr.tesseract import check_languages


def _config(options: ExtractOptions) -> OcrConfig:
    return replace(options.ocr or OcrConfig(), languages=options.ocr_languages)


def _extracted(
    number: int, page: PageOcr, config: OcrConfig, options: ExtractOptions
) -> ExtractedPage:
    view = Image.fromarray(page.view)
    g = page.geometry
    info = {
        "languages": config.languages,
        "steps": list(config.preprocess.enabled),
        "psm": config.psm,
        "rotation": g.rotation,
        "skew": g.angle,
        "scale": round(g.scale, 3),
        "cached": page.cached,
        "seconds": {k: round(v, 3) for k, v in page.seconds.items()},
        "applied": list(page.decisions.get("applied", ())),
        "decisions": page.decisions,
    }
    return ExtractedPage(
        number=number,
        text=page.text,
        source=PageSource.OCR,
        words=page.words,
        confidence=page.confidence,
        image_png=png_bytes(view, max_width=options.viewer_max_width),
        width=view.width,
        height=view.height,
        lines=tuple(tuple(ln.to_json()) for ln in page.lines),
        ocr_info=info,
    )


def ocr_batch(
    numbered: list[tuple[int, Image.Image]], options: ExtractOptions
) -> list[ExtractedPage]:
    config = _config(options)
    check_languages(config.languages)
    pages = ocr_pages([img for _, img in numbered], config)
    return [_extracted(n, p, config, options) for (n, _), p in zip(numbered, pages, strict=True)]


def ocr_stream(
    numbered: Iterable[tuple[int, Image.Image]], options: ExtractOptions
) -> Iterator[ExtractedPage]:
    """OCR pages as they come, a batch at a time (memory stays at one batch of images)."""
    size = max(1, _config(options).batch)
    chunk: list[tuple[int, Image.Image]] = []
    for item in numbered:
        chunk.append(item)
        if len(chunk) >= size:
            yield from ocr_batch(chunk, options)
            chunk = []
    if chunk:
        yield from ocr_batch(chunk, options)


def ocr_page(number: int, image: Image.Image, options: ExtractOptions) -> ExtractedPage:
    return ocr_batch([(number, image)], options)[0]
