"""Evaluation of the amendment parser on a JSONL file in the format of
``amendments-dev.jsonl``: ``{"id", "lang", "doc_date", "text", "ops": [[operation, id], …]}``.

Micro precision, recall and F1 over (record, operation, id) triples; the same over
(record, id) pairs with the operation ignored (a right unit with a wrong operation is
half right); record-level exact match; and per operation. Beside them, in the same run, the
plain norm extractor (``extract_norms``) scored on the ids alone: what a reader of the
draft gets without the amendment parser.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from norms.amendments import OpKind, amendment_ops
from norms.extract import extract_norms


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _records(path: Path) -> list[dict[str, Any]]:
    """The labeled records; a line that is not one is an error naming the line."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"Нет такого файла: {path}")
    out: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                text, ops = rec["text"], rec["ops"]
                if not isinstance(text, str) or not isinstance(ops, list):
                    raise TypeError
                gold = {(str(op), str(nid)) for op, nid in ops}
                date = datetime.date.fromisoformat(rec["doc_date"]) if rec.get("doc_date") else None
            except (ValueError, KeyError, TypeError) as e:
                raise ValueError(
                    f"{path}: строка {n} — не запись с полями text и ops "
                    f"([[операция, норма], …]) ({type(e).__name__})"
                ) from None
            unknown = {op for op, _ in gold} - {k.value for k in OpKind}
            if unknown:
                raise ValueError(
                    f"{path}: строка {n} — неизвестная операция: {', '.join(sorted(unknown))}"
                )
            out.append(
                {
                    "id": rec.get("id", str(n)),
                    "lang": rec.get("lang"),
                    "date": date,
                    "text": text,
                    "gold": gold,
                }
            )
    return out


def evaluate_amendments(path: Path) -> dict[str, Any]:
    """Figures for the records in ``path`` (see the module docstring), plus the records
    the parser did not get exactly right, with what it missed and added."""
    tp = fp = fn = 0
    id_tp = id_fp = id_fn = 0
    base = [0, 0, 0]
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    exact = 0
    errors: list[dict[str, Any]] = []
    records = _records(path)
    for rec in records:
        gold: set[tuple[str, str]] = rec["gold"]
        pred = set(amendment_ops(rec["text"], rec["date"], rec["lang"]))
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        for op, _ in pred & gold:
            per[op][0] += 1
        for op, _ in pred - gold:
            per[op][1] += 1
        for op, _ in gold - pred:
            per[op][2] += 1
        gold_ids = {i for _, i in gold}
        pred_ids = {i for _, i in pred}
        id_tp += len(pred_ids & gold_ids)
        id_fp += len(pred_ids - gold_ids)
        id_fn += len(gold_ids - pred_ids)
        cited = {i for ref in extract_norms(rec["text"], rec["date"], rec["lang"]) for i in ref.ids}
        base[0] += len(cited & gold_ids)
        base[1] += len(cited - gold_ids)
        base[2] += len(gold_ids - cited)
        if pred == gold:
            exact += 1
        else:
            errors.append(
                {"id": rec["id"], "missed": sorted(gold - pred), "extra": sorted(pred - gold)}
            )
    per_op: dict[str, dict[str, float | int]] = {}
    for op in OpKind:
        o_tp, o_fp, o_fn = per[op.value]
        per_op[op.value] = {**_prf(o_tp, o_fp, o_fn), "support": o_tp + o_fn}
    n = len(records)
    return {
        "records": n,
        "operations": tp + fn,
        **_prf(tp, fp, fn),
        "exact_match": round(exact / n, 4) if n else 1.0,
        "ids_only": _prf(id_tp, id_fp, id_fn),
        "baseline_extract_norms": _prf(*base),
        "per_operation": per_op,
        "errors": errors,
    }


def render_amendments_report(report: dict[str, Any]) -> str:
    """The report as a plain-text table (Russian, like the other ``achyk eval`` reports)."""
    ids = report["ids_only"]
    base = report["baseline_extract_norms"]
    lines = [
        f"Записей: {report['records']}  операций в эталоне: {report['operations']}",
        f"Точность {report['precision']:.4f}  Полнота {report['recall']:.4f}  "
        f"F1 {report['f1']:.4f}  (операция + норма)",
        f"Без учета операции: Точность {ids['precision']:.4f}  Полнота {ids['recall']:.4f}  "
        f"F1 {ids['f1']:.4f}",
        f"Записей без единой ошибки: {report['exact_match']:.4f}",
        "Для сравнения, извлечение ссылок (extract_norms) без разбора операций, по нормам: "
        f"Точность {base['precision']:.4f}  Полнота {base['recall']:.4f}  F1 {base['f1']:.4f}",
        "",
        f"{'операция':<10} {'P':>7} {'R':>7} {'F1':>7} {'эталон':>7}",
    ]
    for op, m in report["per_operation"].items():
        lines.append(
            f"{op:<10} {m['precision']:>7.4f} {m['recall']:>7.4f} {m['f1']:>7.4f} {m['support']:>7}"
        )
    for err in report["errors"]:
        lines.append(f"{err['id']}: пропущено {err['missed']}, лишнее {err['extra']}")
    return "\n".join(lines)
