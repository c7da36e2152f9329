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

import cv2
import numpy as np
from PIL import Image, ImageOps

STEPS: tuple[str, ...] = ("grayscale", "dpi", "orientation", "deskew", "contrast", "binarize",
                          "denoise", "crop")
ANALYSIS_MAX_SIDE = 1800  # skew and glyph size are measured on a copy no larger than this


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
            raise ValueError(f"Неизвестные шаги предобработки: {', '.join(sorted(unknown))}; "
                             f"допустимы: {', '.join(STEPS)}")
        flags = {s: s in wanted for s in STEPS}
        return cls(**flags, **numbers)  # type: ignore[arg-type]

    def without(self, *steps: str) -> PreprocessOptions:
        PreprocessOptions.from_steps(steps)  # validates the names
        return PreprocessOptions.from_steps(set(self.enabled) - set(steps),
                                            glyph_px=self.glyph_px, max_skew=self.max_skew)

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
        return (round(x0), round(y0), max(1, round(width / self.scale)),
                max(1, round(height / self.scale)))


@dataclass(slots=True)
class Prepared:
    ocr: np.ndarray
    view: np.ndarray
    geometry: Geometry
    glyph_px: float | None = None  # measured median glyph height in the view, pixels
    seconds: dict[str, float] = field(default_factory=dict)


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
        return np.clip(arr * (255.0 / top), 0, 255).astype(np.uint8)
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
    h, w = gray.shape
    # a quarter-size copy, smaller still for huge scans, so the closing stays cheap
    f = max(4.0, max(h, w) / 900) if min(h, w) >= 400 else 1.0
    small = cv2.resize(gray, (max(1, int(w / f)), max(1, int(h / f))),
                       interpolation=cv2.INTER_AREA)
    k = max(5, (min(small.shape) // 25) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    bg = cv2.medianBlur(bg, 5)
    bg = cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(bg, 1), scale=255)


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


def otsu(gray: np.ndarray, *, inverted: bool = False) -> np.ndarray:
    mode = cv2.THRESH_BINARY_INV if inverted else cv2.THRESH_BINARY
    _, out = cv2.threshold(gray, 0, 255, mode + cv2.THRESH_OTSU)
    return out


def _components(ink: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return n, labels, stats


def glyph_height(ink: np.ndarray) -> float | None:
    """Median height of character-sized ink components (ink = 255), or None if no text."""
    _, _, stats = _components(ink)
    hs = stats[1:, cv2.CC_STAT_HEIGHT]
    ws = stats[1:, cv2.CC_STAT_WIDTH]
    ok = (hs >= 4) & (hs <= ink.shape[0] // 6) & (ws <= hs * 4)
    if ok.sum() < 10:
        return None
    return float(np.median(hs[ok]))


def skew_angle(ink: np.ndarray, max_deg: float) -> float:
    """The rotation that makes text lines horizontal: the sharpest row profile wins.

    Coarse search in 1° steps, then 0.1° around the best, on a copy at most 500 px wide:
    0.1° there is under a pixel of drift across the page, and the search costs ~10 ms.
    """
    h, w = ink.shape
    f = max(1.0, max(h, w) / 500)
    small = cv2.resize(ink, (max(1, int(w / f)), max(1, int(h / f))),
                       interpolation=cv2.INTER_AREA)
    sh, sw = small.shape

    def score(a: float) -> float:
        m = cv2.getRotationMatrix2D((sw / 2, sh / 2), a, 1.0)
        r = cv2.warpAffine(small, m, (sw, sh), flags=cv2.INTER_LINEAR)
        prof = r.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(prof) ** 2))

    coarse = np.arange(-max_deg, max_deg + 1e-9, 1.0)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.6, best + 0.61, 0.1)
    return round(float(max(fine, key=score)), 2)


def noise_mask(binary: np.ndarray, glyph: float) -> np.ndarray | None:
    """Pixels of what is not text: specks, stain rims and loops spanning several lines,
    long rules, and dark scanner borders touching the edge. None when there is none."""
    ink = 255 - binary
    n, labels, stats = _components(ink)
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
    return kill[labels]


def remove_noise(work: np.ndarray, binary: np.ndarray, glyph: float) -> np.ndarray:
    """Paint the noise components of `binary` white in `work` (grey or binary).

    On grey the mask is grown by a pixel so the anti-aliased edge of a rim goes too.
    """
    mask = noise_mask(binary, glyph)
    if mask is None:
        return work
    if work is not binary:
        mask = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    out = work.copy()
    out[mask] = 255
    return out


def content_box(binary: np.ndarray, margin: int) -> tuple[int, int, int, int] | None:
    """Bounding box (x, y, w, h) of the ink plus a margin, or None for an empty page."""
    pts = cv2.findNonZero(255 - binary)
    if pts is None:
        return None
    x, y, w, h = cv2.boundingRect(pts)
    H, W = binary.shape
    x0, y0 = max(0, x - margin), max(0, y - margin)
    x1, y1 = min(W, x + w + margin), min(H, y + h + margin)
    return x0, y0, x1 - x0, y1 - y0


