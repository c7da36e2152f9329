"""OCR benchmark: our pipeline against plain tesseract on the same pages, one JSON line.

    .venv/bin/python bench/ocr.py [--dir DIR] [--count 24] [--dense 4] [--seed 11]
                                  [--lang rus+kir] [--workers N] [--rounds 3]

Two kinds of page, both *generated* (labelled so in the output), each with its ground truth:

- sparse: the demo's heavily degraded typewritten pages, about 1360×1040 px of text
  (`ingest.demo.generate_degraded_pages`);
- dense: full A4 pages at 300 DPI (2480×3508 px), ~90 columns × 60 lines of typewriting
  with the demo archive's mild wear (`--dense` pages; 0 leaves them out).

--dir names a folder of images with same-stem .txt files instead (reported as "dir").
Both sides use every core the same way:

- plain: `tesseract IMG OUT -l LANGS` with default settings on each original image,
  `--workers` processes at a time (OMP_THREAD_LIMIT=1 each), as `xargs -P` would run it;
- ours: `achyk eval ocr`'s path (ocr.engine with the default settings, the OCR cache
  off), `--workers` tesseract processes at a time.

Throughput is pages per minute of wall-clock time. The rounds alternate plain and ours, and
the best round of each side is reported (the fastest run is the one least disturbed by
other load on the machine); the median is printed too, with the load average. Error rates
do not change between rounds. Ratios: cer_ratio = ours / plain (lower is better),
throughput_ratio = ours / plain pages per minute (1.0 = as fast as plain tesseract).

On a shared, loaded machine wall-clock time moves with the neighbours, so each round also
records CPU seconds: this process and its finished children (`os.times`: user + system of
the process, plus of the waited-for tesseract processes), summed the same way for both
sides. cpu_ratio = plain CPU seconds / ours (1.0 = ours costs what plain tesseract costs;
the median round of each side).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import random  # noqa: E402

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from core.settings import Settings  # noqa: E402  (after the repository root is on the path)
from ingest.demo import generate_degraded_pages  # noqa: E402
from ingest.demo.degrade import MILD, degrade  # noqa: E402
from ingest.demo.pages import _page_text  # noqa: E402
from ingest.demo.render import FREE_MONO, Layout, ground_truth, typewrite, wrap  # noqa: E402
from ocr.engine import config_from_settings  # noqa: E402
from ocr.evaluate import find_samples, run  # noqa: E402
from ocr.metrics import ErrorCounts, compare  # noqa: E402


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its waited-for children so far."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def plain_round(images: list[Path], out_dir: Path, langs: str, workers: int) -> float:
    """Wall-clock seconds for plain tesseract over all images, `workers` at a time."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(img: Path) -> None:
        subprocess.run(
            ["tesseract", str(img), str(out_dir / img.stem), "-l", langs],
            check=True,
            capture_output=True,
            env=env,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - start


def plain_errors(images: list[Path], out_dir: Path) -> ErrorCounts:
    total = ErrorCounts()
    for img in images:
        hyp = (out_dir / f"{img.stem}.txt").read_text(encoding="utf-8")
        total = total + compare(hyp, img.with_suffix(".txt").read_text(encoding="utf-8"))
    return total


def bench(directory: Path, langs: str, workers: int, rounds: int) -> dict[str, Any]:
    samples = find_samples(directory)
    if any(s.frames != 1 for s in samples):
        raise SystemExit("bench/ocr.py compares single-page images only")
    images = [s.image for s in samples]
    config = replace(config_from_settings(Settings(), langs), cache_dir=None)
    plain_s: list[float] = []
    ours_s: list[float] = []
    plain_cpu: list[float] = []
    ours_cpu: list[float] = []
    ours: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="achyk-bench-ocr-") as tmp:
        for _ in range(rounds):
            cpu = cpu_seconds()
            plain_s.append(plain_round(images, Path(tmp), langs, workers))
            plain_cpu.append(cpu_seconds() - cpu)
            cpu = cpu_seconds()
            ours = run(directory, config, workers=workers)
            ours_cpu.append(cpu_seconds() - cpu)
            ours_s.append(float(ours["seconds"]))
        plain = plain_errors(images, Path(tmp))
    n = len(images)

    def ppm(seconds: float) -> float:
        return round(n * 60 / seconds, 1)

    ours_ppm, plain_ppm = ppm(min(ours_s)), ppm(min(plain_s))
    return {
        "bench": "ocr",
        "pages": n,
        "languages": langs,
        "workers": workers,
        "rounds": rounds,
        "ours": {
            "cer": ours["cer"],
            "wer": ours["wer"],
            "pages_per_minute": ours_ppm,
            "pages_per_minute_median": ppm(statistics.median(ours_s)),
            "cpu_seconds_per_page": round(statistics.median(ours_cpu) / n, 3),
            "steps": ours["steps"],
        },
        "plain": {
            "cer": round(plain.cer, 4),
            "wer": round(plain.wer, 4),
            "pages_per_minute": plain_ppm,
            "pages_per_minute_median": ppm(statistics.median(plain_s)),
            "cpu_seconds_per_page": round(statistics.median(plain_cpu) / n, 3),
        },
        "cer_ratio": round(ours["cer"] / plain.cer, 3) if plain.cer else None,
        "throughput_ratio": round(ours_ppm / plain_ppm, 3),
        "cpu_ratio": round(statistics.median(plain_cpu) / statistics.median(ours_cpu), 3),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def dense_pages(out_dir: Path, count: int, seed: int) -> None:
    """Full A4 typewritten pages (Russian; every third in Kyrgyz) with the archive's mild
    wear: the pages an archive mostly holds, where tesseract's time dominates."""

    out_dir.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        rng = random.Random(f"achyk-bench-dense/{seed}/{i}")
        pixels = np.random.default_rng([seed, i, 0xA4])
        layout = Layout(2480, 3508, 200, 220, 180, 220, FREE_MONO, 38, 50, stroke=1)
        budget = layout.rows * layout.columns
        paras: list[Any] = []
        while sum(len(p.text) for p in paras) < budget:  # the sentence pool is small
            paras += _page_text("ky" if i % 3 == 2 else "modern", rng, budget=budget)
        lines = wrap(paras, layout.columns)[: layout.rows]
        grey = degrade(typewrite(lines, layout, pixels), MILD, pixels)
        Image.fromarray(grey).save(out_dir / f"dense_{i + 1:03d}.png", dpi=(300, 300))
        (out_dir / f"dense_{i + 1:03d}.txt").write_text(ground_truth([lines]), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, help="images with same-stem .txt (default: generated)")
    ap.add_argument("--count", type=int, default=24, help="generated sparse pages")
    ap.add_argument("--dense", type=int, default=4, help="generated dense A4 pages")
    ap.add_argument("--seed", type=int, default=11, help="generator seed")
    ap.add_argument("--lang", default="rus+kir", help="tesseract languages, both sides")
    ap.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="tesseract processes at a time, both sides (default: all cores)",
    )
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if args.dir:
        print(
            json.dumps(
                {"dir": bench(args.dir, args.lang, args.workers, args.rounds)}, ensure_ascii=False
            )
        )
        return

    result: dict[str, Any] = {"bench": "ocr", "generated": True, "seed": args.seed}
    with tempfile.TemporaryDirectory(prefix="achyk-bench-pages-") as tmp:
        sparse, dense = Path(tmp) / "sparse", Path(tmp) / "dense"
        generate_degraded_pages(sparse, count=args.count, seed=args.seed)
        result["sparse"] = bench(sparse, args.lang, args.workers, args.rounds)
        if args.dense:
            dense_pages(dense, args.dense, args.seed)
            result["dense"] = bench(dense, args.lang, args.workers, args.rounds)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
