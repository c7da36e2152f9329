"""The layout of an amending text: quoted new wording and numbered clauses.

New wording («изложить в следующей редакции: «…»») is blanked out before anything is
parsed, so numbers and references inside it never become operations. The blanked copy
keeps every position (quote marks stay, the inside becomes spaces), so spans found in it
point at the same characters of the cleaned text.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# openers and the closer each expects; a straight quote closes itself
_PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"'}
MAX_QUOTE = 20000  # longer than any new wording: an unclosed quote ends at its line

# where a clause starts: «1)», «1.», «а)», «-» at a line start, or «2)» after «;» or «:»
CLAUSE_START = regex.compile(
    r"(?:^|\n)[ ]{0,8}(?:(?P<num>\d{1,3}(?:-\d{1,2})?\))|(?P<dot>\d{1,3}\.)(?!\d)"
    r"|(?P<let>[а-яөүң]\))|(?P<dash>-))[ ]{0,3}"
    r"|(?<=[;:])[ ]{1,3}(?:(?P<num2>\d{1,3}\))|(?P<let2>[а-яөүң]\)))[ ]{0,3}",
    regex.IGNORECASE,
)


# «статьи с 130 по 133», «частей со 2 по 4»: a range the citation grammar reads as «130-133»
RANGE_FROM_TO = regex.compile(
    r"(?<=(?:стать|част|пункт|подпункт|абзац)\w{0,4}\s)(?P<seg>со?\s{1,2}(?P<a>[1-9]\d{0,3})"
    r"\s{1,2}по\s{1,2}(?P<b>[1-9]\d{0,3}))(?![\w-])",
    regex.IGNORECASE,
)


def dash_ranges(masked: str) -> str:
    """«с 130 по 133» rewritten in place as «130 - 133» (same length, so positions hold);
    the range is then expanded, with its cap, where every range is: ``number_values``."""

    def repl(m: regex.Match[str]) -> str:
        a, b = m.group("a"), m.group("b")
        pad = len(m.group("seg")) - len(a) - len(b) - 1
        k = min(2, pad)
        left = min(2, pad - k)
        out: str = " " * k + a + " " * left + "-" + " " * (pad - k - left) + b
        return out

    out: str = RANGE_FROM_TO.sub(repl, masked)
    return out


# «подпункт «а» пункта 2»: a quoted letter after a point word is a unit's label, not wording
_LETTER_LABEL = regex.compile(
    r"(?:пункт\w{0,3}|п\.|пп\.|подп\.|»\s{0,2}(?:,|и))\s{0,2}\Z", regex.IGNORECASE
)


def mask_quotes(text: str) -> str:
    """``text`` with everything inside quotes (nested quotes too) turned into spaces."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in _PAIRS:
            i += 1
            continue
        close = _find_close(text, i)
        if (
            close - i == 2
            and text[i + 1].isalpha()
            and _LETTER_LABEL.search(text, max(0, i - 12), i)
        ):
            i = close + 1
            continue
        for k in range(i + 1, close):
            out[k] = " "
        i = close + 1
    return "".join(out)


def _find_close(text: str, start: int) -> int:
    """Index of the quote closing the one at ``start`` (nesting «» counted)."""
    opener = text[start]
    closer = _PAIRS[opener]
    depth = 1
    limit = min(len(text), start + MAX_QUOTE)
    for k in range(start + 1, limit):
        ch = text[k]
        if ch == closer and (opener != '"' or depth == 1):
            depth -= 1
            if depth == 0:
                return k
        elif ch == opener and opener != '"':
            depth += 1
    eol = text.find("\n", start)
    return eol if eol != -1 else len(text)


@dataclass(frozen=True, slots=True)
class Clause:
    """A numbered piece of the text: «1) …», «а) …», «- …» (depth 1, 2, 3 in the usual
    nesting), or an unnumbered line (depth 0)."""

    start: int
    end: int
    depth: int


def _kind(m: regex.Match[str]) -> str:
    if m.group("num") or m.group("num2"):
        return "num"
    if m.group("let") or m.group("let2"):
        return "let"
    return "dot" if m.group("dot") else "dash"


def split_clauses(masked: str, cuts: list[int]) -> list[Clause]:
    """Clauses of the blanked text; ``cuts`` are extra starts (where headers end).

    The depth of a kind of marker is the order in which the kinds first appear
    («1)» then «а)» then «-»; or «1.» then «1)»), as drafters nest them.
    """
    # body start → (where the previous clause ends, depth)
    marks: dict[int, tuple[int, int]] = {0: (0, 0)}
    for m in regex.finditer(r"\n", masked):
        marks[m.end()] = (m.start(), 0)
    for c in cuts:
        marks[c] = (c, 0)
    kinds: list[str] = []
    for m in CLAUSE_START.finditer(masked):
        kind = _kind(m)
        if kind not in kinds:
            kinds.append(kind)
        for k in range(m.start() + 1, m.end() + 1):
            marks.pop(k, None)
        marks[m.end()] = (m.start(), kinds.index(kind) + 1)
    starts = sorted(marks)
    clauses: list[Clause] = []
    for i, s in enumerate(starts):
        e = marks[starts[i + 1]][0] if i + 1 < len(starts) else len(masked)
        if e > s and masked[s:e].strip():
            clauses.append(Clause(s, e, marks[s][1]))
    return clauses
