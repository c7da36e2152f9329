"""Page images in, text with word boxes in view coordinates out: prepare, tesseract, OSD, cache.

This is the one OCR path: ingestion, `achyk eval ocr` and bench/ocr.py all call
`ocr_pages` (or `ocr_many` for a pool), so the figures measured are the figures shipped.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

from core.errors import StageError
from core.settings import Settings
from core.types import WordBox
from ocr import tesseract
from ocr.cache import OcrCache, cache_key, image_digest
from ocr.preprocess import Geometry, Prepared, PreprocessOptions, prepare, view_image
from ocr.sample import mean_confidence, pick_lines, stack
from ocr.tesseract import Line, OcrResult

cv2.setNumThreads(1)  # one core per OCR worker: tesseract gets the others
PIPELINE = 4  # bump when preprocessing changes what it produces: cached results go stale


@dataclass(frozen=True, slots=True)
class OcrConfig:
    languages: str = "rus+kir"
    preprocess: PreprocessOptions = field(default_factory=PreprocessOptions)
    psm: int = 3
    osd_below: float = 50.0  # mean confidence under which OSD is asked about rotation
    batch: int = 4  # pages per tesseract process (the models load once per batch)
    cache_dir: Path | None = None
    second_below: float = 70.0  # mean confidence under which a page is read a second way
    second_languages: str = "Cyrillic"  # added to `languages` for that second reading

    def key(self) -> str:
        return json.dumps(
            {
                "pipeline": PIPELINE,
                "languages": self.languages,
                "psm": self.psm,
                "osd_below": self.osd_below,
                "preprocess": self.preprocess.key(),
                "second_below": self.second_below,
                "second_languages": self.second_languages,
                "tesseract": tesseract_version(),
            },
            sort_keys=True,
        )

    def wider_languages(self) -> str | None:
        """The installed second-pass models not already in `languages`, or None (then the
        second reading is only the plain one). Alone, not added to `languages`: one script
        model costs about what one language costs, and it reads Russian, pre-1918 and
        Kyrgyz letters."""
        extra = [
            m
            for m in self.second_languages.split("+")
            if m and m not in self.languages.split("+") and m in tesseract.available_languages()
        ]
        return "+".join(extra) if extra else None


@lru_cache(maxsize=1)
def tesseract_version() -> str:
    """First line of `tesseract --version`: results of another build are not reused."""
    try:
        out = subprocess.run(
            [tesseract.TESSERACT, "--version"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (
        (out.stdout or out.stderr).strip().splitlines()[0]
        if (out.stdout or out.stderr)
        else "unknown"
    )


@dataclass(slots=True)
class PageOcr:
    """One page's OCR: boxes are in `view` pixels (the image the viewer shows)."""

    text: str
    words: tuple[WordBox, ...]
    lines: tuple[Line, ...]
    confidence: float | None
    geometry: Geometry
    view: np.ndarray
    cached: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    decisions: dict[str, Any] = field(default_factory=dict)  # measures, steps, passes, why

    def to_cache(self) -> dict[str, Any]:
        g = self.geometry
        return {
            "text": self.text,
            "words": [w.to_json() for w in self.words],
            "lines": [ln.to_json() for ln in self.lines],
            "confidence": self.confidence,
            "geometry": [
                g.rotation,
                g.angle,
                g.scale,
                list(g.offset),
                list(g.sheet) if g.sheet else None,
            ],
            "decisions": self.decisions,
        }

    @classmethod
    def from_cache(cls, data: dict[str, Any], image: Image.Image) -> PageOcr:
        rot, angle, scale, offset, sheet = data["geometry"]
        geometry = Geometry(
            int(rot),
            float(angle),
            float(scale),
            (int(offset[0]), int(offset[1])),
            (int(sheet[0]), int(sheet[1]), int(sheet[2]), int(sheet[3])) if sheet else None,
        )
        return cls(
            text=data["text"],
            words=tuple(WordBox.from_json(w) for w in data["words"]),
            lines=tuple(Line(*map(int, ln)) for ln in data["lines"]),
            confidence=data["confidence"],
            geometry=geometry,
            view=view_image(image, geometry),
            cached=True,
            decisions=data.get("decisions") or {},
        )


