"""A page's recognized text as editable lines, and a line edit applied to text and boxes.

OCR pages keep three views that must agree: the text (tesseract's lines joined by "\\n",
a blank line between paragraphs), the word boxes, and the lines
(``[left, top, width, height, first word, word count]``). A correction changes all three
together, so the page hits, the persons registry and redaction (which align boxes to the
text) keep working on the corrected page. A page whose text does not line up with its
boxes (a text layer, a page read some other way) is edited as plain text lines, and its
boxes are left as they were: the public projection then hides any box that no longer
aligns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_LINE = 2000  # characters in one corrected line
HUMAN_CONFIDENCE = 100.0  # a word an archivist typed is as certain as a word gets


class LineEditError(ValueError):
    """An edit that does not fit the page (no such line, a line break inside a line)."""


@dataclass(frozen=True, slots=True)
class EditLine:
    index: int
    text: str
    box: tuple[int, int, int, int] | None  # left, top, width, height on the page image


@dataclass(frozen=True, slots=True)
class PageState:
    text: str
    words: list[Any]
    lines: list[Any]


def _line_words(words: list[Any], line: list[Any]) -> list[Any]:
    first, count = int(line[4]), int(line[5])
    return words[first : first + count]


def _text_rows(state: PageState) -> list[int | None] | None:
    """For each row of the text, the OCR line it shows (None: a paragraph break); None when
    text and boxes do not line up."""
    rows: list[int | None] = []
    at = 0
    for row in state.text.split("\n"):
        if at < len(state.lines):
            joined = " ".join(str(w[0]) for w in _line_words(state.words, state.lines[at]))
            if row == joined:
                rows.append(at)
                at += 1
                continue
        if row.strip():
            return None
        rows.append(None)
    return rows if at == len(state.lines) and state.lines else None


def editable_lines(state: PageState) -> list[EditLine]:
    """The lines an editor shows: OCR lines with their boxes, else the text's rows."""
    if _text_rows(state) is not None:
        return [
            EditLine(
                i,
                " ".join(str(w[0]) for w in _line_words(state.words, ln)),
                (int(ln[0]), int(ln[1]), int(ln[2]), int(ln[3])),
            )
            for i, ln in enumerate(state.lines)
        ]
    return [EditLine(i, row, None) for i, row in enumerate(state.text.split("\n"))]


def public_lines(state: PageState, public_text: str) -> list[EditLine]:
    """The published text under the editor's line numbers, so a reader's «line 3» is the
    archivist's line 3. Depersonification replaces within rows; should it ever join two
    rows, the public rows are numbered as they stand."""
    rows = public_text.split("\n")
    mapping = _text_rows(state)
    if mapping is None or len(rows) != len(mapping):
        return [EditLine(i, row, None) for i, row in enumerate(rows)]
    return [EditLine(line, rows[at], None) for at, line in enumerate(mapping) if line is not None]


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Without control characters (a NUL is refused by PostgreSQL, a bidi override
    reverses what the archivist reads)."""
    ok = "\n" if keep_newlines else ""
    return "".join(ch if ch.isprintable() or ch in ok else " " for ch in text)


def clean_line(text: str) -> str:
    """One line as stored: single spaces, no line breaks or control characters."""
    if "\n" in text or "\r" in text:
        raise LineEditError("Строка не может содержать перевод строки")
    if len(text) > MAX_LINE:
        raise LineEditError(f"Строка длиннее {MAX_LINE} символов")
    return " ".join(printable(text).split())


def _boxes(text: str, box: list[Any]) -> list[list[Any]]:
    """Word boxes for a retyped line: the line's box cut in proportion to word lengths."""
    tokens = text.split()
    if not tokens:
        return []
    left, top, width, height = (int(v) for v in box[:4])
    total = sum(len(t) for t in tokens) + len(tokens) - 1
    out: list[list[Any]] = []
    at = 0
    for t in tokens:
        x0 = left + width * at // total
        at += len(t)
        x1 = left + width * at // total
        at += 1
        out.append([t, x0, top, max(1, x1 - x0), height, HUMAN_CONFIDENCE])
    return out


def _retyped(old: list[Any], text: str, box: list[Any]) -> list[list[Any]]:
    """The line's new words: same boxes when the word count holds, else the box cut up."""
    tokens = text.split()
    if len(tokens) == len(old):
        return [[t, *w[1:5], HUMAN_CONFIDENCE] for t, w in zip(tokens, old, strict=True)]
    return _boxes(text, box)


def apply_edits(state: PageState, edits: dict[int, str]) -> PageState:
    """The page with the given lines (index → new text) replaced in text, words and lines."""
    edits = {i: clean_line(t) for i, t in edits.items()}
    rows = _text_rows(state)
    if rows is None:
        text_rows = state.text.split("\n")
        bad = [i for i in edits if not 0 <= i < len(text_rows)]
        if bad:
            raise LineEditError(f"На странице нет строки {bad[0]}")
        for i, t in edits.items():
            text_rows[i] = t
        return PageState("\n".join(text_rows), state.words, state.lines)
    bad = [i for i in edits if not 0 <= i < len(state.lines)]
    if bad:
        raise LineEditError(f"На странице нет строки {bad[0]}")
    words: list[Any] = []
    lines: list[Any] = []
    line_text: list[str] = []
    for i, ln in enumerate(state.lines):
        old = _line_words(state.words, ln)
        new = _retyped(old, edits[i], ln) if i in edits else [list(w) for w in old]
        lines.append([*ln[:4], len(words), len(new)])
        words.extend(new)
        line_text.append(" ".join(str(w[0]) for w in new))
    text = "\n".join("" if r is None else line_text[r] for r in rows)
    return PageState(text, words, lines)


def word_map(old: PageState, new: PageState) -> dict[int, int]:
    """Old word index → new, for every word whose line kept its word count: what a fact
    of the persons registry that points at words (by index) follows through a correction.
    A word of a line retyped into another number of words has no counterpart."""
    if len(old.lines) != len(new.lines):
        same = old.words == new.words
        return {i: i for i in range(len(old.words))} if same else {}
    out: dict[int, int] = {}
    for a, b in zip(old.lines, new.lines, strict=True):
        if int(a[5]) == int(b[5]):
            out.update({int(a[4]) + k: int(b[4]) + k for k in range(int(a[5]))})
    return out


def offset_map(old_text: str, new_text: str, offset: int) -> int:
    """A character offset of the old text in the new one: exact in rows the correction
    left alone, kept inside its row (clamped) in a corrected row."""
    old_rows, new_rows = old_text.split("\n"), new_text.split("\n")
    if len(old_rows) != len(new_rows):
        return min(max(0, offset), len(new_text))
    start_old = start_new = 0
    for o, n in zip(old_rows, new_rows, strict=True):
        if offset <= start_old + len(o):
            return start_new + min(offset - start_old, len(n))
        start_old += len(o) + 1
        start_new += len(n) + 1
    return len(new_text)
