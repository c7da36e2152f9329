"""Bounded regexes on hostile input: the output must be right (no timing asserted)."""

from __future__ import annotations

import pytest

from anonymize import anonymize_text

KB100 = 100_000

PATHOLOGICAL = {
    "digits": "1234567890" * (KB100 // 10),
    "digits and spaces": "1 2 3 4 5 6 7 8 9 0 " * (KB100 // 20),
    "dots": "." * KB100,
    "digits, spaces, dots": "12.03. 1 2.3 .4 5 ..6 " * (KB100 // 22),
    "initials": "А.Б. " * (KB100 // 5),
    "plus signs": "+996 " * (KB100 // 5),
    "open quotes": "«" * KB100,
    "address words": "ул. д. кв. г. с. " * (KB100 // 17),
    "hyphens": "-" * KB100,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_hostile_input_is_left_alone(name):
    text = PATHOLOGICAL[name]
    result = anonymize_text(text)
    assert result.text == text
    assert result.findings == ()


def test_a_real_record_inside_noise_is_still_found():
    noise = "1 2 3 . . . " * 4000
    text = noise + "Подсудимый Темиров К.А., ПИН 21203198500346, вину признал. " + noise
    result = anonymize_text(text)
    assert "Темиров" not in result.text
    assert "21203198500346" not in result.text
    assert [f.label for f in result.findings] == ["PERSON", "PIN"]
