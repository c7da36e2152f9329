"""Write a TextDoc as DOCX or as a born-digital PDF, byte-for-byte reproducibly.

Reproducible bytes let the tests (and content-addressed blob storage) see that the same seed
gives the same corpus: zip member times are pinned and reportlab runs in invariant mode with
the document's own date as its creation date.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ingest.demo.textdoc import Block, TextDoc

# FreeSerif is Times-like and, unlike Liberation Serif, has the Kyrgyz letters ө ү ң.
SERIF = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
SERIF_BOLD = "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _stable_zip(data: bytes) -> bytes:
    """Re-pack a zip with fixed member timestamps (python-docx stamps the wall clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def write_docx(doc: TextDoc, path: Path) -> None:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    section = document.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    page_width = section.page_width or Cm(21)
    text_width = page_width - Cm(3) - Cm(1.5)
    for block in doc.blocks:
        p = document.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_after = Pt(3)
        if block.style == "split":
            fmt.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
            p.add_run(f"{block.text}\t{block.right}")
            continue
        run = p.add_run(block.text)
        if block.style in ("heading", "bold"):
            run.bold = True
        if block.style in ("heading", "center"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.style == "para":
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Cm(1.25)
    props = document.core_properties
    stamp = datetime.datetime.combine(doc.date, datetime.time(12, 0))
    props.title = doc.title
    props.author = props.last_modified_by = "Achyk demo"
    props.language = doc.language
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    path.write_bytes(_stable_zip(buf.getvalue()))


def _register_fonts() -> None:
    if "DemoSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DemoSerif", SERIF))
        pdfmetrics.registerFont(TTFont("DemoSerif-Bold", SERIF_BOLD))


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName="DemoSerif", fontSize=12.5, leading=16, spaceAfter=4)
    return {
        "para": ParagraphStyle("para", base, alignment=TA_JUSTIFY, firstLineIndent=12.5 * mm),
        "plain": ParagraphStyle("plain", base, alignment=TA_LEFT),
        "center": ParagraphStyle("center", base, alignment=TA_CENTER),
        "heading": ParagraphStyle(
            "heading",
            base,
            fontName="DemoSerif-Bold",
            fontSize=13,
            alignment=TA_CENTER,
            spaceBefore=4,
        ),
        "bold": ParagraphStyle("bold", base, fontName="DemoSerif-Bold"),
        "right": ParagraphStyle("right", base, alignment=TA_RIGHT),
    }


def _flowable(block: Block, styles: dict[str, ParagraphStyle], width: float) -> Flowable:
    if block.style == "split":
        row = [
            [
                Paragraph(escape(block.text), styles["plain"]),
                Paragraph(escape(block.right), styles["right"]),
            ]
        ]
        table = Table(row, colWidths=[width * 0.55, width * 0.45])
        table.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ]
            )
        )
        return table
    return Paragraph(escape(block.text), styles[block.style])


def write_pdf(doc: TextDoc, path: Path) -> None:
    _register_fonts()
    styles = _styles()
    template = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=doc.title,
        author="Achyk demo",
        lang=doc.language,
        invariant=1,
    )
    stamp = f"D:{doc.date:%Y%m%d}120000+06'00'"

    def first_page(canvas: object, _doc: object) -> None:
        canvas.setDateFormatter(lambda *_: stamp)  # type: ignore[attr-defined]

    story: list[Flowable] = []
    for block in doc.blocks:
        if block.style == "heading" and story:
            story.append(Spacer(1, 2 * mm))
        story.append(_flowable(block, styles, template.width))
    template.build(story, onFirstPage=first_page, onLaterPages=first_page)
