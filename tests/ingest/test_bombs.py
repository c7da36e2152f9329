"""Bombs and hostile formats, handler by handler (real pdfium, pdfplumber, Pillow,
python-docx, zipfile): each is refused with its code, or rendered within the limits,
before it can cost more than a normal file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption

from bench.hostile_files import (
    DOC_XML,
    _docx_parts,
    _frames,
    _jpeg_sized,
    _lie,
    _page_objs,
    _png_header,
    _tiff_sized,
    _zip,
    js_pdfs,
    many_pages_pdf,
    ratio_bomb,
    raw_pdf,
    scan_png,
    text_pdf,
)
from core.errors import StageError
from core.types import FileKind
from ingest.handlers import ExtractOptions, handler_for
from ingest.sniff import sniff
from ingest.zipsafe import ZipLimits, unpack

OPTIONS = ExtractOptions(
    max_pages=10,
    page_max_pixels=4_000_000,
    image_max_pixels=20_000_000,
    image_max_frames=5,
    docx_max_members=200,
    docx_max_inflated=8 << 20,
)


def extract_code(path: Path, kind: FileKind, options: ExtractOptions = OPTIONS) -> str:
    with pytest.raises(StageError) as e:
        handler_for(kind).extract(path, options)
    assert e.value.message
    return str(e.value.code)


def put(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_a_docx_that_inflates_past_the_limit_is_a_bomb(tmp_path: Path) -> None:
    base = _docx_parts(DOC_XML % b"text")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for n, data in base.items():
            zf.writestr(n, data if n != "word/document.xml" else DOC_XML % (b"a" * (20 << 20)))
    path = put(tmp_path, "bomb.docx", buf.getvalue())
    assert extract_code(path, FileKind.DOCX) == "zip_bomb"
    lying = put(tmp_path, "lying.docx", _lie(buf.getvalue(), "word/document.xml", file_size=100))
    assert extract_code(lying, FileKind.DOCX) in ("zip_bomb", "corrupt_file")


def test_a_docx_with_too_many_parts_is_a_bomb(tmp_path: Path) -> None:
    parts = _docx_parts(DOC_XML % b"text")
    parts.update({f"word/media/{i}.xml": b"<a/>" for i in range(300)})
    assert extract_code(put(tmp_path, "many.docx", _zip(parts)), FileKind.DOCX) == "zip_bomb"


@pytest.mark.parametrize(
    "decl",
    [
        b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
    ],
)
def test_a_docx_declaring_entities_is_refused(tmp_path: Path, decl: bytes) -> None:
    xml = (DOC_XML % b"&x;").replace(b"?>\n", b"?>\n" + decl + b"\n", 1)
    path = put(tmp_path, "xxe.docx", _zip(_docx_parts(xml)))
    assert extract_code(path, FileKind.DOCX) == "active_content"


def test_a_normal_docx_still_reads(tmp_path: Path) -> None:
    path = put(tmp_path, "ok.docx", _zip(_docx_parts(DOC_XML % "Приказ по архиву".encode())))
    assert handler_for(FileKind.DOCX).extract(path, OPTIONS).pages[0].text == "Приказ по архиву"


def test_too_many_pdf_pages(tmp_path: Path) -> None:
    path = put(tmp_path, "pages.pdf", many_pages_pdf(11))
    assert extract_code(path, FileKind.PDF) == "too_many_pages"


def test_a_huge_mediabox_is_rendered_within_the_pixel_limit(tmp_path: Path) -> None:
    path = put(tmp_path, "huge.pdf", text_pdf(pagesize=(5000, 5000)))
    [page] = handler_for(FileKind.PDF).extract(path, OPTIONS).pages
    assert page.width and page.height and page.width * page.height <= OPTIONS.page_max_pixels
    assert "Ленинский" in page.text


def test_encrypted_javascript_truncated_pdfs(tmp_path: Path) -> None:
    enc = put(tmp_path, "enc.pdf", text_pdf(encrypt=StandardEncryption("pw", "owner")))
    assert extract_code(enc, FileKind.PDF) == "encrypted"
    for h in list(js_pdfs())[::2]:
        assert extract_code(put(tmp_path, h.name, h.data), FileKind.PDF) == "active_content"
    whole = text_pdf()
    cut = put(tmp_path, "cut.pdf", whole[: len(whole) * 9 // 10])
    assert extract_code(cut, FileKind.PDF) == "corrupt_file"
    plain = put(tmp_path, "plain.pdf", raw_pdf(_page_objs()))
    assert handler_for(FileKind.PDF).extract(plain, OPTIONS).pages


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("big.png", _png_header(10000, 10000)),
        ("big.jpg", _jpeg_sized(30000, 30000)),
        ("big.tif", _tiff_sized(50000, 50000)),
    ],
)
def test_pixel_bombs_are_refused_from_the_header(tmp_path: Path, name: str, data: bytes) -> None:
    assert extract_code(put(tmp_path, name, data), FileKind.IMAGE) == "image_too_large"


def test_frame_bombs_and_truncated_images(tmp_path: Path) -> None:
    assert extract_code(put(tmp_path, "f.tiff", _frames(6)), FileKind.IMAGE) == "too_many_pages"
    png = scan_png()
    assert (
        extract_code(put(tmp_path, "t.png", png[: len(png) // 2]), FileKind.IMAGE) == "corrupt_file"
    )
    jpg = io.BytesIO()
    Image.open(io.BytesIO(png)).save(jpg, format="JPEG")
    assert (
        extract_code(
            put(tmp_path, "t.jpg", jpg.getvalue()[: len(jpg.getvalue()) // 2]), FileKind.IMAGE
        )
        == "corrupt_file"
    )


def test_a_polyglot_is_refused(tmp_path: Path) -> None:
    payload = _zip([("evil.txt", b"x")])
    with pytest.raises(StageError) as e:
        sniff(put(tmp_path, "p.pdf", text_pdf() + payload), "p.pdf")
    assert e.value.code == "type_mismatch"


def test_zip_ratio_counts_the_bytes_a_member_really_occupies(tmp_path: Path) -> None:
    """A 64 MiB member of spaces whose directory claims its compressed data runs over the
    next member's bytes: the old check divided by that claim (ratio 120:1) and let it in."""
    lying = put(tmp_path, "lying.zip", ratio_bomb(64 << 20))
    members, rejected = unpack(lying, "lying.zip", tmp_path / "out", ZipLimits())
    assert [(r.source, r.code) for r in rejected] == [("lying.zip/a.txt", "zip_bomb")]
    assert [m.name for m in members] == ["pad.bin"]  # the honest neighbour goes on
    honest = put(tmp_path, "honest.zip", _zip([("a.txt", "Справка".encode() * 1000)]))
    members, rejected = unpack(honest, "honest.zip", tmp_path / "out2", ZipLimits())
    assert len(members) == 1 and rejected == []
