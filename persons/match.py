"""Are two records the same person? A score with its evidence, and automatic clustering.

Evidence is added, never inferred: same name (by key, or one edit apart), same birth year,
same birthplace, same arrest and sentence dates, same articles. Conflicts subtract: a
different patronymic or father's name, different event dates. Records with different
birth years are never merged automatically, whatever the rest says (an archivist may).
``AUTO_MERGE_THRESHOLD`` is the lowest score at which the dev set showed no false merge
(docs/persons.md has the figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from persons.spelling import fold
from persons.types import PersonFacts
from persons.variants import NameKeys, fuzzy_equal, name_keys

AUTO_MERGE_THRESHOLD = 0.8


@dataclass(slots=True)
class MatchScore:
    score: float
    evidence: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    birth_years_differ: bool = False

    @property
    def auto(self) -> bool:
        return not self.birth_years_differ


def _same(a: set[str], b: set[str]) -> bool:
    return bool(a & b)


def _near(a: set[str], b: set[str]) -> bool:
    return any(fuzzy_equal(x, y) for x in a for y in b)


_PLACE_WORD = re.compile(r"^(?:с\.|г\.|пос\.|аул|село|город)\s*", re.I)


def _place(value: str | None) -> str | None:
    return fold(_PLACE_WORD.sub("", value)) if value else None


def _given_compatible(a: NameKeys, b: NameKeys, fa: PersonFacts, fb: PersonFacts) -> str:
    if _same(a.given, b.given):
        return "same"
    if _near(a.given, b.given):
        return "near"
    ga, gb = (fa.given or ""), (fb.given or "")
    if (ga.endswith(".") or gb.endswith(".")) and ga[:1].lower() == gb[:1].lower() and ga:
        return "initial"
    return ""


def compare(fa: PersonFacts, fb: PersonFacts) -> MatchScore:
    a, b = name_keys(fa), name_keys(fb)
    m = MatchScore(0.0)
    if _same(a.surname, b.surname):
        m.score += 0.2
        m.evidence.append("фамилия")
    elif _near(a.surname, b.surname):
        m.score += 0.12
        m.evidence.append("фамилия (одна буква)")
    elif (a.surname and b.father and _same(a.roots, b.father)) or (
        b.surname and a.father and _same(b.roots, a.father)
    ):
        m.score += 0.12
        m.evidence.append("фамилия от имени отца")
    else:
        m.conflicts.append("фамилия")
        return m
    given = _given_compatible(a, b, fa, fb)
    if not given:
        m.conflicts.append("имя")
        m.score = 0.0
        return m
    m.score += {"same": 0.2, "near": 0.12, "initial": 0.08}[given]
    m.evidence.append({"same": "имя", "near": "имя (одна буква)", "initial": "инициал"}[given])
    for attr, label in (("patronymic", "отчество"), ("father", "имя отца")):
        ka, kb = getattr(a, attr), getattr(b, attr)
        if ka and kb:
            if _same(ka, kb) or _near(ka, kb):
                m.score += 0.1
                m.evidence.append(label)
            elif not any(x[:1] == y[:1] and (len(x) == 1 or len(y) == 1) for x in ka for y in kb):
                m.score -= 0.5
                m.conflicts.append(label)
    if fa.birth_year and fb.birth_year:
        if fa.birth_year == fb.birth_year:
            m.score += 0.3
            m.evidence.append("год рождения")
        else:
            m.birth_years_differ = True
            m.score -= 0.5
            m.conflicts.append("год рождения")
    pa, pb = _place(fa.birthplace), _place(fb.birthplace)
    if pa and pb:
        if pa == pb or fuzzy_equal(pa, pb):
            m.score += 0.1
            m.evidence.append("место рождения")
        else:
            m.score -= 0.05
            m.conflicts.append("место рождения")
    for attr, label, plus, minus in (
        ("arrest_date", "дата ареста", 0.2, 0.4),
        ("sentence_date", "дата приговора", 0.15, 0.3),
        ("execution_date", "дата расстрела", 0.1, 0.3),
    ):
        va, vb = getattr(fa, attr), getattr(fb, attr)
        if va and vb:
            if va == vb:
                m.score += plus
                m.evidence.append(label)
            else:
                m.score -= minus
                m.conflicts.append(label)
    if fa.charge and fb.charge and set(fa.charge) == set(fb.charge):
        m.score += 0.05
        m.evidence.append("статьи")
    m.score = round(max(0.0, min(1.0, m.score)), 4)
    return m


def cluster(records: list[PersonFacts], threshold: float = AUTO_MERGE_THRESHOLD) -> list[int]:
    """A cluster label per record: records joined by automatic merges above ``threshold``,
    strongest first, never joining two clusters whose birth years differ."""
    n = len(records)
    parent = list(range(n))
    years: list[set[int]] = [{r.birth_year} if r.birth_year else set() for r in records]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        k = name_keys(r)
        for key in k.surname | k.roots | ({"?" + x for x in k.given} if not k.surname else set()):
            blocks.setdefault(key, []).append(i)
    edges: list[tuple[float, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                s = compare(records[i], records[j])
                if s.auto and s.score >= threshold:
                    edges.append((s.score, i, j))
    for _, i, j in sorted(edges, key=lambda e: -e[0]):
        ri, rj = find(i), find(j)
        if ri == rj or (years[ri] and years[rj] and years[ri] != years[rj]):
            continue
        parent[rj] = ri
        years[ri] |= years[rj]
    return [find(i) for i in range(n)]
