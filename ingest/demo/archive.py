"""Archival items as scans in every image container an archivist uploads.

PNG, JPEG, a multi-page TIFF and an image-only PDF each take a different path through
intake (sniffing, rasterising, page splitting), so the demo archive has one of each. The
degradation is mild on purpose: the demo must find words on these pages by OCR alone.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ingest.demo.archive_texts import ArchiveText
from ingest.demo.degrade import MILD, colorize, degrade
from ingest.demo.render import (
    A5_TYPEWRITER,
    Layout,
    Line,
    ground_truth,
    paginate,
    typewrite,
    wrap,
)

DPI = 300
PAPER_RGB = (255, 244, 216)  # yellowed paper
VIOLET_INK = (52, 30, 92)  # the aniline ribbons of Soviet offices


def typed_pages(text: ArchiveText, layout: Layout = A5_TYPEWRITER) -> list[list[Line]]:
    return paginate(wrap(list(text.paras), layout.columns), layout.rows)


def _save_pdf(pages: list[np.ndarray], path: Path) -> None:
    """Image-only PDF: each page is one JPEG at 300 DPI, and there is no text layer."""
    canvas = Canvas(str(path), invariant=1)
    for grey in pages:
        h, w = grey.shape
        buf = io.BytesIO()
        Image.fromarray(grey).save(buf, "JPEG", quality=88, dpi=(DPI, DPI))
        buf.seek(0)
        size = (w * 72 / DPI, h * 72 / DPI)
        canvas.setPageSize(size)
        canvas.drawImage(ImageReader(buf), 0, 0, width=size[0], height=size[1])
        canvas.showPage()
    canvas.save()


def write_scan(
    text: ArchiveText, fmt: str, directory: Path, stem: str, rng: np.random.Generator
) -> tuple[Path, Path]:
    """Render, degrade and save one archival item; returns (image, ground-truth .txt)."""
    layout = A5_TYPEWRITER
    pages = typed_pages(text, layout)
    if fmt != "tiff" and len(pages) != 1:
        raise ValueError(f"{text.key}: {len(pages)} pages, a {fmt} scan holds one")
    greys = [degrade(typewrite(page, layout, rng), MILD, rng) for page in pages]
    suffix = {"png": ".png", "jpeg": ".jpg", "tiff": ".tif", "pdf": ".pdf"}[fmt]
    image = directory / f"{stem}{suffix}"
    if fmt == "png":
        Image.fromarray(greys[0]).save(image, dpi=(DPI, DPI))
    elif fmt == "jpeg":
        rgb = colorize(greys[0], PAPER_RGB, VIOLET_INK)
        Image.fromarray(rgb).save(image, quality=90, dpi=(DPI, DPI))
    elif fmt == "tiff":
        first, *rest = (Image.fromarray(g) for g in greys)
        first.save(
            image, save_all=True, append_images=rest, compression="tiff_deflate", dpi=(DPI, DPI)
        )
    else:
        _save_pdf(greys, image)
    truth = directory / f"{stem}.txt"
    truth.write_text(ground_truth(pages), encoding="utf-8")
    return image, truth
