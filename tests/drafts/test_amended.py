"""Each operation of an amending draft is placed in the unit (article, point) that makes it."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from drafts import parse_structure
from drafts.amended import amended_norms

DATA = Path(__file__).parent / "data"
ON = datetime.date(2026, 3, 1)


@pytest.mark.parametrize(("name", "expected"), [
    ("ru-amending", [("art-1/1", "amend", "uk-kr-2021/168"),
                     ("art-1/2", "amend", "uk-kr-2021/170/2"),
                     ("art-1/3", "repeal", "uk-kr-2021/171")]),
    ("ky-amending", [("art-1/1", "amend", "uk-kr-2021/168/2"),
                     ("art-1/2", "repeal", "uk-kr-2021/171")]),
    ("ru-v1", []),  # a new law amends nothing
])
def test_operations_by_unit(name: str, expected: list[tuple[str, str, str]]) -> None:
    s = parse_structure((DATA / f"{name}.txt").read_text())
    got = amended_norms(s, ON)
    assert [(a.unit_id, a.kind.value, a.norm_id) for a in got] == expected
    for a in got:
        assert a.unit_id is not None
        unit = s.by_id[a.unit_id]
        assert unit.start <= a.start < a.end <= unit.end


def test_bare_amending_text_without_units() -> None:
    text = ("Внести в Уголовный кодекс Кыргызской Республики от 28 октября 2021 года № 127 "
            "следующее изменение:\nстатью 171 признать утратившей силу.")
    got = amended_norms(parse_structure(text), ON)
    assert [(a.unit_id, a.kind.value, a.norm_id) for a in got] == [
        ("preamble", "repeal", "uk-kr-2021/171")]
