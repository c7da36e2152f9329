"""Evaluation of the amendment parser: the figures on the shared dev set and on the
project's own set, the report's arithmetic, bad input, and the `achyk eval amendments` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from norms import evaluate_amendments, render_amendments_report

# CI clones the repository with shared/ beside it: <parent>/shared/data/amendments-dev.jsonl
DEV = Path(__file__).resolve().parents[2].parent / "shared/data/amendments-dev.jsonl"
EXTRA = Path(__file__).resolve().parent / "data/amendments-extra.jsonl"


def test_dev_set_f1() -> None:
    assert DEV.is_file(), f"dev set missing: {DEV} (shared/ must sit beside the repository)"
    report = evaluate_amendments(DEV)
    assert report["records"] == 20 and report["operations"] == 47
    assert report["f1"] >= 0.95, render_amendments_report(report)


def test_own_set_f1() -> None:
    report = evaluate_amendments(EXTRA)
    assert report["f1"] >= 0.95, render_amendments_report(report)


def test_own_set_covers_the_constructions() -> None:
    """At least 60 texts with the dev set, both languages, every operation in each."""
    records = [json.loads(line) for line in EXTRA.read_text(encoding="utf-8").splitlines()]
    dev = DEV.read_text(encoding="utf-8").splitlines()
    assert len(records) + len(dev) >= 60
    assert len({r["id"] for r in records}) == len(records)
    for lang in ("ru", "ky"):
        kinds = Counter(op for r in records if r["lang"] == lang for op, _ in r["ops"])
        assert set(kinds) == {"amend", "insert", "repeal", "renumber"}, (lang, kinds)
    assert any(not r["ops"] for r in records if r["lang"] == "ru")
    assert any(not r["ops"] for r in records if r["lang"] == "ky")
    assert any(nid.startswith("law-kr/") for r in records for _, nid in r["ops"])
    for r in records:
        assert r["ops"] == sorted(r["ops"]) and len({tuple(o) for o in r["ops"]}) == len(r["ops"])


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    return path


def test_report_arithmetic(tmp_path: Path) -> None:
    head = "Внести в Уголовный кодекс Кыргызской Республики следующие изменения:\n"
    rows: list[dict[str, object]] = [
        # right: amend 168/2; wrong operation: repeal 170 labeled amend
        {
            "id": "a",
            "lang": "ru",
            "doc_date": "2024-02-15",
            "text": head + "1) часть 2 статьи 168 изложить в следующей редакции: «…»;\n"
            "2) статью 170 признать утратившей силу.",
            "ops": [["amend", "uk-kr-2021/168/2"], ["amend", "uk-kr-2021/170"]],
        },
        # missed: the gold has an op the text does not make
        {
            "id": "b",
            "lang": "ru",
            "doc_date": "2024-02-15",
            "text": "Текст без изменений.",
            "ops": [["insert", "uk-kr-2021/5-1"]],
        },
        {"id": "c", "lang": "ru", "doc_date": "2024-02-15", "text": "Ничего.", "ops": []},
    ]
    report = evaluate_amendments(_write(tmp_path / "set.jsonl", rows))
    # triples: tp 1, fp 1 (repeal 170), fn 2 (amend 170, insert 5-1)
    assert (report["precision"], report["recall"], report["f1"]) == (0.5, 0.3333, 0.4)
    # ids only: tp 2 (168/2, 170), fp 0, fn 1 (5-1)
    assert report["ids_only"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8}
    assert report["exact_match"] == round(1 / 3, 4)
    assert report["per_operation"]["repeal"] == {
        "precision": 0.0,
        "recall": 1.0,
        "f1": 0.0,
        "support": 0,
    }
    assert report["per_operation"]["amend"]["support"] == 2
    assert [e["id"] for e in report["errors"]] == ["a", "b"]
    assert report["baseline_extract_norms"]["recall"] == 0.0
    text = render_amendments_report(report)
    assert "F1 0.4000" in text and "renumber" in text


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("{not json", "строка 1"),
        ('{"text": "x"}', "строка 1"),
        ('{"text": "x", "ops": [["move", "uk-kr-2021/5"]]}', "неизвестная операция: move"),
        ('{"text": "x", "ops": [["amend"]]}', "строка 1"),
    ],
)
def test_bad_records_are_named(tmp_path: Path, line: str, needle: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=needle):
        evaluate_amendments(path)


def test_eval_command(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    r = subprocess.run(
        [sys.executable, "-m", "cli", "eval", "amendments", str(DEV), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["records"] == 20 and report["f1"] >= 0.95
    table = subprocess.run(
        [sys.executable, "-m", "cli", "eval", "amendments", str(EXTRA)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert table.returncode == 0 and "Без учета операции" in table.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "cli", "eval", "amendments", str(tmp_path / "nope.jsonl")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert missing.returncode == 2 and "Нет такого файла" in missing.stdout
