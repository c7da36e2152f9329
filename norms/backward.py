"""Finding the act that ends right before a position.

Kyrgyz names the act before its articles («Кылмыш-жаза кодексинин 168-беренеси»), and a
Russian chain may stand in parentheses after its act («ТК КР (ст. 83)»). Instead of
searching a window (which would try the whole act pattern at every character), the act
pattern is tried, anchored, at the last few word starts before the position.
"""

from __future__ import annotations

import regex

from norms.acts import ActLexicon
from norms.laws import law_before
from norms.model import ActMention

ACT_GAP = 200
MAX_WORDS = 12
WORD_START = regex.compile(r"(?<![\w-])[\w«\"“„]")
LAST_WORD = regex.compile(r"(\S{1,40})\s{0,3}\Z")


def act_before(lex: ActLexicon, text: str, pos: int, lang: str | None) -> ActMention | None:
    """The code or law that ends right before ``pos`` (spaces and a parenthesis between)."""
    starts = [m.start() for m in WORD_START.finditer(text, max(0, pos - ACT_GAP), pos)]
    for ws in starts[-MAX_WORDS:]:
        m = lex.act_before.match(text, ws, pos)
        if m is not None:
            return lex.mention(m, lang)
    w = LAST_WORD.search(text, max(0, pos - 45), pos)
    if w is None:
        return None
    word_start, word_end = w.span(1)
    if lex.law_ky_word.fullmatch(text, word_start, word_end):
        return law_before(lex, text, word_start, word_end)
    return None
