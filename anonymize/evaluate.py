"""Evaluation on labeled JSONL, in either of two formats, next to plain natasha.

* Court acts (`shared/data/anonymize-dev.jsonl`: PERSON, PIN, ..., OFFICIAL, NORM, ORG),
  scored by position as the data README defines it: a REMOVE span is protected only if
  every letter and digit of it lies inside a replaced range (partial removal fails); a
  KEEP span (OFFICIAL, NORM, ORG) is kept only if none of its characters was replaced.
* Real text with NER spans (`shared/data/ner-factru-dev.jsonl`: PER, LOC, ORG): the share
  of PER spans removed, a span counting as removed when at least half of its non-space
  characters fall inside removed text. These are not court acts, so there is no role to
  honour: they are run under the `no-roles` policy unless another is asked for.

`baseline="natasha"` scores plain natasha NER (its PER spans removed, nothing else) on
the same file in the same run, so that a figure always stands beside the model's own.
"""

from __future__ import annotations

import datetime
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from anonymize.depersonify import anonymize_text
from anonymize.policy import REMOVE_LABELS
from anonymize.recognizers.natasha_person import tag

KEEP_SCORED = ("OFFICIAL", "NORM", "ORG")
CONTEXT = 60


class DataFormat(StrEnum):
    COURT = "court"  # anonymize-dev.jsonl
    NER = "ner"  # ner-factru-dev.jsonl


class Baseline(StrEnum):
    NATASHA = "natasha"


DEFAULT_POLICY = {DataFormat.COURT: "court", DataFormat.NER: "no-roles"}


@dataclass(frozen=True, slots=True)
class Miss:
    record: str
    label: str
    text: str
    start: int
    end: int
    context: str = ""


class EvaluationDataError(ValueError):
    """The file is not labeled JSONL in one of the two known formats."""


def _records(path: Path) -> list[dict[str, object]]:
    if not path.is_file():
        raise FileNotFoundError(f"evaluation file not found: {path}")
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise EvaluationDataError(f"{path}:{n}: not JSON ({e.msg})") from e
            if (
                not isinstance(rec, dict)
                or not isinstance(rec.get("text"), str)
                or not (isinstance(rec.get("spans"), list))
            ):
                raise EvaluationDataError(f"{path}:{n}: a record needs 'text' and 'spans'")
            out.append(rec)
    return out


def detect_format(records: list[dict[str, object]]) -> DataFormat:
    labels = {str(s["label"]) for r in records for s in r["spans"]}  # type: ignore[attr-defined]
    if "PER" in labels:
        return DataFormat.NER
    if labels & set(REMOVE_LABELS) or labels & set(KEEP_SCORED) or not labels:
        return DataFormat.COURT
    raise EvaluationDataError(
        f"unknown labels {sorted(labels)}: expected the labels of "
        "anonymize-dev.jsonl (PERSON, OFFICIAL, ...) or PER/LOC/ORG"
    )


def _doc_date(rec: dict[str, object]) -> datetime.date | None:
    date = rec.get("doc_date")
    return datetime.date.fromisoformat(str(date)) if date else None


def _ours(policy: str) -> Callable[[dict[str, object]], bytearray]:
    def removed(rec: dict[str, object]) -> bytearray:
        text = str(rec["text"])
        result = anonymize_text(
            text, lang=str(rec.get("lang", "ru")), policy=policy, doc_date=_doc_date(rec)
        )
        mask = bytearray(len(text))
        for f in result.findings:
            mask[f.start : f.end] = b"\x01" * (f.end - f.start)
        return mask

    return removed


def _natasha(rec: dict[str, object]) -> bytearray:
    """Plain natasha NER on the whole text: every PER span removed, nothing else."""
    text = str(rec["text"])
    mask = bytearray(len(text))
    (markup,) = tag([text])
    for sp in markup.spans:  # type: ignore[attr-defined]
        if sp.type == "PER":
            mask[sp.start : sp.stop] = b"\x01" * (sp.stop - sp.start)
    return mask


def _verdict(
    fmt: DataFormat, text: str, label: str, s: int, e: int, mask: bytearray
) -> bool | None:
    """True/False for a scored span, None for one the format does not score."""
    if fmt is DataFormat.NER:
        if label != "PER":
            return None
        chars = [i for i in range(s, e) if not text[i].isspace()]
        return 2 * sum(mask[i] for i in chars) >= len(chars)
    if label in REMOVE_LABELS:
        return all(mask[i] for i in range(s, e) if text[i].isalnum())
    if label in KEEP_SCORED:
        return not any(mask[s:e])
    return None


