"""Make a clean typed page look like a scan of an old sheet of paper.

The order follows the physics: ribbon wear and carbon bleed act on the ink, the paper brings
its own shading and stains, then the sheet lies crooked on the scanner, the optics blur and
the sensor adds noise. Doing it in that order keeps the artefacts plausible for OCR tuning.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True, slots=True)
class Degradation:
    skew_deg: float = 0.0  # the page is rotated by an angle drawn from ±skew_deg
    blur_sigma: float = 0.0
    noise_std: float = 0.0  # gaussian sensor noise, grey levels
    salt_pepper: float = 0.0  # fraction of pixels forced to black or white
    stains: int = 0
    stain_strength: float = 0.0  # darkening at a stain, 0..1
    unevenness: float = 0.0  # amplitude of low-frequency paper shading, grey levels
    paper: float = 235.0  # grey level of clean paper
    ink: float = 35.0  # grey level of a full strike
    ink_dropout: float = 0.0  # 0..1: worn ribbon leaves holes in strokes
    carbon: float = 0.0  # 0..1: carbon copy, blurred, fainter strokes with a ghost


# What the demo archive uses: OCR must still read every key word on these.
MILD = Degradation(
    skew_deg=1.5,
    blur_sigma=0.7,
    noise_std=5.0,
    stains=1,
    stain_strength=0.07,
    unevenness=6.0,
    paper=232.0,
    ink=40.0,
    ink_dropout=0.1,
)


def heavy(severity: float, rng: np.random.Generator) -> Degradation:
    """A random hard case; at `severity` 1.0 plain tesseract still reads most of the words,
    so preprocessing improvements show up in the error rate instead of being lost at 100 %."""
    s = max(0.0, severity)
    paper = 238.0 - rng.uniform(0, 30) * min(s, 1.5)
    ink = min(30.0 + rng.uniform(0, 60) * s, paper - 60.0)
    return Degradation(
        skew_deg=3.0 * s,
        blur_sigma=rng.uniform(0.5, 1.1) * s,
        noise_std=rng.uniform(4, 10) * s,
        salt_pepper=rng.uniform(0, 0.002) * s,
        stains=int(rng.integers(1, 4)),
        stain_strength=min(0.5, rng.uniform(0.08, 0.22) * s),
        unevenness=rng.uniform(6, 18) * s,
        paper=paper,
        ink=ink,
        ink_dropout=min(0.8, rng.uniform(0.1, 0.4) * s),
        carbon=min(1.0, rng.uniform(0.4, 0.9) * s) if rng.random() < 0.3 else 0.0,
    )


def _low_freq(rng: np.random.Generator, h: int, w: int, cells: int) -> np.ndarray:
    """Smooth noise in about [-1, 1] varying over ~1/cells of the page."""
    grid = rng.normal(0, 1, (cells + 1, max(2, cells * w // h) + 1)).astype(np.float32)
    return cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC) / 2.0


def _wear_ink(cov: np.ndarray, d: Degradation, rng: np.random.Generator) -> np.ndarray:
    h, w = cov.shape
    if d.ink_dropout > 0:
        coarse = rng.random((h // 3 + 1, w // 3 + 1)).astype(np.float32)
        grain = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_LINEAR)
        cov = cov * np.clip(1.0 - d.ink_dropout * 1.6 * grain**2, 0.0, 1.0)
    if d.carbon > 0:
        sigma = 0.8 + 1.6 * d.carbon
        shift = np.array([[1, 0, 2 + 3 * d.carbon], [0, 1, 1]], dtype=np.float32)
        ghost = cv2.warpAffine(cov, shift, (w, h))
        cov = cv2.GaussianBlur(cov, (0, 0), sigma) * (1.0 - 0.35 * d.carbon)
        cov = np.clip(cov + 0.18 * d.carbon * cv2.GaussianBlur(ghost, (0, 0), sigma * 1.5), 0, 1)
    return cov


def _stain(img: np.ndarray, strength: float, rng: np.random.Generator) -> None:
    """A coffee-ring stain: light inside, darker rim, ragged edge; modifies img in place."""
    h, w = img.shape
    ry, rx = (float(v) for v in rng.uniform(70, 260, 2))
    cy, cx = float(rng.uniform(0, h)), float(rng.uniform(0, w))
    y0, y1 = max(0, int(cy - 1.4 * ry)), min(h, int(cy + 1.4 * ry))
    x0, x1 = max(0, int(cx - 1.4 * rx)), min(w, int(cx + 1.4 * rx))
    if y1 <= y0 or x1 <= x0:
        return
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    r = np.sqrt(((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2)
    r += 0.12 * _low_freq(rng, y1 - y0, x1 - x0, 5)
    body = np.clip(1.0 - r, 0, 1) ** 0.3 * 0.45
    rim = np.exp(-(((r - 1.0) / 0.05) ** 2))
    img[y0:y1, x0:x1] *= 1.0 - strength * np.maximum(body, rim)


def degrade(coverage: np.ndarray, d: Degradation, rng: np.random.Generator) -> np.ndarray:
    """Grey scan (uint8) of a page whose ink coverage in [0, 1] is `coverage`."""
    h, w = coverage.shape
    cov = _wear_ink(coverage, d, rng)
    paper = d.paper + d.unevenness * _low_freq(rng, h, w, 6)
    paper += d.unevenness * 0.5 * np.linspace(-1, 1, w, dtype=np.float32)[None, :]
    paper += cv2.GaussianBlur(rng.normal(0, 3, (h, w)).astype(np.float32), (0, 0), 1.5)
    img: np.ndarray = paper * (1.0 - cov) + d.ink * cov
    for _ in range(d.stains):
        _stain(img, d.stain_strength, rng)
    angle = float(rng.uniform(-d.skew_deg, d.skew_deg))
    if angle:
        rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        img = cv2.warpAffine(
            img, rot, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
        )
    if d.blur_sigma > 0:
        img = cv2.GaussianBlur(img, (0, 0), d.blur_sigma)
    if d.noise_std > 0:
        img += rng.normal(0, d.noise_std, (h, w)).astype(np.float32)
    if d.salt_pepper > 0:
        flips = rng.random((h, w))
        img[flips < d.salt_pepper / 2] = 0
        img[flips > 1 - d.salt_pepper / 2] = 255
    return np.clip(img, 0, 255).astype(np.uint8)


def colorize(
    grey: np.ndarray, paper_rgb: tuple[int, int, int], ink_rgb: tuple[int, int, int]
) -> np.ndarray:
    """Tint a grey scan: white maps to the paper colour, black to the ink (violet ribbons)."""
    t = grey.astype(np.float32)[..., None] / 255.0
    paper = np.array(paper_rgb, np.float32)
    ink = np.array(ink_rgb, np.float32)
    return np.clip(ink + (paper - ink) * t, 0, 255).astype(np.uint8)
