"""Scanned images (PNG, JPEG, TIFF with any number of frames): every frame is OCR'd."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from PIL import Image, ImageSequence, UnidentifiedImageError

from core.errors import ErrorCode, StageError
from core.types import ExtractedPage, Extraction, FileKind
from ingest.handlers.base import ExtractOptions, register
from ingest.handlers.ocr_page import ocr_stream

Image.MAX_IMAGE_PIXELS = 180_000_000  # A0 at 600 DPI; larger is a decompression bomb.


class ImageHandler:
    KINDS: ClassVar[frozenset[FileKind]] = frozenset({FileKind.IMAGE})
    SCORE: ClassVar[int] = 10

    def extract(self, path: Path, options: ExtractOptions) -> Extraction:
        pages: list[ExtractedPage] = []

        def frames(img: Image.Image) -> Iterator[tuple[int, Image.Image]]:
            for i, frame in enumerate(ImageSequence.Iterator(img)):
                frame.load()
                yield i + 1, frame.copy()

        try:
            with Image.open(path) as img:
                pages.extend(ocr_stream(frames(img), options))
        except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as e:
            raise StageError(ErrorCode.CORRUPT_FILE,
                             f"Не удалось прочитать изображение: {e}") from e
        return Extraction(pages=tuple(pages))


register(ImageHandler())
