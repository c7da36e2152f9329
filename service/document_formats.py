"""A document's published text as TXT and its OCR as ALTO 4 XML and hOCR.

Built from the published projection only: `public_text` and the published word boxes
(`Page.public_words`, checked again by `indices.page_hits.published_boxes`), never the
raw OCR words. A line's box is drawn around the words it still shows, so the place of a
removed word is not given away by a line wider than its words. A page without word boxes
(a text layer, DOCX) has an empty print space: its text is in the TXT.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core.auth import ANONYMOUS, Caller
from core.errors import NotFoundError
from core.models import Document
from core.types import WordBox
from indices.context import AppContext
from indices.page_hits import published_boxes
from service.access import readable
from service.citation import CitedDocument

ALTO_NS = "http://www.loc.gov/standards/alto/ns-v4#"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ALTO_SCHEMA = "http://www.loc.gov/standards/alto/v4/alto-4-2.xsd"


@dataclass(frozen=True, slots=True)
class PublishedPage:
    number: int
    text: str
    width: int | None = None
    height: int | None = None
    # lines as words in reading order; None where a word was removed or not published
    lines: list[list[WordBox]] = field(default_factory=list)


def page_lines(
    stored: Sequence[Sequence[object] | None] | None,
    public_text: str,
    lines: Sequence[Sequence[int]] | None,
) -> list[list[WordBox]]:
    """The published words grouped by the OCR lines ([l, t, w, h, first, count]); without
    line data, all words form one line. Removed words are left out."""
    words = published_boxes(stored, public_text)
    if not lines:
        one = [w for w in words if w is not None]
        return [one] if one else []
    out = []
    for ln in lines:
        if len(ln) < 6:
            continue
        first, count = int(ln[4]), int(ln[5])
        shown = [w for w in words[first : first + count] if w is not None]
        if shown:
            out.append(shown)
    return out


def _bbox(words: Sequence[WordBox]) -> tuple[int, int, int, int]:
    """left, top, right, bottom around the words."""
    return (
        min(w.left for w in words),
        min(w.top for w in words),
        max(w.left + w.width for w in words),
        max(w.top + w.height for w in words),
    )


def txt(title: str, pages: Sequence[PublishedPage]) -> str:
    """The title, then each page's public text after a «— страница N —» line."""
    parts = [title.strip(), ""]
    for p in pages:
        parts += [f"— страница {p.number} —", p.text.rstrip(), ""]
    return "\n".join(parts)


def _pos(el: ET.Element, left: int, top: int, right: int, bottom: int) -> None:
    el.set("HPOS", str(left))
    el.set("VPOS", str(top))
    el.set("WIDTH", str(right - left))
    el.set("HEIGHT", str(bottom - top))


def alto(doc_id: int, pages: Sequence[PublishedPage]) -> str:
    """ALTO 4: Description (pixels, the page image), then Layout / Page / PrintSpace /
    TextBlock / TextLine / String (with SP between words) for each page."""
    ET.register_namespace("", ALTO_NS)
    ET.register_namespace("xsi", XSI_NS)
    q = f"{{{ALTO_NS}}}"
    root = ET.Element(f"{q}alto", {f"{{{XSI_NS}}}schemaLocation": f"{ALTO_NS} {ALTO_SCHEMA}"})
    desc = ET.SubElement(root, f"{q}Description")
    ET.SubElement(desc, f"{q}MeasurementUnit").text = "pixel"
    info = ET.SubElement(desc, f"{q}sourceImageInformation")
    ET.SubElement(info, f"{q}fileName").text = f"/api/v1/documents/{doc_id}/pages/1/image"
    layout = ET.SubElement(root, f"{q}Layout")
    for p in pages:
        pid = f"P{p.number}"
        page = ET.SubElement(layout, f"{q}Page", {"ID": pid, "PHYSICAL_IMG_NR": str(p.number)})
        if p.width and p.height:
            page.set("WIDTH", str(p.width))
            page.set("HEIGHT", str(p.height))
        space = ET.SubElement(page, f"{q}PrintSpace")
        _pos(space, 0, 0, p.width or 0, p.height or 0)
        if not p.lines:
            continue
        block = ET.SubElement(space, f"{q}TextBlock", {"ID": f"{pid}_B1"})
        _pos(block, *_bbox([w for ln in p.lines for w in ln]))
        for li, words in enumerate(p.lines, start=1):
            line = ET.SubElement(block, f"{q}TextLine", {"ID": f"{pid}_L{li}"})
            _pos(line, *_bbox(words))
            for wi, w in enumerate(words, start=1):
                if wi > 1:
                    ET.SubElement(line, f"{q}SP")
                s = ET.SubElement(
                    line,
                    f"{q}String",
                    {"ID": f"{pid}_L{li}_W{wi}", "CONTENT": w.text, "WC": f"{w.conf / 100:.2f}"},
                )
                _pos(s, w.left, w.top, w.left + w.width, w.top + w.height)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _title(*parts: str) -> str:
    return "; ".join(parts)


