"""A draft's text as a tree of units (sections, chapters, articles, parts, points,
subpoints) with stable ids and the spans of the text they cover.

Russian drafting marks units with «Раздел I.», «Глава 1.», «Статья 5.» / «Статья 5-1.»,
parts «1.», points «1)», subpoints «а)»; Kyrgyz drafting writes the number first: «1-бөлүм»,
«1-глава», «5-берене», «5-1-берене», and parts «1.» or «1-бөлүк». A heading is only
recognised at the start of a line and outside quotation marks, because amending drafts quote
whole new articles («изложить в следующей редакции: «Статья 168. …»») that belong to the
article quoting them.

Ids: ``sec-1``, ``ch-2``, ``art-5``, ``art-5/2`` (part 2), ``art-5/2/3`` (point 3 of part 2),
``art-5/2/3/а``; a point directly under an article fills the part slot (``art-5/3``), as in
the norm-id contract. Numbered paragraphs outside any article (decrees, regulations) are
``p-1``, ``p-1/2``. Text before the first unit is ``preamble``. An id that repeats (a typo
in the draft) gets ``~2`` and a warning, so every unit stays addressable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import regex

MAX_TEXT_CHARS = 2_000_000
MAX_WARNINGS = 100  # a large code is ~1.5 MB; above that it is not a draft text


class UnitKind(StrEnum):
    PREAMBLE = "preamble"
    SECTION = "section"
    CHAPTER = "chapter"
    ARTICLE = "article"
    PART = "part"
    POINT = "point"
    SUBPOINT = "subpoint"


CONTAINERS = frozenset({UnitKind.SECTION, UnitKind.CHAPTER})
# Units that are compared across versions one against all, not only among siblings.
TOP_UNITS = frozenset({UnitKind.PREAMBLE, UnitKind.ARTICLE})

# inserted numbers («5-1») are typed with a hyphen, an en dash or a non-breaking hyphen
_DASH = r"[-\u2010\u2011\u2013]"
_NUM = rf"[1-9]\d{{0,3}}(?:{_DASH}[1-9]\d{{0,2}})?"
_ROMAN = r"[IVXLC]{1,7}"
# after a number: a dot, the end of the line, or a title in capitals («Статья 5 Цели»);
# not «5-берене төмөнкүдөй редакцияда берилсин», an instruction about article 5
_END = r"(?:[.:]|[ \t\r]*$|[ \t]+(?=[\p{Lu}«\"]))"

# Patterns are tried in this order; the first that matches the start of a line wins.
_HEADINGS: tuple[tuple[UnitKind, regex.Pattern[str]], ...] = (
    (
        UnitKind.SECTION,
        regex.compile(
            rf"(?i:раздел)\s{{1,3}}(?P<n>{_NUM}|{_ROMAN}){_END}"
            rf"|(?P<n>{_NUM}|{_ROMAN})\s{{0,2}}{_DASH}\s{{0,2}}(?i:бөлүм){_END}"
        ),
    ),
    (
        UnitKind.CHAPTER,
        regex.compile(
            rf"(?i:глава)\s{{1,3}}(?P<n>{_NUM}|{_ROMAN}){_END}"
            rf"|(?P<n>{_NUM}|{_ROMAN})\s{{0,2}}{_DASH}\s{{0,2}}(?i:глава){_END}"
        ),
    ),
    (
        UnitKind.ARTICLE,
        regex.compile(
            rf"(?i:статья)\s{{1,3}}(?P<n>{_NUM}){_END}"
            rf"|(?P<n>{_NUM})\s{{0,2}}{_DASH}\s{{0,2}}(?i:берене){_END}"
        ),
    ),
)
_PART = regex.compile(
    rf"(?P<n>[1-9]\d{{0,2}}(?:{_DASH}[1-9]\d?)?)\.(?:\s|$)"
    rf"|(?P<n>[1-9]\d{{0,2}}(?:{_DASH}[1-9]\d?)?){_DASH}бөлүк(?:[.:]|\s|$)"
    r"|(?i:часть)\s(?P<n>[1-9]\d{0,2})\.(?:\s|$)"
)
_POINT = regex.compile(rf"(?P<n>[1-9]\d{{0,2}}(?:{_DASH}[1-9]\d?)?)\)(?:\s|$)")
_SUBPOINT = regex.compile(r"(?P<n>[а-яёөүң](?:-[1-9])?)\)(?:\s|$)")

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(s: str) -> int:
    total = 0
    for a, b in zip(s, [*s[1:], ""], strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b and _ROMAN_VALUES[b] > v else v
    return total


def _norm_number(n: str) -> str:
    n = regex.sub(_DASH, "-", regex.sub(r"\s", "", n)).lower()
    if regex.fullmatch(r"[ivxlc]+", n):
        return str(roman_to_int(n.upper()))
    return n


@dataclass(slots=True)
class Unit:
    """One unit: ``start``/``end`` cover its heading, its text and its sub-units in the
    parsed text; ``body_start`` is where the text after the label («Статья 5.») begins."""

    kind: UnitKind
    number: str
    id: str
    start: int
    end: int
    body_start: int
    title: str = ""
    children: list[Unit] = field(default_factory=list)
    parent: str | None = None
    chapter: str | None = None  # the enclosing chapter (or section) id, for moves

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def body(self, source: str) -> str:
        """The text without its own label: what stays when only the number changes."""
        return source[self.body_start : self.end]

    def own_text(self, source: str) -> str:
        """The text before its first sub-unit (the lead-in of an article or part)."""
        stop = self.children[0].start if self.children else self.end
        return source[self.body_start : stop].strip()


@dataclass(slots=True)
class Structure:
    text: str
    units: list[Unit]  # top level, in order
    by_id: dict[str, Unit]
    warnings: list[str]

    def articles(self) -> list[Unit]:
        """Units compared one against all between versions, in text order."""
        return [
            u
            for u in self.by_id.values()
            if u.kind in TOP_UNITS
            or (u.kind == UnitKind.POINT and u.id.startswith("p-") and "/" not in u.id)
        ]

    def walk(self) -> list[Unit]:
        return list(self.by_id.values())


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Spans inside «…», nested quotes included; an opening mark never closed is ignored."""
    stack: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in regex.finditer(r"[«»]", text):
        if m.group() == "«":
            stack.append(m.start())
        elif stack:
            start = stack.pop()
            if not stack:
                spans.append((start, m.end()))
    return spans


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line))
        pos += len(line)
    return out


