"""`achyk eval ocr DIR`: CER/WER against same-stem `.txt` transcriptions, and pages per minute.

A directory of page images with ground truth (the demo's `generate_degraded_pages` writes
one) is read through the same engine as ingestion, `workers` tesseract processes at a time.
Throughput is pages divided by the wall-clock time of loading, preparing and recognising;
scoring is not timed. The OCR cache is off unless asked for, so a second run measures
tesseract again rather than the disk.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PIL import Image

from ocr.engine import OcrConfig, PageOcr, ocr_many
from ocr.metrics import ErrorCounts, compare

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".pgm", ".ppm",
                  ".pnm", ".gif")


@dataclass(frozen=True, slots=True)
class Sample:
    image: Path
    truth: Path
    frames: int


def find_samples(directory: Path) -> list[Sample]:
    """Images that have a `.txt` of the same stem beside them, sorted by name."""
    out = []
    for path in sorted(directory.iterdir()):
        truth = path.with_suffix(".txt")
        if path.suffix.lower() in IMAGE_SUFFIXES and truth.is_file():
            with Image.open(path) as img:
                frames = getattr(img, "n_frames", 1)
            out.append(Sample(path, truth, frames))
    return out


def _load(path: Path, frame: int) -> Image.Image:
    with Image.open(path) as img:
        if frame:
            img.seek(frame)
        img.load()
        return img.copy()


def run(directory: Path, config: OcrConfig, *, workers: int,
        on_page: Callable[[int, PageOcr], None] | None = None) -> dict[str, Any]:
    samples = find_samples(directory)
    if not samples:
        raise FileNotFoundError(f"В {directory} нет изображений с файлами .txt того же имени")
    loaders: list[Callable[[], Image.Image]] = []
    owner: list[int] = []
    for n, s in enumerate(samples):
        for frame in range(s.frames):
            loaders.append(partial(_load, s.image, frame))
            owner.append(n)
    start = time.perf_counter()
    pages = ocr_many(loaders, config, workers, on_page)
    seconds = time.perf_counter() - start
    total = ErrorCounts()
    files = []
    for n, s in enumerate(samples):
        mine = [p for p, o in zip(pages, owner, strict=True) if o == n]
        hyp = "\n".join(p.text for p in mine)
        counts = compare(hyp, s.truth.read_text(encoding="utf-8"))
        total = total + counts
        confs = [p.confidence for p in mine if p.confidence is not None]
        files.append({"file": s.image.name, "pages": len(mine), "cer": round(counts.cer, 4),
                      "wer": round(counts.wer, 4), "chars": counts.chars, "words": counts.words,
                      "confidence": round(sum(confs) / len(confs), 1) if confs else None})
    return {"cer": round(total.cer, 4), "wer": round(total.wer, 4), "pages": len(pages),
            "pages_per_minute": round(len(pages) * 60 / seconds, 2) if seconds else 0.0,
            "seconds": round(seconds, 2), "workers": workers, "languages": config.languages,
            "steps": list(config.preprocess.enabled), "files": files}


def render_report(report: dict[str, Any]) -> str:
    """The human-readable table printed by `achyk eval ocr` without --json."""
    lines = [f"{'файл':<28} {'стр.':>4} {'CER':>7} {'WER':>7} {'увер.':>6}"]
    for f in report["files"]:
        conf = "—" if f["confidence"] is None else f"{f['confidence']:.1f}"
        lines.append(f"{f['file']:<28} {f['pages']:>4} {f['cer']:>7.2%} {f['wer']:>7.2%} "
                     f"{conf:>6}")
    lines.append("")
    lines.append(f"Страниц: {report['pages']}  CER: {report['cer']:.2%}  "
                 f"WER: {report['wer']:.2%}  стр./мин: {report['pages_per_minute']}")
    lines.append(f"Языки: {report['languages']}; процессов tesseract: {report['workers']}")
    lines.append(f"Предобработка: {', '.join(report['steps']) or 'нет'}")
    return "\n".join(lines)
