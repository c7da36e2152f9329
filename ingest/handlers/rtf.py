"""RTF via striprtf, honouring the document's declared ANSI code page (usually 1251)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from striprtf.striprtf import rtf_to_text

from core.errors import ErrorCode, StageError
from core.types import Extraction, FileKind
from ingest.handlers.base import ExtractOptions, register
from ingest.handlers.text_pages import first_line_title, text_to_pages

_CPG = re.compile(rb"\\ansicpg(\d{3,5})")


class RtfHandler:
    KINDS: ClassVar[frozenset[FileKind]] = frozenset({FileKind.RTF})
    SCORE: ClassVar[int] = 10

    def extract(self, path: Path, options: ExtractOptions) -> Extraction:
        raw = path.read_bytes()
        m = _CPG.search(raw[:4096])
        encoding = f"cp{m.group(1).decode()}" if m else "cp1251"
        try:
            text = rtf_to_text(raw.decode("latin-1"), encoding=encoding, errors="replace")
        except Exception as e:  # striprtf raises bare errors on malformed groups
            raise StageError(
                ErrorCode.CORRUPT_FILE,
                "Повреждённый RTF: структура файла нарушена, текст не извлечь",
            ) from e
        text = text.replace("\x0c", "\f")
        return Extraction(pages=text_to_pages(text), title=first_line_title(text))


register(RtfHandler())
