"""A corpus of hostile files (at least 200), written deterministically into a folder.

Used by tests/ingest/test_hostile_files.py (each must fail alone with its reason code
while the good files beside it are published) and by bench/abuse_files.py (worst time
and peak memory per kind). Every file is small on disk; the bombs are bombs when read.

`expect` is the set of reason codes the file may fail with. A few kinds are defused
rather than refused, and say so with `DEFUSED` in `expect`: a PDF with a huge MediaBox
is rendered at a lower DPI (under ACHYK_PAGE_MAX_PIXELS) and a PDF whose xref table is
wrong but whose objects are whole is repaired by pdfium; both are then ordinary
documents. They still count against the time and memory limits.
"""

from __future__ import annotations

import functools
import io
import random
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

DEFUSED = "defused"  # may be published: the hostile part is neutralised, not refused
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
TEXT = [
    "Ленинский районный суд города Бишкек",
    "рассмотрел гражданское дело о взыскании",
    "задолженности по договору займа и решил:",
    "иск удовлетворить частично.",
]


@dataclass(frozen=True, slots=True)
class Hostile:
    kind: str  # the family, for the bench's per-kind figures
    name: str  # the file name as uploaded (may itself be hostile)
    data: bytes
    expect: frozenset[str]


def _font() -> None:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", SANS))


def text_pdf(
    lines: list[str] = TEXT,
    *,
    pagesize: tuple[float, float] = (595, 842),
    encrypt: StandardEncryption | None = None,
) -> bytes:
    _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pagesize, encrypt=encrypt)
    c.setFont("DejaVu", 12)
    for i, line in enumerate(lines):
        c.drawString(60, pagesize[1] - 60 - i * 18, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A hand-written PDF with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, root, xref)
    )
    return out.getvalue()


