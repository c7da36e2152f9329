"""The document's own date, read from its head: «12 мая 2023 года», 12.05.2023, 1937 г.

The first full date near the top is the date of a decision or a record far more
often than any date in the body (which are events, births, earlier acts).
"""

from __future__ import annotations

import datetime as dt
import re

from core import text_fold

MONTHS = {
    **text_fold.RU_MONTH_STEMS,
    "үчтүн": 1,
    "бирдин": 2,
    "жалган куран": 3,
    "чын куран": 4,
    "бугу": 5,
    "кулжа": 6,
    "теке": 7,
    "баш оона": 8,
    "аяк оона": 9,
    "тогуздун": 10,
    "жетинин": 11,
    "бештин": 12,
}
_MONTH_ALT = "|".join(sorted((re.escape(k) for k in MONTHS), key=len, reverse=True))
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_WORDS = re.compile(r"«?(\d{1,2})»?\s+(" + _MONTH_ALT + r")[а-яёөүң]{0,6}\s+(\d{4})", re.IGNORECASE)
_KY = re.compile(
    r"(\d{4})\s*-?\s*жыл[а-яөүң]{0,6}\s+(\d{1,2})\s*-?\s*(" + _MONTH_ALT + r")", re.IGNORECASE
)
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\s*(?:г\.|год|года|году|жыл)")
HEAD = 3000


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        date = dt.date(y, m, d)
    except ValueError:
        return None
    return date if 1850 <= y <= dt.date.today().year + 1 else None


def find_date(text: str) -> tuple[dt.date | None, int | None]:
    """(date, year) of the document; year alone when only a year is written."""
    head = text[:HEAD]
    found: list[tuple[int, dt.date]] = []
    for m in _NUMERIC.finditer(head):
        if date := _valid(int(m.group(3)), int(m.group(2)), int(m.group(1))):
            found.append((m.start(), date))
    for m in _WORDS.finditer(head):
        month = MONTHS.get(m.group(2).lower())
        if month and (date := _valid(int(m.group(3)), month, int(m.group(1)))):
            found.append((m.start(), date))
    for m in _KY.finditer(head):
        month = MONTHS.get(m.group(3).lower())
        if month and (date := _valid(int(m.group(1)), month, int(m.group(2)))):
            found.append((m.start(), date))
    if found:
        date = min(found)[1]
        return date, date.year
    if ym := _YEAR.search(head):
        return None, int(ym.group(1))
    return None, None
