"""Russian references: subdivisions first, the act last.

«п. 2 ч. 3 ст. 209 УК КР», «ст. 58-10 ч. 1 УК РСФСР», «частью второй статьи 168 …»,
«ст. 259, ч. 1 ст. 262 АПК КР», «с ч. 1 ст. 122 на ч. 1 ст. 130 Уголовного кодекса …»,
«ст. 17 Закона Кыргызской Республики «…» от 18 июня 2002 года № 113».
A chain of subdivisions that no act follows («статьей 61 настоящего Кодекса», «п. 4.2
договора», «в 14 ч. 00 мин.») gives nothing.
"""

from __future__ import annotations

import re

from norms.acts import ActLexicon
from norms.backward import act_before
from norms.laws import law_at
from norms.lexicon import (
    LEVEL_OF_GROUP,
    NUMBER,
    PAREN_LETTER,
    QUOTED_LETTER,
    RU_CHAIN_SEP,
    RU_FILLER,
    RU_LIST_SEP,
    RU_ORD,
    RU_ORD_BEFORE,
    RU_SUBWORD,
    SELF_REF,
    compiled,
    number_values,
    ordinal_value,
)
from norms.model import ActMention, Component, Level, RawRef, Scan

MAX_COMPONENTS = 40
MAX_LIST = 60

SUBWORD = compiled(RU_SUBWORD)
ORD_BEFORE = compiled(RU_ORD_BEFORE)
# where a component may start (on lower-cased text): a subdivision word or an ordinal
TRIGGER = re.compile(
    r"(?<![^\W\d_])(?:(?:ст|ч|п)(?:\.|\s{0,2}\d)|пп\.|чч\.|стст|подп|част|стат|пункт|абз"
    r"|перв|втор|трет|четв|пят|шест|седьм|восьм|девят|десят|одиннад|двенад|тринад|четырнад"
    r"|шестнад|семнад|восемнад|двадцат|тридцат)"
)
ELEMENT = compiled(rf"\s{{0,3}}(?:{QUOTED_LETTER}|{PAREN_LETTER}|(?P<ord>{RU_ORD})|{NUMBER})")
LIST_SEP = compiled(RU_LIST_SEP)
CHAIN_SEP = compiled(RU_CHAIN_SEP)
FILLER = compiled(rf"\s{{0,3}}{RU_FILLER}")
SELF = compiled(SELF_REF)
OPEN_PAREN = compiled(r"\(\s{0,3}\Z")
CLOSE_PAREN = compiled(r"\s{0,3}\)")
LITERALS = ("ст", "ч", "п", "част", "пункт", "абз")


def _element(text: str, pos: int) -> tuple[str, list[str], int] | None:
    """One number of a list: (kind, values, end)."""
    m = ELEMENT.match(text, pos)
    if m is None:
        return None
    if m.group("ord") is not None:
        v = ordinal_value(m.group("ord"))
        return ("ord", [str(v)], m.end()) if v else None
    if m.group("ql") or m.group("pl"):
        return "letter", number_values(m), m.end()
    return "num", number_values(m), m.end()


def _numbers(text: str, pos: int) -> tuple[list[str], int] | None:
    first = _element(text, pos)
    if first is None:
        return None
    kind, values, end = first
    for _ in range(MAX_LIST):
        s = LIST_SEP.match(text, end)
        if s is None:
            break
        nxt = _element(text, s.end())
        if nxt is None or nxt[0] != kind:
            break
        values.extend(nxt[1])
        end = nxt[2]
    return values, end


def component(text: str, pos: int) -> Component | None:
    """A subdivision word and its numbers starting exactly at ``pos``."""
    m = SUBWORD.match(text, pos)
    if m is not None:
        group = m.lastgroup or ""
        nums = _numbers(text, m.end())
        if nums is None:
            return None
        values, end = nums
        return Component(LEVEL_OF_GROUP[group], values, pos, end, ambiguous_item=group == "pp")
    m = ORD_BEFORE.match(text, pos)
    if m is not None:
        v = ordinal_value(m.group("ord"))
        if v is None:
            return None
        level = Level.PART if m.group("part") else Level.ITEM if m.group("item") else Level.PARA
        return Component(level, [str(v)], pos, m.end())
    return None


def chain(text: str, start: int) -> tuple[list[Component], int]:
    """Components from ``start`` joined by spaces, commas and conjunctions."""
    first = component(text, start)
    if first is None:
        return [], start
    comps = [first]
    end = first.end
    while len(comps) < MAX_COMPONENTS:
        s = CHAIN_SEP.match(text, end)
        q = s.end() if s else end
        c = component(text, q)
        if c is None and s is not None and q != end:
            c = component(text, end)
            s = None
        if c is None:
            break
        if s is not None:
            c.sep_before = bool(s.group("conj") or s.group("prep") or s.group("sep").strip())
        comps.append(c)
        end = c.end
    return comps, end


def act_after(lex: ActLexicon, text: str, pos: int, lang: str | None) -> ActMention | None:
    """The act named right after a chain ending at ``pos``; None for «настоящего Кодекса»."""
    f = FILLER.match(text, pos)
    q = f.end() if f else pos
    if SELF.match(text, q):
        return None
    m = lex.act.match(text, q)
    if m is not None:
        act = lex.mention(m, lang)
        if act is None:
            return None
        tail = lex.code_tail.match(text, act.end)
        end = tail.end() if tail and tail.end() > act.end else act.end
        return ActMention(q, end, act.families, act.jur)
    return law_at(lex, text, q)


def parse(lex: ActLexicon, scan: Scan, start: int, end: int) -> tuple[RawRef | None, int]:
    text = scan.text
    comps, stop = chain(text, start)
    if not comps:
        return None, end
    if not any(c.level == Level.ARTICLE for c in comps):
        return None, stop
    act = act_after(lex, text, stop, scan.lang)
    if act is not None:
        return RawRef(comps[0].start, act.end, act, comps), act.end
    # «Трудового кодекса КР (ст. 83)»: the act just before a parenthesised chain
    opening = OPEN_PAREN.search(text, max(0, comps[0].start - 4), comps[0].start)
    closing = CLOSE_PAREN.match(text, stop)
    if opening is None or closing is None:
        return None, stop
    act = act_before(lex, text, opening.start(), scan.lang)
    if act is None:
        return None, stop
    return RawRef(act.start, closing.end(), act, comps), closing.end()
