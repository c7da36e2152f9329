"""Decide a file's kind from its bytes, never from its name: uploads lie about extensions.

The name still counts as a claim. When it names a format that has a signature (PDF,
DOCX, RTF, PNG/JPEG/TIFF) and the bytes are not that format, the file fails with
`type_mismatch`: a «broken.pdf» holding the words "not a pdf" is a broken or mislabelled
upload, and publishing it as text would publish something its sender never meant to.
A name that claims plain text (`.txt`) or nothing we know is no claim at all: text has
no signature, so the bytes decide (a PDF sent as `.txt` is read as the PDF it is).
A polyglot (a PDF or an image that is also a ZIP archive) is refused as well: it is two
files in one, and only one of them would be checked.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

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
# Extensions that claim a format with a signature, and the kind the bytes must then have.
CLAIMS: dict[str, FileKind] = {
    ".pdf": FileKind.PDF,
    ".docx": FileKind.DOCX,
    ".rtf": FileKind.RTF,
    ".png": FileKind.IMAGE,
    ".jpg": FileKind.IMAGE,
    ".jpeg": FileKind.IMAGE,
    ".tif": FileKind.IMAGE,
    ".tiff": FileKind.IMAGE,
}


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
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


def _is_polyglot(path: Path) -> bool:
    """A file of another format that also reads as a ZIP (its directory at the end)."""
    try:
        return zipfile.is_zipfile(path)
    except OSError:
        return False


def claimed_kind(name: str | None) -> FileKind | None:
    """The format a file name claims, or None when it claims none we check."""
    if not name:
        return None
    return CLAIMS.get(PurePosixPath(name.replace("\\", "/")).suffix.lower())


def _sniff(path: Path) -> FileKind:
    with path.open("rb") as f:
        head = f.read(HEAD)
    if not head:
        raise StageError(ErrorCode.EMPTY_FILE, "Файл пуст")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, kind in _MAGIC:
        if stripped.startswith(magic) if kind is FileKind.RTF else head.startswith(magic):
            if _is_polyglot(path):
                raise StageError(
                    ErrorCode.TYPE_MISMATCH,
                    (
                        f"Файл одновременно «{kind}» и ZIP-архив (полиглот): такие файлы не "
                        f"принимаются"
                    ),
                )
            return kind
    if head.startswith(b"PK\x03\x04"):
        if _is_docx(path):
            return FileKind.DOCX
        raise StageError(
            ErrorCode.UNSUPPORTED_TYPE,
            "ZIP-архив без документа Word: поддерживаются PDF, DOCX, RTF, TXT, PNG, JPEG, TIFF",
        )
    if _looks_like_text(head):
        return FileKind.TXT
    raise StageError(
        ErrorCode.UNSUPPORTED_TYPE,
        "Неподдерживаемый тип файла: поддерживаются PDF, DOCX, RTF, TXT, PNG, JPEG, TIFF",
    )


def sniff(path: Path, name: str | None = None) -> FileKind:
    """The kind of file at `path`; raises StageError for empty or unsupported content, and
    for content that is not the format its `name` claims (`type_mismatch`)."""
    claim = claimed_kind(name)
    try:
        kind = _sniff(path)
    except StageError as e:
        if claim is None or e.code != ErrorCode.UNSUPPORTED_TYPE:
            raise
        kind = None
    if kind is None or (claim is not None and kind is not claim):
        found = f"«{kind}»" if kind else "неизвестного типа"
        raise StageError(
            ErrorCode.TYPE_MISMATCH,
            f"Содержимое файла не соответствует расширению: имя обещает «{claim}», "
            f"а содержимое {found}",
        )
    return kind
