"""Page-image preparation before tesseract, one switchable step at a time.

Archival scans are skewed, stained, faded and noisy; plain tesseract (its own global Otsu
threshold on the raw page) returns nothing at all for many of them. Every step here was
kept because switching it off raises the character error rate on the degraded evaluation
pages (`achyk eval ocr --skip STEP`, figures in docs/ocr.md); none is assumed to help.

Two images come out: the *view* (grey, upright, deskewed, full resolution) that the viewer
shows and that word boxes refer to, and the *OCR image* (flattened, binarised, cleaned,
scaled to a standard glyph height, cropped) that tesseract reads. `Geometry` maps boxes from
the second to the first.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageOps

from ocr.measure import (
    Tone,
    analysis_copy,
    measure_layout,
    measure_tone,
    otsu,
    paper_estimate,
    skew_angle,
    text_components,
    to_json,
)

__all__ = [
    "STEPS",
    "Geometry",
    "Prepared",
    "PreprocessOptions",
    "otsu",
    "prepare",
    "skew_angle",
    "view_image",
]

STEPS: tuple[str, ...] = (
    "grayscale",
    "dpi",
    "orientation",
    "deskew",
    "contrast",
    "binarize",
    "denoise",
    "crop",
)


@dataclass(frozen=True, slots=True)
class PreprocessOptions:
    """Which steps run, and the few numbers they need; part of the OCR cache key."""

    grayscale: bool = True
    dpi: bool = True
    orientation: bool = True
    deskew: bool = True
    contrast: bool = True
    binarize: bool = False  # measured: tesseract's LSTM reads the flattened grey better
    denoise: bool = True
    crop: bool = True
    glyph_px: int = 18  # median glyph height tesseract gets after `dpi` normalisation
    max_skew: float = 5.0  # degrees searched by `deskew`

    @classmethod
    def from_steps(cls, steps: Iterable[str], **numbers: int | float) -> PreprocessOptions:
        """Options with exactly the named steps on (unknown names raise ValueError)."""
        wanted = {s.strip() for s in steps if s.strip()}
        unknown = wanted - set(STEPS)
        if unknown:
            raise ValueError(
                f"Неизвестные шаги предобработки: {', '.join(sorted(unknown))}; "
                f"допустимы: {', '.join(STEPS)}"
            )
        flags = {s: s in wanted for s in STEPS}
        return cls(**flags, **numbers)  # type: ignore[arg-type]

    def without(self, *steps: str) -> PreprocessOptions:
        PreprocessOptions.from_steps(steps)  # validates the names
        return PreprocessOptions.from_steps(
            set(self.enabled) - set(steps), glyph_px=self.glyph_px, max_skew=self.max_skew
        )

    @property
    def enabled(self) -> tuple[str, ...]:
        return tuple(s for s in STEPS if getattr(self, s))

    def key(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


@dataclass(frozen=True, slots=True)
class Geometry:
    """How the OCR image relates to the view: `view = (ocr + offset) / scale`."""

    rotation: int = 0  # clockwise quarter turns applied to the original, in degrees
    angle: float = 0.0  # deskew rotation applied after it, degrees (counter-clockwise)
    scale: float = 1.0
    offset: tuple[int, int] = (0, 0)
    sheet: tuple[int, int, int, int] | None = None  # the paper inside a dark scanner bed

    def to_view(self, left: int, top: int, width: int, height: int) -> tuple[int, int, int, int]:
        x0 = (left + self.offset[0]) / self.scale
        y0 = (top + self.offset[1]) / self.scale
        return (
            round(x0),
            round(y0),
            max(1, round(width / self.scale)),
            max(1, round(height / self.scale)),
        )

    def to_ocr(self, left: int, top: int, width: int, height: int) -> tuple[int, int, int, int]:
        """The inverse of to_view: a view box in OCR-image pixels."""
        return (
            round(left * self.scale - self.offset[0]),
            round(top * self.scale - self.offset[1]),
            max(1, round(width * self.scale)),
            max(1, round(height * self.scale)),
        )


@dataclass(slots=True)
class Prepared:
    ocr: np.ndarray
    view: np.ndarray
    geometry: Geometry
    glyph_px: float | None = None  # measured median glyph height in the view, pixels
    seconds: dict[str, float] = field(default_factory=dict)
    decisions: dict[str, Any] = field(default_factory=dict)  # measures, steps taken and why


def to_gray(image: Image.Image) -> np.ndarray:
    """8-bit luminance, transparent areas on white, EXIF rotation applied."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        bg = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(bg, image)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(image, dtype=np.float32)
        top = float(arr.max()) or 1.0
        out: np.ndarray = np.clip(arr * (255.0 / top), 0, 255).astype(np.uint8)
        return out
    return np.asarray(image.convert("L"), dtype=np.uint8).copy()


