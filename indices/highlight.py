"""Snippets and match positions computed from the query tree, not by the engine.

One highlighter for every backend is what makes "the same highlighted terms" hold
by construction, and it also serves page-image hits (word boxes) with the same rules.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from functools import lru_cache

from indices.analysis import TOKEN, Token, edit_distance, exact, kept, stem, tokens
from indices.query import Highlighter

FRAGMENT = 90  # characters of context on each side of a match
MAX_FRAGMENTS = 3


# Texts repeat their words, and a page of results repeats its query: each surface form
# is folded, stemmed and compared once (this is most of what a search's snippets cost).
@lru_cache(maxsize=200_000)
def _exact(surface: str) -> str:
    return exact(surface)


@lru_cache(maxsize=200_000)
def _marked(hl: Highlighter, surface: str) -> bool:
    ex = _exact(surface)
    return (
        stem(surface) in hl.stems
        or any(ex.startswith(p) for p in hl.prefixes)
        or any(edit_distance(ex, w, d) <= d for w, d in hl.fuzzy)
    )


# ...and a result page asks it some 20,000 times for a few thousand distinct words: hashing
# the highlighter into the shared cache's key on each call was a third of a search page's
# snippet time (bench/reader.py). One plain dict per recent highlighter answers instead.
MEMO_HIGHLIGHTERS = 64
MEMO_SURFACES = 50_000


@lru_cache(maxsize=MEMO_HIGHLIGHTERS)
def _memo(hl: Highlighter) -> dict[str, bool]:
    return {}


def _marker(hl: Highlighter) -> Callable[[str], bool]:
    """`_marked` for one highlighter, memoized in a dict of its own (bounded)."""
    memo = _memo(hl)
    if len(memo) > MEMO_SURFACES:
        memo.clear()

    def marked(surface: str) -> bool:
        hit = memo.get(surface)
        if hit is None:
            hit = memo[surface] = _marked(hl, surface)
        return hit

    return marked


def token_matches(hl: Highlighter, toks: Sequence[Token]) -> list[bool]:
    """Which tokens the query marks; phrases mark only their complete runs."""
    marked = _marker(hl)
    marks = [marked(t.surface) for t in toks]
    if hl.phrases:
        # one pass over the text, phrases looked up by their first word: a fuzzy term's
        # OCR variants are dozens of one-word phrases, and a scan per phrase was the
        # most expensive part of a hostile query
        exacts = [_exact(t.surface) for t in toks]
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in hl.phrases:
            by_first.setdefault(words[0], []).append(words)
        for i, ex in enumerate(exacts):
            for words in by_first.get(ex, ()):
                n = len(words)
                if n == 1 or tuple(exacts[i : i + n]) == words:
                    for k in range(n):
                        marks[i + k] = True
    return marks


def match_spans(hl: Highlighter, text: str) -> list[tuple[int, int]]:
    if hl.phrases:
        toks = list(tokens(text))
        return [(t.start, t.end) for t, m in zip(toks, token_matches(hl, toks), strict=True) if m]
    # Without phrases a word's mark is its own: no Token for each of the many unmarked
    # words, and the length rule only for the marked few (same spans as above).
    marked = _marker(hl)
    return [m.span() for m in TOKEN.finditer(text) if marked(m.group()) and kept(m.group())]


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    out: list[str] = []
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    frag = " ".join("".join(out).split())
    return ("…" if start > 0 else "") + frag + ("…" if end < len(text) else "")


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Move fragment edges out to whitespace so no word is cut in half."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def snippets(hl: Highlighter, text: str, *, fallback: int = 240) -> list[str]:
    """Up to three HTML-escaped fragments with <mark> around every matching word."""
    spans = [] if hl.empty else match_spans(hl, text)
    if not spans:
        head = " ".join(text[:fallback].split())
        return [html.escape(head) + ("…" if len(text) > fallback else "")] if head else []
    windows: list[list[int]] = []
    for s, e in spans:
        lo, hi = max(0, s - FRAGMENT), min(len(text), e + FRAGMENT)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])

    # Prefer fragments that carry the most distinct matched words.
    def weight(w: list[int]) -> int:
        return len({text[s:e].lower() for s, e in spans if w[0] <= s < w[1]})

    chosen = sorted(sorted(windows, key=weight, reverse=True)[:MAX_FRAGMENTS])
    out = []
    for lo, hi in chosen:
        lo, hi = _widen(text, lo, hi)
        out.append(_render(text, lo, hi, spans))
    return out


def mark_all(hl: Highlighter, text: str) -> str:
    """The whole text, HTML-escaped, every match wrapped in <mark> (document view)."""
    if hl.empty:
        return html.escape(text)
    spans = match_spans(hl, text)
    out: list[str] = []
    pos = 0
    for s, e in spans:
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)
