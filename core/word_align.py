"""OCR word boxes matched to the page text they were read from.

Two engines need the same answer to «which characters of the text is this word box?»:
redaction (a box is covered when its characters are removed) and the persons registry (a
fact is drawn on the words whose characters it spans). They must agree word for word, or
a fact could be drawn on a different word than the one redaction judged, so the
alignment has one home here, below both.
"""

from __future__ import annotations

from collections.abc import Sequence

SEARCH_WINDOW = 400  # characters ahead of the cursor in which a word must be found


def align_words(text: str, words: Sequence[Sequence[object]]) -> list[tuple[int, int] | None]:
    """Character span of each word box in `text`, found in reading order (None if not found)."""
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for w in words:
        token = str(w[0])
        at = text.find(token, cursor, cursor + SEARCH_WINDOW + len(token)) if token else -1
        if at < 0:
            spans.append(None)
            continue
        spans.append((at, at + len(token)))
        cursor = at + len(token)
    return spans
