"""Born-text formats have no pages: split them where the author put form feeds."""

from __future__ import annotations

from core.types import ExtractedPage, PageSource


def text_to_pages(text: str) -> tuple[ExtractedPage, ...]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = [p.strip("\n") for p in text.split("\f")]
    parts = [p for p in parts if p.strip()] or [""]
    return tuple(
        ExtractedPage(number=i + 1, text=p, source=PageSource.TEXT_LAYER)
        for i, p in enumerate(parts)
    )


def first_line_title(text: str, limit: int = 100) -> str | None:
    """The first real line, cut at a word boundary: a title, not a paragraph."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if len(line) < 3:
            continue
        if len(line) <= limit:
            return line
        return line[:limit].rsplit(" ", 1)[0] + "…"
    return None
