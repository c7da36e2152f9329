"""Where a fact sits on the scan: the page's OCR words that carry it, and the archival
reference of the page.

A source stores character offsets into the page text; the scan needs word boxes. The
words are matched to the text in reading order (``core.word_align.align_words``, the same
alignment the redaction of names uses), and a word belongs to the fact when its characters
overlap the fact's. The indices are indices into ``Page.words``; ``Page.public_words``
keeps the same positions (a removed word is ``None`` there), so the public boxes of a fact
are read from the published words at the same indices, never from the private OCR words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from core.word_align import align_words

_RANGE = re.compile(r"\s*(\d{1,5})\s*(?:[-–]\s*(\d{1,5}))?\s*(об\.?)?\s*")


def fact_words(
    text: str, words: Sequence[Sequence[object]], start: int | None, end: int | None
) -> list[int]:
    """Indices of the OCR words whose characters overlap ``text[start:end]``."""
    if start is None or end is None or end <= start or not words:
        return []
    spans = align_words(text, words)
    return [i for i, sp in enumerate(spans) if sp is not None and sp[0] < end and start < sp[1]]


def archive_ref(
    meta: Mapping[str, Any] | None, page: int | None, page_count: int
) -> dict[str, str]:
    """Fond, opis, delo and list of a document's page, from the manifest's reference.

    The manifest gives the sheets the whole document takes («12-15»); when there is one
    sheet per page the page's own sheet is named, otherwise the document's range is kept.
    """
    ref = {
        k: str(v)
        for k, v in dict((meta or {}).get("archive_ref") or {}).items()
        if k in ("fond", "opis", "delo", "list") and v
    }
    sheets = ref.get("list")
    m = _RANGE.fullmatch(sheets) if sheets else None
    if m and m.group(2) and page and not m.group(3):
        first, last = int(m.group(1)), int(m.group(2))
        if last - first + 1 == page_count and 1 <= page <= page_count:
            ref["list"] = str(first + page - 1)
    return ref
