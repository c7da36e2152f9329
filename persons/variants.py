"""Name keys and variants: what a record is indexed under and what a query is read as.

A record's *variant keys* are folded forms (see ``spelling``) of its name parts, with the
surname reduced to its masculine nominative base (Исакова, Исаковой, ИСАКОВА → исаков) and
to its root (Исаков → исак), so that «Шабдан Исак уулу» finds Исаков Шабдан. Initials are
keys of their own (``и:ш``). The same functions read a query, so both sides agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from persons.spelling import (
    cyrillic_readings,
    edit_distance,
    fold,
    keys,
    preferred_key,
    words,
)
from persons.types import PersonFacts

KIN_WORDS = frozenset(
    {
        "уулу",
        "кызы",
        "уулы",
        "кизи",
        "оглы",
        "гызы",
        "uulu",
        "kyzy",
        "kizi",
        "uly",
        "qьzь",
        "uulь",
        "кыз",
    }
)
_MASC = (
    ("ова", "ов"),
    ("ева", "ев"),
    ("ина", "ин"),
    ("овои", "ов"),
    ("евои", "ев"),
    ("инои", "ин"),
    ("ову", "ов"),
    ("еву", "ев"),
    ("ину", "ин"),
    ("овим", "ов"),
    ("евим", "ев"),
    ("иним", "ин"),
    ("ове", "ов"),
    ("еве", "ев"),
    ("ская", "ски"),
    ("скои", "ски"),
    ("ского", "ски"),
)
_ROOT = re.compile(r"(ов|ев|ин)$")
_VOWELS = set("аеиоу")


def surname_base(key: str) -> str:
    """The masculine nominative key of a folded surname (any case, either sex)."""
    for end, repl in _MASC:
        if key.endswith(end) and len(key) > len(end) + 2:
            return key[: len(key) - len(end)] + repl
    return key


def surname_roots(base: str) -> set[str]:
    """The father's name a surname was built from (Исаков → исак, Жумабаев → жумаба(и))."""
    m = _ROOT.search(base)
    if not m or len(base) - 2 < 2:
        return set()
    root = base[:-2]
    out = {root}
    if m.group(1) == "ев" and root[-1:] in _VOWELS:
        out.add(root + "и")  # Жумабай → Жумабаев
    if m.group(1) == "ев":
        out.add(root)
    return out


def _patronymic_surnames(father_key: str) -> list[str]:
    """The surnames a father's name makes, most likely first: Исак → исаков, Жумабай
    (folded жумабаи) → жумабаев, Токтогул → токтогулов (or -ев after a hushing letter)."""
    if father_key.endswith("и") and father_key[-2:-1] in _VOWELS:
        return [father_key[:-1] + "ев", father_key + "ев", father_key + "ов"]
    if father_key[-1:] in ("ж", "ш", "ч", "ц"):
        return [father_key + "ев", father_key + "ов"]
    return [father_key + "ов", father_key + "ев"]


def merge_key(surname: str | None, father: str | None) -> str | None:
    """The one key a record is filed under for merge candidates (``persons.surname_key``):
    the surname's folded masculine base in its preferred reading, so Исаков, Ысаков,
    ИСАКОВОЙ and Isakov file together, and Жумабаев, Джумабаев, Jumabaev and Ƶumabaev; a
    name given only as «Исак уулу» files under the surname its father's name makes."""
    if surname:
        return surname_base(preferred_key(surname.split()[0]))
    if father:
        return _patronymic_surnames(preferred_key(father.split()[0]))[0]
    return None


def merge_keys(surname: str | None, father: str | None) -> set[str]:
    """Every key a record's candidates may be filed under: each reading of a Latin surname
    (passport and Yanalif), and for a father's name both the surname it makes and, for a
    record with a surname, the father's name it came from (Исаков ↔ Исак уулу)."""
    out: set[str] = set()
    if surname:
        for key in keys(surname.split()[0]):
            base = surname_base(key)
            out.add(base)
            for root in surname_roots(base):
                out.update(_patronymic_surnames(root))
    if father:
        for key in keys(father.split()[0]):
            out.update(_patronymic_surnames(key))
    own = merge_key(surname, father)
    if own:
        out.add(own)
    return out


def initial_key(word: str) -> str:
    return "и:" + fold(word[:1]) if word else ""


@dataclass(slots=True)
class NameKeys:
    """Keys of one name as a record holds it."""

    surname: set[str] = field(default_factory=set)
    roots: set[str] = field(default_factory=set)
    given: set[str] = field(default_factory=set)
    patronymic: set[str] = field(default_factory=set)
    father: set[str] = field(default_factory=set)
    exact: set[str] = field(default_factory=set)

    def all(self) -> set[str]:
        out = self.surname | self.roots | self.given | self.patronymic | self.father
        out |= {initial_key(k) for k in self.given | self.patronymic | self.father}
        return out


def _word_keys(value: str | None) -> set[str]:
    if not value:
        return set()
    out: set[str] = set()
    for w in words(value):
        out |= set(keys(w))
    return out


def name_keys(f: PersonFacts) -> NameKeys:
    k = NameKeys()
    for w in words(f.surname or ""):
        for key in keys(w):
            base = surname_base(key)
            k.surname.add(base)
            k.roots |= surname_roots(base)
    k.given = _word_keys(f.given.rstrip(".") if f.given else None)
    k.patronymic = _word_keys(f.patronymic.rstrip(".") if f.patronymic else None)
    k.father = _word_keys(f.father)
    k.roots |= k.father
    for v in (f.surname, f.given, f.patronymic, f.father):
        if v:
            k.exact |= {w.lower().replace("ё", "е") for w in words(v)}
    return k


def variants(f: PersonFacts) -> list[str]:
    """The words a record is indexed under in the search backends' variant field."""
    return sorted(name_keys(f).all())


@dataclass(frozen=True, slots=True)
class QueryToken:
    raw: str
    keys: frozenset[str]
    readings: frozenset[str]  # Cyrillic readings before folding (Latin «Ysakov» → ысаков)
    initial: bool
    father: bool  # the word before уулу/кызы


def read_query(q: str) -> list[QueryToken]:
    """Query words with their keys; «Г.Н.» becomes two initials, the word before «уулу»
    is marked as a father's name."""
    parts = re.findall(r"[^\W\d_]+\.?|\d+", q.replace("’", "'"))
    toks: list[QueryToken] = []
    for i, p in enumerate(parts):
        low = p.lower().rstrip(".")
        if low in KIN_WORDS:
            continue
        is_initial = len(low) == 1 or (p.endswith(".") and len(low) <= 2)
        ks = frozenset(keys(low)) if low else frozenset()
        nxt = parts[i + 1].lower().rstrip(".") if i + 1 < len(parts) else ""
        readings = (
            frozenset(r.replace("ё", "е") for r in cyrillic_readings(low)) if low else frozenset()
        )
        toks.append(QueryToken(low.replace("ё", "е"), ks, readings, is_initial, nxt in KIN_WORDS))
    return toks


def fuzzy_equal(a: str, b: str) -> bool:
    """One edit apart, for keys long enough that one edit does not make another name."""
    if min(len(a), len(b)) < 5:
        return False
    return edit_distance(a, b, 1) <= 1
