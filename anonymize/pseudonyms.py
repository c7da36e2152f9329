"""Group the mentions of one person, so that every mention gets the same pseudonym.

A mention is parsed into surname, first name, patronymic and initials; each name word is
compared through its normal forms (`names.name_keys`: pymorphy3 lemmas and stems without
Kyrgyz suffixes), so `Асанова Бакыта`, `Асанов Б.К.`, `Б.К. Асанова`, `Асановым`,
`Асановдун` and `Т.А.` (the initials of a known person) meet. Rich mentions found the
persons; poorer ones attach to a compatible person, never across genders when the forms
tell (`Лебедев` is not `Лебедева Надежда Петровна`; `Асановой`, `Асановна`, `кызы` are
hers, `Асановым`, `Асанович`, `уулу` his). Then the text is scanned once more for bare
surnames, first names and initials of the persons found, in any case.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from anonymize.names import (
    GEO_AFTER,
    GEO_BEFORE,
    LO,
    PARTICLES,
    TOKEN_RE,
    UP,
    fold,
    is_first_name,
    is_patronymic,
    kyrgyz_stems,
    name_keys,
    ov_surname_shaped,
    particle_base,
    patronymic_gender,
    surname_gender,
    surname_shaped,
)
from anonymize.transliteration import LATIN_NAME_CHARS, has_latin, to_cyrillic, variants


@dataclass(frozen=True, slots=True)
class NameParts:
    surname: str | None = None
    first: str | None = None
    patronymic: str | None = None
    initials: tuple[str, ...] = ()
    ambiguous: str | None = None  # a lone word that may be a surname or a first name

    @property
    def richness(self) -> int:
        return (
            3 * bool(self.surname)
            + 2 * bool(self.first)
            + bool(self.patronymic)
            + bool(self.initials)
            + (self.ambiguous is not None)
        )

    @property
    def gender(self) -> str | None:
        """ "m" or "f" when the patronymic or the surname's form tells (`Асановым`,
        `Асановой`, `Асановна`, `кызы`); None when it does not or they disagree."""
        told = set()
        if self.patronymic:
            told.add(patronymic_gender(self.patronymic))
        if self.surname:
            told.add(
                patronymic_gender(self.surname)
                if " " in self.surname
                else surname_gender(self.surname)
            )
        if (
            self.ambiguous
            and ov_surname_shaped(self.ambiguous)
            and (kyrgyz_stems(self.ambiguous) or not is_first_name(self.ambiguous))
        ):
            told.add(surname_gender(self.ambiguous))  # `Асановдун` is his, whoever `Асан` is
        told.discard(None)
        return told.pop() if len(told) == 1 else None


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    parts: NameParts
    recognizer: str
    score: float
    person: int = -1
    ambiguous: bool = False
    role: str | None = None  # "official" or "party" when a role word stands right before


@dataclass(slots=True)
class Person:
    id: int
    surnames: set[str] = field(default_factory=set)
    firsts: set[str] = field(default_factory=set)
    patrs: set[str] = field(default_factory=set)
    f_init: str | None = None
    p_init: str | None = None
    s_init: str | None = None
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)

    def absorb(self, p: NameParts) -> None:
        self.gender = self.gender or p.gender
        if p.surname:
            self.surnames |= _keys(p.surname)
            self.s_init = self.s_init or p.surname[0].upper()
        if p.first:
            self.firsts |= _keys(p.first)
            self.f_init = self.f_init or p.first[0].upper()
        if p.patronymic:
            self.patrs |= _keys(p.patronymic)
            self.p_init = self.p_init or p.patronymic[0].upper()
        if p.ambiguous:
            self.surnames |= _keys(p.ambiguous)
            self.firsts |= _keys(p.ambiguous)
        if p.initials:
            self.f_init = self.f_init or p.initials[0]
            if len(p.initials) > 1:
                self.p_init = self.p_init or p.initials[1]

    def initials(self) -> str:
        letters = [x for x in (self.s_init, self.f_init, self.p_init) if x]
        return ".".join(letters) + "." if letters else ""


def _keys(word: str) -> frozenset[str]:
    if " " in word:  # `Нурбек уулу`: the father's name and the particle
        head, _, particle = word.rpartition(" ")
        return frozenset(k + " " + particle_base(particle) for k in loose_keys(head))
    return loose_keys(word)


_LOOSE = str.maketrans({"ь": None, "ъ": None, "й": "и"})


def loose_keys(word: str) -> frozenset[str]:
    """`name_keys` plus the same without soft signs and with й read as и: a Latin
    spelling keeps neither (`Olga` = `Ольга`, `Ismailov` = `Исмаилов` = `Исмайлов`)."""
    keys = name_keys(word)
    return keys | frozenset(k.translate(_LOOSE) for k in keys)


def parse_name(text: str) -> NameParts:
    if has_latin(text):
        text = to_cyrillic(text)  # `Asanov Bakyt` is parsed (and grouped) as `Асанов Бакыт`
    toks = [m.group() for m in TOKEN_RE.finditer(text)]
    initials = tuple(t[0].upper() for t in toks if t.endswith(".") and len(t) == 2)
    name_words: list[str] = []
    for t in toks:
        if t.endswith(".") and len(t) == 2:
            continue
        if fold(t) in PARTICLES and name_words:
            name_words[-1] = name_words[-1] + " " + particle_base(t)
            continue
        name_words.append(_title(t))
    surname = first = patronymic = ambiguous = None
    if len(name_words) >= 2 and " " in name_words[-1]:
        # `Мамедов Эльдар Магомед оглы`: the particle closes a patronymic
        *before, patronymic = name_words
        return NameParts(before[-2] if len(before) > 1 else None, before[-1], patronymic, initials)
    with_particle = [w for w in name_words if " " in w]
    rest = [w for w in name_words if " " not in w]
    if with_particle:
        surname = with_particle[0]
    patr_candidates = [w for w in rest if is_patronymic(w)]
    if patr_candidates and len(rest) >= 2:
        patronymic = patr_candidates[-1]
        rest.remove(patronymic)
    if surname:
        first = rest[0] if rest else None
    elif len(rest) >= 2:
        a, b = rest[0], rest[1]
        if is_first_name(a) and not is_first_name(b) and surname_shaped(b):
            first, surname = a, b
        else:
            surname, first = a, b
    elif len(rest) == 1:
        w = rest[0]
        if patronymic:
            first = w
        elif initials:
            surname = w
        elif is_first_name(w) and not surname_shaped(w):
            first = w
        elif surname_shaped(w) and not is_first_name(w):
            surname = w
        else:
            ambiguous = w
    return NameParts(surname, first, patronymic, initials, ambiguous)


def _title(word: str) -> str:
    return word.title() if word.isupper() and len(word) > 1 else word


def _compatible(person: Person, p: NameParts, role: str | None = None) -> int:
    """0: incompatible; higher: more components agree.

    A mention must be anchored by a name word it shares with the person (surname, first
    name) or, for bare initials, by both initials: `Асылбек` never joins `Жумалиева А.`
    merely because the first letters agree.
    """
    score = 0
    anchored = False
    if role and person.roles and role not in person.roles:
        return 0  # a witness «Асанов» is not the judge «Асанова Г.К.»
    gender = p.gender
    if gender and person.gender and gender != person.gender:
        return 0  # «Лебедев» is not «Лебедева Надежда Петровна», «Лебедевой» not her husband
    if p.surname and person.surnames:
        if not person.surnames & _keys(p.surname):
            return 0
        score, anchored = score + 3, True
    if p.first:
        if person.firsts:
            if not person.firsts & _keys(p.first):
                return 0
            score, anchored = score + 2, True
        elif person.f_init:
            if person.f_init != p.first[0].upper():
                return 0
            score += 1
    if p.patronymic:
        if person.patrs and not person.patrs & _keys(p.patronymic):
            return 0
        if person.p_init and person.p_init != p.patronymic[0].upper():
            return 0
        score += 1
    if p.initials:
        if person.f_init and p.initials[0] != person.f_init:
            return 0
        if len(p.initials) > 1 and person.p_init and p.initials[1] != person.p_init:
            return 0
        if not (p.surname or p.first or p.ambiguous):
            anchored = len(p.initials) == 2 and (person.f_init, person.p_init) == p.initials
        score += 1 if person.f_init else 0
    if p.ambiguous:
        keys = _keys(p.ambiguous)
        if person.surnames & keys:
            score, anchored = score + 3, True
        elif person.firsts & keys:
            score, anchored = score + 2, True
        else:
            return 0
    return score if anchored else 0


def cluster(mentions: list[Mention]) -> list[Person]:
    persons: list[Person] = []
    for m in sorted(mentions, key=lambda m: (-m.parts.richness, m.start)):
        scored = [(_compatible(p, m.parts, m.role), p) for p in persons]
        scored = [(s, p) for s, p in scored if s > 0]
        if scored:
            best = max(s for s, _ in scored)
            top = [p for s, p in scored if s == best]
            # a doubtful mention goes to a private person rather than to an official
            person = min(top, key=lambda p: ("official" in p.roles, p.id))
            m.ambiguous = len({p.id for _s, p in scored}) > 1 and not (
                m.parts.surname and (m.parts.first or m.parts.initials)
            )
        else:
            person = Person(id=len(persons))
            persons.append(person)
        person.absorb(m.parts)
        if m.role:
            person.roles.add(m.role)
        person.mentions.append(m)
        m.person = person.id
    return persons


_SCAN_WORD = re.compile(
    rf"(?<![\w.-])[{UP}](?:[{LO}]{{1,30}}|[{UP}]{{1,30}})"
    rf"(?:-[{UP}](?:[{LO}]{{1,30}}|[{UP}]{{1,30}}))?(?![\w-])"
)
_SCAN_LATIN = re.compile(
    rf"(?<![\w.@/-])[A-Z](?:[{LATIN_NAME_CHARS[3:]}]{{1,30}}|[A-Z]{{1,30}})"
    rf"(?:-[A-Z][{LATIN_NAME_CHARS}]{{1,30}})?(?![\w@-])"
)
_SCAN_INITIALS = re.compile(rf"(?<![\w.])([{UP}])\.[ \u00a0]?([{UP}])\.(?![ \u00a0]?[{UP}][{LO}])")


def _free(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return all(end <= s or start >= e for s, e in taken)


def propagate(text: str, persons: list[Person], taken: list[tuple[int, int]]) -> list[Mention]:
    """Bare surnames, first names and initials of known persons elsewhere in the text."""
    surnames: dict[str, set[int]] = {}
    firsts: dict[str, set[int]] = {}
    initials: dict[tuple[str, str], set[int]] = {}
    for p in persons:
        for k in p.surnames:
            if " " not in k:
                surnames.setdefault(k, set()).add(p.id)
        for k in p.firsts:
            firsts.setdefault(k, set()).add(p.id)
        if p.f_init and p.p_init:
            initials.setdefault((p.f_init, p.p_init), set()).add(p.id)
    found: list[Mention] = []
    scans: list[tuple[re.Match[str], tuple[str, ...]]] = [
        (m, (_title(m.group()),)) for m in _SCAN_WORD.finditer(text)
    ]
    scans += [(m, variants(_title(m.group()))) for m in _SCAN_LATIN.finditer(text)]
    for m, readings in scans:
        s, e = m.span()
        if not _free(s, e, taken) or _place_context(text, s, e):
            continue
        keys = frozenset().union(*(loose_keys(r) for r in readings))
        gender = surname_gender(readings[0])
        by_surname = {
            pid
            for pid in set().union(*(surnames.get(k, set()) for k in keys))
            if not gender or persons[pid].gender in (None, gender)
        }
        by_first = set().union(*(firsts.get(k, set()) for k in keys))
        ids = by_surname or by_first
        if not ids:
            continue
        parts = NameParts(surname=m.group()) if by_surname else NameParts(first=m.group())
        found.append(
            Mention(
                s,
                e,
                parts,
                "Coreference",
                0.7,
                person=min(ids),
                ambiguous=len(by_surname | by_first) > 1,
            )
        )
    for m in _SCAN_INITIALS.finditer(text):
        s, e = m.span()
        ids = initials.get((m.group(1), m.group(2)), set())
        if ids and _free(s, e, taken):
            found.append(
                Mention(
                    s,
                    e,
                    NameParts(initials=(m.group(1), m.group(2))),
                    "Coreference",
                    0.6,
                    person=min(ids),
                    ambiguous=len(ids) > 1,
                )
            )
    return found


def _place_context(text: str, start: int, end: int) -> bool:
    if GEO_BEFORE.search(text, max(0, start - 24), start):
        return True
    nxt = re.match(r"[ \u00a0]{1,2}([\w-]+)", text[end : end + 30])
    return bool(nxt) and fold(nxt.group(1)) in GEO_AFTER