def _to_view(result: OcrResult, g: Geometry) -> tuple[tuple[WordBox, ...], tuple[Line, ...]]:
    words = tuple(
        WordBox(w.text, *g.to_view(w.left, w.top, w.width, w.height), round(w.conf, 1))
        for w in result.words
    )
    lines = tuple(
        Line(*g.to_view(ln.left, ln.top, ln.width, ln.height), ln.first, ln.count)
        for ln in result.lines
    )
    return words, lines


def _page(prep: Prepared, result: OcrResult, seconds: dict[str, float]) -> PageOcr:
    words, lines = _to_view(result, prep.geometry)
    return PageOcr(
        result.text,
        words,
        lines,
        result.confidence,
        prep.geometry,
        prep.view,
        seconds=seconds,
        decisions=dict(prep.decisions),
    )


def _worse(page: PageOcr) -> float:
    return -1.0 if page.confidence is None else page.confidence


def sideways(words: Sequence[WordBox]) -> bool:
    """Most longer words are taller than wide: tesseract read vertical lines (a page turned
    by 90°). It reads them, but the viewer should show the page upright, so OSD is asked."""
    long = [w for w in words if len(w.text) >= 4]
    return len(long) >= 3 and sum(w.height > w.width for w in long) > len(long) / 2


def _reorient(image: Image.Image, page: PageOcr, prep: Prepared, config: OcrConfig) -> PageOcr:
    """Ask OSD about a page that reads badly or looks sideways; keep whichever reads better."""
    t = time.perf_counter()
    found = tesseract.detect_orientation(prep.ocr)
    page.seconds["osd"] = time.perf_counter() - t
    if found is None or found.rotate == 0 or found.confidence < 1.0:
        return page
    rotation = (prep.geometry.rotation + found.rotate) % 360
    again = prepare(image, config.preprocess, rotation=rotation)
    result = tesseract.recognize([again.ocr], config.languages, psm=config.psm)[0]
    turned = _page(again, result, {**page.seconds, **again.seconds})
    return turned if _worse(turned) > _worse(page) else page


def _recognize(images: list[np.ndarray], config: OcrConfig) -> list[OcrResult]:
    """A batch in one process; if it fails, page by page so one bad page fails alone."""
    try:
        return tesseract.recognize(images, config.languages, psm=config.psm)
    except StageError:
        if len(images) == 1:
            raise
    return [tesseract.recognize([img], config.languages, psm=config.psm)[0] for img in images]


SAMPLE_MARGIN = 3.0  # confidence points a 3-line sample must gain before the page is re-read
PIXEL_STEPS = frozenset({"flatten", "contrast", "smooth", "specks", "binarize"})


def _chars(page: PageOcr) -> int:
    return sum(len(w.text) for w in page.words)


def _better(candidate: PageOcr, current: PageOcr, first: PageOcr) -> bool:
    """Higher mean word confidence, without reading much less than the first reading did
    (a reading of three confident words must not replace a page of text)."""
    return _worse(candidate) > _worse(current) and _chars(candidate) >= 0.7 * _chars(first)


def _untouched(prep: Prepared) -> Prepared:
    """The page's own pixels (grey, upright, deskewed, no other step): what plain tesseract
    would read, with the geometry kept so boxes still land on the view."""
    g = prep.geometry
    return Prepared(
        prep.view,
        prep.view,
        Geometry(g.rotation, g.angle, 1.0, (0, 0), g.sheet),
        prep.glyph_px,
        {},
        {
            **prep.decisions,
            "applied": [a for a in prep.decisions.get("applied", ()) if a not in PIXEL_STEPS],
        },
    )


@dataclass(slots=True)
class _Trial:
    """One way of reading a page again, tried on a sample of its lines first."""

    name: str
    languages: str
    prep: Prepared
    sample: np.ndarray | None
    first_conf: float | None  # the first reading's confidence on the same lines
    sample_conf: float | None = None


