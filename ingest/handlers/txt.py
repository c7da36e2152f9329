"""Plain text: UTF-8 (with or without BOM), else Windows-1251, the other encoding in use here."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from core.types import Extraction, FileKind
from ingest.handlers.base import ExtractOptions, register
from ingest.handlers.text_pages import first_line_title, text_to_pages


def decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


class TxtHandler:
    KINDS: ClassVar[frozenset[FileKind]] = frozenset({FileKind.TXT})
    SCORE: ClassVar[int] = 10

    def extract(self, path: Path, options: ExtractOptions) -> Extraction:
        text = decode_text(path.read_bytes())
        return Extraction(pages=text_to_pages(text), title=first_line_title(text))


register(TxtHandler())