@dataclass(slots=True)
class _Mark:
    kind: UnitKind
    number: str
    start: int
    body_start: int
    title: str
    paragraph: bool = False  # «1.» outside any article: a numbered paragraph of a decree


def _classify(line: str, offset: int, in_article: bool) -> _Mark | None:
    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    start = offset + lead
    for kind, pat in _HEADINGS:
        m = pat.match(stripped)
        if m:
            rest = stripped[m.end() :].strip(" .:\t\r\n")
            return _Mark(
                kind,
                _norm_number(m.group("n")),
                start,
                start + m.end(),
                rest.splitlines()[0] if rest else "",
            )
    for kind, pat in (
        (UnitKind.PART, _PART),
        (UnitKind.POINT, _POINT),
        (UnitKind.SUBPOINT, _SUBPOINT),
    ):
        m = pat.match(stripped)
        if m:
            if kind == UnitKind.PART and not in_article:
                return _Mark(
                    UnitKind.POINT,
                    _norm_number(m.group("n")),
                    start,
                    start + m.end(),
                    "",
                    paragraph=True,
                )
            return _Mark(kind, _norm_number(m.group("n")), start, start + m.end(), "")
    return None


_RANK = {UnitKind.SECTION: 0, UnitKind.CHAPTER: 1, UnitKind.ARTICLE: 2}


def parse_structure(text: str) -> Structure:
    """Split ``text`` into units; never fails on odd text (it becomes the preamble)."""
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(
            f"Текст проекта длиннее {MAX_TEXT_CHARS} символов; это не текст одного проекта."
        )
    quoted = _quoted_ranges(text)
    qi = 0
    marks: list[_Mark] = []
    in_article = False
    for offset, line in _lines(text):
        while qi < len(quoted) and quoted[qi][1] <= offset:
            qi += 1
        if qi < len(quoted) and quoted[qi][0] < offset < quoted[qi][1]:
            continue
        mark = _classify(line, offset, in_article)
        if mark is None:
            continue
        if mark.kind in _RANK:
            in_article = mark.kind == UnitKind.ARTICLE
        marks.append(mark)
    return _build(text, marks)


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.by_id: dict[str, Unit] = {}
        self.warnings: list[str] = []
        self.roots: list[Unit] = []
        self.repeats: dict[str, int] = {}

    def add(self, unit: Unit, parent: Unit | None) -> None:
        base = unit.id
        k = self.repeats.get(base, 1)
        while unit.id in self.by_id:
            k += 1
            unit.id = f"{base}~{k}"
        self.repeats[base] = k
        if k > 1 and len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(
                f"Номер «{unit.number}» ({unit.kind.value}) повторяется; "
                f"повтору присвоен идентификатор {unit.id}."
            )
        self.by_id[unit.id] = unit
        if parent is None:
            self.roots.append(unit)
        else:
            unit.parent = parent.id
            parent.children.append(unit)


