"""Headers of an amending text: «Внести в Уголовный кодекс … следующие изменения:»,
«… кодексине төмөнкүдөй өзгөртүүлөр киргизилсин:», and the act each names.

The act is found by the norm machinery: the act lexicon for codes (the edition by the
draft's date through the catalog), the law grammar for laws (``law-kr/NUMBER``). A Russian
header names its act first, a Kyrgyz one last, so the nearest to the verb wins.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from norms.acts import ActLexicon
from norms.amendments_units import top_down
from norms.extract import resolve_refs
from norms.find import find_refs
from norms.ids import act_of
from norms.model import Component
from norms.resolve import act_id

# «Внести в Уголовный кодекс … следующие изменения:»; «Внести изменения в … , изложив …»
HEADER_RU = regex.compile(
    r"(?<![\w-])внести\s{1,3}в\s{1,3}(?P<seg>[^\n]{3,500}?)\s{1,3}(?:следующ\w{1,3}\s{1,3})?"
    r"(?:изменени|дополнени)\w{0,3}(?:\s{1,3}и\s{1,3}(?:изменени|дополнени)\w{0,3})?"
    r"(?P<tail>\s{0,3}:)?"
    r"|(?<![\w-])внести\s{1,3}(?:следующ\w{1,3}\s{1,3})?(?:изменени|дополнени)\w{0,3}"
    r"(?:\s{1,3}и\s{1,3}(?:изменени|дополнени)\w{0,3})?\s{1,3}в\s{1,3}(?P<seg2>[^\n:]{3,500})",
    regex.IGNORECASE,
)
# «… кодексине төмөнкүдөй өзгөртүүлөр (жана толуктоолор) киргизилсин:»
HEADER_KY = regex.compile(
    r"(?P<seg>[^\n]{3,500}?)\s{1,3}(?:(?:төмөнкүдөй|төмөнкү|кийинки)\s{1,3})?"
    r"(?:өзгөртүү|толуктоо)\w{0,6}(?:\s{1,3}жана\s{1,3}(?:өзгөртүү|толуктоо)\w{0,6})?"
    r"\s{1,3}киргизилсин(?P<tail>\s{0,3}:)?",
    regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Header:
    """«Внести в … следующие изменения:»: where the act is named and where clauses begin."""

    start: int
    end: int  # clauses begin here
    seg_start: int  # the act is named inside seg_start:seg_end
    seg_end: int
    lang: str  # which grammar named it: the act comes first (ru) or last (ky)
    bounded: bool  # False when the act's end decides where the header ends


def find_headers(masked: str) -> list[Header]:
    out: list[Header] = []
    for m in HEADER_RU.finditer(masked):
        if m.group("seg") is not None:
            out.append(Header(m.start(), m.end(), m.start("seg"), m.end("seg"), "ru", True))
        else:
            out.append(Header(m.start(), m.end(), m.start("seg2"), m.end("seg2"), "ru", False))
    for m in HEADER_KY.finditer(masked):
        out.append(Header(m.start(), m.end(), m.start("seg"), m.end("seg"), "ky", True))
    out.sort(key=lambda h: h.start)
    return out


_CODE_TAIL = regex.compile(r"(?:\s{0,3}\([^()\n]{0,40}\))?")


def header_act(
    lex: ActLexicon, text: str, masked: str, h: Header, lang: str, on: datetime.date
) -> tuple[str | None, list[Component], int]:
    """The amended act named in a header, the units it names («Внести в статью 22 Закона
    …»), and where the header ends."""
    seg = text[h.seg_start : h.seg_end]
    # units named outside quotes only: a law's title may cite other articles
    units = [r for r in find_refs(masked[h.seg_start : h.seg_end], lang) if r.components]
    found: list[tuple[int, int, str, list[Component]]] = []
    for s, e, ids in resolve_refs(find_refs(seg, lang), on):
        comps = next((r.components for r in units if s <= r.start < e), [])
        found.append((s, e, act_of(ids[0]), comps))
    for m in lex.act.finditer(masked, h.seg_start, h.seg_end):
        mention = lex.mention(m, lang)
        resolved = act_id(lex, mention, on, {}) if mention else None
        if resolved:
            found.append((m.start() - h.seg_start, m.end() - h.seg_start, resolved[0], []))
    if not found:
        return None, [], h.end
    s, e, act, comps = (
        min(found, key=lambda f: f[0]) if h.lang == "ru" else max(found, key=lambda f: f[1])
    )
    end = h.end
    if not h.bounded:
        end = h.seg_start + e
        tail = lex.code_tail.match(masked, end)
        end = tail.end() if tail else end
        par = _CODE_TAIL.match(masked, end)
        end = par.end() if par else end
    return act, top_down(comps), end
