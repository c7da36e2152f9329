"""Kyrgyz references: the act first (in the genitive), then article, part, item.

«Кыргыз Республикасынын Кылмыш-жаза кодексинин 205-беренесинин 2-бөлүгүнүн 1-пункту»,
«Жарандык процесстик кодексинин 198-200-беренелерин», «367, 368-беренелерине»,
«201-беренесинин 2-бөлүгүнүн 1, 3-пункттары», «168-беренесинин экинчи бөлүгү»,
«№ 70 Мыйзамынын 5-беренесинин». A chain is found by its numbered words; the act is then
looked for right before it. «ушул Кодекстин 83-беренесинде» names no act and gives nothing.
"""

from __future__ import annotations

import re

import regex

from norms.acts import ActLexicon
from norms.backward import act_before
from norms.lexicon import (
    KY_CHAIN_SEP,
    KY_LIST_SEP,
    KY_NUM,
    KY_ORD,
    KY_ORD_SUFFIX,
    KY_WORD,
    LEVEL_OF_GROUP,
    NUMBER,
    QUOTED_LETTER,
    compiled,
    number_values,
    ordinal_value,
)
from norms.model import Component, Level, RawRef, Scan

MAX_COMPONENTS = 40
LITERALS = ("берене", "бөлүг", "бөлүк", "болуг", "болук", "статья", "пункт")

_NUMS = rf"(?P<nums>{KY_NUM}(?:-?{KY_LIST_SEP}{KY_NUM}){{0,30}})"
_LETTER = QUOTED_LETTER.replace("?P<ql>", "?:")
_LETTERS = rf"(?P<lets>{_LETTER}(?:{KY_LIST_SEP}{_LETTER}){{0,10}})"
_ORDS = rf"(?P<ord>{KY_ORD}(?:{KY_LIST_SEP}{KY_ORD}){{0,10}})"
_HEAD = rf"(?<![\w.-])(?:{_NUMS}|{_ORDS}|{_LETTERS})\s{{0,2}}-?\s{{0,2}}"
COMPONENT = compiled(_HEAD + KY_WORD)
HEAD_BEFORE = compiled(_HEAD + r"\Z")
# the noun of a component (on lower-cased text); its numbers are found right before it
TRIGGER = re.compile(r"(?<![^\W\d_])(?:берене|б[өо]л[үу][гк]|статья|пункт)")
HEAD_WINDOW = 120
CHAIN_SEP = compiled(KY_CHAIN_SEP)
ONE_NUMBER = compiled(NUMBER)
ONE_LETTER = compiled(QUOTED_LETTER)
ONE_ORD = compiled(KY_ORD)
ORD_SUFFIX = compiled(KY_ORD_SUFFIX + r"\s{0,2}-?\Z")
LIST_SEP = compiled(KY_LIST_SEP)


def _values(m: regex.Match[str]) -> list[str]:
    if m.group("ord") is not None:
        ords = [ordinal_value(x.group(0)) for x in ONE_ORD.finditer(m.group("ord"))]
        return [str(v) for v in ords if v]
    if m.group("lets") is not None:
        return [number_values(x)[0] for x in ONE_LETTER.finditer(m.group("lets"))]
    values: list[str] = []
    for piece in LIST_SEP.split(m.group("nums")):
        n = ONE_NUMBER.fullmatch(ORD_SUFFIX.sub("", piece.strip()).strip("-").strip())
        if n is not None:
            values.extend(number_values(n))
    return values


def component(text: str, pos: int) -> Component | None:
    m = COMPONENT.match(text, pos)
    if m is None:
        return None
    group = next(g for g in ("art", "sub", "item", "part", "para") if m.group(g) is not None)
    values = _values(m)
    if not values:
        return None
    return Component(LEVEL_OF_GROUP[group], values, m.start(), m.end())


def chain(text: str, start: int) -> tuple[list[Component], int]:
    first = component(text, start)
    if first is None:
        return [], start
    comps = [first]
    end = first.end
    while len(comps) < MAX_COMPONENTS:
        s = CHAIN_SEP.match(text, end)
        if s is None:
            break
        c = component(text, s.end())
        if c is None:
            break
        c.sep_before = bool(s.group("conj") or s.group("sep").strip())
        comps.append(c)
        end = c.end
    return comps, end


def parse(lex: ActLexicon, scan: Scan, start: int, end: int) -> tuple[RawRef | None, int]:
    text = scan.text
    head = HEAD_BEFORE.search(text, max(0, start - HEAD_WINDOW), start)
    if head is None:
        return None, end
    comps, stop = chain(text, head.start())
    if not comps or comps[0].end < end:
        return None, end
    if not any(c.level == Level.ARTICLE for c in comps):
        return None, stop
    act = act_before(lex, text, comps[0].start, scan.lang)
    if act is None:
        return None, stop
    return RawRef(act.start, stop, act, comps), stop
