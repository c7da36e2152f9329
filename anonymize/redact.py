"""Page images and word boxes with the removed words taken out.

Findings are character ranges of the page text; OCR (or a PDF text layer) gives word
boxes in image pixels. Words are aligned to the text in reading order, every word that
overlaps a removed range gets a filled box, and the page keeps only the other words for
public page hits. Redaction fails closed: if a removed range covers letters that no
aligned word accounts for, the page image is not published at all.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from core.word_align import align_words

PAD = 3  # pixels added around a box, so antialiased edges of letters are covered too


@dataclass(frozen=True, slots=True)
class PageRedaction:
    public_words: list[list[object]]
    boxes: list[tuple[int, int, int, int]]  # left, top, right, bottom in page pixels
    complete: bool  # every removed letter lies under a box


def plan(
    text: str, words: Sequence[Sequence[object]], removed: Sequence[tuple[int, int]]
) -> PageRedaction:
    spans = align_words(text, words)
    covered = [False] * len(text)
    boxes: list[tuple[int, int, int, int]] = []
    public: list[list[object]] = []
    for w, span in zip(words, spans, strict=True):
        hit = span is not None and any(s < span[1] and span[0] < e for s, e in removed)
        if hit and span is not None:
            left, top, width, height = (int(str(v)) for v in w[1:5])
            boxes.append((left - PAD, top - PAD, left + width + PAD, top + height + PAD))
            for i in range(span[0], span[1]):
                covered[i] = True
        else:
            public.append(list(w))
    complete = all(
        covered[i] or not text[i].isalnum() for s, e in removed for i in range(s, min(e, len(text)))
    )
    return PageRedaction(public, boxes, complete)


def redact_png(png: bytes, boxes: Sequence[tuple[int, int, int, int]], page_width: int) -> bytes:
    """Fill the boxes (page pixels) on a rendition that may be scaled down from the page."""
    with Image.open(io.BytesIO(png)) as img:
        out = img.convert("RGB")
    scale = out.width / page_width if page_width else 1.0
    draw = ImageDraw.Draw(out)
    for left, top, right, bottom in boxes:
        draw.rectangle(
            (int(left * scale), int(top * scale), int(right * scale + 1), int(bottom * scale + 1)),
            fill=(0, 0, 0),
        )
    buf = io.BytesIO()
    out.save(buf, format="PNG")
    return buf.getvalue()