def _trials(page: PageOcr, prep: Prepared, config: OcrConfig, wider: str | None) -> list[_Trial]:
    lines = pick_lines(page.lines)
    first_conf = mean_confidence(page.words, lines)
    view_boxes = [(ln.left, ln.top, ln.width, ln.height) for ln in lines]
    whole = len(lines) >= len(page.lines)  # a line image or a short page: no sample to cut
    out: list[_Trial] = []
    if wider:
        boxes = [prep.geometry.to_ocr(*b) for b in view_boxes]
        out.append(
            _Trial("wider", wider, prep, None if whole else stack(prep.ocr, boxes), first_conf)
        )
    if PIXEL_STEPS & set(page.decisions.get("applied", ())):
        plain = _untouched(prep)
        out.append(
            _Trial(
                "plain",
                config.languages,
                plain,
                None if whole else stack(plain.ocr, view_boxes),
                first_conf,
            )
        )
    return out


def _second_readings(
    pages: list[PageOcr], preps: list[Prepared], config: OcrConfig
) -> list[PageOcr]:
    """Pages that read below `second_below` are tried two other ways: the wider models
    (`Cyrillic` knows ѣ, і and the Kyrgyz letters) on the prepared image, and, when pixels
    were changed, the page's untouched pixels as plain tesseract reads them. Each way is
    first read on a sample of three lines; only a way that reads the sample more
    confidently (by SAMPLE_MARGIN) than the first reading did is paid for on the whole
    page, and that reading is kept only if its mean word confidence is higher still.
    Pages above the limit (most of them) cost one pass. (Also trying pages whose first
    reading shows pre-1918 spelling was measured: no gain on the real 1911 lines, 0.03
    points on generated pages, 15-20 % slower; dropped.)"""
    low = [
        k for k, p in enumerate(pages) if p.confidence is None or p.confidence < config.second_below
    ]
    if not low:
        return pages
    t = time.perf_counter()
    wider = config.wider_languages()
    trials = {k: _trials(pages[k], preps[k], config, wider) for k in low}
    for name, langs in (("wider", wider), ("plain", config.languages)):
        sampled = [tr for k in low for tr in trials[k] if tr.name == name and tr.sample is not None]
        if langs and sampled:
            results = tesseract.recognize(
                [tr.sample for tr in sampled if tr.sample is not None], langs, psm=6
            )
            for tr, res in zip(sampled, results, strict=True):
                tr.sample_conf = res.confidence
    full: dict[tuple[int, str], PageOcr] = {}
    for name, langs in (("wider", wider), ("plain", config.languages)):
        todo = [
            (k, tr)
            for k in low
            for tr in trials[k]
            if tr.name == name
            and (tr.sample is None or _conf(tr.sample_conf) > _conf(tr.first_conf) + SAMPLE_MARGIN)
        ]
        if langs and todo:
            results = tesseract.recognize([tr.prep.ocr for _, tr in todo], langs, psm=config.psm)
            for (k, tr), res in zip(todo, results, strict=True):
                full[k, name] = _page(tr.prep, res, {})
    share = (time.perf_counter() - t) / len(low)
    out = list(pages)
    for k in low:
        first = pages[k]
        best, chosen = first, "prepared"
        passes: list[dict[str, Any]] = [
            {
                "reading": "prepared",
                "languages": config.languages,
                "confidence": _round(first.confidence),
            }
        ]
        for tr in trials[k]:
            cand = full.get((k, tr.name))
            passes.append(
                {
                    "reading": tr.name,
                    "languages": tr.languages,
                    "sample": None
                    if tr.sample is None
                    else {
                        "confidence": _round(tr.sample_conf),
                        "first_confidence": _round(tr.first_conf),
                    },
                    "confidence": _round(cand.confidence) if cand else None,
                }
            )
            if cand is not None and _better(cand, best, first):
                best, chosen = cand, tr.name
        best.seconds = {**first.seconds, "second": share}
        best.decisions = {**best.decisions, "passes": passes, "chosen": chosen}
        out[k] = best
    return out