def sheet_box(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """The sheet of paper (x, y, w, h) when a dark scanner bed or black margins surround it.

    The largest bright region of a small copy, holes from text and stains filled; None when
    it already fills (nearly) the whole image or is implausibly small.
    """
    h, w = gray.shape
    f = max(1.0, max(h, w) / 600)
    small = cv2.resize(gray, (max(1, int(w / f)), max(1, int(h / f))),
                       interpolation=cv2.INTER_AREA)
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
    return img[y:y + h, x:x + w]


def _analysis_copy(gray: np.ndarray) -> tuple[np.ndarray, float]:
    h, w = gray.shape
    f = max(1.0, max(h, w) / ANALYSIS_MAX_SIDE)
    if f == 1.0:
        return gray, 1.0
    return cv2.resize(gray, (int(w / f), int(h / f)), interpolation=cv2.INTER_AREA), f


class _Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self._t
        self._t = now


def prepare(image: Image.Image, options: PreprocessOptions | None = None, *,
            rotation: int = 0) -> Prepared:
    """Run the enabled steps. `rotation` (clockwise degrees) comes from OSD when known.

    With every step off the OCR image is the original (colour kept), so the pipeline then
    reads exactly what plain tesseract reads.
    """
    o = options or PreprocessOptions()
    clock = _Clock()
    gray = to_gray(image)
    pixel_steps = o.grayscale or o.contrast or o.binarize or o.denoise
    work: np.ndarray = gray if pixel_steps else to_rgb(image)
    clock.lap("grayscale")
    if rotation:
        gray, work = rotate_quarter(gray, rotation), rotate_quarter(work, rotation)
    sheet = sheet_box(gray) if o.crop else None
    if sheet is not None:
        gray, work = _cut(gray, sheet), _cut(work, sheet)
        clock.lap("crop")
    flat = flatten_background(gray) if o.contrast else gray
    needs_analysis = o.deskew or o.dpi or o.denoise or o.crop
    glyph: float | None = None
    angle = 0.0
    if needs_analysis:
        small, f = _analysis_copy(flat)
        ink = otsu(small, inverted=True)
        if o.deskew:
            angle = skew_angle(ink, o.max_skew)
            if abs(angle) < 0.15:
                angle = 0.0
            ink = rotate_small(ink, angle, binary=True)
        g = glyph_height(ink)
        glyph = g * f if g else None
        clock.lap("analysis")
    view = rotate_small(gray, angle)
    if pixel_steps:
        work = flat if o.contrast else gray
        work = rotate_small(work, angle)
        if o.contrast:
            work = stretch_contrast(work)
        clock.lap("contrast")
        if o.denoise:
            # Gaussian, not median: a 3×3 median erased the thin bar of «ө» and the tail of
            # «ү» on a 12-pt Kyrgyz scan (CER 0.9% → 3.8%), and did no better elsewhere.
            work = cv2.GaussianBlur(work, (0, 0), 0.8)
            clock.lap("denoise")
    else:
        work = rotate_small(work, angle)
    clock.lap("deskew")
    scale = 1.0
    if o.dpi and glyph:
        scale = min(3.0, max(0.4, o.glyph_px / glyph))
        if abs(scale - 1.0) < 0.1:
            scale = 1.0
        if scale != 1.0:
            interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
            work = cv2.resize(work, None, fx=scale, fy=scale, interpolation=interp)
        clock.lap("dpi")
    binary = otsu(work) if work.ndim == 2 and (o.binarize or o.denoise or o.crop) else None
    if o.binarize and binary is not None:
        work = binary
        clock.lap("binarize")
    if o.denoise and glyph and binary is not None:
        work = remove_noise(work, binary, glyph * scale)
        clock.lap("denoise")
    offset = (0, 0)
    if o.crop and binary is not None and glyph:
        box = content_box(work if o.binarize else otsu(work), int(2 * glyph * scale))
        if box is not None:
            x, y, w, h = box
            work = work[y:y + h, x:x + w]
            offset = (x, y)
        clock.lap("crop")
    geometry = Geometry(rotation=rotation % 360, angle=angle, scale=scale, offset=offset,
                        sheet=sheet)
    return Prepared(np.ascontiguousarray(work), view, geometry, glyph, clock.seconds)


def view_image(image: Image.Image, geometry: Geometry) -> np.ndarray:
    """The viewer's image for a page whose geometry is known (an OCR cache hit)."""
    turned = rotate_quarter(to_gray(image), geometry.rotation)
    return rotate_small(_cut(turned, geometry.sheet), geometry.angle)
