"""Shared fixtures: real files (rendered here), real tesseract, real SQLite and tantivy."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from core.context import AppContext
from core.settings import Settings

MONO = "/usr/share/fonts/truetype/freefont/FreeMono.ttf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def render_scan(lines: list[str], *, width: int = 1800, size: int = 46) -> Image.Image:
    """A clean typewritten page at ~300 DPI: what tesseract reads reliably."""
    font = ImageFont.truetype(MONO, size)
    img = Image.new("L", (width, 160 + len(lines) * int(size * 2.2)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((90, 90 + i * int(size * 2.2)), line, font=font, fill=20)
    return img


def register_fonts() -> None:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", SANS))


def text_pdf(path: Path, pages: list[list[str]]) -> Path:
    register_fonts()
    c = canvas.Canvas(str(path))
    for lines in pages:
        c.setFont("DejaVu", 12)
        for i, line in enumerate(lines):
            c.drawString(60, 780 - i * 18, line)
        c.showPage()
    c.save()
    return path


def image_pdf(path: Path, images: list[Image.Image]) -> Path:
    """A scanned PDF: page images only, no text layer."""
    first, *rest = [im.convert("RGB") for im in images]
    first.save(path, format="PDF", resolution=300.0, save_all=True, append_images=rest)
    return path


SCAN_LINES = ["ПРОТОКОЛ № 7", "заседания военного трибунала", "от 12 марта 1937 года",
              "Решение народного суда отменить."]
TIFF_PAGES = [["ДЕЛО № 14", "о выселении кулацких хозяйств"],
              ["Постановление сельсовета", "утверждено исполкомом"]]


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("samples")
    render_scan(SCAN_LINES).save(d / "protocol.png")
    frames = [render_scan(p) for p in TIFF_PAGES]
    frames[0].save(d / "case.tiff", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    image_pdf(d / "scanned.pdf", [render_scan(["Акт ревизии колхоза", "имени Кирова 1938 г."])])
    text_pdf(d / "decision.pdf", [
        ["РЕШЕНИЕ", "Именем Кыргызской Республики", "Свердловский районный суд города Бишкек",
         "12 мая 2023 года рассмотрел гражданское дело о взыскании долга."],
        ["Суд решил: иск удовлетворить.", "Решение может быть обжаловано."]])
    doc = docx.Document()
    doc.core_properties.title = "Проект закона об архивах"
    doc.add_paragraph("Проект. ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ")
    doc.add_paragraph("Статья 1. Архивные документы хранятся в государственном архиве.")
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Срок хранения"
    table.rows[0].cells[1].text = "постоянно"
    doc.save(str(d / "law.docx"))
    (d / "order.rtf").write_bytes(
        rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0 Times New Roman;}}"
        rb"\f0 \'cf\'f0\'e8\'ea\'e0\'e7 \'ee \'ed\'e0\'e3\'f0\'e0\'e6\'e4\'e5\'ed\'e8\'e8\par"
        rb" \'f1\'f3\'e4\'fc\'e8 \'f0\'e0\'e9\'ee\'ed\'e0\par}")
    (d / "note.txt").write_bytes("Справка выдана Кара-Балтинским судом 1956 г.".encode("cp1251"))
    (d / "ky.txt").write_text(
        "Кыргыз Республикасынын Жогорку соту менен иштин материалдары боюнча чечим "
        "кабыл алынды жана өкүм күчүнө кирди. Үй-бүлө кодекси.", encoding="utf-8")
    return d


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", workers=2)


@pytest.fixture
def ctx(settings: Settings) -> Iterator[AppContext]:
    c = AppContext.create(settings)
    yield c
    c.close()


@pytest.fixture(scope="session")
def loaded_settings(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Settings:
    """A data dir with every sample ingested through the real pipeline (session-wide)."""
    from rich.console import Console
    from rich.progress import Progress

    from core.cli_actions import ingest_files

    s = Settings(data_dir=tmp_path_factory.mktemp("loaded") / "data", workers=2)
    c = AppContext.create(s)
    console = Console(file=io.StringIO())
    ok = ingest_files(c, [sample_dir], "archive", kind="archive",
                      progress=lambda: Progress(console=console), out=console)
    c.close()
    assert ok, console.file.getvalue()  # type: ignore[attr-defined]
    return s


@pytest.fixture
def loaded_ctx(loaded_settings: Settings) -> Iterator[AppContext]:
    c = AppContext.create(loaded_settings)
    yield c
    c.close()
