"""DOCX: paragraphs and tables in document order; core properties give the title.

A DOCX is a ZIP, so it is checked as one before python-docx opens it: at most
`docx_max_members` parts, at most `docx_max_inflated` bytes in all, counted while
inflating (a lying ZIP directory changes nothing), and no XML part may declare a DTD or
entities (XML external entities, "billion laughs"). The author and subject of the core
properties are never published; the title is, after the anonymize stage depersonifies it.
"""

from __future__ import annotations

import re
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

CHUNK = 1 << 20
# Shown on /upload; the library's own (English) words go to the server log (issue #20).
CORRUPT_DOCX = "Повреждённый DOCX: части документа отсутствуют или повреждены"
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


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


def check_docx(path: Path, options: ExtractOptions) -> None:
    """Inflate every part once, counting real bytes; raise StageError on a bomb or a DTD."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > options.docx_max_members:
                raise StageError(
                    ErrorCode.ZIP_BOMB,
                    f"В DOCX {len(infos)} частей, допустимо не больше {options.docx_max_members}",
                )
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise StageError(ErrorCode.ENCRYPTED, "Часть DOCX зашифрована")
                xml = info.filename.lower().endswith((".xml", ".rels"))
                tail = b""
                with zf.open(info) as part:
                    while chunk := part.read(CHUNK):
                        total += len(chunk)
                        if total > options.docx_max_inflated:
                            raise StageError(
                                ErrorCode.ZIP_BOMB,
                                (
                                    f"DOCX распаковывается больше чем в "
                                    f"{options.docx_max_inflated >> 20} МиБ: похоже на ZIP-бомбу"
                                ),
                            )
                        if xml and _DTD.search(tail + chunk):
                            raise StageError(
                                ErrorCode.ACTIVE_CONTENT,
                                (
                                    f"В DOCX ({info.filename}) объявлены DTD или сущности XML: "
                                    f"такие файлы не принимаются"
                                ),
                            )
                        tail = chunk[-32:]
    except StageError:
        raise
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as e:
        raise StageError(ErrorCode.CORRUPT_FILE, CORRUPT_DOCX) from e


class DocxHandler:
    KINDS: ClassVar[frozenset[FileKind]] = frozenset({FileKind.DOCX})
    SCORE: ClassVar[int] = 10

    def extract(self, path: Path, options: ExtractOptions) -> Extraction:
        check_docx(path, options)
        try:
            doc = docx.Document(str(path))
            text = "\n".join(_blocks(doc)).strip()
            title = (doc.core_properties.title or "").strip() or first_line_title(text)
        except (
            zipfile.BadZipFile,
            KeyError,
            ValueError,
            AttributeError,
            TypeError,
            SyntaxError,
        ) as e:  # lxml's XMLSyntaxError is a SyntaxError
            raise StageError(ErrorCode.CORRUPT_FILE, CORRUPT_DOCX) from e
        return Extraction(pages=text_to_pages(text), title=title)


register(DocxHandler())
