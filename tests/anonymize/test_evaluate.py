"""The evaluation on the shared dev set meets the acceptance thresholds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anonymize import evaluate, render_report
from anonymize.evaluate import score
from tests.anonymize.thresholds import assert_thresholds

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/anonymize-dev.jsonl"


@pytest.fixture(scope="module")
def report_and_misses():
    assert DEV.is_file(), f"dev set missing: {DEV} (shared/ must sit beside the repository root)"
    return score(DEV)


def test_dev_set_thresholds(report_and_misses):
    assert_thresholds(*report_and_misses)


def test_report_shape(report_and_misses):
    report, _ = report_and_misses
    assert set(report) == {"format", "policy", "recall", "kept", "spans", "kb_per_s"}
    assert (report["format"], report["policy"]) == ("court", "court")
    assert set(report["kept"]) == {"OFFICIAL", "NORM", "ORG"}
    assert report["spans"] == sum(len(json.loads(line)["spans"])
                                  for line in DEV.read_text(encoding="utf-8").splitlines())
    assert report["kb_per_s"] > 0
    json.dumps(report)


def test_evaluate_and_render(tmp_path):
    sample = tmp_path / "one.jsonl"
    text = "Судья Мороз И.П. Подсудимый Темиров К.А. вину признал по ч. 1 ст. 201 УК КР."
    spans = [
        {"start": text.index("Мороз"), "end": text.index("Мороз") + 10, "label": "OFFICIAL"},
        {"start": text.index("Темиров"), "end": text.index("Темиров") + 12, "label": "PERSON"},
        {"start": text.index("ч. 1"), "end": text.index("КР") + 2, "label": "NORM"},
    ]
    sample.write_text(json.dumps({"id": "x", "lang": "ru", "doc_date": "2024-01-01",
                                  "text": text, "spans": spans}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    report = evaluate(sample)
    assert report["recall"] == {"PERSON": 1.0}
    assert report["kept"] == {"OFFICIAL": 1.0, "NORM": 1.0, "ORG": 1.0}
    text_report = render_report(report)
    assert "PERSON" in text_report and "OFFICIAL" in text_report and "[" not in text_report


def test_missing_file_fails_loudly(tmp_path):
    with pytest.raises(FileNotFoundError):
        evaluate(tmp_path / "absent.jsonl")
