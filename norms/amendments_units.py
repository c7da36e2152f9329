"""Units named in a clause («часть 2 статьи 168», «168-берененин 2-бөлүгү») and their ids
under the amended act, with the context a parent clause gives («1) в статье 95: а) часть 1 …»).

The chains come from the citation grammars (``grammar_ru`` / ``grammar_ky``) run on the
blanked text; a chain that names its own act («статью 4 Закона … № 130») keeps the ids the
extractor gives it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from norms import grammar_ky, grammar_ru
from norms.extract import resolve_refs
from norms.find import find_refs
from norms.lexicon import MAX_RANGE as CITATION_RANGE
from norms.model import Component, Level
from norms.resolve import ids_under

KY_HEAD_WINDOW = 120
# «статьи 100–250 признать утратившими силу» repeals a whole section; a wider range is a
# typo or a date, and keeps only its two ends
MAX_RANGE = 300
_RANGE = regex.compile(r"(?<![\d-])([1-9]\d{0,3})\s{0,2}-\s{0,2}([1-9]\d{0,3})(?![\d.]|-\d)")
MAX_CHAINS = 200  # per clause; a clause is a sentence or two


@dataclass(slots=True)
class Chain:
    """Subdivisions written together, with ids when the chain names its act."""

    start: int
    end: int
    comps: list[Component]
    explicit: list[str] | None = None

    @property
    def has_article(self) -> bool:
        return any(c.level == Level.ARTICLE for c in self.comps)


# «статьями 5-1–5-3»: a range of inserted numbers, which the citation grammar stops before
_INSERTED_TAIL = regex.compile(r"\s{0,2}-\s{0,2}([1-9]\d{0,3})-([1-9]\d{0,2})(?![\d-])")
_INSERTED = regex.compile(r"([1-9]\d{0,3})-([1-9]\d{0,2})")


def expand_range(first: int, last: int) -> list[str]:
    """Every number from ``first`` to ``last``; over ``MAX_RANGE`` apart, only the ends."""
    if last <= first or last - first > MAX_RANGE:
        return [str(first), str(last)]
    return [str(k) for k in range(first, last + 1)]


def _widen(masked: str, comps: list[Component]) -> list[Component]:
    """Ranges wider than a citation's cap («статьи 100–250»), which the citation grammar
    keeps as two ends, expanded up to this module's cap; ranges of inserted numbers
    («5-1–5-3») expanded likewise."""
    for c in comps:
        tail = _INSERTED_TAIL.match(masked, c.end)
        last = _INSERTED.fullmatch(c.values[-1]) if c.values else None
        if tail and last and tail.group(1) == last.group(1):
            base, lo, hi = last.group(1), int(last.group(2)), int(tail.group(2))
            c.values[-1:] = [f"{base}-{k}" for k in expand_range(lo, hi)]
            c.end = tail.end()
        for m in _RANGE.finditer(masked, c.start, c.end):
            a, b = m.group(1), m.group(2)
            if int(b) - int(a) <= CITATION_RANGE:
                continue
            for i in range(len(c.values) - 1):
                if c.values[i] == a and c.values[i + 1] == b:
                    c.values[i : i + 2] = expand_range(int(a), int(b))
                    break
    return comps


def top_down(comps: list[Component]) -> list[Component]:
    """A context's components from the article down (the order the Kyrgyz grammar uses)."""
    return sorted(comps, key=lambda c: c.level)


def _ru_chains(masked: str, lower: str, start: int, end: int) -> list[Chain]:
    out: list[Chain] = []
    consumed = start
    upto = masked[:end]
    for m in grammar_ru.TRIGGER.finditer(lower, start, end):
        if m.start() < consumed or len(out) >= MAX_CHAINS:
            continue
        comps, stop = grammar_ru.chain(upto, m.start())
        if comps:
            comps = _widen(masked, comps)
            stop = max(stop, comps[-1].end)
            out.append(Chain(comps[0].start, stop, comps))
            consumed = stop
    return out


def _ky_chains(masked: str, lower: str, start: int, end: int) -> list[Chain]:
    out: list[Chain] = []
    consumed = start
    upto = masked[:end]
    for m in grammar_ky.TRIGGER.finditer(lower, start, end):
        if m.start() < consumed or len(out) >= MAX_CHAINS:
            continue
        head = grammar_ky.HEAD_BEFORE.search(
            masked, max(consumed, m.start() - KY_HEAD_WINDOW), m.start()
        )
        if head is None:
            continue
        comps, stop = grammar_ky.chain(upto, head.start())
        if comps and comps[0].end >= m.end():
            out.append(Chain(comps[0].start, stop, _widen(masked, comps)))
            consumed = stop
    return out


def find_chains(
    masked: str, lower: str, start: int, end: int, lang: str, on: datetime.date
) -> list[Chain]:
    """Chains in ``masked[start:end]``; those inside a reference that names an act carry
    its ids, and a law named alone («Закон … № 12») is a chain of its own."""
    chains = (_ky_chains if lang == "ky" else _ru_chains)(masked, lower, start, end)
    piece = masked[start:end]
    for s, e, ids in resolve_refs(find_refs(piece, lang), on):
        a, b = start + s, start + e
        inside = [c for c in chains if a <= c.start < b or c.start <= a < c.end]
        if inside:
            inside[0].explicit = ids
            inside[0].start, inside[0].end = min(a, inside[0].start), max(b, inside[0].end)
            for c in inside[1:]:
                chains.remove(c)
        else:
            chains.append(Chain(a, b, [], ids))
    chains.sort(key=lambda c: c.start)
    return chains


def resolve(act: str | None, comps: list[Component], ctx: list[Component]) -> list[str]:
    """Ids of ``comps`` under ``act``; without an article they hang under ``ctx`` (a
    top-down context such as «статья 95» or «статья 60, часть 1»)."""
    if act is None or not comps:
        return []
    if any(c.level == Level.ARTICLE for c in comps):
        return ids_under(act, _copies(comps))
    top = min(c.level for c in comps)
    base = [c for c in ctx if c.level < top]
    if not base or base[0].level != Level.ARTICLE:
        return []
    if comps[0].level <= comps[-1].level:  # written from the larger unit down
        return ids_under(act, _copies(base + comps))
    return ids_under(act, _copies(comps + base[::-1]))


def _copies(comps: list[Component]) -> list[Component]:
    return [
        Component(c.level, list(c.values), c.start, c.end, c.sep_before, c.ambiguous_item)
        for c in comps
    ]


def narrow(ctx: list[Component], comps: list[Component]) -> list[Component]:
    """The context after a unit is named: an article replaces it, a part or point goes
    under it (replacing what it had at that level and below)."""
    if not comps:
        return ctx
    if any(c.level == Level.ARTICLE for c in comps):
        return top_down(comps)
    top = min(c.level for c in comps)
    return [c for c in ctx if c.level < top] + top_down(comps)
