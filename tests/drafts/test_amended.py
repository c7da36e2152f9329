"""Each operation of an amending draft is placed in the unit (article, point) that makes it."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from drafts import parse_structure
from drafts.amended import amended_norms
from norms import amendment_ops

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

DATA = Path(__file__).parent / "data"
ON = datetime.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "ru-amending",
            [
                ("art-1/1", "amend", "uk-kr-2021/168"),
                ("art-1/2", "amend", "uk-kr-2021/170/2"),
                ("art-1/3", "repeal", "uk-kr-2021/171"),
            ],
        ),
        (
            "ky-amending",
            [("art-1/1", "amend", "uk-kr-2021/168/2"), ("art-1/2", "repeal", "uk-kr-2021/171")],
        ),
        ("ru-v1", []),  # a new law amends nothing
    ],
)
def test_operations_by_unit(name: str, expected: list[tuple[str, str, str]]) -> None:
    s = parse_structure((DATA / f"{name}.txt").read_text())
    got = amended_norms(s, ON)
    assert [(a.unit_id, a.kind.value, a.norm_id) for a in got] == expected
    for a in got:
        assert a.unit_id is not None
        unit = s.by_id[a.unit_id]
        assert unit.start <= a.start < a.end <= unit.end


def test_bare_amending_text_without_units() -> None:
    text = (
        "Внести в Уголовный кодекс Кыргызской Республики от 28 октября 2021 года № 127 "
        "следующее изменение:\nстатью 171 признать утратившей силу."
    )
    got = amended_norms(parse_structure(text), ON)
    assert [(a.unit_id, a.kind.value, a.norm_id) for a in got] == [
        ("preamble", "repeal", "uk-kr-2021/171")
    ]


# CI clones the repository with shared/ beside it: <parent>/shared/data/amendments-dev.jsonl
DEV = Path(__file__).resolve().parents[2].parent / "shared/data/amendments-dev.jsonl"
EXTRA = Path(__file__).resolve().parents[1] / "norms/data/amendments-extra.jsonl"


def _records() -> list[dict]:
    return [
        json.loads(line)
        for path in (DEV, EXTRA)
        for line in path.read_text().splitlines()
        if line.strip()
    ]


def test_every_operation_of_the_amendment_sets_gets_its_unit() -> None:
    """Over the amendment dev set and our extra set: placing operations in units changes
    none of them, and each lands in the unit holding its clause, never inside the quoted
    new wording (which is not structure of the draft)."""
    records = _records()
    assert len(records) >= 60
    for r in records:
        s = parse_structure(r["text"])
        day = datetime.date.fromisoformat(r["doc_date"])
        got = amended_norms(s, day, r["lang"])
        assert sorted({(a.kind.value, a.norm_id) for a in got}) == amendment_ops(
            r["text"], day, r["lang"]
        ), r["id"]
        for a in got:
            assert a.unit_id is not None, r["id"]
            unit = s.by_id[a.unit_id]
            assert unit.start <= a.start < unit.end, r["id"]
        assert not s.warnings, r["id"]
