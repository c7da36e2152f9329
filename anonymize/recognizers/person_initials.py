"""Surname with initials, in both orders: `Асанов Б.К.`, `Абдраимовой Н.`, `Б.К. Асанова`,
`М.Т. Сыдыкбековдун`, `Ж. Касымбекова`. The usual way a court act names everybody after
the first full mention; every case and the Kyrgyz suffixes ride on the surname.
"""

from __future__ import annotations

import regex as re

from anonymize.names import INITS, START, UP, WORD, is_common_word, plausible_structured
from anonymize.recognizers.base import DataRecognizer

_S = r"[ \u00a0]{1,2}"
_PRECEDING_WORD = re.compile(rf"({WORD})[ \u00a0]{{1,2}}\Z")
_FOLLOWING_NAME = re.compile(rf"[ \u00a0]?{WORD}(?![\w-])")
_PRECEDING_INITIAL = re.compile(rf"(?<![\w])[{UP}]\.[ \u00a0]{{0,2}}\Z")


class PersonInitialsRecognizer(DataRecognizer):
    ENTITY = "PERSON"
    PATTERNS = (
        ("surname_initials", rf"{START}{WORD}{_S}{INITS}", 0.8),
        ("initials_surname", rf"(?<![\w.]){INITS}[ \u00a0]?{WORD}(?![\w-])", 0.8),
    )

    def validate_match(self, text: str, start: int, end: int, pattern: str) -> bool | None:
        if pattern == "initials_surname":
            if _PRECEDING_INITIAL.search(text, max(0, start - 4), start):
                return False  # `Д. К. Асанова`: the match from `Д.` is the name
            before = _PRECEDING_WORD.search(text, max(0, start - 40), start)
            if before and plausible_structured(before.group(1)):
                return False  # `Сыдыков Р.А. Асанов`: the initials close the previous name
        elif _FOLLOWING_NAME.match(text, end) and is_common_word(text[start:end].split()[0]):
            return False  # `Действия А.Ю. Ташполотова`: the initials open the next name
        return plausible_structured(text[start:end])
