"""Evaluation on a labeled JSONL file in the format of ``norms-dev.jsonl``.

Micro-averaged precision, recall and F1 over (record, id) pairs, and the same per act
edition. A wrong edition is a miss and a false hit at once.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from norms.extract import extract_norms
from norms.ids import act_of


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def _act(norm_id: str) -> str:
    try:
        return act_of(norm_id)
    except ValueError:
        return norm_id.split("/", 1)[0]


def evaluate(path: Path) -> dict[str, Any]:
    """``{"precision", "recall", "f1", "per_act", "records"}`` for the records in ``path``."""
    tp = fp = fn = 0
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    records = 0
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            records += 1
            date = datetime.date.fromisoformat(rec["doc_date"]) if rec.get("doc_date") else None
            gold = set(rec.get("norms", []))
            pred = {i for ref in extract_norms(rec["text"], date, rec.get("lang")) for i in ref.ids}
            for i in pred & gold:
                tp += 1
                per[_act(i)][0] += 1
            for i in pred - gold:
                fp += 1
                per[_act(i)][1] += 1
            for i in gold - pred:
                fn += 1
                per[_act(i)][2] += 1
    p, r, f = _prf(tp, fp, fn)
    per_act: dict[str, dict[str, float | int]] = {}
    for act in sorted(per):
        a_tp, a_fp, a_fn = per[act]
        ap, ar, af = _prf(a_tp, a_fp, a_fn)
        per_act[act] = {"precision": ap, "recall": ar, "f1": af, "support": a_tp + a_fn}
    return {"precision": p, "recall": r, "f1": f, "per_act": per_act, "records": records}


def render_report(report: dict[str, Any]) -> str:
    """The report as a plain-text table."""
    lines = [
        f"Записей: {report['records']}",
        f"Точность {report['precision']:.4f}  Полнота {report['recall']:.4f}  "
        f"F1 {report['f1']:.4f}",
        "",
        f"{'акт (редакция)':<22} {'P':>7} {'R':>7} {'F1':>7} {'эталон':>7}",
    ]
    for act, m in report["per_act"].items():
        lines.append(
            f"{act:<22} {m['precision']:>7.4f} {m['recall']:>7.4f} {m['f1']:>7.4f} "
            f"{m['support']:>7}"
        )
    return "\n".join(lines)
