"""The handler contract and the registry that picks one by sniffed kind.

Each handler declares what it takes as data (`KINDS`, `SCORE`); the registry asks
every handler for its score and uses the best, so a specialised handler can be
added later without touching the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from core.errors import ErrorCode, StageError
from core.types import Extraction, FileKind

if TYPE_CHECKING:
    from ocr.engine import OcrConfig


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    ocr_languages: str = "rus+kir"
    ocr_dpi: int = 300
    min_text_chars: int = 20
    viewer_max_width: int = 1400
    ocr: OcrConfig | None = None  # preprocessing, psm, batch, cache; languages come from above
    viewer_dpi: int = 110
    # Bomb limits (core.settings; defaults here match the settings' defaults).
    max_pages: int = 2000
    page_max_pixels: int = 40_000_000
    image_max_pixels: int = 80_000_000
    image_max_frames: int = 500
    docx_max_members: int = 2000
    docx_max_inflated: int = 256 << 20


class Handler(Protocol):
    KINDS: ClassVar[frozenset[FileKind]]
    SCORE: ClassVar[int]

    def extract(self, path: Path, options: ExtractOptions) -> Extraction: ...


_REGISTRY: list[Handler] = []


def register(handler: Handler) -> Handler:
    _REGISTRY.append(handler)
    return handler


def handler_for(kind: FileKind) -> Handler:
    candidates = [h for h in _REGISTRY if kind in h.KINDS]
    if not candidates:
        raise StageError(ErrorCode.UNSUPPORTED_TYPE, f"Нет обработчика для типа «{kind}»")
    return max(candidates, key=lambda h: h.SCORE)
