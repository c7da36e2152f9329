"""Which letters mean the same: the one home of the spelling facts every text fold uses.

The archive holds Russian in the pre-1918 spelling and Kyrgyz typed or recognised with
stand-ins, so several parts of the tree fold text before comparing it. They fold for
different purposes and so differently (search terms, OCR scoring, the page-image proof,
name lists, the persons registry's spelling keys, the norm grammar), but the letters
they agree on are stated once, here:

- ``YO``: ё is written е in most texts (ё→е);
- ``PRE_1918``: the letters the 1918 reform removed, ѣ→е, і→и, ѳ→ф, ѵ→и, and the
  word-final hard sign it dropped (``drop_final_hard_sign``: «судъ» → «суд»; a ъ inside
  a word, «объявление», stays);
- ``KYRGYZ_STAND_INS``: characters typed or recognised for Kyrgyz letters that are not
  those letters: Latin barred o (ɵ) for ө, en with hook or tail and en-ghe (ӈ, ӊ, ҥ) for ң;
- ``KYRGYZ_AS_RUSSIAN``: ө, ү, ң as a Russian clerk or a Russian word list writes them
  (о, у, н).

``spelling`` is the search fold's letter part (indices.analysis adds OCR repair on top).
Callers keep their genuinely different extras in their own module, each saying why;
tests/core/test_text_fold.py pins what every caller makes of the same inputs.
"""

from __future__ import annotations

import re

YO: dict[str, str] = {"ё": "е", "Ё": "Е"}
PRE_1918: dict[str, str] = {
    "ѣ": "е",
    "Ѣ": "Е",
    "і": "и",
    "І": "И",
    "ѳ": "ф",
    "Ѳ": "Ф",
    "ѵ": "и",
    "Ѵ": "И",
}
PRE_1918_LETTERS = frozenset(PRE_1918)
KYRGYZ_STAND_INS: dict[str, str] = {
    "ɵ": "ө",
    "Ɵ": "Ө",
    "ӈ": "ң",
    "Ӈ": "Ң",
    "ӊ": "ң",
    "Ӊ": "Ң",
    "ҥ": "ң",
    "Ҥ": "Ң",
}
KYRGYZ_AS_RUSSIAN: dict[str, str] = {"ө": "о", "ү": "у", "ң": "н", "Ө": "О", "Ү": "У", "Ң": "Н"}
KYRGYZ_LETTERS = frozenset("ңөүҢӨҮ")

# Latin letters that look like Cyrillic ones: OCR and typists mix them into Cyrillic words
# («cуд» with a Latin c). Callers add their own extras (the norm grammar's item letters,
# the persons keys' OCR digit and letter confusions).
LATIN_LOOKALIKES: dict[str, str] = {
    **dict(zip("aceopxykmhtb", "асеорхукмнтв", strict=True)),
    **dict(zip("ABCEHKMOPTXY", "АВСЕНКМОРТХУ", strict=True)),
}
# Russian month names by stem, as dates are written in archival and court texts
# («12 августа 1937 г.», «мая»): one table for every date reader.
RU_MONTH_STEMS: dict[str, int] = {
    stem: n
    for n, stem in enumerate(
        (
            "январ",
            "феврал",
            "март",
            "апрел",
            "ма",
            "июн",
            "июл",
            "август",
            "сентябр",
            "октябр",
            "ноябр",
            "декабр",
        ),
        start=1,
    )
}

SPELLING = str.maketrans({**YO, **PRE_1918, **KYRGYZ_STAND_INS})
# A hard sign after a letter and before no letter or digit: the end of a word.
FINAL_HARD_SIGN = re.compile(r"(?<=[^\W\d_])[ъЪ](?![^\W_])")


def drop_final_hard_sign(text: str) -> str:
    """«судъ» → «суд», «ОБЪЕКТЪ.» → «ОБЪЕКТ.»; «объявление» and «объ1» keep theirs."""
    return FINAL_HARD_SIGN.sub("", text)


def spelling(text: str) -> str:
    """ё, the pre-1918 letters and the Kyrgyz stand-ins folded, word-final ъ dropped;
    case is kept."""
    return drop_final_hard_sign(text.translate(SPELLING))