def _conf(conf: float | None) -> float:
    return -1.0 if conf is None else conf


def _round(conf: float | None) -> float | None:
    return None if conf is None else round(conf, 1)


def ocr_pages(images: Sequence[Image.Image], config: OcrConfig) -> list[PageOcr]:
    """OCR pages in one tesseract process (per `batch`), reusing cached results."""
    cache = OcrCache(config.cache_dir) if config.cache_dir else None
    settings_key = config.key()
    out: list[PageOcr | None] = [None] * len(images)
    keys: list[str] = []
    todo: list[int] = []
    for i, image in enumerate(images):
        key = cache_key(image_digest(image), settings_key) if cache else ""
        keys.append(key)
        hit = cache.get(key) if cache else None
        if hit is not None:
            out[i] = PageOcr.from_cache(hit, image)
        else:
            todo.append(i)
    for start in range(0, len(todo), max(1, config.batch)):
        chunk = todo[start : start + max(1, config.batch)]
        preps = [prepare(images[i], config.preprocess) for i in chunk]
        t = time.perf_counter()
        results = _recognize([p.ocr for p in preps], config)
        share = (time.perf_counter() - t) / len(chunk)
        pages = [
            _page(prep, result, {**prep.seconds, "tesseract": share})
            for prep, result in zip(preps, results, strict=True)
        ]
        pages = _second_readings(pages, preps, config)
        for i, prep, page in zip(chunk, preps, pages, strict=True):
            if config.preprocess.orientation and (
                page.confidence is None
                or page.confidence < config.osd_below
                or sideways(page.words)
            ):
                page = _reorient(images[i], page, prep, config)
            out[i] = page
            if cache:
                cache.put(keys[i], page.to_cache())
    return [p for p in out if p is not None]


def guided_chunks(n: int, batch: int, workers: int) -> list[list[int]]:
    """Page indices in chunks that shrink towards the end (guided scheduling): full batches
    while there is plenty left, single pages at the tail, so no core idles while another
    finishes a long last batch."""
    chunks: list[list[int]] = []
    start = 0
    while start < n:
        size = max(1, min(batch, (n - start) // (2 * workers)))
        chunks.append(list(range(start, min(n, start + size))))
        start += size
    return chunks


def ocr_many(
    load: Sequence[Callable[[], Image.Image]],
    config: OcrConfig,
    workers: int,
    on_page: Callable[[int, PageOcr], None] | None = None,
) -> list[PageOcr]:
    """Pages from many files with `workers` tesseract processes running at once.

    Threads suffice: tesseract runs in its own process and OpenCV releases the GIL, so
    each thread keeps one core busy. Images are loaded inside the threads, a batch at a time.
    """
    chunks = guided_chunks(len(load), max(1, config.batch), max(1, workers))
    results: list[PageOcr | None] = [None] * len(load)

    def run(idx: list[int]) -> None:
        images = [load[i]() for i in idx]
        for i, page in zip(idx, ocr_pages(images, config), strict=True):
            results[i] = page
            if on_page:
                on_page(i, page)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for fut in [pool.submit(run, c) for c in chunks]:
            fut.result()
    return [r for r in results if r is not None]


def config_from_settings(settings: Settings, languages: str) -> OcrConfig:
    """The OCR configuration a process's settings describe, for `languages` (aliases expand)."""
    steps = PreprocessOptions.from_steps(
        settings.ocr_preprocess.split(","), glyph_px=settings.ocr_glyph_px
    )
    return OcrConfig(
        languages=tesseract.normalize_languages(languages, settings.ocr_aliases),
        preprocess=steps,
        psm=settings.ocr_psm,
        osd_below=settings.ocr_osd_below,
        batch=settings.ocr_batch,
        cache_dir=settings.ocr_cache_dir if settings.ocr_cache else None,
        second_below=settings.ocr_second_below,
        second_languages=settings.ocr_second_languages,
    )
