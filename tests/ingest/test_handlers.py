"""Each handler on a real file; scans go through the real tesseract."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from core.errors import StageError
from core.types import Extraction, PageSource
from ingest.handlers import ExtractOptions, handler_for
from ingest.sniff import sniff
from tests.conftest import register_fonts, render_scan

OPTIONS = ExtractOptions(ocr_languages="rus+kir")


def extract(path: Path) -> Extraction:
    return handler_for(sniff(path)).extract(path, OPTIONS)


def test_png_scan_is_ocrd_with_word_boxes(sample_dir: Path) -> None:
    [page] = extract(sample_dir / "protocol.png").pages
    assert page.source == PageSource.OCR
    assert "трибунала" in page.text and "суда" in page.text
    word = next(w for w in page.words if w.text == "трибунала")
    assert word.width > 100 and word.height > 20 and word.conf > 50
    assert page.confidence is not None and page.confidence > 60
    assert page.image_png is not None and page.image_png.startswith(b"\x89PNG")
    assert (page.width, page.height) != (None, None)


def test_multipage_tiff_gives_a_page_per_frame(sample_dir: Path) -> None:
    pages = extract(sample_dir / "case.tiff").pages
    assert [p.number for p in pages] == [1, 2]
    assert "кулацких" in pages[0].text and "сельсовета" in pages[1].text


def test_scanned_pdf_is_rasterized_and_ocrd(sample_dir: Path) -> None:
    [page] = extract(sample_dir / "scanned.pdf").pages
    assert page.source == PageSource.OCR
    assert "колхоза" in page.text
    assert page.words


def test_born_digital_pdf_uses_the_text_layer(sample_dir: Path) -> None:
    ex = extract(sample_dir / "decision.pdf")
    assert [p.source for p in ex.pages] == [PageSource.TEXT_LAYER] * 2
    assert "Свердловский районный суд" in ex.pages[0].text
    assert "иск удовлетворить" in ex.pages[1].text
    assert ex.pages[0].image_png is not None
    assert ex.title == "РЕШЕНИЕ"


def test_pdf_page_without_text_layer_is_ocrd(tmp_path: Path) -> None:
    """Archives mix a typed cover sheet with scanned pages: decided per page."""
    scan = tmp_path / "scan.png"
    render_scan(["Опись дел фонда", "районного суда"]).save(scan)
    pdf = tmp_path / "mixed.pdf"
    register_fonts()
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("DejaVu", 12)
    c.drawString(60, 780, "Обложка дела: Фонд 12, опись 3, дело 45, листов 2")
    c.showPage()
    c.drawImage(str(scan), 0, 400, width=A4[0], height=A4[0] * 0.3)
    c.showPage()
    c.save()
    pages = extract(pdf).pages
    assert [p.source for p in pages] == [PageSource.TEXT_LAYER, PageSource.OCR]
    assert "Фонд 12" in pages[0].text
    assert "суда" in pages[1].text


def test_docx_paragraphs_tables_and_title(sample_dir: Path) -> None:
    ex = extract(sample_dir / "law.docx")
    assert ex.title == "Проект закона об архивах"
    assert "Статья 1. Архивные документы" in ex.pages[0].text
    assert "Срок хранения | постоянно" in ex.pages[0].text


def test_rtf_in_windows_1251(sample_dir: Path) -> None:
    assert extract(sample_dir / "order.rtf").pages[0].text.split() == [
        "Приказ",
        "о",
        "награждении",
        "судьи",
        "района",
    ]


def test_txt_in_windows_1251(sample_dir: Path) -> None:
    assert "Кара-Балтинским судом" in extract(sample_dir / "note.txt").pages[0].text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.pdf", b"%PDF-1.4\n1 0 obj garbage"),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 50),
    ],
)
def test_corrupt_files_fail_with_a_reason(tmp_path: Path, name: str, content: bytes) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(StageError) as e:
        extract(p)
    assert e.value.code in {"corrupt_file", "unsupported_type"}
    assert e.value.message
