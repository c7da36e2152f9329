"""Dates as archival texts write them, to ISO: «12 августа 1937 г.», «12.08.37»,
«1937-жылы 12-августта», «1937-жылдын 19-мартындагы».

Two-digit years are read as 19xx: the registry covers 1918–1953 and rehabilitations up
to the 1990s. A date that does not exist (31.02) is not a date.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from core import text_fold

_RU_MONTHS = text_fold.RU_MONTH_STEMS
_MONTH_RU = (
    r"(январ[яеь]|феврал[яеь]|марта?|апрел[яеь]|ма[яй]|июн[яеь]|июл[яеь]|"
    r"августа?|сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь])"
)
_MONTH_KY = (
    r"(январ\w*|феврал\w*|март\w*|апрел\w*|май\w*|июн\w*|июл\w*|август\w*|"
    r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)"
)

_RU_TEXT = re.compile(
    rf"\b(\d{{1,2}})\s+{_MONTH_RU}\s+(\d{{4}})(?:\s*(?:г\.|года?\b|гг\.))?", re.IGNORECASE
)
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d])(?:\s*г\.)?")
_ROMAN_MONTHS = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}
_ROMAN = re.compile(r"(?<![\d.])(\d{1,2})\s*[./-]\s*([IVX]{1,4})\s*[./-]\s*(\d{4}|\d{2})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_KY = re.compile(
    rf"(\d{{4}})\s*-?\s*ж(?:ылы|ылдын|\.)\s+(\d{{1,2}})\s*-\s*{_MONTH_KY}", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class DateHit:
    iso: str
    start: int
    end: int


def _month_of(word: str) -> int | None:
    w = word.lower()
    for stem, n in sorted(_RU_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem):
            return n
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year(text: str) -> int:
    y = int(text)
    return 1900 + y if y < 100 else y


def find_dates(text: str) -> list[DateHit]:
    """Every full date (day, month and year) in ``text``, left to right, without overlaps."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def add(iso: str | None, start: int, end: int) -> None:
        if iso and not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            hits.append(DateHit(iso, start, end))

    for m in _KY.finditer(text):
        month = _month_of(m.group(3))
        if month:
            add(_iso(int(m.group(1)), month, int(m.group(2))), m.start(), m.end())
    for m in _RU_TEXT.finditer(text):
        month = _month_of(m.group(2))
        if month:
            add(_iso(int(m.group(3)), month, int(m.group(1))), m.start(), m.end())
    for m in _NUMERIC.finditer(text):
        add(_iso(_year(m.group(3)), int(m.group(2)), int(m.group(1))), m.start(), m.end())
    for m in _ROMAN.finditer(text):
        month = _ROMAN_MONTHS.get(m.group(2))
        if month:
            add(_iso(_year(m.group(3)), month, int(m.group(1))), m.start(), m.end())
    for m in _ISO.finditer(text):
        add(_iso(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.start(), m.end())
    return sorted(hits, key=lambda h: h.start)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO, or ``None``."""
    hits = find_dates(text)
    return hits[0].iso if hits else None
