"""Scanned images (PNG, JPEG, TIFF with any number of frames): every frame is OCR'd.

Pixel and frame bombs are refused from the headers, before a pixel is decoded: a frame's
size is known once it is opened (lazily), and frames are counted as they are reached,
so a 100 000 x 100 000 PNG or a TIFF of 10 000 frames costs nothing to refuse.
Pillow's own MAX_IMAGE_PIXELS is kept at the same limit as a second guard.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from PIL import Image, ImageFile, ImageSequence, UnidentifiedImageError

from core.errors import ErrorCode, StageError
from core.types import ExtractedPage, Extraction, FileKind
from ingest.handlers.base import ExtractOptions, register
from ingest.handlers.ocr_page import ocr_stream

Image.MAX_IMAGE_PIXELS = 80_000_000  # the default of ACHYK_IMAGE_MAX_PIXELS
ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated image is an error, never half a page


def check_frame(img: Image.Image, number: int, options: ExtractOptions) -> None:
    """Refuse a frame over the frame or pixel limit (from its header only)."""
    if number > options.image_max_frames:
        raise StageError(
            ErrorCode.TOO_MANY_PAGES, f"В изображении больше {options.image_max_frames} кадров"
        )
    width, height = img.size
    if width * height > options.image_max_pixels:
        raise StageError(
            ErrorCode.IMAGE_TOO_LARGE,
            (
                f"Изображение {width}×{height} больше допустимого "
                f"({options.image_max_pixels:,} пикселей)".replace(",", " ")
            ),
        )


class ImageHandler:
    KINDS: ClassVar[frozenset[FileKind]] = frozenset({FileKind.IMAGE})
    SCORE: ClassVar[int] = 10

    def extract(self, path: Path, options: ExtractOptions) -> Extraction:
        pages: list[ExtractedPage] = []
        Image.MAX_IMAGE_PIXELS = options.image_max_pixels

        def frames(img: Image.Image) -> Iterator[tuple[int, Image.Image]]:
            for i, frame in enumerate(ImageSequence.Iterator(img)):
                check_frame(frame, i + 1, options)
                frame.load()
                yield i + 1, frame.copy()

        try:
            with Image.open(path) as img:
                check_frame(img, 1, options)
                pages.extend(ocr_stream(frames(img), options))
        except Image.DecompressionBombError as e:
            raise StageError(
                ErrorCode.IMAGE_TOO_LARGE,
                f"Изображение больше допустимого ({options.image_max_pixels:_} пикселей)".replace(
                    "_", " "
                ),
            ) from e
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as e:
            raise StageError(
                ErrorCode.CORRUPT_FILE,
                "Не удалось прочитать изображение: файл повреждён или обрезан",
            ) from e
        return Extraction(pages=tuple(pages))


register(ImageHandler())