def _bb(left: int, top: int, right: int, bottom: int) -> str:
    return f"bbox {left} {top} {right} {bottom}"


def hocr(doc_id: int, title: str, lang: str | None, pages: Sequence[PublishedPage]) -> str:
    """hOCR 1.2 (XHTML): ocr_page / ocr_carea / ocr_par / ocr_line / ocrx_word, with bbox
    and x_wconf in each title."""
    html = ET.Element("html", {"xmlns": "http://www.w3.org/1999/xhtml"})
    if lang:
        html.set("lang", lang)
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(
        head, "meta", {"http-equiv": "Content-Type", "content": "text/html; charset=utf-8"}
    )
    ET.SubElement(head, "meta", {"name": "ocr-system", "content": "achyk"})
    ET.SubElement(
        head,
        "meta",
        {"name": "ocr-capabilities", "content": "ocr_page ocr_carea ocr_par ocr_line ocrx_word"},
    )
    body = ET.SubElement(html, "body")
    for p in pages:
        image = f"/api/v1/documents/{doc_id}/pages/{p.number}/image"
        page = ET.SubElement(
            body,
            "div",
            {
                "class": "ocr_page",
                "id": f"page_{p.number}",
                "title": _title(
                    f'image "{image}"',
                    _bb(0, 0, p.width or 0, p.height or 0),
                    f"ppageno {p.number - 1}",
                ),
            },
        )
        if not p.lines:
            continue
        box = _bb(*_bbox([w for ln in p.lines for w in ln]))
        area = ET.SubElement(
            page, "div", {"class": "ocr_carea", "id": f"block_{p.number}_1", "title": box}
        )
        par = ET.SubElement(
            area, "p", {"class": "ocr_par", "id": f"par_{p.number}_1", "title": box}
        )
        for li, words in enumerate(p.lines, start=1):
            line = ET.SubElement(
                par,
                "span",
                {"class": "ocr_line", "id": f"line_{p.number}_{li}", "title": _bb(*_bbox(words))},
            )
            for wi, w in enumerate(words, start=1):
                word = ET.SubElement(
                    line,
                    "span",
                    {
                        "class": "ocrx_word",
                        "id": f"word_{p.number}_{li}_{wi}",
                        "title": _title(
                            _bb(w.left, w.top, w.left + w.width, w.top + w.height),
                            f"x_wconf {round(w.conf)}",
                        ),
                    },
                )
                word.text = w.text
                word.tail = " "
    ET.indent(html)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        + ET.tostring(html, encoding="unicode")
        + "\n"
    )


@dataclass(frozen=True, slots=True)
class PublishedDocument:
    id: int
    title: str
    language: str | None
    pages: list[PublishedPage]
    cited: CitedDocument


def _date(doc: Document) -> dt.date | None:
    return doc.doc_date if isinstance(doc.doc_date, dt.date) else None


def published_document(
    ctx: AppContext, doc_id: int, *, base_url: str, caller: Caller = ANONYMOUS
) -> PublishedDocument:
    """The public projection of a document the caller may read (the rule of every
    document route); NotFoundError otherwise, without saying whether it exists."""
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        if doc is None or not readable(doc, caller):
            raise NotFoundError(f"Документ №{doc_id} не найден")
        meta: dict[str, Any] = doc.meta or {}
        ref = meta.get("archive_ref") or {}
        title = doc.title or ""
        cited = CitedDocument(
            id=doc.id,
            title=title,
            url=f"{base_url.rstrip('/')}/documents/{doc.id}",
            date=_date(doc),
            year=doc.year,
            language=doc.language or None,
            archive=ctx.settings.archive_name if ref else "",
            archive_ref={str(k): str(v) for k, v in ref.items()} if isinstance(ref, dict) else {},
            act=meta.get("act") or None,
            court=meta.get("court") or None,
            case_number=meta.get("case_number") or None,
        )
        pages = [
            PublishedPage(
                number=p.number,
                text=p.public_text or "",
                width=p.width,
                height=p.height,
                lines=page_lines(p.public_words, p.public_text or "", p.lines),
            )
            for p in doc.pages
        ]
        return PublishedDocument(doc.id, title, doc.language or None, pages, cited)