def to_rgb(image: Image.Image) -> np.ndarray:
    image = ImageOps.exif_transpose(image) or image
    return np.asarray(image.convert("RGB"), dtype=np.uint8).copy()


def rotate_quarter(img: np.ndarray, degrees: int) -> np.ndarray:
    """Rotate clockwise by 0/90/180/270."""
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(img, codes[degrees % 360]) if degrees % 360 else img


def rotate_small(img: np.ndarray, angle: float, *, binary: bool = False) -> np.ndarray:
    """Rotate about the centre by a small angle, keeping the size; edges replicate the paper."""
    if not angle:
        return img
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    flags = cv2.INTER_NEAREST if binary else cv2.INTER_LINEAR
    return cv2.warpAffine(img, m, (w, h), flags=flags, borderMode=cv2.BORDER_REPLICATE)


def flatten_background(gray: np.ndarray) -> np.ndarray:
    """Divide by an estimate of the paper (text removed by a closing on a quarter-size copy).

    Stains, yellowing and uneven scanner light become flat white, so one threshold fits the
    whole page: this is what makes a global threshold behave like an adaptive one.
    """
    return cv2.divide(gray, np.maximum(paper_estimate(gray), 1), scale=255)


def stretch_contrast(gray: np.ndarray, low: float = 0.01, high: float = 0.99) -> np.ndarray:
    """Map the 1st..99th percentile of grey levels to 0..255 (faded carbon copies)."""
    hist = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel().cumsum()
    total = hist[-1]
    lo = int(np.searchsorted(hist, total * low))
    hi = int(np.searchsorted(hist, total * high))
    if hi - lo < 16:
        return gray
    lut = np.clip((np.arange(256, dtype=np.float32) - lo) * 255.0 / (hi - lo), 0, 255)
    return cv2.LUT(gray, lut.astype(np.uint8))


def noise_mask(binary: np.ndarray, glyph: float) -> np.ndarray | None:
    """Pixels of what is not text: specks, stain rims and loops spanning several lines,
    long rules, and dark scanner borders touching the edge. None when there is none."""
    ink = 255 - binary
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return None
    x, y = stats[1:, cv2.CC_STAT_LEFT], stats[1:, cv2.CC_STAT_TOP]
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    area = stats[1:, cv2.CC_STAT_AREA]
    fill = area / np.maximum(1, w * h)
    H, W = binary.shape
    speck = area < max(3.0, (glyph * 0.12) ** 2)
    loop = (h > 3 * glyph) & (fill < 0.3)
    rule = (w > 20 * glyph) & (h < glyph)
    edge = (x == 0) | (y == 0) | (x + w >= W) | (y + h >= H)
    border = edge & ((h > 3 * glyph) | (w > 10 * glyph))
    kill = np.zeros(n, dtype=bool)
    kill[1:] = speck | loop | rule | border
    if not kill.any():
        return None
    mask = kill[labels]
    if loop.any():
        # A rim that touches letters is one component with them: keep its pixels on the
        # rows of text lines, or the letters go with it (seen on stained pages).
        letters = ~kill[1:] & (h >= 0.5 * glyph) & (h <= 2 * glyph)
        rows = np.zeros(H + 1, dtype=np.int32)
        tops = y[letters].astype(np.intp)
        np.add.at(rows, tops, 1)
        np.add.at(rows, tops + h[letters].astype(np.intp), -1)
        on_line = np.cumsum(rows)[:H] > 0
        rims = np.zeros(n, dtype=bool)
        rims[1:] = loop & ~border
        mask &= ~(rims[labels] & on_line[:, None])
    out: np.ndarray | None = mask
    return out


