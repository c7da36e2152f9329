"""Depersonification benchmark: KB of text per second per core, one JSON line.

    .venv/bin/python bench/anonymize.py [--file ../shared/data/anonymize-dev.jsonl]
                                        [--policy court] [--repeat 3]

Runs `anonymize_text` under the policy on every text of the file `--repeat` times after
one warm-up pass (models loaded) and reports UTF-8 kilobytes per CPU second of this
process (per core: the work is single-threaded), with plain natasha NER on the same
texts in the same run beside it, and the wall-clock rate for reference (on a shared
machine the wall clock measures the neighbours too).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anonymize import anonymize_text  # noqa: E402
from anonymize.recognizers.natasha_person import tag  # noqa: E402

DEFAULT_FILE = ROOT.parent / "shared/data/anonymize-dev.jsonl"


def _rate(
    texts: list[tuple[str, str]], fn: Callable[[str, str], object], repeat: int
) -> tuple[float, float]:
    for text, lang in texts:
        fn(text, lang)  # warm-up: models and caches loaded outside the timing
    kb = sum(len(t.encode("utf-8")) for t, _ in texts) * repeat / 1024
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        for text, lang in texts:
            fn(text, lang)
    return kb / (time.process_time() - cpu0), kb / (time.perf_counter() - wall0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE)
    ap.add_argument("--policy", default="court")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not args.file.is_file():
        sys.exit(f"file not found: {args.file}")
    with args.file.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    texts = [(str(r["text"]), str(r.get("lang", "ru"))) for r in records]
    ours_cpu, ours_wall = _rate(
        texts, lambda t, lang: anonymize_text(t, lang=lang, policy=args.policy), args.repeat
    )
    nat_cpu, nat_wall = _rate(texts, lambda t, _lang: tag([t]), args.repeat)
    print(
        json.dumps(
            {
                "bench": "anonymize",
                "file": args.file.name,
                "policy": args.policy,
                "texts": len(texts),
                "kb": round(sum(len(t.encode("utf-8")) for t, _ in texts) / 1024, 1),
                "repeat": args.repeat,
                "kb_per_s_per_core": round(ours_cpu, 1),
                "kb_per_s_wall": round(ours_wall, 1),
                "natasha_kb_per_s_per_core": round(nat_cpu, 1),
                "natasha_kb_per_s_wall": round(nat_wall, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
