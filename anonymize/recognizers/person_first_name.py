"""A capitalised word that is a known first name (natasha's list of ~7.6k first names,
Russian, Central Asian and Caucasian; the ambiguous ones such as `Роза`, `Вера` left out):
a relative or witness mentioned once by first name (`Күбө катары Бекзат жана Жылдыз
суракка алынды`) that natasha, trained on Russian news, does not tag in Kyrgyz text.

Places and organisations named like people are refused by their neighbours (`Манас
аэропорту`, `Чолпон-Ата шаарында`, `ул. Токтогула`); at the start of a sentence the word
must not also be a common Russian word (`Талант`, `Надежда`).
"""

from __future__ import annotations

import regex as re

from anonymize.names import (
    GEO_AFTER,
    GEO_BEFORE,
    START,
    WORD,
    fold,
    in_first_name_list,
    is_common_word,
    is_geo,
    is_role_or_function_word,
)
from anonymize.recognizers.base import DataRecognizer

_NEXT_WORD = re.compile(r"[ \u00a0]{1,2}([\w-]{2,40})")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]|[.!?:;][»\")]?)[ \u00a0\t]{0,60}\Z")


class PersonFirstNameRecognizer(DataRecognizer):
    ENTITY = "PERSON"
    PATTERNS = (("known_first_name", rf"{START}{WORD}(?![\w-])", 0.5),)

    def validate_match(self, text: str, start: int, end: int, pattern: str) -> bool | None:
        word = text[start:end]
        if not in_first_name_list(word) or is_geo(word) or is_role_or_function_word(word):
            return False
        if GEO_BEFORE.search(text, max(0, start - 24), start):
            return False
        nxt = _NEXT_WORD.match(text, end)
        if nxt and fold(nxt.group(1)) in GEO_AFTER:
            return False
        if _SENTENCE_START.search(text, max(0, start - 62), start) and is_common_word(word):
            return False
        return None
