"""Spelling folds for names: one key for every way a Kyrgyz or Russian name was written.

Kyrgyz names reached the archives through Russian clerks, passports, the Kyrgyz Latin
alphabet of 1928–1940 (Yanalif) and OCR. Each of those loses or swaps the same letters,
so a name is reduced to a *key* where those differences vanish: ү/у, ө/о, ң/н, ы/и/й,
Ж/Дж, ё/е, э/е, doubled letters; Latin input is read back into Cyrillic first, once as a
passport transliteration and once as Yanalif (the two disagree on ``y``, ``j`` and ``c``;
the tables are ``core.translit``, shared with depersonification), and Latin or digit
look-alikes inside a Cyrillic word are repaired as OCR errors.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from core import text_fold, translit

_CYR = "а-яёөүңәһ"
_CYR_RE = re.compile(f"[{_CYR}]")
_LAT_RE = re.compile(r"[a-zıɵƶşçğŋəƣžčš]")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+")

# Latin and digit look-alikes OCR puts inside Cyrillic words (lower case).
_LOOKALIKE = str.maketrans(
    {
        **{k: v for k, v in text_fold.LATIN_LOOKALIKES.items() if k.islower()},
        # OCR's other confusions in this registry's scans: i/і, u/и, n/п, r/г, and digits
        "i": "і",
        "u": "и",
        "n": "п",
        "r": "г",
        "0": "о",
        "3": "з",
        "6": "б",
        "4": "ч",
    }
)

# Letters that differ only by the way a Kyrgyz sound was written in Russian or by a clerk.
# The shared facts (core.text_fold): ё→е and the Kyrgyz letters as Russian ones. The rest
# is this key's own, coarser than any other fold because a key must join spellings a
# clerk or a transliteration confused: ы/и/й, э/е, щ/ш, the signs dropped anywhere in the
# word, Kazakh/Tatar ә and һ. Of the pre-1918 letters only і and ѣ are folded, as they
# always were here (ѳ and ѵ are kept as written; search folds them, this key does not).
_PHONETIC = str.maketrans(
    {
        **{k: v for k, v in text_fold.KYRGYZ_AS_RUSSIAN.items() if k.islower()},
        **{k: v for k, v in text_fold.YO.items() if k.islower()},
        "ы": "и",
        "й": "и",
        "э": "е",
        "ъ": "",
        "ь": "",
        "щ": "ш",
        "і": "и",
        "ә": "а",
        "һ": "х",
        "ѣ": "е",
    }
)
_DOUBLE = re.compile(r"(.)\1+")


def _lower(word: str) -> str:
    return unicodedata.normalize("NFC", word).lower().replace("ƶ", "ƶ")


@lru_cache(maxsize=100_000)
def cyrillic_readings(word: str) -> tuple[str, ...]:
    """The Cyrillic forms a written word can stand for (lower case).

    A Cyrillic word gives itself (with OCR look-alikes repaired); a Latin word gives its
    passport and Yanalif readings; Yanalif's own ``ь`` (Cyrillic soft sign used as ы) is
    taken as Latin context when the rest of the word is Latin.
    """
    w = _lower(word)
    has_cyr = bool(_CYR_RE.search(w.replace("ь", "")))
    has_lat = bool(_LAT_RE.search(w))
    if has_cyr:
        # Mixed script or digits inside letters: OCR look-alikes in a Cyrillic word.
        return (w.translate(_LOOKALIKE) if has_lat or any(c.isdigit() for c in w) else w,)
    if has_lat:
        return translit.readings(w)
    return (w,)


def fold(cyr: str) -> str:
    """The key of a Cyrillic word: Kyrgyz letters, ы/и/й, Дж/Ж and doubles folded."""
    w = cyr.lower().translate(_PHONETIC).replace("дж", "ж").replace("-", "")
    return _DOUBLE.sub(r"\1", w)


def preferred_key(word: str) -> str:
    """The one key a written word is filed under (a merge key): a Latin word's preferred
    reading (``core.translit.preferred``), folded."""
    w = _lower(word)
    if _CYR_RE.search(w.replace("ь", "")) or not _LAT_RE.search(w):
        return fold(cyrillic_readings(word)[0])
    return fold(translit.preferred(w))


@lru_cache(maxsize=100_000)
def keys(word: str) -> frozenset[str]:
    """Every folded key a written word can stand for."""
    return frozenset(fold(r) for r in cyrillic_readings(word))


def words(text: str) -> list[str]:
    return WORD.findall(text)


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, stopping early once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]
