"""Phone numbers: KR `+996 ...`, foreign `+7 ...`, local `0700 62-19-84`.

Digit groups are bounded (at most five groups of at most four digits) and the whole
number is validated by its digit count: 12 for `+996`, 10 for the local `0XXX` form,
10-13 for other international numbers, 5-12 after an explicit «тел.».
"""

from __future__ import annotations

from anonymize.recognizers.base import DataRecognizer

_SEP = r"[ \u00a0-]?"
_AFTER = r"(?!\d|[,.]\d|/)"
_CUE = r"(?<=\b(?:тел|телефон\w{0,3}|моб)\.?[ \u00a0:]{1,3})"


class PhoneRecognizer(DataRecognizer):
    ENTITY = "PHONE"
    PATTERNS = (
        (
            "kr_996",
            rf"(?<![\w+])\+?996{_SEP}\(?\d{{3,4}}\)?(?:{_SEP}\d{{1,3}}){{1,4}}{_AFTER}",
            0.85,
        ),
        (
            "international",
            rf"(?<![\w+])\+(?!996)\d{{1,3}}{_SEP}\(?\d{{2,4}}\)?(?:{_SEP}\d{{1,4}}){{1,5}}{_AFTER}",
            0.8,
        ),
        (
            "local_0",
            rf"(?<![\w+,./-])(?:\(?0(?:{_SEP})?\d{{2,3}}\)?|0{_SEP}\(\d{{3}}\))"
            rf"(?:{_SEP}\d{{1,3}}){{2,4}}{_AFTER}",
            0.6,
        ),  # also `0 (555) 12-34-56`
        (
            "trunk_8",
            rf"(?<![\w+])8{_SEP}\(\d{{3,5}}\){_SEP}\d{{1,3}}(?:{_SEP}\d{{1,3}}){{1,3}}{_AFTER}",
            0.6,
        ),
        ("after_cue", rf"{_CUE}\d{{1,4}}(?:{_SEP}\d{{1,4}}){{1,4}}{_AFTER}", 0.6),
    )
    CONTEXT = ("тел", "телефон", "номер", "номери")

    def validate_result(self, pattern_text: str) -> bool:
        digits = sum(ch.isdigit() for ch in pattern_text)
        body = pattern_text.lstrip("+(")
        if body.startswith("996"):
            return digits == 12
        if pattern_text.startswith("+"):
            return 10 <= digits <= 13
        if body.startswith("0"):
            return digits == 10
        if body.startswith("8") and "(" in pattern_text:
            return 10 <= digits <= 11
        return 5 <= digits <= 12
