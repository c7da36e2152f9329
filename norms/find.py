"""Extractors as data: a literal pre-filter, a trigger, a parser.

An extractor runs only when one of its literals occurs in the lower-cased text, so a
document without «кодекс», «закон», «берене» or a code abbreviation costs a few substring
searches. Its trigger is a plain literal-led pattern run over the lower-cased text (fast);
each hit is handed to the parser, which applies the full grammar at that point and returns
a reference (or nothing) and how far it read; hits inside what was read are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from norms import grammar_ky, grammar_ru, laws
from norms.acts import ActLexicon, lexicon
from norms.model import RawRef, Scan

Parser = Callable[[ActLexicon, Scan, int, int], tuple[RawRef | None, int]]


@dataclass(frozen=True, slots=True)
class Extractor:
    name: str
    literals: tuple[str, ...]  # one must occur in the lower-cased text
    needs_act: bool  # and a code name or abbreviation must occur too
    trigger: re.Pattern[str]  # run over the lower-cased text
    parse: Parser


EXTRACTORS = (
    Extractor("ru-chain", grammar_ru.LITERALS, True, grammar_ru.TRIGGER, grammar_ru.parse),
    Extractor("ky-chain", grammar_ky.LITERALS, True, grammar_ky.TRIGGER, grammar_ky.parse),
    Extractor("ru-law", laws.LITERALS_RU, False, laws.TRIGGER_RU, laws.parse_ru),
    Extractor("ky-law", laws.LITERALS_KY, False, laws.TRIGGER_KY, laws.parse_ky),
)


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _names_an_act(lex: ActLexicon, scan: Scan) -> bool:
    return any(w in scan.lower for w in lex.literals_ci) or any(
        a in scan.text for a in lex.literals_cs
    )


def find_refs(text: str, lang: str | None) -> list[RawRef]:
    """Raw references in a cleaned text, by start position, overlaps not yet merged."""
    lex = lexicon()
    scan = Scan(text, _lower(text), lang)
    has_act: bool | None = None
    refs: list[RawRef] = []
    for ex in EXTRACTORS:
        if not any(lit in scan.lower for lit in ex.literals):
            continue
        if ex.needs_act:
            if has_act is None:
                has_act = _names_an_act(lex, scan)
            if not has_act:
                continue
        consumed = 0
        for m in ex.trigger.finditer(scan.lower):
            if m.start() < consumed:
                continue
            ref, end = ex.parse(lex, scan, m.start(), m.end())
            consumed = max(end, m.end())
            if ref is not None:
                refs.append(ref)
    refs.sort(key=lambda r: (r.start, -r.end))
    return refs
