"""Latin-script names read back into Cyrillic, so that `Asanov Bakyt`, `Ulugbek uulu
Azhymukhamed` and `Jumabaeva` meet `Асанов Бакыт`, `Улугбек уулу Ажымухамед` and
`Жумабаева` in the name lists and in coreference.

Passports and foreign documents of Kyrgyz and Russian citizens spell names in several
systems (ICAO 9303, the older GOST and BGN/PCGN tables, KG passports' `J` and `Y` for
`Ж` and `Ы`/`Й`); the reading here accepts all of them, because only the normal forms
(`names.name_keys`) of the result are compared, never the spelling.
"""

from __future__ import annotations

import functools

import regex as re

_MULTI = (
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
_SINGLE = dict(zip("abvgdezijklmnoprstufhcwqöüñ", "абвгдезиjклмнопрстуфхцвкөүң", strict=True))
_VOWELS = set("aeiouyöü")
LATIN_NAME_CHARS = "A-Za-zÖÜÑöüñ"
_HAS_CYR = re.compile(r"[А-Яа-яЁёӨөҮүҢң]")


@functools.lru_cache(maxsize=16384)
def to_cyrillic(text: str) -> str:
    """`Azhymukhamed` -> `Ажымухамед`, `Aybek` -> `Айбек`, `Jumabaev` -> `Жумабаев`;
    text already in Cyrillic is returned as it is. Case is kept per word (first letter)."""
    if _HAS_CYR.search(text):
        return text
    out: str = re.sub(rf"[{LATIN_NAME_CHARS}]+", lambda m: _word(m.group()), text)
    return out


def _word(word: str) -> str:
    w = word.lower()
    out: list[str] = []
    i = 0
    while i < len(w):
        for lat, cyr in _MULTI:
            if w.startswith(lat, i):
                out.append(cyr)
                i += len(lat)
                break
        else:
            ch = w[i]
            if ch == "y":
                after_vowel = i > 0 and w[i - 1] in _VOWELS
                out.append("й" if after_vowel else "ы")
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
                out.append(_SINGLE.get(ch, ch))
            i += 1
    res = "".join(out).replace("j", "ж")
    return res[:1].upper() + res[1:] if word[:1].isupper() else res


def variants(word: str) -> tuple[str, ...]:
    """The Cyrillic readings of one Latin word: an initial `E` is `Е` in Russian names
    (`Elena`) and `Э` in Kyrgyz ones (`Ermek`)."""
    first = to_cyrillic(word)
    if first[:1] in ("Е", "е"):
        return (first, ("Э" if first[0] == "Е" else "э") + first[1:])
    return (first,)


def has_latin(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]", text)) and not _HAS_CYR.search(text)
