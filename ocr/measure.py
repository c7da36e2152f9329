"""Measurements of one page image that decide which preprocessing steps it gets.

Real scans differ: a scanner's own binarization is already black on white with thin strokes
and no margins, a phone photograph of a carbon copy is faded, stained and unevenly lit.
A step that rescues the second wrecks the first (denoise took the real 1911/1923 lines from
CER 0.05 to 0.07), so every step is applied only when a measurement says the page needs it.
All measurements run on a copy no larger than `ANALYSIS_MAX_SIDE` and cost a few tens of
milliseconds on an A4 page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import cv2
import numpy as np

ANALYSIS_MAX_SIDE = 1800  # skew, glyph size and noise are measured on a copy no larger


@dataclass(frozen=True, slots=True)
class Tone:
    """Grey levels of the whole page: decides flattening, contrast and smoothing."""

    binary: bool  # (nearly) every pixel is black or white: a scanner already binarized it
    contrast: float  # paper level minus ink level, grey levels (0-255)
    unevenness: float  # spread of the paper's brightness across the page, grey levels
    noise: float  # grey-level noise on the paper (mean + robust sigma of a high-pass)
    dark_border: bool  # the outer frame is much darker than the paper (a scanner bed)


@dataclass(frozen=True, slots=True)
class Layout:
    """Text on the page, measured after the tone steps: decides deskew, scale, specks, frame."""

    skew: float  # degrees that make the lines horizontal
    stroke: float  # typical stroke width, pixels
    glyph: float | None  # median letter height, pixels; None when no text was found
    margin: float | None  # narrowest white margin around the letters, in letter heights
    specks: float  # ink specks per character-sized component
    components: int  # character-sized ink components seen


def to_json(m: Tone | Layout) -> dict[str, Any]:
    """Plain JSON (rounded floats) for Page.ocr_info."""
    return {
        k: (round(float(v), 2) if isinstance(v, float | np.floating) else v)
        for k, v in asdict(m).items()
    }


def analysis_copy(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """A copy no larger than ANALYSIS_MAX_SIDE and the factor back to the original."""
    h, w = gray.shape
    f = max(1.0, max(h, w) / ANALYSIS_MAX_SIDE)
    if f == 1.0:
        return gray, 1.0
    return cv2.resize(gray, (int(w / f), int(h / f)), interpolation=cv2.INTER_AREA), f


def otsu(gray: np.ndarray, *, inverted: bool = False) -> np.ndarray:
    mode = cv2.THRESH_BINARY_INV if inverted else cv2.THRESH_BINARY
    _, out = cv2.threshold(gray, 0, 255, mode + cv2.THRESH_OTSU)
    return out


def paper_estimate(gray: np.ndarray) -> np.ndarray:
    """The paper without the text: a closing (max filter then min) on a small copy, so text
    strokes are filled with the surrounding paper; returned at the input size."""
    h, w = gray.shape
    f = max(4.0, max(h, w) / 900) if min(h, w) >= 400 else 1.0
    small = cv2.resize(gray, (max(1, int(w / f)), max(1, int(h / f))), interpolation=cv2.INTER_AREA)
    k = max(5, (min(small.shape) // 25) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    bg = cv2.medianBlur(bg, 5)
    return cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)


def text_components(ink: np.ndarray, stats: np.ndarray | None = None) -> np.ndarray:
    """Stats rows (x, y, w, h, area) of ink components shaped like letters or words."""
    if stats is None:
        _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    stats = stats[1:]
    hs, ws = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH]
    tall = ink.shape[0] // 6 if ink.shape[0] >= 300 else ink.shape[0]  # a line image: its height
    ok = (hs >= 4) & (hs <= tall) & (ws <= hs * 4)
    out: np.ndarray = stats[ok]
    return out


def glyph_height(ink: np.ndarray) -> float | None:
    """Median height of character-sized ink components (ink = 255), or None if no text."""
    comps = text_components(ink)
    if len(comps) < 3:
        return None
    return float(np.median(comps[:, cv2.CC_STAT_HEIGHT]))


def skew_angle(ink: np.ndarray, max_deg: float) -> float:
    """The rotation that makes text lines horizontal: the sharpest row profile wins.

    Coarse search in 1° steps, then 0.1° around the best, on a copy at most 500 px wide:
    0.1° there is under a pixel of drift across the page, and the search costs ~10 ms.
    """
    h, w = ink.shape
    f = max(1.0, max(h, w) / 500)
    small = cv2.resize(ink, (max(1, int(w / f)), max(1, int(h / f))), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape

    def score(a: float) -> float:
        m = cv2.getRotationMatrix2D((sw / 2, sh / 2), a, 1.0)
        r = cv2.warpAffine(small, m, (sw, sh), flags=cv2.INTER_LINEAR)
        prof = r.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(prof) ** 2))

    coarse = np.arange(-max_deg, max_deg + 1e-9, 1.0)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return round(float(max(fine, key=score)), 2)


def level(img: np.ndarray, q: float, mask: np.ndarray | None = None) -> float:
    """The q-th percentile (0-100) of a uint8 image's values under `mask`, from a
    histogram: no sort of the page."""
    hist = cv2.calcHist([np.ascontiguousarray(img)], [0], mask, [256], [0, 256]).ravel()
    total = hist.cumsum()
    if not total[-1]:
        return 0.0
    return float(np.searchsorted(total, total[-1] * q / 100.0))


def _noise_sigma(gray: np.ndarray, paper: np.ndarray) -> float:
    """Median plus mean of |gray − its 3×3 median| on paper pixels: ~0 on a clean scan."""
    hp = cv2.absdiff(gray, cv2.medianBlur(gray, 3))
    if not cv2.countNonZero(paper):
        return 0.0
    return float(1.4826 * level(hp, 50, paper) + cv2.mean(hp, mask=paper)[0])


def stroke_width(ink: np.ndarray) -> float:
    """Typical stroke width: a stroke of width w has distances 1..w/2 inside, mean ≈ w/4."""
    if not ink.any():
        return 0.0
    dt = cv2.distanceTransform(ink, cv2.DIST_L2, 3)
    return float(4 * dt[ink > 0].mean())


def measure_tone(gray: np.ndarray) -> Tone:
    """Binary?, contrast, unevenness, noise and a dark frame, on a small copy."""
    small, _ = analysis_copy(gray)
    extremes = float(np.count_nonzero((small <= 30) | (small >= 225))) / small.size
    binary = extremes >= 0.985
    ink = otsu(small, inverted=True)
    paper = cv2.bitwise_not(ink)
    ink_level = level(small, 10, ink) if cv2.countNonZero(ink) else 0.0
    paper_level = level(small, 50, paper) if cv2.countNonZero(paper) else 255.0
    h, w = small.shape
    b = max(2, min(h, w) // 30)
    frame = np.concatenate(
        [small[:b].ravel(), small[-b:].ravel(), small[:, :b].ravel(), small[:, -b:].ravel()]
    )
    dark = level(frame[None, :], 50) < 0.6 * paper_level
    if binary:
        return Tone(True, round(paper_level - ink_level, 1), 0.0, 0.0, dark)
    bg = paper_estimate(small)
    return Tone(
        False,
        round(paper_level - ink_level, 1),
        round(level(bg, 97) - level(bg, 3), 1),
        round(_noise_sigma(small, paper), 2),
        dark,
    )


def measure_layout(gray: np.ndarray, *, max_skew: float = 5.0, skew: bool = True) -> Layout:
    """Skew, stroke, letter height, margins and specks of an image whose paper is even."""
    small, f = analysis_copy(gray)
    ink = otsu(small, inverted=True)
    if not ink.any():
        return Layout(0.0, 0.0, None, None, 0.0, 0)
    angle = skew_angle(ink, max_skew) if skew else 0.0
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    comps = text_components(ink, stats)
    glyph = float(np.median(comps[:, cv2.CC_STAT_HEIGHT])) if len(comps) >= 3 else None
    specks = 0.0
    margin: float | None = None
    if glyph:
        tiny = np.count_nonzero(stats[1:, cv2.CC_STAT_AREA] < max(3.0, (glyph * 0.12) ** 2))
        specks = tiny / max(1, len(comps))
        h, w = small.shape
        x0, y0 = comps[:, 0].min(), comps[:, 1].min()
        x1, y1 = (comps[:, 0] + comps[:, 2]).max(), (comps[:, 1] + comps[:, 3]).max()
        margin = float(min(x0, y0, w - x1, h - y1)) / glyph
    return Layout(
        skew=angle,
        stroke=round(stroke_width(ink) * f, 2),
        glyph=round(glyph * f, 1) if glyph else None,
        margin=round(margin, 2) if margin is not None else None,
        specks=round(float(specks), 3),
        components=len(comps),
    )
