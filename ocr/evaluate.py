"""`achyk eval ocr DIR`: CER/WER against same-stem `.txt` transcriptions, and pages per minute.

A directory of page or line images with ground truth (the 73 real book lines of
../shared/data/ocr-real-dev, or the demo's `generate_degraded_pages`) is read through the
same engine as ingestion, `workers` tesseract processes at a time. Throughput is pages
divided by the wall-clock time of loading, preparing and recognising; scoring is not timed.
The OCR cache is off unless asked for, so a second run measures tesseract again.

Scoring (as ../shared/data/README.md section 5): Levenshtein distance over characters after
collapsing whitespace, summed over files, divided by the characters of the transcriptions.
Pre-1918 letters are scored as written: «ѣ» read as «е» is an error. `cer_folded` is the
same after folding both sides (ѣ→е, і→и, ѳ→ф, ѵ→и, word-final ъ dropped), reported beside,
never instead. A file's language is read off its transcription: `ky` when it holds ң, ө
or ү, `ru-1918` when it holds ѣ, і, ѳ, ѵ or a word-final ъ, else `ru`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from PIL import Image

from core import text_fold
from ocr.baseline import plain_many
from ocr.engine import OcrConfig, PageOcr, ocr_many
from ocr.metrics import ErrorCounts, compare

KYRGYZ = text_fold.KYRGYZ_LETTERS
PRE_1918 = text_fold.PRE_1918_LETTERS
# Only the pre-1918 letters: ё is scored as written (a transcription's ё read as е is an
# error in `cer_folded` too), and Kyrgyz stand-ins are OCR errors the score must show.
FOLD = str.maketrans(text_fold.PRE_1918)
# Scoring's own word boundary, narrower than core.text_fold.FINAL_HARD_SIGN: a word is a
# run of Russian letters, so a ъ after ө or a Latin letter stays and one before a digit
# («Иванъ1», an OCR run-on) is dropped. Kept as it was so that `cer_folded` figures stay
# comparable with every published run (docs/ocr.md).
FINAL_HARD = re.compile(r"(?<=[А-Яа-яЁё])[ъЪ](?![А-Яа-яЁё])")

IMAGE_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
    ".bmp",
    ".webp",
    ".pgm",
    ".ppm",
    ".pnm",
    ".gif",
)


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


def language_of(truth: str) -> str:
    """ky, ru-1918 or ru, from the letters of the transcription (see the module doc)."""
    if KYRGYZ & set(truth):
        return "ky"
    if PRE_1918 & set(truth) or FINAL_HARD.search(truth):
        return "ru-1918"
    return "ru"


def fold(text: str) -> str:
    """Pre-1918 spelling to modern letters, for the secondary `cer_folded` figure only.

    The letters are core.text_fold's; the word boundary is scoring's own (FINAL_HARD)."""
    return FINAL_HARD.sub("", text.translate(FOLD))


@dataclass(slots=True)
class _Tally:
    counts: ErrorCounts = field(default_factory=ErrorCounts)
    folded: ErrorCounts = field(default_factory=ErrorCounts)
    plain: ErrorCounts = field(default_factory=ErrorCounts)
    plain_folded: ErrorCounts = field(default_factory=ErrorCounts)
    files: int = 0

    def add(
        self, hyp: str, truth: str, plain: str | None
    ) -> tuple[ErrorCounts, ErrorCounts | None]:
        c = compare(hyp, truth)
        self.counts += c
        self.folded += compare(fold(hyp), fold(truth))
        self.files += 1
        if plain is None:
            return c, None
        p = compare(plain, truth)
        self.plain += p
        self.plain_folded += compare(fold(plain), fold(truth))
        return c, p

    def figures(self, baseline: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "files": self.files,
            "chars": self.counts.chars,
            "cer": round(self.counts.cer, 4),
            "wer": round(self.counts.wer, 4),
            "cer_folded": round(self.folded.cer, 4),
        }
        if baseline:
            out |= {
                "plain_cer": round(self.plain.cer, 4),
                "plain_wer": round(self.plain.wer, 4),
                "plain_cer_folded": round(self.plain_folded.cer, 4),
            }
        return out


def run(
    directory: Path,
    config: OcrConfig,
    *,
    workers: int,
    on_page: Callable[[int, PageOcr], None] | None = None,
    baseline: str | None = None,
) -> dict[str, Any]:
    """Read every sample with the pipeline; with `baseline` (tesseract languages) also with
    plain tesseract on the same files in the same run, and score both the same way."""
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
    plain: list[str | None] = [None] * len(samples)
    plain_seconds = 0.0
    if baseline:
        texts, plain_seconds = plain_many([s.image for s in samples], baseline, workers)
        plain = list(texts)
    total = _Tally()
    by_language: dict[str, _Tally] = {}
    files = []
    for n, s in enumerate(samples):
        mine = [p for p, o in zip(pages, owner, strict=True) if o == n]
        hyp = "\n".join(p.text for p in mine)
        truth = s.truth.read_text(encoding="utf-8")
        lang = language_of(truth)
        counts, plain_counts = total.add(hyp, truth, plain[n])
        by_language.setdefault(lang, _Tally()).add(hyp, truth, plain[n])
        confs = [p.confidence for p in mine if p.confidence is not None]
        row: dict[str, Any] = {
            "file": s.image.name,
            "language": lang,
            "pages": len(mine),
            "cer": round(counts.cer, 4),
            "wer": round(counts.wer, 4),
            "chars": counts.chars,
            "words": counts.words,
            "confidence": round(sum(confs) / len(confs), 1) if confs else None,
            "applied": sorted({a for p in mine for a in p.decisions.get("applied", ())}),
            "readings": sorted({str(p.decisions.get("chosen", "prepared")) for p in mine}),
        }
        if plain_counts is not None:
            row["plain_cer"] = round(plain_counts.cer, 4)
        files.append(row)
    report: dict[str, Any] = {
        **{k: v for k, v in total.figures(False).items() if k not in ("files", "chars")},
        "pages": len(pages),
        "pages_per_minute": round(len(pages) * 60 / seconds, 2) if seconds else 0.0,
        "seconds": round(seconds, 2),
        "workers": workers,
        "languages": config.languages,
        "steps": list(config.preprocess.enabled),
        "by_language": {k: v.figures(bool(baseline)) for k, v in sorted(by_language.items())},
        "files": files,
    }
    if baseline:
        worse = [f["file"] for f in files if f["cer"] > f["plain_cer"] + 0.01]
        report["baseline"] = {
            "command": f"tesseract IMAGE stdout -l {baseline}",
            "languages": baseline,
            "cer": round(total.plain.cer, 4),
            "wer": round(total.plain.wer, 4),
            "cer_folded": round(total.plain_folded.cer, 4),
            "pages_per_minute": round(len(samples) * 60 / plain_seconds, 2)
            if plain_seconds
            else 0.0,
            "seconds": round(plain_seconds, 2),
            "worse_than_plain_by_more_than_0.01": worse,
            "pages_worse_than_plain_by_more_than_0.01": sum(
                f["pages"] for f in files if f["file"] in set(worse)
            ),
        }
    return report


def render_report(report: dict[str, Any]) -> str:
    """The human-readable table printed by `achyk eval ocr` without --json."""
    base = report.get("baseline")
    head = f"{'файл':<44} {'язык':<8} {'стр.':>4} {'CER':>7} {'WER':>7} {'увер.':>6}"
    lines = [head + (f" {'CER tess.':>9}" if base else "") + "  чтение"]
    for f in report["files"]:
        conf = "—" if f["confidence"] is None else f"{f['confidence']:.1f}"
        row = (
            f"{f['file'][:44]:<44} {f['language']:<8} {f['pages']:>4} {f['cer']:>7.2%} "
            f"{f['wer']:>7.2%} {conf:>6}"
        )
        if base:
            row += f" {f['plain_cer']:>9.2%}"
        lines.append(row + "  " + ",".join(f["readings"]))
    lines.append("")
    lines.append("По языкам (ky: есть ң/ө/ү; ru-1918: есть ѣ/і/ъ на конце слова):")
    for lang, fig in report["by_language"].items():
        row = (
            f"  {lang:<8} файлов {fig['files']:>3}  CER {fig['cer']:.2%}  WER {fig['wer']:.2%}"
            f"  CER без ѣ/і/ъ {fig['cer_folded']:.2%}"
        )
        if base:
            row += f"  | tesseract: CER {fig['plain_cer']:.2%}  WER {fig['plain_wer']:.2%}"
        lines.append(row)
    lines.append("")
    lines.append(
        f"Страниц: {report['pages']}  CER: {report['cer']:.2%}  "
        f"WER: {report['wer']:.2%}  (ѣ/і/ъ свёрнуты: {report['cer_folded']:.2%})  "
        f"стр./мин: {report['pages_per_minute']}"
    )
    if base:
        lines.append(
            f"Простой tesseract ({base['command']}), те же файлы, тот же запуск: "
            f"CER {base['cer']:.2%}  WER {base['wer']:.2%}  "
            f"(свёрнуты: {base['cer_folded']:.2%})  стр./мин: "
            f"{base['pages_per_minute']}"
        )
        worse = base["worse_than_plain_by_more_than_0.01"]
        lines.append(
            "Хуже простого tesseract более чем на 0,01 CER: "
            + (f"{len(worse)} ({', '.join(worse)})" if worse else "нет")
        )
    lines.append(f"Языки: {report['languages']}; процессов tesseract: {report['workers']}")
    lines.append(
        f"Разрешённые шаги: {', '.join(report['steps']) or 'нет'} (применяются по замерам страницы)"
    )
    return "\n".join(lines)
