"""Laws, identified by their number: «Закон КР от 27 мая 1994 года № 1538-XII»,
««Нотариат жөнүндө» Кыргыз Республикасынын 1998-жылдын 30-майындагы № 70 Мыйзамы».

A law named only by its title gets the number the same title carries elsewhere in the
document; otherwise it is not a reference (it cannot be identified).
"""

from __future__ import annotations

import re

import regex

from norms.acts import ActLexicon, law_number, title_key
from norms.model import ActMention, RawRef, Scan

LITERALS_RU = ("закон",)
LITERALS_KY = ("мыйзам",)
TRIGGER_RU = re.compile(r"(?<![^\W\d_])(?:конституционн\w{0,4}\s{1,3})?закон")
TRIGGER_KY = re.compile(r"(?<![^\W\d_])(?:конституциялык\s{1,3})?мыйзам")
WINDOW = 320
# where a piece of a law's name can start: a quote, a date, «Кыргыз Республикасынын», «КР»
_HEAD_START = regex.compile(r"(?<![\w-])[«\"“„0-9КкK]")


def _foreign_before(lex: ActLexicon, text: str, pos: int) -> bool:
    return lex.foreign_law.search(text, max(0, pos - 60), pos) is not None


def law_at(lex: ActLexicon, text: str, pos: int) -> ActMention | None:
    """A Russian law mention starting exactly at ``pos``."""
    m = lex.law_ru.match(text, pos)
    if m is None:
        return None
    if _foreign_before(lex, text, pos):
        return None
    jurs = [j for j in (m.group("jur"), *m.captures("jur2")) if j]
    jur = lex.jurisdiction(jurs[0]) if jurs else None
    titles = m.captures("title")
    title = title_key(titles[0]) if titles else None
    raw = m.group("num")
    number = law_number(raw) if raw else None
    if raw and number is None:
        return None
    if number is None and title is None:
        return None
    end = m.end()
    while end > pos and text[end - 1] in " ,\n":
        end -= 1
    return ActMention(pos, end, jur=jur, law_number=number, law_title=title, is_law=True)


_SIGN = regex.compile(r"(?r)(?:№|N(?:o\.?)?(?=\s{0,2}\d))")


def _head(lex: ActLexicon, text: str, end: int) -> regex.Match[str] | None:
    """Title, jurisdiction and date pieces that end at ``end`` (the leftmost such run)."""
    starts = [m.start() for m in _HEAD_START.finditer(text, max(0, end - WINDOW), end)]
    for ws in starts[-8:]:
        head = lex.law_ky_head.match(text, ws, end)
        if head is not None:
            return head
    return None


def law_before(lex: ActLexicon, text: str, word_start: int, word_end: int) -> ActMention | None:
    """A Kyrgyz law whose word («Мыйзамынын») spans ``word_start:word_end``: its number,
    title, date and jurisdiction stand before the word."""
    if _foreign_before(lex, text, word_start):
        return None
    sign = _SIGN.search(text, max(0, word_start - WINDOW), word_start)
    tail = lex.law_ky_tail.match(text, sign.start(), word_start) if sign else None
    head = _head(lex, text, tail.start() if tail else word_start)
    if tail is None and (head is None or not head.captures("title")):
        return None
    start = head.start() if head else tail.start() if tail else word_start
    jurs = [*(head.captures("jur") if head else []), *(tail.captures("jur") if tail else [])]
    jur = next((j for j in (lex.jurisdiction(x) for x in jurs if x) if j), None)
    titles = [*(head.captures("title") if head else []), *(tail.captures("title") if tail else [])]
    number = law_number(tail.group("num")) if tail else None
    if tail is not None and number is None:
        return None
    title = title_key(titles[0]) if titles else None
    return ActMention(start, word_end, jur=jur, law_number=number, law_title=title, is_law=True)


def parse_ru(lex: ActLexicon, scan: Scan, start: int, end: int) -> tuple[RawRef | None, int]:
    act = law_at(lex, scan.text, start)
    if act is None:
        return None, end
    return RawRef(act.start, act.end, act), act.end


def parse_ky(lex: ActLexicon, scan: Scan, start: int, end: int) -> tuple[RawRef | None, int]:
    m = lex.law_ky_word.match(scan.text, start)
    if m is None:
        return None, end
    act = law_before(lex, scan.text, start, m.end())
    if act is None:
        return None, m.end()
    return RawRef(act.start, act.end, act), act.end
