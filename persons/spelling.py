"""Spelling folds for names: one key for every way a Kyrgyz or Russian name was written.

Kyrgyz names reached the archives through Russian clerks, passports, the Kyrgyz Latin
alphabet of 1928–1940 (Yanalif) and OCR. Each of those loses or swaps the same letters,
so a name is reduced to a *key* where those differences vanish: ү/у, ө/о, ң/н, ы/и/й,
Ж/Дж, ё/е, э/е, doubled letters; Latin input is read back into Cyrillic first, once as a
passport transliteration and once as Yanalif (the two disagree on ``y``, ``j`` and ``c``),
and Latin or digit look-alikes inside a Cyrillic word are repaired as OCR errors.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYR = "а-яёөүңәһ"
_CYR_RE = re.compile(f"[{_CYR}]")
_LAT_RE = re.compile(r"[a-zıɵƶşçğŋəƣ]")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+")

# Latin and digit look-alikes OCR puts inside Cyrillic words (lower case).
_LOOKALIKE = str.maketrans(
    {
        "a": "а",
        "c": "с",
        "e": "е",
        "o": "о",
        "p": "р",
        "x": "х",
        "y": "у",
        "k": "к",
        "m": "м",
        "h": "н",
        "t": "т",
        "b": "в",
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

# Passport (ICAO / Soviet-passport) transliteration, longest sequences first.
_PASSPORT: tuple[tuple[str, str], ...] = (
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "е"),
    ("ye", "е"),
    ("iy", "ий"),
    ("dj", "ж"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("y", "ы"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "х"),
    ("c", "ц"),
    ("j", "ж"),
    ("q", "к"),
    ("w", "в"),
    ("x", "кс"),
    ("ö", "ө"),
    ("ü", "ү"),
    ("ı", "ы"),
    ("ŋ", "ң"),
    ("ş", "ш"),
    ("ç", "ч"),
    ("'", ""),
)
# Yanalif (Kyrgyz Latin 1928–1940): y = ү, j = й, c = ч, ь = ы, ɵ = ө, ƶ = ж, ş = ш, ŋ = ң.
_YANALIF: tuple[tuple[str, str], ...] = (
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("ƣ", "г"),
    ("d", "д"),
    ("e", "е"),
    ("ə", "е"),
    ("z", "з"),
    ("ƶ", "ж"),
    ("i", "и"),
    ("j", "й"),
    ("k", "к"),
    ("q", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("ŋ", "ң"),
    ("o", "о"),
    ("ɵ", "ө"),
    ("ö", "ө"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("y", "ү"),
    ("ü", "ү"),
    ("f", "ф"),
    ("x", "х"),
    ("h", "х"),
    ("c", "ч"),
    ("ç", "ч"),
    ("ş", "ш"),
    ("ь", "ы"),
    ("ı", "ы"),
    ("w", "в"),
    ("'", ""),
)
# Letters that differ only by the way a Kyrgyz sound was written in Russian or by a clerk.
_PHONETIC = str.maketrans(
    {
        "ү": "у",
        "ө": "о",
        "ң": "н",
        "ы": "и",
        "й": "и",
        "ё": "е",
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


def _translit(word: str, table: tuple[tuple[str, str], ...]) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        for lat, cyr in table:
            if word.startswith(lat, i):
                out.append(cyr)
                i += len(lat)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


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
        readings = [_translit(w, _PASSPORT), _translit(w, _YANALIF)]
        return tuple(dict.fromkeys(readings))
    return (w,)


def fold(cyr: str) -> str:
    """The key of a Cyrillic word: Kyrgyz letters, ы/и/й, Дж/Ж and doubles folded."""
    w = cyr.lower().translate(_PHONETIC).replace("дж", "ж").replace("-", "")
    return _DOUBLE.sub(r"\1", w)


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
