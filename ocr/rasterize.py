"""PDF pages to images with pypdfium2: fast, and exact for scanned pages."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image


def render_page(
    pdf: pdfium.PdfDocument, index: int, dpi: int, *, grayscale: bool = True
) -> Image.Image:
    page = pdf[index]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=grayscale)
        out: Image.Image = bitmap.to_pil()
        return out
    finally:
        page.close()


def png_bytes(image: Image.Image, *, max_width: int | None = None) -> bytes:
    """A viewer rendition: optionally downscaled, always PNG."""
    if max_width and image.width > max_width:
        ratio = max_width / image.width
        size = (max_width, max(1, round(image.height * ratio)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)
    return buf.getvalue()
