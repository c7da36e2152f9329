"""Decide a file's kind from its bytes, never from its name: uploads lie about extensions."""

from __future__ import annotations

import zipfile
from pathlib import Path

from core.errors import ErrorCode, StageError
from core.types import FileKind

HEAD = 4096
_MAGIC: tuple[tuple[bytes, FileKind], ...] = (
    (b"%PDF-", FileKind.PDF),
    (b"\x89PNG\r\n\x1a\n", FileKind.IMAGE),
    (b"\xff\xd8\xff", FileKind.IMAGE),
    (b"II*\x00", FileKind.IMAGE),
    (b"MM\x00*", FileKind.IMAGE),
    (b"{\\rtf", FileKind.RTF),
)


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for enc in ("utf-8", "cp1251"):
        try:
            text = head.decode(enc)
        except UnicodeDecodeError as e:
            # A multi-byte character cut at the end of the sample is still text.
            if enc == "utf-8" and e.start >= len(head) - 3:
                text = head[: e.start].decode(enc)
            else:
                continue
        printable = sum(ch.isprintable() or ch in "\r\n\t\f" for ch in text)
        return printable >= 0.95 * max(len(text), 1)
    return False


def sniff(path: Path) -> FileKind:
    """The kind of file at `path`; raises StageError for empty or unsupported content."""
    with path.open("rb") as f:
        head = f.read(HEAD)
    if not head:
        raise StageError(ErrorCode.EMPTY_FILE, "Файл пуст")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, kind in _MAGIC:
        if stripped.startswith(magic) if kind is FileKind.RTF else head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        if _is_docx(path):
            return FileKind.DOCX
        raise StageError(ErrorCode.UNSUPPORTED_TYPE,
                         "ZIP-архив без документа Word: поддерживаются PDF, DOCX, RTF, TXT, "
                         "PNG, JPEG, TIFF")
    if _looks_like_text(head):
        return FileKind.TXT
    raise StageError(ErrorCode.UNSUPPORTED_TYPE,
                     "Неподдерживаемый тип файла: поддерживаются PDF, DOCX, RTF, TXT, PNG, "
                     "JPEG, TIFF")
