"""The evaluation on the shared dev set meets the acceptance thresholds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from anonymize import evaluate, render_report
from anonymize.evaluate import EvaluationDataError, score
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
    assert report["spans"] == sum(
        len(json.loads(line)["spans"]) for line in DEV.read_text(encoding="utf-8").splitlines()
    )
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
    sample.write_text(
        json.dumps(
            {"id": "x", "lang": "ru", "doc_date": "2024-01-01", "text": text, "spans": spans},
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    report = evaluate(sample)
    assert report["recall"] == {"PERSON": 1.0}
    assert report["kept"] == {"OFFICIAL": 1.0, "NORM": 1.0, "ORG": 1.0}
    text_report = render_report(report)
    assert "PERSON" in text_report and "OFFICIAL" in text_report and "[" not in text_report


def test_missing_file_fails_loudly(tmp_path):
    with pytest.raises(FileNotFoundError):
        evaluate(tmp_path / "absent.jsonl")


FACTRU = DEV.parent / "ner-factru-dev.jsonl"


def _ner_file(tmp_path):
    text = (
        "Председатель КНР Ху Цзиньтао встретился с Дмитрием Медведевым. Медведев заявил, "
        "что Asanov Bakyt прав. Ветер дул с моря."
    )
    spans = [
        {"start": text.index("Ху"), "end": text.index("Ху") + 11, "label": "PER"},
        {"start": text.index("Дмитрием"), "end": text.index("Дмитрием") + 19, "label": "PER"},
        {"start": text.index("Медведев "), "end": text.index("Медведев ") + 8, "label": "PER"},
        {"start": text.index("Asanov"), "end": text.index("Asanov") + 12, "label": "PER"},
        {"start": text.index("КНР"), "end": text.index("КНР") + 3, "label": "LOC"},
        # a PER span nothing can find: scored as a miss, with its context
        {"start": text.index("Ветер"), "end": text.index("Ветер") + 5, "label": "PER"},
    ]
    path = tmp_path / "ner.jsonl"
    path.write_text(
        json.dumps({"id": "n1", "text": text, "spans": spans}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return path


def test_ner_format_scores_per_spans_with_the_baseline(tmp_path):
    report, misses = score(_ner_file(tmp_path), baseline="natasha")
    assert (report["format"], report["policy"]) == ("ner", "no-roles")
    assert report["spans"] == 5  # LOC is not scored
    assert report["recall"] == {"PER": 0.8}
    assert report["kept"] == {}
    assert set(report["baseline"]["natasha"]["recall"]) == {"PER"}
    assert [m.text for m in misses] == ["Ветер"]
    assert "дул с моря" in misses[0].context
    assert "natasha" in render_report(report, misses) and "Ветер" in render_report(report, misses)


def test_court_policy_keeps_the_judge_on_real_text(tmp_path):
    text = "Судья Зорькин выступил. Зорькин сказал."
    spans = [{"start": 6, "end": 13, "label": "PER"}, {"start": 24, "end": 31, "label": "PER"}]
    path = tmp_path / "judge.jsonl"
    path.write_text(
        json.dumps({"id": "j", "text": text, "spans": spans}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert evaluate(path)["recall"] == {"PER": 1.0}  # no-roles: every person counts
    assert evaluate(path, policy="court")["recall"] == {"PER": 0.0}  # a judge is kept


@pytest.mark.parametrize(
    "content",
    [
        "not json\n",
        '{"text": "x"}\n',
        '{"text": "x", "spans": [{"start": 0, "end": 1, "label": "WHAT"}]}\n',
    ],
)
def test_bad_files_fail_clearly(tmp_path, content):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationDataError):
        evaluate(path)


def test_factru_person_recall_meets_target_and_beats_natasha():
    assert FACTRU.is_file(), f"real-text set missing: {FACTRU}"
    report, misses = score(FACTRU, baseline="natasha")
    base = report["baseline"]["natasha"]["recall"]["PER"]
    detail = "\n".join(f"{m.record} {m.text!r}" for m in misses)
    assert report["recall"]["PER"] >= 0.98, detail
    assert report["recall"]["PER"] >= base, detail


def test_cli_json_with_baseline_and_misses(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "eval",
            "anonymize",
            str(_ner_file(tmp_path)),
            "--baseline",
            "natasha",
            "--misses",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert report["recall"]["PER"] == 0.8 and "natasha" in report["baseline"]
    assert [m["text"] for m in report["misses"]] == ["Ветер"]


def test_cli_refuses_an_unknown_baseline(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "eval",
            "anonymize",
            str(_ner_file(tmp_path)),
            "--baseline",
            "spacy",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert r.returncode != 0
    assert "spacy" in r.stdout + r.stderr