def remove_noise(work: np.ndarray, binary: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Paint the noise pixels (`noise_mask` of `binary`) white in `work` (grey or binary).

    On grey the mask is grown by a pixel so the anti-aliased edge of a rim goes too.
    """
    if work is not binary:
        mask = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    out = work.copy()
    out[mask] = 255
    return out


def text_box(binary: np.ndarray, mask: np.ndarray | None) -> tuple[int, int, int, int] | None:
    """Bounding box (x, y, w, h) of every ink pixel that is not noise (specks, stain rims,
    rules, scanner borders: `mask`, see noise_mask), or None for a page without text."""
    ink = 255 - binary
    if mask is not None:
        ink = ink.copy()
        ink[mask] = 0
    pts = cv2.findNonZero(ink)
    if pts is None:
        return None
    x, y, w, h = cv2.boundingRect(pts)
    return int(x), int(y), int(w), int(h)


def frame_box(
    binary: np.ndarray, mask: np.ndarray | None, glyph: float, margin: int
) -> tuple[int, int, int, int] | None:
    """The text box grown by `margin` on every side; it may reach outside the image (the
    caller pads with paper). None when the box is implausible: smaller than two letters."""
    box = text_box(binary, mask)
    if box is None:
        return None
    x, y, w, h = box
    if w < 2 * glyph or h < 0.5 * glyph:
        return None
    return x - margin, y - margin, w + 2 * margin, h + 2 * margin


def reframe(img: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """Cut `img` to `box`, padding with white where the box reaches outside it."""
    x, y, w, h = box
    H, W = img.shape[:2]
    top, left = max(0, -y), max(0, -x)
    bottom, right = max(0, y + h - H), max(0, x + w - W)
    cut = img[max(0, y) : min(H, y + h), max(0, x) : min(W, x + w)]
    if top or left or bottom or right:
        cut = cv2.copyMakeBorder(
            cut,
            top,
            bottom,
            left,
            right,
            cv2.BORDER_CONSTANT,
            value=(255, 255, 255) if cut.ndim == 3 else 255,
        )
    return cut


def sheet_box(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """The sheet of paper (x, y, w, h) when a dark scanner bed or black margins surround it.

    The largest bright region of a small copy, holes from text and stains filled; None when
    it already fills (nearly) the whole image or is implausibly small.
    """
    h, w = gray.shape
    f = max(1.0, max(h, w) / 600)
    small = cv2.resize(gray, (max(1, int(w / f)), max(1, int(h / f))), interpolation=cv2.INTER_AREA)
    bright = otsu(cv2.GaussianBlur(small, (0, 0), 2))
    k = max(3, (min(small.shape) // 30) | 1)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=4)
    if n <= 1:
        return None
    i = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, bw, bh = (int(v) for v in stats[i, :4])
    sh, sw = small.shape
    if bw * bh < 0.3 * sw * sh or (bw >= 0.97 * sw and bh >= 0.97 * sh):
        return None
    inset = 2  # small-copy pixels: the sheet's shadowed edge goes too
    x0, y0 = min(sw - 1, x + inset), min(sh - 1, y + inset)
    x1, y1 = max(x0 + 1, x + bw - inset), max(y0 + 1, y + bh - inset)
    return (int(x0 * f), int(y0 * f), int((x1 - x0) * f), int((y1 - y0) * f))


def _cut(img: np.ndarray, box: tuple[int, int, int, int] | None) -> np.ndarray:
    if box is None:
        return img
    x, y, w, h = box
    return img[y : y + h, x : x + w]


class _Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self._t
        self._t = now


@dataclass(frozen=True, slots=True)
class Limits:
    """The measured levels at which a step starts to pay (docs/ocr.md, "Decisions").

    Chosen as round figures between clean scans (real book lines, rendered pages) and
    degraded ones (generated typewritten pages), not fitted to single pages.
    """

    uneven: float = 20.0  # paper brightness spread (grey levels) that calls for flattening
    faded: float = 160.0  # paper-minus-ink contrast under which contrast is stretched
    noisy: float = 5.0  # grey-level noise above which the page is smoothed
    specks: float = 0.5  # specks per letter above which specks are removed
    skew: float = 0.3  # degrees under which deskewing is not worth the resampling
    glyph_low: float = 0.6  # letters below this × glyph_px are scaled up...
    glyph_high: float = 2.5  # ...and above this × glyph_px scaled down
    margin: float = 2.0  # white margin (letter heights) tesseract needs around the text


LIMITS = Limits()


def _decide_tone(o: PreprocessOptions, tone: Tone, why: dict[str, str]) -> tuple[bool, bool, bool]:
    """(flatten, stretch, smooth) for a page, with the reason of each step taken."""
    if tone.binary:
        why["tone"] = "уже бинарное изображение: без выравнивания, контраста и сглаживания"
        return False, False, False
    flatten = o.contrast and tone.unevenness >= LIMITS.uneven
    stretch = o.contrast and (flatten or tone.contrast < LIMITS.faded)
    smooth = o.denoise and tone.noise >= LIMITS.noisy
    if flatten:
        why["flatten"] = f"неровный фон: {tone.unevenness:g} ≥ {LIMITS.uneven:g}"
    if stretch:
        why["contrast"] = (
            f"контраст {tone.contrast:g} < {LIMITS.faded:g}"
            if tone.contrast < LIMITS.faded
            else "после выравнивания фона"
        )
    if smooth:
        why["smooth"] = f"шум {tone.noise:g} ≥ {LIMITS.noisy:g}"
    return flatten, stretch, smooth


def _scale_for(o: PreprocessOptions, glyph: float | None, tone: Tone, why: dict[str, str]) -> float:
    """Scale to `glyph_px` when letters are outside the size tesseract reads well, or when
    a noisy grey page has letters larger than that: area averaging then smooths the noise
    (and tesseract reads fewer pixels). A clean page with readable letters keeps its pixels:
    downscaling the thin strokes of binarized book scans raised their error rate."""
    if not (o.dpi and glyph):
        return 1.0
    out_of_range = not (o.glyph_px * LIMITS.glyph_low <= glyph <= o.glyph_px * LIMITS.glyph_high)
    noisy = tone.noise >= LIMITS.noisy and glyph > o.glyph_px * 1.1
    if not (out_of_range or noisy):
        return 1.0
    scale = min(3.0, max(0.4, o.glyph_px / glyph))
    why["dpi"] = f"высота букв {glyph:g} px → {o.glyph_px} px" + (
        "" if out_of_range else f" (шум {tone.noise:g})"
    )
    return scale


def _sheet(
    gray: np.ndarray, tone: Tone, o: PreprocessOptions, why: dict[str, str]
) -> tuple[int, int, int, int] | None:
    """The sheet inside a dark scanner bed, only when the frame is measured dark and no
    letter lies outside the sheet (a dark stain at the edge is not a scanner bed)."""
    if not (o.crop and tone.dark_border):
        return None
    box = sheet_box(gray)
    if box is None:
        return None
    small, f = analysis_copy(flatten_background(gray))
    comps = text_components(otsu(small, inverted=True))
    if len(comps):
        cx = (comps[:, 0] + comps[:, 2] / 2) * f
        cy = (comps[:, 1] + comps[:, 3] / 2) * f
        x, y, w, h = box
        outside = np.count_nonzero((cx < x) | (cx > x + w) | (cy < y) | (cy > y + h))
        if outside > 0.02 * len(comps):
            why["sheet"] = f"не вырезан: {outside} букв вне листа"
            return None
    why["sheet"] = "тёмная рамка сканера вырезана"
    return box


def _text_frame(work: np.ndarray, glyph: float, margin: int) -> tuple[int, int, int, int] | None:
    """frame_box found on the analysis-size copy (a dense A4 page costs a quarter as
    much), mapped back with a copy pixel of slack on each side."""
    small, f = analysis_copy(work)
    binary = otsu(small)
    box = frame_box(binary, noise_mask(binary, glyph / f), glyph / f, 0)
    if box is None:
        return None
    x, y, w, h = box
    slack = int(np.ceil(f))
    return (
        int(x * f) - margin - slack,
        int(y * f) - margin - slack,
        int(np.ceil(w * f)) + 2 * (margin + slack),
        int(np.ceil(h * f)) + 2 * (margin + slack),
    )


def prepare(
    image: Image.Image, options: PreprocessOptions | None = None, *, rotation: int = 0
) -> Prepared:
    """Measure the page, then run only the enabled steps its measurements call for.

    `rotation` (clockwise degrees) comes from OSD when known. With every step off the OCR
    image is the original (colour kept), so the pipeline then reads what plain tesseract
    reads; a clean binary scan gets nothing but a white margin where its text touches the
    edge.
    """
    o = options or PreprocessOptions()
    clock = _Clock()
    why: dict[str, str] = {}
    applied: list[str] = []
    gray = to_gray(image)
    pixel_steps = o.grayscale or o.contrast or o.binarize or o.denoise
    work: np.ndarray = gray if pixel_steps else to_rgb(image)
    if pixel_steps and image.mode not in ("L", "1"):
        applied.append("grayscale")
    if rotation:
        gray, work = rotate_quarter(gray, rotation), rotate_quarter(work, rotation)
    tone = measure_tone(gray)
    clock.lap("measure")
    sheet = _sheet(gray, tone, o, why)
    if sheet is not None:
        gray, work = _cut(gray, sheet), _cut(work, sheet)
        applied.append("sheet")
        clock.lap("crop")
    flatten, stretch, smooth = _decide_tone(o, tone, why) if pixel_steps else (False,) * 3
    if pixel_steps:
        work = flatten_background(gray) if flatten else gray
        if stretch:
            work = stretch_contrast(work)
        if smooth:
            work = cv2.GaussianBlur(work, (0, 0), 0.8)
        applied += [
            s for s, on in (("flatten", flatten), ("contrast", stretch), ("smooth", smooth)) if on
        ]
        clock.lap("contrast")
    needs_layout = o.deskew or o.dpi or o.denoise or o.crop
    layout = (
        measure_layout(work if work.ndim == 2 else gray, max_skew=o.max_skew, skew=o.deskew)
        if needs_layout
        else None
    )
    clock.lap("measure")
    angle = 0.0
    if layout and o.deskew and abs(layout.skew) >= LIMITS.skew:
        angle = layout.skew
        why["deskew"] = f"наклон {angle:g}°"
        applied.append("deskew")
    view = rotate_small(gray, angle)
    work = rotate_small(work, angle)
    clock.lap("deskew")
    glyph = layout.glyph if layout else None
    scale = _scale_for(o, glyph, tone, why)
    if scale != 1.0:
        interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
        work = cv2.resize(work, None, fx=scale, fy=scale, interpolation=interp)
        applied.append("dpi")
        clock.lap("dpi")
    grey = work.ndim == 2
    if o.binarize and grey:
        work = otsu(work)
        applied.append("binarize")
        clock.lap("binarize")
    degraded = flatten or smooth
    g = glyph * scale if glyph else 0.0
    if o.denoise and grey and g and layout and (degraded or layout.specks >= LIMITS.specks):
        binary = work if o.binarize else otsu(work)
        noise = noise_mask(binary, g)
        if noise is not None:
            work = remove_noise(work, binary, noise)
            why["specks"] = (
                "пятна, ободки и крапины сняты: страница с шумом или неровным фоном"
                if degraded
                else f"крапинок на букву {layout.specks:g} ≥ {LIMITS.specks:g}"
            )
            applied.append("specks")
        clock.lap("denoise")
    offset = (0, 0)
    if o.crop and grey and g:
        box = _text_frame(work, g, max(10, int(LIMITS.margin * g)))
        if box is None:
            why["crop"] = "не обрезано: область текста неправдоподобна"
        else:
            work = reframe(work, box)
            offset = (box[0], box[1])
            applied.append("crop")
        clock.lap("crop")
    geometry = Geometry(
        rotation=rotation % 360, angle=angle, scale=scale, offset=offset, sheet=sheet
    )
    decisions: dict[str, Any] = {
        "tone": to_json(tone),
        "layout": to_json(layout) if layout else None,
        "applied": applied,
        "why": why,
    }
    return Prepared(np.ascontiguousarray(work), view, geometry, glyph, clock.seconds, decisions)


def view_image(image: Image.Image, geometry: Geometry) -> np.ndarray:
    """The viewer's image for a page whose geometry is known (an OCR cache hit)."""
    turned = rotate_quarter(to_gray(image), geometry.rotation)
    return rotate_small(_cut(turned, geometry.sheet), geometry.angle)
