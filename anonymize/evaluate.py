"""Evaluation on labeled JSONL (the format of `shared/data/anonymize-dev.jsonl`).

Scored by position, as the data README defines it: a REMOVE span is protected only if
every letter and digit of it lies inside a replaced range (partial removal fails); a
KEEP span (OFFICIAL, NORM, ORG) is kept only if none of its characters was replaced.
"""

from __future__ import annotations

import datetime
import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from anonymize.depersonify import anonymize_text
from anonymize.policy import REMOVE_LABELS

KEEP_SCORED = ("OFFICIAL", "NORM", "ORG")


@dataclass(frozen=True, slots=True)
class Miss:
    record: str
    label: str
    text: str
    start: int
    end: int


def _records(path: Path) -> list[dict[str, object]]:
    if not path.is_file():
        raise FileNotFoundError(f"evaluation file not found: {path}")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(path: Path) -> tuple[dict[str, object], list[Miss]]:
    """The report of `evaluate` and the spans that failed, for error analysis."""
    records = _records(path)
    anonymize_text("Прогрев: Асанов Б.К.", lang="ru")  # load models outside the timing
    total = Counter[str]()
    good = Counter[str]()
    misses: list[Miss] = []
    chars = 0
    elapsed = 0.0
    for rec in records:
        text = str(rec["text"])
        date = rec.get("doc_date")
        t0 = time.perf_counter()
        result = anonymize_text(text, lang=str(rec.get("lang", "ru")),
                                doc_date=datetime.date.fromisoformat(str(date)) if date else None)
        elapsed += time.perf_counter() - t0
        chars += len(text.encode("utf-8"))
        replaced = bytearray(len(text))
        for f in result.findings:
            replaced[f.start:f.end] = b"\x01" * (f.end - f.start)
        for span in rec["spans"]:  # type: ignore[attr-defined]
            label, s, e = span["label"], span["start"], span["end"]
            if label in REMOVE_LABELS:
                ok = all(replaced[i] for i in range(s, e) if text[i].isalnum())
            elif label in KEEP_SCORED:
                ok = not any(replaced[s:e])
            else:
                continue
            total[label] += 1
            good[label] += ok
            if not ok:
                misses.append(Miss(str(rec["id"]), label, text[s:e], s, e))
    report = {
        "recall": {lab: round(good[lab] / total[lab], 4) for lab in REMOVE_LABELS if total[lab]},
        "kept": {lab: round(good[lab] / total[lab], 4) if total[lab] else 1.0
                 for lab in KEEP_SCORED},
        "spans": sum(total.values()),
        "kb_per_s": round(chars / 1024 / elapsed, 1) if elapsed else 0.0,
    }
    return report, misses


def evaluate(path: Path) -> dict[str, object]:
    """Scores one JSONL file: `{"recall": {LABEL: float}, "kept": {"OFFICIAL", "NORM", "ORG"},
    "spans": int, "kb_per_s": float}`; a label absent from the file is left out of recall."""
    return score(Path(path))[0]


def render_report(report: dict[str, object]) -> str:
    recall: dict[str, float] = report["recall"]  # type: ignore[assignment]
    kept: dict[str, float] = report["kept"]  # type: ignore[assignment]
    lines = ["Деперсонификация: полнота удаления (доля защищённых фрагментов)"]
    lines += [f"  {label:<13} {value:6.1%}" for label, value in recall.items()]
    lines.append("Сохранность (доля фрагментов без изменений)")
    lines += [f"  {label:<13} {value:6.1%}" for label, value in kept.items()]
    lines.append(f"Фрагментов оценено: {report['spans']}; скорость: {report['kb_per_s']} КБ/с")
    return "\n".join(lines)