def _page_objs(
    extra_catalog: bytes = b"", page_extra: bytes = b"", mediabox: bytes = b"[0 0 595 842]"
) -> list[bytes]:
    content = b"BT /F1 12 Tf 60 780 Td (Court decision text for the register) Tj ET"
    return [
        b"<< /Type /Catalog /Pages 2 0 R " + extra_catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox "
        + mediabox
        + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R "
        + page_extra
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def js_pdfs() -> Iterator[Hostile]:
    js = b"<< /S /JavaScript /JS (app.alert\\('x'\\);) >>"
    launch = b"<< /S /Launch /F (cmd.exe) >>"
    variants = {
        "openaction-js": _page_objs(b"/OpenAction " + js),
        "openaction-launch": _page_objs(b"/OpenAction " + launch),
        "names-js": [
            *_page_objs(b"/Names << /JavaScript 6 0 R >>"),
            b"<< /Names [(a) " + js + b"] >>",
        ],
        "page-aa-js": _page_objs(page_extra=b"/AA << /O " + js + b" >>"),
        "annot-js": _page_objs(
            page_extra=b"/Annots [<< /Type /Annot /Subtype /Link "
            b"/Rect [0 0 100 100] /A " + js + b" >>]"
        ),
    }
    for name, objs in variants.items():
        for n in range(2):
            yield Hostile(
                "pdf-javascript", f"js-{name}-{n}.pdf", raw_pdf(objs), frozenset({"active_content"})
            )


def many_pages_pdf(count: int) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(count):
        pdf.new_page(200, 200).close()
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


def pdfs() -> Iterator[Hostile]:
    good = text_pdf()
    for n in range(1, 10):
        yield Hostile(
            "pdf-truncated",
            f"truncated-{n}.pdf",
            good[: len(good) * n // 10],
            frozenset({"corrupt_file"}),
        )
    rng = random.Random(12)
    for n in range(25):
        yield Hostile(
            "pdf-corrupt",
            f"corrupt-{n}.pdf",
            b"%PDF-1.4\n" + rng.randbytes(2000 + 100 * n) + b"\n%%EOF\n",
            frozenset({"corrupt_file", "no_text"}),
        )
    for n in range(5):
        enc = StandardEncryption(f"secret{n}", ownerPassword=f"owner{n}", strength=(40, 128)[n % 2])
        yield Hostile(
            "pdf-encrypted", f"encrypted-{n}.pdf", text_pdf(encrypt=enc), frozenset({"encrypted"})
        )
    yield from js_pdfs()
    for n, box in enumerate(
        [(14400, 14400), (14400, 200), (200, 14400), (10000, 10000), (14400, 7200)]
    ):
        yield Hostile(
            "pdf-huge-mediabox",
            f"mediabox-{n}.pdf",
            text_pdf(pagesize=box),
            frozenset({DEFUSED, "no_text"}),
        )
    for count in (2500, 5000, 20000):
        yield Hostile(
            "pdf-many-pages",
            f"pages-{count}.pdf",
            many_pages_pdf(count),
            frozenset({"too_many_pages"}),
        )
    for n in range(5):  # the xref points nowhere; the objects are whole: pdfium repairs it
        broken = good.replace(b"startxref", b"startxref\n" + b"9" * (n + 3) + b"\n%")
        yield Hostile(
            "pdf-broken-xref",
            f"xref-repairable-{n}.pdf",
            broken,
            frozenset({DEFUSED, "corrupt_file"}),
        )
    for n in range(5):  # the xref points into garbage and the objects are gone
        body = (
            b"%PDF-1.5\n" + rng.randbytes(500) + b"\nxref\n0 3\nzzzz\ntrailer\n<< /Root 9 0 R"
            b" >>\nstartxref\n" + str(12 + n).encode() + b"\n%%EOF\n"
        )
        yield Hostile("pdf-broken-xref", f"xref-garbage-{n}.pdf", body, frozenset({"corrupt_file"}))


def _docx_parts(document_xml: bytes) -> dict[str, bytes]:
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph(TEXT[0])
    d.save(buf)
    with zipfile.ZipFile(buf) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["word/document.xml"] = document_xml
    return parts


def _zip(
    parts: dict[str, bytes] | list[tuple[str | zipfile.ZipInfo, bytes]],
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    buf = io.BytesIO()
    items = parts.items() if isinstance(parts, dict) else parts
    with zipfile.ZipFile(buf, "w", compression=compression) as zf:
        for name, data in items:
            zf.writestr(name, data)
    return buf.getvalue()


@functools.cache
def _base_docx() -> dict[str, bytes]:
    return _docx_parts(DOC_XML % b"text")


@functools.cache
def _streamed_zip(name: str, size: int, with_docx: bool) -> bytes:
    """A member of `size` bytes of spaces, written in chunks (never all in memory)."""
    buf = io.BytesIO()
    others = _base_docx() if with_docx else {}
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for n, data in others.items():
            if n != name:
                zf.writestr(n, data)
        with zf.open(name, "w", force_zip64=size >= 1 << 31) as w:
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                w.write(chunk)
    return buf.getvalue()


def _lie(
    data: bytes, member: str, file_size: int | None = None, compress_size: int | None = None
) -> bytes:
    """Rewrite the sizes the central directory declares for `member` (not the data)."""
    out = bytearray(data)
    key = member.encode()
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        (name_len,) = struct.unpack_from("<H", out, at + 28)
        if bytes(out[at + 46 : at + 46 + name_len]) == key:
            if compress_size is not None:
                struct.pack_into("<I", out, at + 20, compress_size)
            if file_size is not None:
                struct.pack_into("<I", out, at + 24, file_size)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def ratio_bomb(size: int, pad: int = 512 << 10, seed: int = 0) -> bytes:
    """A `size`-byte member of spaces followed by `pad` bytes of stored noise; the directory
    claims the member's compressed data runs over the noise too, so a ratio computed from
    the declared `compress_size` looks harmless (and zipfile, which stops at the end of the
    deflate stream, reads the member without complaint)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("a.txt", "w") as w:
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                w.write(chunk)
        zf.writestr(
            zipfile.ZipInfo("pad.bin"),
            random.Random(seed).randbytes(pad),
            compress_type=zipfile.ZIP_STORED,
        )
    data = buf.getvalue()
    real = zipfile.ZipFile(io.BytesIO(data)).getinfo("a.txt").compress_size
    return _lie(data, "a.txt", compress_size=real + pad)


DOC_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>"
)


def docxs() -> Iterator[Hostile]:
    base = _base_docx()
    for n, mb in enumerate((300, 320, 350)):
        yield Hostile(
            "docx-bomb",
            f"bomb-{n}.docx",
            _streamed_zip("word/document.xml", mb << 20, True),
            frozenset({"zip_bomb"}),
        )
    for n, count in enumerate((2500, 6000)):
        parts = dict(base)
        parts.update({f"word/media/x{i}.xml": b"<a/>" for i in range(count)})
        yield Hostile("docx-bomb", f"members-{n}.docx", _zip(parts), frozenset({"zip_bomb"}))
    for n in range(2):  # the directory says 1 KiB: the data inflates to 300 MiB anyway
        big = _streamed_zip("word/document.xml", 300 << 20, True)
        yield Hostile(
            "docx-bomb",
            f"lying-{n}.docx",
            _lie(big, "word/document.xml", file_size=1024 * (n + 1)),
            frozenset({"zip_bomb", "corrupt_file"}),
        )
    entities = {
        "xxe-file": b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        "xxe-http": b'<!DOCTYPE d [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>',
        "laughs": b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;'
        b'&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
        "param": b'<!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]>',
    }
    for name, decl in entities.items():
        xml = DOC_XML % b"&x;"
        xml = xml.replace(b"?>\n", b"?>\n" + decl + b"\n", 1)
        yield Hostile(
            "docx-xxe", f"{name}.docx", _zip(_docx_parts(xml)), frozenset({"active_content"})
        )
        core = dict(base)
        core["docProps/core.xml"] = b'<?xml version="1.0"?>\n' + decl + b"<cp:coreProperties/>"
        yield Hostile(
            "docx-xxe",
            f"{name}-core.docx",
            _zip(core),
            frozenset({"active_content", "corrupt_file"}),
        )


def _link(name: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, b"/etc/passwd"


def zips() -> Iterator[Hostile]:
    body = "Справка выдана архивом".encode()
    for n, name in enumerate(
        [
            "../evil.txt",
            "a/../../evil.txt",
            "../../../../etc/cron.d/x",
            "ok/../../x.txt",
            "..\\..\\win.txt",
        ]
    ):
        yield Hostile(
            "zip-traversal", f"traversal-{n}.zip", _zip([(name, body)]), frozenset({"unsafe_path"})
        )
    for n, name in enumerate(["/etc/passwd", "/tmp/x.txt", "C:/Windows/x.txt", "c:\\x.txt"]):
        yield Hostile(
            "zip-absolute", f"absolute-{n}.zip", _zip([(name, body)]), frozenset({"unsafe_path"})
        )
    for n, name in enumerate(["link.txt", "box/link.pdf", "x.docx"]):
        yield Hostile("zip-symlink", f"symlink-{n}.zip", _zip([_link(name)]), frozenset({"link"}))
    inner = _zip([("a.txt", body)])
    for n in range(3):
        nested = inner
        for _ in range(n):
            nested = _zip([("in.zip", nested)])
        yield Hostile(
            "zip-nested",
            f"nested-{n}.zip",
            _zip([("inner.zip", nested)]),
            frozenset({"nested_archive"}),
        )
    yield Hostile(
        "zip-members",
        "members-100k.zip",
        _zip([(f"f{i:06d}.txt", b"") for i in range(100_000)], compression=zipfile.ZIP_STORED),
        frozenset({"too_many_files", "empty_file"}),
    )
    for n in range(3):  # real 64-190 MiB members whose directory lies about their size
        # the noise beside the bomb is a member too, of no supported type
        yield Hostile(
            "zip-ratio-bomb",
            f"ratio-{n}.zip",
            ratio_bomb((64 + 63 * n) << 20, seed=n),
            frozenset({"zip_bomb", "unsupported_type"}),
        )
    big = _streamed_zip("a.txt", 64 << 20, False)
    yield Hostile(
        "zip-ratio-bomb",
        "ratio-small-size.zip",
        _lie(big, "a.txt", file_size=1024),
        frozenset({"zip_bomb", "bad_archive"}),
    )
    yield Hostile(
        "zip-ratio-bomb",
        "ratio-beyond-file.zip",
        _lie(big, "a.txt", compress_size=64 << 20),
        frozenset({"zip_bomb", "bad_archive"}),
    )


def _png_header(width: int, height: int) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + tag
            + data
            + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (1 << 20), 9)  # the start of a sea of white rows
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _jpeg_sized(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (16, 16), 255).save(buf, format="JPEG")
    data = bytearray(buf.getvalue())
    at = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, at + 5, height, width)
    return bytes(data)


def _tiff_sized(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (8, 8), 255).save(buf, format="TIFF")
    data = bytearray(buf.getvalue())
    (count,) = struct.unpack_from("<H", data, struct.unpack_from("<I", data, 4)[0])
    ifd = struct.unpack_from("<I", data, 4)[0] + 2
    for i in range(count):
        tag, typ = struct.unpack_from("<HH", data, ifd + 12 * i)
        if tag in (256, 257):
            value = width if tag == 256 else height
            if typ == 3:
                struct.pack_into("<HHIHH", data, ifd + 12 * i, tag, 4, 1, 0, 0)
            struct.pack_into("<I", data, ifd + 12 * i + 8, value)
    return bytes(data)


def _frames(count: int) -> bytes:
    buf = io.BytesIO()
    first = Image.new("L", (4, 4), 255)
    first.save(
        buf,
        format="TIFF",
        save_all=True,
        append_images=[Image.new("L", (4, 4), 255) for _ in range(count - 1)],
    )
    return buf.getvalue()


def scan_png() -> bytes:
    img = Image.new("L", (1200, 300), 255)
    ImageDraw.Draw(img).text(
        (40, 100), "Протокол заседания суда", font=ImageFont.truetype(SANS, 60), fill=0
    )
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def images() -> Iterator[Hostile]:
    for n, (w, h) in enumerate(
        [
            (10000, 10000),
            (30000, 30000),
            (65535, 65535),
            (1, 200_000_000),
            (200_000_000, 1),
            (20000, 5000),
            (100_000, 100_000),
            (9000, 9000),
            (50000, 2000),
            (2_000_000_000, 2),
        ]
    ):
        yield Hostile(
            "png-pixel-bomb",
            f"pixels-{n}.png",
            _png_header(w, h),
            frozenset({"image_too_large", "corrupt_file"}),
        )
    for n, (w, h) in enumerate(
        [
            (65500, 65500),
            (30000, 30000),
            (65535, 2000),
            (10000, 9000),
            (20000, 20000),
            (65000, 1300),
            (40000, 40000),
            (12000, 12000),
        ]
    ):
        yield Hostile(
            "jpeg-pixel-bomb", f"pixels-{n}.jpg", _jpeg_sized(w, h), frozenset({"image_too_large"})
        )
    for n, (w, h) in enumerate(
        [
            (100_000, 100_000),
            (50000, 50000),
            (10000, 10000),
            (1_000_000, 100),
            (70000, 70000),
            (200_000, 2000),
        ]
    ):
        yield Hostile(
            "tiff-pixel-bomb",
            f"pixels-{n}.tif",
            _tiff_sized(w, h),
            frozenset({"image_too_large", "corrupt_file"}),
        )
    for count in (600, 1500, 5000):
        yield Hostile(
            "tiff-frame-bomb", f"frames-{count}.tiff", _frames(count), frozenset({"too_many_pages"})
        )
    png = scan_png()
    jpg = io.BytesIO()
    Image.open(io.BytesIO(png)).save(jpg, format="JPEG")
    tif = io.BytesIO()
    Image.open(io.BytesIO(png)).save(tif, format="TIFF", compression="tiff_lzw")
    for ext, data in (("png", png), ("jpg", jpg.getvalue()), ("tif", tif.getvalue())):
        for n, cut in enumerate((0.2, 0.35, 0.5, 0.65, 0.8)):
            yield Hostile(
                f"{ext}-truncated",
                f"truncated-{n}.{ext}",
                data[: int(len(data) * cut)],
                frozenset({"corrupt_file"}),
            )


def polyglots() -> Iterator[Hostile]:
    payload = _zip([("evil.txt", b"payload"), ("word/document.xml", DOC_XML % b"x")])
    hosts = {"pdf": text_pdf(), "png": scan_png()}
    for ext, host in hosts.items():
        for n in range(4 if ext == "pdf" else 2):
            yield Hostile(
                "polyglot",
                f"polyglot-{n}.{ext}",
                host + b"\n" * n + payload,
                frozenset({"type_mismatch"}),
            )
    jpg = io.BytesIO()
    Image.open(io.BytesIO(hosts["png"])).save(jpg, format="JPEG")
    for n in range(2):
        yield Hostile(
            "polyglot", f"polyglot-{n}.jpg", jpg.getvalue() + payload, frozenset({"type_mismatch"})
        )


def misnamed() -> Iterator[Hostile]:
    contents: dict[str, bytes] = {
        "text": "не тот формат, а просто текст".encode(),
        "png": scan_png(),
        "pdf": text_pdf(),
        "zip": _zip([("a.txt", b"x")]),
        "exe": b"MZ\x90\x00" + bytes(200),
        "html": b"<html><script>alert(1)</script></html>" + b"\x00" * 4,
    }
    claims = {
        "text": ["pdf", "docx", "png", "jpg", "tiff", "rtf"],
        "png": ["pdf", "docx", "rtf"],
        "pdf": ["png", "jpg", "docx", "rtf", "tif"],
        "zip": ["pdf", "png", "rtf"],
        "exe": ["pdf", "docx", "jpg", "txt"],
        "html": ["pdf", "png", "docx", "jpeg"],
    }
    for what, exts in claims.items():
        for ext in exts:
            # the same bytes under two names are one document: either name's code
            yield Hostile(
                "wrong-extension",
                f"{what}-as.{ext}",
                contents[what],
                frozenset({"type_mismatch", "unsupported_type"}),
            )
    for ext in ("pdf", "docx", "txt", "png", "jpg", "tif", "rtf", "zip", "", "doc"):
        yield Hostile(
            "zero-bytes",
            f"empty.{ext}" if ext else "empty",
            b"",
            frozenset({"empty_file", "bad_archive"}),
        )


def hostile_names() -> Iterator[Hostile]:
    """Hostile names on hostile content: the name must not break intake or the reports."""
    exe = b"MZ\x90\x00" + bytes(100)
    for name in [
        "отчет\u202efdp.exe",
        "\u202eanalyze.pdf",
        "a\u200f\u202ex.txt",
        "приговор\u202ecod.docx",
        "\u2066x\u2069\u202e.png",
    ]:
        yield Hostile("rtl-name", name, exe, frozenset({"unsupported_type", "type_mismatch"}))
    for n in range(5):  # names that are not UTF-8, inside a ZIP without the UTF-8 flag
        info = zipfile.ZipInfo(f"bad{n}.txt")
        data = _zip([(info, b"")], compression=zipfile.ZIP_STORED)
        raw = f"bad{n}.txt".encode()
        bad = bytes([0xFF, 0xFE, 0xC3, 0x28 + n]) + raw[4:]
        yield Hostile(
            "invalid-utf8-name", f"names-{n}.zip", data.replace(raw, bad), frozenset({"empty_file"})
        )


def rtfs() -> Iterator[Hostile]:
    """Deep nesting and endless control words: a parser must not recurse or crawl."""
    for n, depth in enumerate((10_000, 50_000, 200_000)):
        yield Hostile(
            "rtf-nesting",
            f"nested-{n}.rtf",
            b"{\\rtf1 " + b"{" * depth + b"x" + b"}" * depth + b"}",
            frozenset({DEFUSED, "corrupt_file", "no_text"}),
        )
    for n, count in enumerate((100_000, 500_000, 1_000_000)):
        yield Hostile(
            "rtf-control-words",
            f"words-{n}.rtf",
            b"{\\rtf1 " + b"\\par" * count + b"}",
            frozenset({DEFUSED, "corrupt_file", "no_text"}),
        )


FAMILIES: tuple[Callable[[], Iterator[Hostile]], ...] = (
    pdfs,
    docxs,
    zips,
    images,
    polyglots,
    misnamed,
    hostile_names,
    rtfs,
)


def corpus() -> list[Hostile]:
    return [h for family in FAMILIES for h in family()]


def write(folder: Path) -> list[tuple[Hostile, Path]]:
    """Write the corpus under `folder` (one sub-folder per file, so names never collide)."""
    out = []
    for i, h in enumerate(corpus()):
        d = folder / f"{i:04d}"
        d.mkdir(parents=True, exist_ok=True)
        path = d / "file"
        path.write_bytes(h.data)
        out.append((h, path))
    return out
