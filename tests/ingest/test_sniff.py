"""Kinds are read from bytes: a file named .pdf that holds text is text."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from core.errors import StageError
from core.types import FileKind
from ingest.sniff import sniff

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("protocol.png", FileKind.IMAGE),
        ("case.tiff", FileKind.IMAGE),
        ("scanned.pdf", FileKind.PDF),
        ("decision.pdf", FileKind.PDF),
        ("law.docx", FileKind.DOCX),
        ("order.rtf", FileKind.RTF),
        ("note.txt", FileKind.TXT),
        ("ky.txt", FileKind.TXT),
    ],
)
def test_sniff_samples(sample_dir: Path, name: str, kind: FileKind) -> None:
    assert sniff(sample_dir / name) == kind


def test_extension_is_ignored(tmp_path: Path, sample_dir: Path) -> None:
    fake = tmp_path / "looks-like.pdf"
    fake.write_bytes((sample_dir / "law.docx").read_bytes())
    assert sniff(fake) == FileKind.DOCX
    jpeg_named_txt = tmp_path / "scan.txt"
    jpeg_named_txt.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    assert sniff(jpeg_named_txt) == FileKind.IMAGE


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (bytes(range(256)) * 4, "unsupported_type"),
    ],
)
def test_rejects(tmp_path: Path, content: bytes, code: str) -> None:
    p = tmp_path / "bad.bin"
    p.write_bytes(content)
    with pytest.raises(StageError) as e:
        sniff(p)
    assert e.value.code == code


def test_zip_without_word_document_is_unsupported(tmp_path: Path) -> None:
    p = tmp_path / "archive.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(StageError, match="ZIP-архив"):
        sniff(p)
