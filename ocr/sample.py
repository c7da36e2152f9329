"""A few text lines of a page cut out and stacked: the cheap sample a second reading is
tried on before it is paid for on the whole page (issue 15: "without doubling the cost")."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from core.types import WordBox
from ocr.tesseract import Line

SAMPLE_LINES = 3


def pick_lines(lines: Sequence[Line], k: int = SAMPLE_LINES) -> list[Line]:
    """The k lines with the most words, in page order (long lines carry the most letters,
    so their confidence says most about the page)."""
    best = sorted(lines, key=lambda ln: ln.count, reverse=True)[:k]
    return sorted(best, key=lambda ln: ln.top)


def mean_confidence(words: Sequence[WordBox], lines: Sequence[Line]) -> float | None:
    confs = [w.conf for ln in lines for w in words[ln.first : ln.first + ln.count]]
    return sum(confs) / len(confs) if confs else None


def stack(img: np.ndarray, boxes: Sequence[tuple[int, int, int, int]]) -> np.ndarray | None:
    """The boxes (x, y, w, h) cut from img with half a line of paper around each, stacked
    top to bottom on white; None when nothing is left inside the image."""
    H, W = img.shape[:2]
    parts: list[np.ndarray] = []
    for x, y, w, h in boxes:
        pad = max(4, h // 2)
        x0, y0 = max(0, x - pad), max(0, y - pad)
        x1, y1 = min(W, x + w + pad), min(H, y + h + pad)
        if x1 > x0 and y1 > y0:
            parts.append(img[y0:y1, x0:x1])
    if not parts:
        return None
    width = max(p.shape[1] for p in parts)
    shape = (sum(p.shape[0] for p in parts), width, *img.shape[2:])
    out = np.full(shape, 255, dtype=img.dtype)
    top = 0
    for p in parts:
        out[top : top + p.shape[0], : p.shape[1]] = p
        top += p.shape[0]
    return out
