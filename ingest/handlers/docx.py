"""DOCX: paragraphs and tables in document order; core properties give the title."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import ClassVar

import docx
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from core.errors import ErrorCode, StageError
from core.types import Extraction, FileKind
from ingest.handlers.base import ExtractOptions, register
from ingest.handlers.text_pages import first_line_title, text_to_pages


def _blocks(doc: DocxDocument) -> list[str]:
    out: list[str] = []
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [c.text.strip() for c in row.cells]
                out.append(" | ".join(c for c in cells if c))
    return out


class DocxHandler:
    KINDS: ClassVar[frozenset[FileKind]] = frozenset({FileKind.DOCX})
    SCORE: ClassVar[int] = 10

    def extract(self, path: Path, options: ExtractOptions) -> Extraction:
        try:
            doc = docx.Document(str(path))
        except (zipfile.BadZipFile, KeyError, ValueError) as e:
            raise StageError(ErrorCode.CORRUPT_FILE, f"Повреждённый DOCX: {e}") from e
        text = "\n".join(_blocks(doc)).strip()
        title = (doc.core_properties.title or "").strip() or first_line_title(text)
        return Extraction(pages=text_to_pages(text), title=title)


register(DocxHandler())
