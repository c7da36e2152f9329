"""Which OCR word boxes of a page a query hits, under the very analysis the index uses.

Each box's text is tokenized and folded like indexed text, the tokens of a page are kept in
reading order (so phrases match across boxes), and `highlight.token_matches` decides, the
same function that marks snippets: a box lights up on the image exactly when its word
would be marked in the text. A word hyphenated at the end of a line («трибу-» / «нала»)
is joined with its continuation first, as a reader would.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.types import WordBox
from indices.analysis import Token, exact_terms, tokens
from indices.highlight import token_matches
from indices.query import Highlighter

HYPHENS = ("-", "¬", "‐", "‑")


def _line_ends(lines: Sequence[Sequence[int]], count: int) -> set[int]:
    """Indices of the last word of every line (all words count as line ends without lines)."""
    if not lines:
        return set(range(count))
    return {int(ln[4]) + int(ln[5]) - 1 for ln in lines if len(ln) >= 6 and int(ln[5]) > 0}


def _segments(
    words: Sequence[WordBox | None], lines: Sequence[Sequence[int]]
) -> list[tuple[list[Token], list[tuple[int, ...]]]]:
    """Runs of tokens with the word indices owning each token; a hidden word (None) ends a
    run, so a phrase can never match across it."""
    ends = _line_ends(lines, len(words))
    runs: list[tuple[list[Token], list[tuple[int, ...]]]] = [([], [])]
    i = 0
    while i < len(words):
        w = words[i]
        if w is None:
            runs.append(([], []))
            i += 1
            continue
        toks, owners = runs[-1]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w.text.endswith(HYPHENS) and i in ends and nxt is not None:
            head = w.text.rstrip("".join(HYPHENS))
            for t in tokens(head + nxt.text):
                toks.append(t)
                owners.append(
                    (i, i + 1)
                    if t.start < len(head) < t.end
                    else (i,)
                    if t.end <= len(head)
                    else (i + 1,)
                )
            i += 2
            continue
        for t in tokens(w.text):
            toks.append(t)
            owners.append((i,))
        i += 1
    return [r for r in runs if r[0]]


def word_hits(
    hl: Highlighter, words: Sequence[WordBox | None], lines: Sequence[Sequence[int]] = ()
) -> list[int]:
    """Indices of the boxes the query marks, in reading order."""
    if hl.empty:
        return []
    hit: set[int] = set()
    for toks, owners in _segments(words, lines):
        for marked, own in zip(token_matches(hl, toks), owners, strict=True):
            if marked:
                hit.update(own)
    return sorted(hit)


def published_boxes(
    stored: Sequence[Sequence[object] | None] | None, public_text: str
) -> list[WordBox | None]:
    """The boxes page hits may use: the page's published words (`Page.public_words`, where
    the anonymize stage left out every removed or unaligned word), each checked once more
    against the public text. Nothing is read from the private OCR words, so a query for a
    removed name finds no box: neither that it was there nor where."""
    allowed = set(exact_terms(public_text))
    out: list[WordBox | None] = []
    for row in stored or []:
        w = WordBox.from_json(list(row)) if row else None
        out.append(w if w is not None and all(t in allowed for t in exact_terms(w.text)) else None)
    return out
