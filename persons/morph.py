"""Names back to the nominative: «ИСАКОВОЙ Бүбүсара» → Исакова Бүбүсара, «ЖУМАБАЕВА Асана» →
Жумабаев Асан, «Григория Николаевича» → Григорий Николаевич.

Protocols name the accused in the genitive («по обвинению …»), lists in the dative or
instrumental. Russian surnames in -ов/-ев/-ин decline by a fixed paradigm, so they are
handled by rule; Russian given names and patronymics go through pymorphy3's dictionary;
Kyrgyz given names, which the dictionary does not know, decline like Russian nouns of the
same ending and are handled by rule only when the surname shows the case.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

import pymorphy3

from persons.types import Sex

_VOWELS = set("аеёиоуыэюяөү")


class Case(StrEnum):
    NOM = "nomn"
    GEN = "gent"
    DAT = "datv"
    INS = "ablt"
    PREP = "loct"
    OBLIQUE = "oblique"  # one of gen/dat/ins/prep, not known which


@lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def title(word: str) -> str:
    """«ИСАКОВОЙ» → «Исаковой», «АТ-БАШИ» → «Ат-Баши»; mixed case is kept."""
    if word.isupper() or word.islower():
        return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
    return word


# (ending, sex it implies or None, case, replacement for the nominative)
_SURNAME_RULES: tuple[tuple[str, Sex | None, Case, str], ...] = (
    ("овой", Sex.FEMALE, Case.OBLIQUE, "ова"),
    ("евой", Sex.FEMALE, Case.OBLIQUE, "ева"),
    ("ёвой", Sex.FEMALE, Case.OBLIQUE, "ёва"),
    ("иной", Sex.FEMALE, Case.OBLIQUE, "ина"),
    ("ыной", Sex.FEMALE, Case.OBLIQUE, "ына"),
    ("ской", Sex.FEMALE, Case.OBLIQUE, "ская"),
    ("цкой", Sex.FEMALE, Case.OBLIQUE, "цкая"),
    ("овым", Sex.MALE, Case.INS, "ов"),
    ("евым", Sex.MALE, Case.INS, "ев"),
    ("иным", Sex.MALE, Case.INS, "ин"),
    ("ыным", Sex.MALE, Case.INS, "ын"),
    ("ского", Sex.MALE, Case.GEN, "ский"),
    ("цкого", Sex.MALE, Case.GEN, "цкий"),
    ("скому", Sex.MALE, Case.DAT, "ский"),
    ("ским", Sex.MALE, Case.INS, "ский"),
)
_AMBIGUOUS_A = ("ова", "ева", "ёва", "ина", "ына")  # fem nominative or masc genitive
_AMBIGUOUS_U = ("ову", "еву", "ину", "ыну")  # masc dative or fem accusative
_MASC_PREP = ("ове", "еве", "ине", "ыне")


def surname_nominative(word: str, sex: Sex | None) -> tuple[str, Sex | None, Case]:
    """The nominative of a surname, the sex its ending shows and the case it was in."""
    w = title(word)
    low = w.lower()
    if "-" in w:  # double surname: each part declines on its own
        parts = [surname_nominative(p, sex) for p in w.split("-")]
        found_sex = next((s for _, s, _ in parts if s), sex)
        case = next((c for _, _, c in parts if c != Case.NOM), Case.NOM)
        return "-".join(p for p, _, _ in parts), found_sex, case
    for end, end_sex, case, repl in _SURNAME_RULES:
        if low.endswith(end) and len(low) > len(end) + 1:
            return w[: len(w) - len(end)] + _match_case(repl, w), end_sex, case
    for end in _AMBIGUOUS_A:
        if low.endswith(end):
            if sex == Sex.MALE:
                return w[:-1], Sex.MALE, Case.GEN
            return w, Sex.FEMALE, Case.NOM
    for end in _AMBIGUOUS_U:
        if low.endswith(end) and len(low) > 4:
            if sex == Sex.FEMALE:
                return w[:-1] + _match_case("а", w), Sex.FEMALE, Case.OBLIQUE
            return w[:-1], Sex.MALE, Case.DAT
    for end in _MASC_PREP:
        if low.endswith(end) and len(low) > 4 and sex != Sex.FEMALE:
            return w[:-1], Sex.MALE, Case.PREP
    if low.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")):
        return w, Sex.MALE, Case.NOM
    if low.endswith(("ская", "цкая")):
        return w, Sex.FEMALE, Case.NOM
    return w, sex, Case.NOM


def _match_case(repl: str, like: str) -> str:
    return repl.upper() if like.isupper() else repl


def _dictionary_nominative(word: str, tag: str, sex: Sex | None, case: Case) -> str | None:
    """pymorphy3's nominative when its dictionary (not its guesser) knows the word as a
    name of that sex in that case; ``None`` otherwise."""
    gender = {Sex.MALE: "masc", Sex.FEMALE: "femn", None: None}[sex]
    cases = {"gent", "datv", "ablt", "loct", "accs"} if case == Case.OBLIQUE else {str(case)}
    for p in _morph().parse(word.lower()):
        if not p.is_known or tag not in p.tag or p.tag.case not in cases:
            continue
        if gender and p.tag.gender != gender:
            continue
        return str(p.normal_form)
    return None


def given_nominative(word: str, sex: Sex | None, case: Case) -> str:
    """The nominative of a given name in ``case`` (known from the surname beside it)."""
    w = title(word)
    if case == Case.NOM or len(w) < 3:
        return w
    # A dictionary name in the nominative stays (Kyrgyz female names are often not declined).
    low = w.lower()
    known = _dictionary_nominative(low, "Name", sex, case)
    if known:
        return _restore(known, w)
    if _is_nominative_name(low, sex):
        return w
    if sex == Sex.MALE:
        if case in (Case.GEN, Case.OBLIQUE) and low[-1] == "а":
            # «Асана» → Асан; a clerk's «Василийа», «Молдокеа» → Василий, Молдоке.
            return w[:-1]
        if case in (Case.GEN, Case.OBLIQUE) and low.endswith("я") and low[-2] in _VOWELS:
            return w[:-1] + "й"
        if case == Case.DAT and low[-1] == "у" and low[-2] not in _VOWELS:
            return w[:-1]
        if case == Case.INS and low.endswith(("ом", "ем")) and low[-3] not in _VOWELS:
            return w[:-2]
    return w


def _is_nominative_name(low: str, sex: Sex | None) -> bool:
    for p in _morph().parse(low):
        if p.is_known and "Name" in p.tag and p.tag.case == "nomn":
            return sex is None or p.tag.gender == {Sex.MALE: "masc", Sex.FEMALE: "femn"}[sex]
    return False


def patronymic_nominative(word: str, sex: Sex | None) -> tuple[str, Sex | None]:
    """«Николаевича» → «Николаевич», «Ивановны» → «Ивановна»; the sex it shows."""
    w = title(word)
    low = w.lower()
    for end, repl, s in (
        ("овичу", "ович", Sex.MALE),
        ("евичу", "евич", Sex.MALE),
        ("ичем", "ич", Sex.MALE),
        ("ича", "ич", Sex.MALE),
        ("ичу", "ич", Sex.MALE),
        ("иче", "ич", Sex.MALE),
        ("ич", "ич", Sex.MALE),
        ("вны", "вна", Sex.FEMALE),
        ("вне", "вна", Sex.FEMALE),
        ("вной", "вна", Sex.FEMALE),
        ("вну", "вна", Sex.FEMALE),
        ("чны", "чна", Sex.FEMALE),
        ("чне", "чна", Sex.FEMALE),
        ("чной", "чна", Sex.FEMALE),
        ("вна", "вна", Sex.FEMALE),
        ("чна", "чна", Sex.FEMALE),
        ("ична", "ична", Sex.FEMALE),
    ):
        if low.endswith(end):
            return w[: len(w) - len(end)] + repl, s
    return w, None


def is_patronymic(word: str) -> bool:
    low = word.lower()
    return low.endswith(
        (
            "вич",
            "вича",
            "вичу",
            "вичем",
            "виче",
            "вна",
            "вны",
            "вне",
            "вной",
            "вну",
            "ьич",
            "ьича",
            "ична",
            "ичны",
            "чна",
            "чны",
            "ичем",
            "ича",
        )
    )


def _restore(normal: str, like: str) -> str:
    return normal.upper() if like.isupper() and len(like) > 1 else normal[:1].upper() + normal[1:]