def _run(
    records: list[dict[str, object]],
    fmt: DataFormat,
    removed: Callable[[dict[str, object]], bytearray],
) -> tuple[dict[str, object], list[Miss]]:
    removed(records[0])  # load models outside the timing
    total = Counter[str]()
    good = Counter[str]()
    misses: list[Miss] = []
    chars = 0
    cpu = 0.0
    for rec in records:
        text = str(rec["text"])
        t0 = time.process_time()
        mask = removed(rec)
        cpu += time.process_time() - t0
        chars += len(text.encode("utf-8"))
        for span in rec["spans"]:  # type: ignore[attr-defined]
            label, s, e = str(span["label"]), int(span["start"]), int(span["end"])
            ok = _verdict(fmt, text, label, s, e, mask)
            if ok is None:
                continue
            total[label] += 1
            good[label] += ok
            if not ok:
                context = text[max(0, s - CONTEXT) : e + CONTEXT].replace("\n", " ")
                misses.append(Miss(str(rec.get("id", "?")), label, text[s:e], s, e, context))
    if fmt is DataFormat.NER:
        recall = {"PER": round(good["PER"] / total["PER"], 4) if total["PER"] else 1.0}
        kept: dict[str, float] = {}
    else:
        recall = {lab: round(good[lab] / total[lab], 4) for lab in REMOVE_LABELS if total[lab]}
        kept = {lab: round(good[lab] / total[lab], 4) if total[lab] else 1.0 for lab in KEEP_SCORED}
    report: dict[str, object] = {
        "recall": recall,
        "kept": kept,
        "spans": sum(total.values()),
        "kb_per_s": round(chars / 1024 / cpu, 1) if cpu else 0.0,
    }
    return report, misses


def score(
    path: Path, *, policy: str | None = None, baseline: Baseline | str | None = None
) -> tuple[dict[str, object], list[Miss]]:
    """The report of `evaluate` and the spans our depersonification failed on."""
    records = _records(Path(path))
    if not records:
        raise EvaluationDataError(f"{path}: no records")
    fmt = detect_format(records)
    pol = policy or DEFAULT_POLICY[fmt]
    report, misses = _run(records, fmt, _ours(pol))
    report = {"format": str(fmt), "policy": pol, **report}
    if baseline is not None and Baseline(baseline) is Baseline.NATASHA:
        base, _ = _run(records, fmt, _natasha)
        report["baseline"] = {"natasha": base}
    return report, misses


def evaluate(
    path: Path, *, policy: str | None = None, baseline: Baseline | str | None = None
) -> dict[str, object]:
    """Scores one JSONL file: `{"format", "policy", "recall": {LABEL: float}, "kept":
    {"OFFICIAL", "NORM", "ORG"} (court acts only), "spans", "kb_per_s"}` plus
    `"baseline": {"natasha": {...}}` when asked; kb_per_s is per CPU second (one core)."""
    return score(Path(path), policy=policy, baseline=baseline)[0]


def render_report(report: dict[str, object], misses: list[Miss] | None = None) -> str:
    recall: dict[str, float] = report["recall"]  # type: ignore[assignment]
    kept: dict[str, float] = report["kept"]  # type: ignore[assignment]
    base: dict[str, object] = (report.get("baseline") or {}).get("natasha") or {}  # type: ignore[attr-defined]
    base_recall: dict[str, float] = base.get("recall", {})  # type: ignore[assignment]
    base_kept: dict[str, float] = base.get("kept", {})  # type: ignore[assignment]

    def row(label: str, value: float, ref: dict[str, float]) -> str:
        line = f"  {label:<13} {value:6.1%}"
        return line + (f"   natasha: {ref[label]:6.1%}" if label in ref else "")

    lines = [
        f"Деперсонификация (политика {report.get('policy', 'court')}): полнота удаления "
        "(доля защищённых фрагментов)"
    ]
    lines += [row(label, value, base_recall) for label, value in recall.items()]
    if kept:
        lines.append("Сохранность (доля фрагментов без изменений)")
        lines += [row(label, value, base_kept) for label, value in kept.items()]
    lines.append(
        f"Фрагментов оценено: {report['spans']}; скорость: {report['kb_per_s']} КБ/с "
        "на ядро" + (f" (natasha: {base['kb_per_s']} КБ/с)" if base else "")
    )
    if misses:
        lines.append(f"Пропуски ({len(misses)}):")
        lines += [f"  {m.record} {m.label} «{m.text}»: …{m.context}…" for m in misses]
    return "\n".join(lines)
