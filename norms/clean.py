"""Text cleaning before matching, with a map back to the source.

Matching runs on a cleaned copy (one dash, one space character, ё→е, Kyrgyz letters from
other alphabets folded, Latin look-alikes inside Cyrillic words replaced, soft hyphens and
line-break hyphenation removed) so the grammar stays small. Every position found in the
cleaned text is mapped back, so a reference's span always points at the caller's text.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from core import text_fold

_CHAR_MAP = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe58": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\t": " ",
        "\r": " ",
        "\u3000": " ",
        "\u2116": "№",
        **text_fold.YO,
        # Kyrgyz letters typed from Altai/Khakas/Tatar layouts: the grammar's own set,
        # kept as it was; search folds the OCR stand-ins (core.text_fold.KYRGYZ_STAND_INS),
        # and only ҥ is in both
        "ӧ": "ө",
        "Ӧ": "Ө",
        "ӱ": "ү",
        "Ӱ": "Ү",
        "ҥ": "ң",
        "Ҥ": "Ң",
        "ұ": "ү",
        "Ұ": "Ү",
    }
)

_LATIN_TO_CYR = str.maketrans(text_fold.LATIN_LOOKALIKES)

# removed outright: soft hyphen, zero-width characters, BOM
_DROP = regex.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# "ста-\nтьи": a hyphen at the end of a line between two lowercase letters
_HYPHENATION = regex.compile(r"(?<=[а-яөүң])-[ ]{0,3}\n[ ]{0,3}(?=[а-яөүң])")
# a Cyrillic letter next to a Latin one (OCR, or a Latin "c" typed in "cт.")
_MIXED = regex.compile(r"[А-Яа-яӨөҮүҢң][A-Za-z]|[A-Za-z][А-Яа-яӨөҮүҢң]")
_WORD_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяӨөҮүҢң"
)


@dataclass(frozen=True, slots=True)
class CleanText:
    """The cleaned text and, when characters were removed, each position's source index."""

    text: str
    source: str
    _index: tuple[int, ...] | None = None

    def start(self, i: int) -> int:
        """Source index of the character at cleaned position ``i``."""
        if self._index is None:
            return i
        if i >= len(self._index):
            return len(self.source)
        return self._index[i]

    def end(self, j: int) -> int:
        """Source index just after the cleaned character ``j - 1``."""
        if self._index is None:
            return j
        if j <= 0:
            return 0
        return self._index[j - 1] + 1


def _fix_mixed(text: str) -> str:
    chars = list(text)
    done = -1
    for m in _MIXED.finditer(text):
        if m.start() < done:
            continue
        a = m.start()
        while a > 0 and a - m.start() > -40 and text[a - 1] in _WORD_CHARS:
            a -= 1
        b = m.end()
        while b < len(text) and b - m.end() < 40 and text[b] in _WORD_CHARS:
            b += 1
        done = b
        word = text[a:b]
        latin = sum(1 for ch in word if ch < "\u0400")
        # mostly-Latin words (a Latin name, a Roman numeral glued to a letter) stay as they are
        if latin * 2 <= len(word):
            chars[a:b] = word.translate(_LATIN_TO_CYR)
    return "".join(chars)


def clean(text: str) -> CleanText:
    """Clean ``text`` for matching; positions map back through the result."""
    out = text.translate(_CHAR_MAP)
    if _MIXED.search(out):
        out = _fix_mixed(out)
    drops = [(m.start(), m.end()) for m in _DROP.finditer(out)]
    drops += [(m.start(), m.end()) for m in _HYPHENATION.finditer(out)]
    if not drops:
        return CleanText(out, text)
    drops.sort()
    kept: list[str] = []
    index: list[int] = []
    pos = 0
    for a, b in drops:
        if a < pos:
            a = pos
        if a >= b:
            continue
        kept.append(out[pos:a])
        index.extend(range(pos, a))
        pos = b
    kept.append(out[pos:])
    index.extend(range(pos, len(out)))
    return CleanText("".join(kept), text, tuple(index))
