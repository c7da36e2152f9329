"""Typewriter rendering: monospaced lines struck one character at a time.

A typewriter does not print a clean line of text: each key hits with its own force and lands
a little above or below the line. Drawing glyph by glyph with varying ink and baseline gives
OCR the same small irregularities, while the text of every line stays known exactly, which is
what makes the ground truth exact.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ingest.demo.lang import tidy

FONT_DIR = "/usr/share/fonts/truetype"
FREE_MONO = f"{FONT_DIR}/freefont/FreeMono.ttf"
FREE_MONO_BOLD = f"{FONT_DIR}/freefont/FreeMonoBold.ttf"
DEJAVU_MONO = f"{FONT_DIR}/dejavu/DejaVuSansMono.ttf"
LIBERATION_MONO = f"{FONT_DIR}/liberation/LiberationMono-Regular.ttf"

Align = Literal["left", "indent", "center", "right", "blank"]


@dataclass(frozen=True, slots=True)
class TypedPara:
    """A paragraph of typed text; `indent` starts its first line five cells in."""

    text: str
    align: Align = "indent"


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    cell: float  # horizontal position in character cells from the left margin


@dataclass(frozen=True, slots=True)
class Layout:
    width: int
    height: int
    margin_left: int
    margin_top: int
    margin_right: int
    margin_bottom: int
    font_path: str
    font_px: int
    line_px: int
    stroke: int = 0  # extra stroke width: thin fonts look like a worn ribbon without it

    @property
    def advance(self) -> float:
        return font(self.font_path, self.font_px).getlength("M")

    @property
    def columns(self) -> int:
        return int((self.width - self.margin_left - self.margin_right) // self.advance)

    @property
    def rows(self) -> int:
        return int((self.height - self.margin_top - self.margin_bottom) // self.line_px)


# A5 at 300 DPI: half the pixels of A4, so the demo's OCR on two cores stays quick.
A5_TYPEWRITER = Layout(1748, 2480, 170, 180, 130, 160, FREE_MONO, 50, 70, stroke=1)


@lru_cache(maxsize=32)
def font(path: str, px: int) -> ImageFont.FreeTypeFont:
    if not Path(path).exists():
        raise FileNotFoundError(
            f"{path} is missing: apt-get install fonts-freefont-ttf "
            f"fonts-dejavu-core fonts-liberation"
        )
    return ImageFont.truetype(path, px)


def wrap(paras: list[TypedPara], columns: int) -> list[Line]:
    """Break paragraphs into typed lines; blank paragraphs become empty lines."""
    lines: list[Line] = []
    for p in paras:
        if p.align == "blank":
            lines.append(Line("", 0))
            continue
        first = " " * 5 if p.align == "indent" else ""
        wrapped = textwrap.wrap(
            tidy(p.text),
            columns,
            initial_indent=first,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for raw in wrapped:
            text = raw.strip()
            if p.align == "center":
                cell = (columns - len(text)) / 2
            elif p.align == "right":
                cell = float(columns - len(text))
            else:
                cell = float(len(raw) - len(raw.lstrip()))
            lines.append(Line(text, cell))
    return lines


def paginate(lines: list[Line], rows: int) -> list[list[Line]]:
    """Split into pages; an empty line never starts a page."""
    pages: list[list[Line]] = [[]]
    for line in lines:
        if len(pages[-1]) >= rows:
            pages.append([])
        if not pages[-1] and not line.text:
            continue
        pages[-1].append(line)
    return pages


def typewrite(
    lines: list[Line],
    layout: Layout,
    rng: np.random.Generator,
    *,
    jitter_px: int = 1,
    ink_min: float = 0.75,
) -> np.ndarray:
    """Ink coverage in [0, 1] (float32, height x width) of one typed page."""
    if len(lines) > layout.rows:
        raise ValueError(f"{len(lines)} lines do not fit on a page of {layout.rows}")
    canvas = Image.new("L", (layout.width, layout.height), 0)
    draw = ImageDraw.Draw(canvas)
    face = font(layout.font_path, layout.font_px)
    advance = layout.advance
    for row, line in enumerate(lines):
        y0 = layout.margin_top + row * layout.line_px
        for i, ch in enumerate(line.text):
            if ch == " ":
                continue
            x = layout.margin_left + (line.cell + i) * advance
            dx, dy = rng.integers(-jitter_px, jitter_px + 1, size=2)
            level = int(255 * rng.uniform(ink_min, 1.0))
            draw.text(
                (x + int(dx), y0 + int(dy)),
                ch,
                font=face,
                fill=level,
                stroke_width=layout.stroke,
                stroke_fill=level,
            )
    return np.asarray(canvas, dtype=np.float32) / 255.0


def ground_truth(pages: list[list[Line]]) -> str:
    """One line per typed line (blank rows carry no text and are left out), pages separated
    by a form feed; every line, the last of a page too, ends with a newline."""
    return "\f".join("".join(f"{ln.text}\n" for ln in page if ln.text) for page in pages)
