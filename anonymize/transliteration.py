"""Latin-script names read back into Cyrillic, so that `Asanov Bakyt`, `Ulugbek uulu
Azhymukhamed` and `Jumabaeva` meet `Асанов Бакыт`, `Улугбек уулу Ажымухамед` and
`Жумабаева` in the name lists and in coreference.

Passports and foreign documents of Kyrgyz and Russian citizens spell names in several
systems (ICAO 9303, the older GOST and BGN/PCGN tables, KG passports' `J` and `Y` for
`Ж` and `Ы`/`Й`); the reading here accepts all of them, because only the normal forms
(`names.name_keys`) of the result are compared, never the spelling. The tables are
`core.translit`, shared with the persons registry.
"""

from __future__ import annotations

import functools

import regex as re

from core.translit import passport

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
    res = passport(word)
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
