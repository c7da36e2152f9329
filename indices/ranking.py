"""Ranking and result-window constants: one home, read by both backends.

The conformance suite runs the same queries on tantivy and OpenSearch and expects the
same order; that holds only while both read these numbers from here.
"""

from __future__ import annotations

MAX_WINDOW = 10_000  # deepest result a user can page to
TITLE_BOOST = 2.0  # a word in the title weighs twice a word in the text
FACET_SIZE = 100  # values per facet (terms aggregation)

# More like this: the most characteristic terms of a text, words of three letters and more.
MLT_TERMS = 40
MLT_MIN_WORD = 3
MLT_MAX_WORD = 40
MLT_MIN_TERM_FREQ = 1
MLT_MIN_DOC_FREQ = 1


def field_boost(field: str) -> float:
    return TITLE_BOOST if field == "title" else 1.0


def window(offset: int, limit: int) -> tuple[int, int]:
    """The bounded result window: offset within MAX_WINDOW, limit up to its end."""
    offset = max(0, min(offset, MAX_WINDOW))
    return offset, max(0, min(limit, MAX_WINDOW - offset))
