"""Character and word error rates of OCR output against a ground-truth transcription.

Both rates are Levenshtein distances divided by the reference length, computed on
whitespace-normalised text: line breaks and runs of spaces say nothing about whether a
researcher can find a word, so they are not counted as errors. The distance uses the
bit-parallel algorithm of Myers/Hyyrö on Python integers, which keeps a full page
(a few thousand characters) at milliseconds without a C extension.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass


def normalize(text: str) -> str:
    """Whitespace collapsed to single spaces, ends stripped; letters are left as they are."""
    return " ".join(text.split())


def levenshtein(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """Edit distance (insert, delete, substitute; each costs 1) between two sequences."""
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    if m == 0:
        return len(a)
    peq: dict[Hashable, int] = {}
    for i, sym in enumerate(b):
        peq[sym] = peq.get(sym, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for sym in a:
        eq = peq.get(sym, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


@dataclass(frozen=True, slots=True)
class ErrorCounts:
    """Edits and reference lengths, summed over pages before dividing (micro-average)."""

    char_edits: int = 0
    chars: int = 0
    word_edits: int = 0
    words: int = 0

    def __add__(self, other: ErrorCounts) -> ErrorCounts:
        return ErrorCounts(
            self.char_edits + other.char_edits,
            self.chars + other.chars,
            self.word_edits + other.word_edits,
            self.words + other.words,
        )

    @property
    def cer(self) -> float:
        return self.char_edits / self.chars if self.chars else float(self.char_edits > 0)

    @property
    def wer(self) -> float:
        return self.word_edits / self.words if self.words else float(self.word_edits > 0)


def compare(hypothesis: str, reference: str) -> ErrorCounts:
    hyp, ref = normalize(hypothesis), normalize(reference)
    hw, rw = hyp.split(), ref.split()
    return ErrorCounts(levenshtein(hyp, ref), len(ref), levenshtein(hw, rw), len(rw))
