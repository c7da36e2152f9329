"""Evaluation: the report's shape, and the extractor's quality on the shared dev set."""

from __future__ import annotations

import json
from pathlib import Path

from norms import evaluate, render_report

# CI clones the repository with shared/ beside it: <parent>/shared/data/norms-dev.jsonl
DEV = Path(__file__).resolve().parents[2].parent / "shared/data/norms-dev.jsonl"


def test_dev_set_f1() -> None:
    assert DEV.is_file(), f"dev set missing: {DEV} (shared/ must sit beside the repository)"
    report = evaluate(DEV)
    assert report["records"] == 80
    assert report["f1"] >= 0.97, render_report(report)


def test_report_shape_and_counts(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a",
            "lang": "ru",
            "doc_date": "2023-04-11",
            "text": "по ч. 2 ст. 205 УК КР и ст. 5 ГК КР",
            "norms": ["uk-kr-2021/205/2"],
        },
        {
            "id": "b",
            "lang": "ru",
            "doc_date": "2019-01-01",
            "text": "ст. 112 УПК КР",
            "norms": ["upk-kr-2021/112"],
        },
        {
            "id": "c",
            "lang": "ky",
            "doc_date": "2023-04-11",
            "text": "Нотариус № 70 Мыйзамынын 5-беренесин бузган",
            "norms": ["law-kr/70/5"],
        },
    ]
    path = tmp_path / "set.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    report = evaluate(path)
    assert set(report) == {"precision", "recall", "f1", "per_act", "records"}
    assert report["records"] == 3
    # tp: uk/205/2, law-kr/70/5; fp: gk-kr/5, upk-kr-2017/112; fn: upk-kr-2021/112
    assert report["precision"] == 0.5
    assert report["recall"] == round(2 / 3, 4)
    assert report["per_act"]["uk-kr-2021"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "support": 1,
    }
    assert report["per_act"]["upk-kr-2021"]["recall"] == 0.0
    assert report["per_act"]["upk-kr-2017"]["support"] == 0
    assert report["per_act"]["law-kr/70"]["support"] == 1
    assert json.loads(json.dumps(report)) == report
    table = render_report(report)
    assert "uk-kr-2021" in table and "F1" in table
