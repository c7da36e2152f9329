"""Latin spellings of Russian and Kyrgyz names read back into Cyrillic: the one module that
holds the transliteration tables, used by depersonification (``anonymize.transliteration``)
and by the persons registry (``persons.spelling``).

Two systems are read:

- *passport*: ICAO 9303, the older GOST and BGN/PCGN tables, KG passports' ``J`` and ``Y``
  for ``Ж`` and ``Ы``/``Й`` (`Azhymukhamed`, `Jumabaev`, `Aibek`), with the Turkish-style
  letters foreign documents use (``ş``, ``ç``, ``ı``, ``ö``, ``ü``, ``ŋ``) and the
  scholarly ``ž``, ``č``, ``š`` (`Džumabaev`);
- *Yanalif*, the Kyrgyz Latin alphabet of 1928–1940, where ``y`` = ү, ``j`` = й, ``c`` = ч,
  ``ь`` = ы, ``ɵ`` = ө, ``ƶ`` = ж, ``ş`` = ш, ``ŋ`` = ң, ``ƣ`` = г (`Ƶumabaev`, `Dyjşɵev`,
  `Kasьmov`, `Burulca`).

The two disagree on ``y``, ``j`` and ``c``, so a Latin word has two readings; callers that
must pick one (a merge key) take :func:`preferred`: Yanalif when the word has a letter only
Yanalif uses, the passport reading otherwise.
"""

from __future__ import annotations

import functools
import re

PASSPORT_MULTI: tuple[tuple[str, str], ...] = (
    ("shch", "щ"),
    ("sch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("iu", "ю"),
    ("ya", "я"),
    ("ia", "я"),
    ("yo", "ё"),
    ("ye", "е"),
    ("iy", "ий"),
    ("yi", "ый"),
    ("ee", "и"),
    ("oo", "оо"),
)
PASSPORT_SINGLE: dict[str, str] = {
    **dict(zip("abvgdezijklmnoprstufhcwqöüñ", "абвгдезиjклмнопрстуфхцвкөүң", strict=True)),
    "ı": "ы",
    "ŋ": "ң",
    "ş": "ш",
    "ç": "ч",
    "ž": "ж",
    "č": "ч",
    "š": "ш",
    "'": "",
}
YANALIF: tuple[tuple[str, str], ...] = (
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
# Letters only Yanalif writes (ь stands for ы there); a word with one of them is Yanalif.
YANALIF_ONLY = frozenset("ƶɵƣəь")
_VOWELS = set("aeiouyöü")


@functools.lru_cache(maxsize=65536)
def passport(word: str) -> str:
    """The passport reading of one lower-case Latin word (`azhymukhamed` → `ажымухамед`,
    `aibek` → `айбек`, `jumabaev` → `жумабаев`)."""
    w = word.lower()
    out: list[str] = []
    i = 0
    while i < len(w):
        for lat, cyr in PASSPORT_MULTI:
            if w.startswith(lat, i):
                out.append(cyr)
                i += len(lat)
                break
        else:
            ch = w[i]
            if ch == "y":
                out.append("й" if i > 0 and w[i - 1] in _VOWELS else "ы")
            elif ch == "x":
                out.append("кс")
            elif ch == "j":
                out.append("ж")
            elif (
                ch == "i"
                and i > 0
                and w[i - 1] in _VOWELS
                and (i + 1 == len(w) or w[i + 1] not in _VOWELS)
            ):
                out.append("й")  # `Aibek`, `Nikolai`
            else:
                out.append(PASSPORT_SINGLE.get(ch, ch))
            i += 1
    return "".join(out).replace("j", "ж")


@functools.lru_cache(maxsize=65536)
def yanalif(word: str) -> str:
    """The Yanalif reading of one lower-case Latin word (`ƶumabaev` → `жумабаев`)."""
    w = word.lower()
    out: list[str] = []
    i = 0
    while i < len(w):
        for lat, cyr in YANALIF:
            if w.startswith(lat, i):
                out.append(cyr)
                i += len(lat)
                break
        else:
            out.append(w[i])
            i += 1
    return "".join(out)


def readings(word: str) -> tuple[str, ...]:
    """Both readings of a Latin word, passport first, without repeats."""
    return tuple(dict.fromkeys((passport(word), yanalif(word))))


_LATIN = re.compile(r"[a-z]")


def preferred(word: str) -> str:
    """The one reading to take when one is needed: Yanalif for a word with a letter only
    Yanalif has, else the passport reading (Soviet and Kyrgyz passports, most lists)."""
    w = word.lower()
    if any(c in YANALIF_ONLY for c in w):
        return yanalif(w)
    return passport(w)