def _build(text: str, marks: list[_Mark]) -> Structure:
    b = _Builder(text)
    first = marks[0].start if marks else len(text)
    if text[:first].strip():
        lead = len(text[:first]) - len(text[:first].lstrip())
        b.add(Unit(UnitKind.PREAMBLE, "", "preamble", lead, first, lead), None)
    section: Unit | None = None
    chapter: Unit | None = None
    article: Unit | None = None
    part: Unit | None = None
    point: Unit | None = None
    for mark in marks:
        unit = Unit(mark.kind, mark.number, "", mark.start, len(text), mark.body_start, mark.title)
        parent: Unit | None
        if mark.kind == UnitKind.SECTION:
            unit.id = f"sec-{mark.number}"
            section, chapter, article, part, point = unit, None, None, None, None
            parent = None
        elif mark.kind == UnitKind.CHAPTER:
            unit.id = f"ch-{mark.number}"
            parent = section
            chapter, article, part, point = unit, None, None, None
        elif mark.kind == UnitKind.ARTICLE:
            unit.id = f"art-{mark.number}"
            parent = chapter or section
            article, part, point = unit, None, None
        elif mark.kind == UnitKind.PART:
            parent = article
            unit.id = f"{article.id if article else 'p'}/{mark.number}"
            part, point = unit, None
        elif mark.kind == UnitKind.POINT:
            holder = part or article
            if mark.paragraph or holder is None:
                unit.id = f"p-{mark.number}"
                parent = chapter or section
                if mark.paragraph:
                    part, point = unit, None  # its «1)» are points under it
            else:
                parent = holder
                unit.id = f"{holder.id}/{mark.number}"
                point = unit
        else:
            holder = point or part or article
            if holder is None:
                continue  # «а)» in running text before any unit: prose, not structure
            parent = holder
            unit.id = f"{holder.id}/{mark.number}"
        enclosing = chapter or section
        unit.chapter = enclosing.id if enclosing else None
        if unit.kind in CONTAINERS:
            unit.chapter = section.id if section and unit is not section else None
        b.add(unit, parent)
    _close_spans(b)
    return Structure(text=text, units=b.roots, by_id=b.by_id, warnings=b.warnings)


def _close_spans(b: _Builder) -> None:
    """A unit ends where the next unit that is not inside it starts."""

    def close(units: list[Unit], end: int) -> None:
        for i, u in enumerate(units):
            u.end = units[i + 1].start if i + 1 < len(units) else end
            u.end = u.start + len(b.text[u.start : u.end].rstrip())
            close(u.children, u.end)

    close(b.roots, len(b.text))


_LABELS_RU = {
    UnitKind.SECTION: "раздел",
    UnitKind.CHAPTER: "глава",
    UnitKind.ARTICLE: "статья",
    UnitKind.PART: "часть",
    UnitKind.POINT: "пункт",
    UnitKind.SUBPOINT: "подпункт",
}
_LABELS_KY = {
    UnitKind.SECTION: "бөлүм",
    UnitKind.CHAPTER: "глава",
    UnitKind.ARTICLE: "берене",
    UnitKind.PART: "бөлүк",
    UnitKind.POINT: "пункт",
    UnitKind.SUBPOINT: "пунктча",
}


def _name(kind: UnitKind, number: str, lang: str) -> str:
    if lang == "ky":
        return f"{number}-{_LABELS_KY[kind]}"
    return f"{_LABELS_RU[kind]} {number}"


def unit_label(structure: Structure, unit_id: str, lang: str = "ru") -> str:
    """How a reader names a unit: ``art-5/2/3`` is «статья 5, часть 2, пункт 3» in Russian
    and «5-берене, 2-бөлүк, 3-пункт» in Kyrgyz (``lang="ky"``)."""
    unit = structure.by_id.get(unit_id)
    if unit is None:
        return unit_id
    if unit.kind == UnitKind.PREAMBLE:
        return "преамбула"
    names: list[str] = []
    cur: Unit | None = unit
    while cur is not None and cur.kind not in CONTAINERS:
        names.append(_name(cur.kind, cur.number, lang))
        cur = structure.by_id.get(cur.parent) if cur.parent else None
    return ", ".join(reversed(names)) or _name(unit.kind, unit.number, lang)


def article_of(unit_id: str) -> str:
    """The top unit an id lies in: ``art-5/2/3`` → ``art-5``, ``p-4/1`` → ``p-4``."""
    return unit_id.split("/", 1)[0]
