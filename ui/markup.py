"""Escaped text with several kinds of spans wrapped: query matches inside norm references.

Query matches are single words and norm references are runs of whole words, so a match
either lies inside a reference or outside it; a match that crosses a reference edge is
cut at the edge, which keeps the HTML well nested.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from indices.highlight import match_spans
from indices.query import Highlighter
from norms import extract_norms, hierarchy
from ui.norm_labels import norm_label

Span = tuple[int, int, str, str]  # start, end, opening tag, closing tag


def wrap(text: str, outer: Sequence[Span], inner: Sequence[Span]) -> str:
    pieces: list[Span] = []
    for s, e, o, c in inner:
        for os_, oe, _, _ in outer:
            if s < oe and os_ < e:
                s, e = max(s, os_), min(e, oe)
        pieces.append((s, e, o, c))
    events: list[tuple[int, int, str]] = []
    for rank, spans in ((0, outer), (1, pieces)):
        for s, e, o, c in spans:
            if s < e:
                events.append((s, 2 + rank, o))  # opens: outer before inner
                events.append((e, 1 - rank, c))  # closes: inner before outer
    events.sort(key=lambda t: (t[0], t[1]))
    out: list[str] = []
    pos = 0
    for at, _, tag in events:
        out.append(html.escape(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(html.escape(text[pos:]))
    return "".join(out)


def norm_spans(text: str, date: dt.date | None, shared: set[str] | None = None) -> list[Span]:
    """Every norm reference, titled with its readable ids; shared ones marked as such."""
    spans: list[Span] = []
    for ref in extract_norms(text, date):
        ancestors = {a for i in ref.ids for a in hierarchy(i)}
        cls = "norm shared" if shared and ancestors & shared else "norm"
        title = html.escape(", ".join(norm_label(i) for i in ref.ids), quote=True)
        spans.append((ref.start, ref.end, f'<span class="{cls}" title="{title}">', "</span>"))
    return spans


def page_html(
    text: str, hl: Highlighter | None, date: dt.date | None, shared: set[str] | None = None
) -> str:
    marks: list[Span] = (
        []
        if hl is None or hl.empty
        else [(s, e, "<mark>", "</mark>") for s, e in match_spans(hl, text)]
    )
    return wrap(text, norm_spans(text, date, shared), marks)
