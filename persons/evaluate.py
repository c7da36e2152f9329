"""Evaluation on a labeled JSONL file in the format of ``persons-dev.jsonl`` (its README §4).

* extraction: micro precision/recall/F1 per field and overall; values compared after
  case-folding, ё→е, collapsing spaces and trimming punctuation; ``birthplace`` without its
  settlement word; ``charge`` as a set. A gold person is paired with the predicted person
  of the same source whose name matches best.
* merging: pairwise precision/recall over pairs of sources placed in one record (the
  registry's automatic merge, above ``threshold``).
* search: recall@10 and MRR per variant kind, after every source is loaded and merged,
  for the in-memory reference ranking and for the embedded (tantivy) persons index.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from persons.extract import extract_persons
from persons.index import PersonDoc, PersonFilters, TantivyPersons
from persons.match import AUTO_MERGE_THRESHOLD, cluster, compare
from persons.search import PersonIndex
from persons.types import FIELDS, PersonFacts

_SETTLEMENT = re.compile(
    r"^(?:с\.|г\.|пос\.|п\.|аул|село|город|кишлак|ст\.)\s*|\s+(?:айылы|айылында|шаары|"
    r"шаарында|айыл|шаар)$",
    re.I,
)
_KY_LOC = re.compile(r"(?:да|де|та|те|до|дө|то|тө|нда|нде|ында|инде)$")


def _norm(field: str, value: Any) -> Any:
    if value is None:
        return None
    if field == "charge":
        return frozenset(str(v).lower().replace(" ", "") for v in value) or None
    if isinstance(value, int):
        return value
    s = " ".join(str(value).lower().replace("ё", "е").split()).strip(' .,;:—-"«»')
    if field == "birthplace":
        s = _SETTLEMENT.sub("", s).strip()
    return s or None


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def _name_overlap(gold: dict[str, Any], pred: dict[str, Any]) -> int:
    return sum(
        _norm(k, gold.get(k)) == _norm(k, pred.get(k)) is not None
        for k in ("surname", "given", "birth_year")
    )


def _pair(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    pairs: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = []
    left = list(pred)
    for g in gold:
        best = max(left, key=lambda p: _name_overlap(g, p), default=None)
        if best is not None:
            left.remove(best)
        pairs.append((g, best))
    pairs.extend((None, p) for p in left)
    return pairs


def load(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    sources: list[dict[str, Any]] = []
    queries: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"строка {n}: не JSON ({e.msg})") from None
            (sources if rec.get("type") == "source" else queries).append(rec)
    return sources, queries


def evaluate(path: Path, threshold: float = AUTO_MERGE_THRESHOLD) -> dict[str, Any]:
    """Field, merge and search figures for the file at ``path`` (see the module doc)."""
    sources, queries = load(path)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    errors: list[dict[str, Any]] = []
    extracted: list[tuple[str, PersonFacts, str | None]] = []  # (source id, facts, gold key)
    for src in sources:
        facts = [e.facts for e in extract_persons(src["text"], src.get("lang"))]
        pred = [f.as_dict() for f in facts]
        by_id = {id(d): f for d, f in zip(pred, facts, strict=True)}
        for g, p in _pair(src.get("persons", []), pred):
            if p is not None:
                extracted.append((src["id"], by_id[id(p)], g.get("person_key") if g else None))
            for field in FIELDS:
                gv = _norm(field, g.get(field)) if g else None
                pv = _norm(field, p.get(field)) if p else None
                c = counts[field]
                if gv is not None and pv == gv:
                    c[0] += 1
                    continue
                if pv is not None:
                    c[1] += 1
                if gv is not None:
                    c[2] += 1
                if len(errors) < 400 and (gv is not None or pv is not None):
                    errors.append(
                        {
                            "id": src["id"],
                            "field": field,
                            "gold": g.get(field) if g else None,
                            "pred": p.get(field) if p else None,
                        }
                    )
    fields = {k: _prf(*counts[k]) for k in FIELDS}
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    merge = _merge_figures(extracted, threshold)
    merge["sweep"] = {
        str(t): {
            k: v for k, v in _merge_figures(extracted, t).items() if k in ("precision", "recall")
        }
        for t in (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
    }
    search = _search_figures(extracted, queries, threshold)
    return {
        "sources": len(sources),
        "queries": len(queries),
        "fields": fields,
        "overall": _prf(*total),
        "merge": merge,
        "search": search,
        "threshold": threshold,
        "errors": errors,
    }


def _merge_figures(
    extracted: list[tuple[str, PersonFacts, str | None]], threshold: float
) -> dict[str, Any]:
    labels = cluster([f for _, f, _ in extracted], threshold)
    gold_pairs = _pairs(i for i, (_, _, k) in enumerate(extracted) if k is not None)
    gold = {(a, b) for a, b in gold_pairs if extracted[a][2] == extracted[b][2]}
    pred = {(a, b) for a, b in _pairs(range(len(extracted))) if labels[a] == labels[b]}
    tp = len(gold & pred)
    out: dict[str, Any] = dict(_prf(tp, len(pred - gold), len(gold - pred)))
    # The margin behind the threshold: the weakest true pair and the strongest false one.
    if len(extracted) <= 2000:
        true_scores: list[float] = []
        false_scores: list[float] = []
        for a, b in _pairs(range(len(extracted))):
            if extracted[a][2] is None or extracted[b][2] is None:
                continue
            m = compare(extracted[a][1], extracted[b][1])
            (true_scores if extracted[a][2] == extracted[b][2] else false_scores).append(
                m.score if m.auto else 0.0
            )
        out["true_pair_min"] = min(true_scores, default=None)
        out["false_pair_max"] = max(false_scores, default=None)
    out["wrong"] = [[extracted[a][0], extracted[b][0]] for a, b in sorted(pred - gold)][:20]
    out["missed"] = [[extracted[a][0], extracted[b][0]] for a, b in sorted(gold - pred)][:20]
    return out


def _pairs(items: Iterable[int]) -> set[tuple[int, int]]:
    return set(combinations(sorted(items), 2))


def _search_figures(
    extracted: list[tuple[str, PersonFacts, str | None]],
    queries: list[dict[str, Any]],
    threshold: float,
) -> dict[str, Any]:
    labels = cluster([f for _, f, _ in extracted], threshold)
    memory = PersonIndex()
    members: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        members[label].append(i)
    keys_of: dict[str, set[str]] = {}
    docs: list[PersonDoc] = []
    for label, idx in members.items():
        rid = f"r{label}"
        memory.add(rid, [extracted[i][1] for i in idx])
        keys_of[rid] = {k for i in idx if (k := extracted[i][2])}
        docs.append(
            PersonDoc(
                label, extracted[idx[0]][1], other_names=tuple(extracted[i][1] for i in idx[1:])
            )
        )
    out = _ranking_figures(
        queries, keys_of, lambda q: [h.record_id for h in memory.search(q, limit=10)]
    )
    with tempfile.TemporaryDirectory(prefix="achyk-eval-persons-") as tmp:
        index = TantivyPersons(Path(tmp) / "persons")
        index.index(docs)
        embedded = _ranking_figures(
            queries,
            keys_of,
            lambda q: [
                f"r{i}" for i, _ in index.search(q, PersonFilters(), limit=10, facets=False).hits
            ],
        )
    out["embedded_index"] = embedded["by_variant"]
    # Baseline: the name as typed (lower case, ё→е), every query word a word of the name,
    # which is how memorial databases find a name today.
    typed: dict[str, set[str]] = {}
    for label, idx in members.items():
        typed[f"r{label}"] = {
            w.lower().replace("ё", "е")
            for i in idx
            for v in (
                extracted[i][1].surname,
                extracted[i][1].given,
                extracted[i][1].patronymic,
                extracted[i][1].father,
            )
            if v
            for w in v.split()
        }

    def plain(q: str) -> list[str]:
        want = {w.lower().replace("ё", "е").rstrip(".") for w in q.split()}
        return sorted(r for r, ws in typed.items() if want <= ws)[:10]

    out["baseline_typed"] = _ranking_figures(queries, keys_of, plain)["by_variant"]
    return out


def _ranking_figures(
    queries: list[dict[str, Any]], keys_of: dict[str, set[str]], search: Callable[[str], list[str]]
) -> dict[str, Any]:
    per: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    misses: list[dict[str, Any]] = []
    for q in queries:
        hits = search(q["q"])
        found_keys = [keys_of.get(h, set()) for h in hits]
        for key in q.get("expect", []):
            rank = next((i + 1 for i, ks in enumerate(found_keys) if key in ks), None)
            for kind in (q.get("variant", "other"), "all"):
                s = per[kind]
                s[2] += 1
                if rank:
                    s[0] += 1
                    s[1] += 1 / rank
            if rank is None and len(misses) < 50:
                misses.append({"q": q["q"], "variant": q.get("variant"), "expect": key})
    by_kind = {
        k: {"recall@10": round(v[0] / v[2], 4), "mrr": round(v[1] / v[2], 4), "queries": int(v[2])}
        for k, v in sorted(per.items())
    }
    return {"by_variant": by_kind, "misses": misses}


def render_report(r: dict[str, Any]) -> str:
    lines = [
        f"Источников: {r['sources']}, запросов: {r['queries']}",
        "",
        f"{'поле':<22}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for k, v in r["fields"].items():
        lines.append(f"{k:<22}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}")
    o = r["overall"]
    lines.append(f"{'всего':<22}{o['precision']:>8.3f}{o['recall']:>8.3f}{o['f1']:>8.3f}")
    m = r["merge"]
    lines += [
        "",
        f"Слияние (порог {r['threshold']}): P {m['precision']:.3f}  "
        f"R {m['recall']:.3f}  F1 {m['f1']:.3f}; слабейшая верная пара "
        f"{m.get('true_pair_min')}, сильнейшая ложная {m.get('false_pair_max')}",
        "",
        "порог: "
        + "  ".join(
            f"{t}: P {v['precision']:.3f} R {v['recall']:.3f}" for t, v in m["sweep"].items()
        ),
        "",
        f"{'вариант':<12}{'recall@10':>10}{'MRR':>8}{'n':>6}",
    ]
    emb = r["search"].get("embedded_index", {})
    base = r["search"].get("baseline_typed", {})
    lines[-1] += "   tantivy R@10 MRR   как набрано R@10"
    for k, v in r["search"]["by_variant"].items():
        e, b = emb.get(k, {}), base.get(k, {})
        lines.append(
            f"{k:<12}{v['recall@10']:>10.3f}{v['mrr']:>8.3f}{v['queries']:>6}"
            f"   {e.get('recall@10', 0):>7.3f} {e.get('mrr', 0):.3f}"
            f"   {b.get('recall@10', 0):>12.3f}"
        )
    return "\n".join(lines)
