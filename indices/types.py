"""What goes into an index and what comes out of a search, for every backend."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from indices.analysis import fold

# Exact-value fields for filters and facets. `norm` is multi-valued: every reference's
# id with all its ancestors (uk-kr-2021, uk-kr-2021/168, uk-kr-2021/168/2), so a filter on
# an article matches every part and item under it. `archive` is too, in the same way: the
# fond, fond/opis and fond/opis/delo of an archival document ("67", "67/9", "67/9/108"),
# for «search within this fond»; it is a filter only, not a facet.
KEYWORD_FIELDS: tuple[str, ...] = (
    "collection",
    "doc_type",
    "language",
    "format",
    "court",
    "instance",
    "category",
    "outcome",
    "norm",
    "archive",
)
MULTI_VALUED: frozenset[str] = frozenset({"norm", "archive"})
FACET_FIELDS: tuple[str, ...] = (*(f for f in KEYWORD_FIELDS if f != "archive"), "year")


class Sort(StrEnum):
    """Result order. Ties (and documents without a date, last either way) are broken by
    id in the sort's direction, so both backends page through the same order."""

    RELEVANCE = "relevance"
    DATE_ASC = "date_asc"
    DATE_DESC = "date_desc"
    TITLE = "title"


@dataclass(frozen=True, slots=True)
class IndexPage:
    number: int
    text: str  # public text only


@dataclass(frozen=True, slots=True)
class IndexDoc:
    """The public projection of a document: nothing private may be put here."""

    id: int
    title: str
    collection: str
    doc_type: str
    language: str
    format: str
    year: int | None
    date: str | None
    pages: tuple[IndexPage, ...]
    extra: dict[str, Any] = field(default_factory=dict)
    court: str = ""
    instance: str = ""
    category: str = ""
    outcome: str = ""
    norms: tuple[str, ...] = ()  # with ancestors, see KEYWORD_FIELDS
    archive: tuple[str, ...] = ()  # fond, fond/opis, fond/opis/delo, see KEYWORD_FIELDS

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    @property
    def day(self) -> int | None:
        """The document date as a day number (proleptic ordinal), for date filters and
        sorting; a document with only a year counts as of 1 January of it."""
        return day_number(self.date, self.year)

    @property
    def title_key(self) -> str:
        """What a title sort compares: the folded, lowercased title, then the id, so that
        equal titles keep one order in every backend (byte order of UTF-8)."""
        return title_sort_key(self.title, self.id)

    def keywords(self) -> dict[str, list[str]]:
        """Every keyword field as a list of values (empty when unknown)."""
        out: dict[str, list[str]] = {}
        for name in KEYWORD_FIELDS:
            if name == "norm":
                out[name] = list(dict.fromkeys(self.norms))
            elif name == "archive":
                out[name] = list(dict.fromkeys(self.archive))
            else:
                value = getattr(self, name)
                out[name] = [value] if value else []
        return out


@dataclass(frozen=True, slots=True)
class Filters:
    collection: tuple[str, ...] = ()
    doc_type: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    format: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    ids: tuple[int, ...] = ()
    court: tuple[str, ...] = ()
    instance: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    outcome: tuple[str, ...] = ()
    norm: tuple[str, ...] = ()
    archive: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def day_range(self) -> tuple[int | None, int | None] | None:
        """The date filter as day numbers (inclusive), None when there is none."""
        if self.date_from is None and self.date_to is None:
            return None
        return (
            self.date_from.toordinal() if self.date_from else None,
            self.date_to.toordinal() if self.date_to else None,
        )

    def keyword_items(self) -> list[tuple[str, tuple[str, ...]]]:
        """(field, accepted values) per filtered keyword field: any value of a field matches."""
        return [(name, getattr(self, name)) for name in KEYWORD_FIELDS if getattr(self, name)]


def facet_key(key: Any) -> str:
    """A facet bucket's key as a string: engines report integer keys (years) as floats."""
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)


def stored_keywords(values: dict[str, list[str]]) -> dict[str, Any]:
    """Keyword values as a hit shows them: one string, or a list for multi-valued fields."""
    return {k: (list(v) if k in MULTI_VALUED else (v[0] if v else "")) for k, v in values.items()}


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class RawHit:
    """A backend's hit before snippets: the stored public fields and the score."""

    id: int
    score: float
    fields: dict[str, Any]


@dataclass(frozen=True, slots=True)
class RawResult:
    total: int
    hits: list[RawHit]
    facets: dict[str, list[FacetValue]]
    years: list[FacetValue] = field(default_factory=list)  # histogram, by year ascending


@dataclass(frozen=True, slots=True)
class PageHit:
    doc_id: int
    number: int
    text: str


def day_number(date: str | None, year: int | None) -> int | None:
    """An ISO date (or, failing it, 1 January of the year) as a proleptic day ordinal."""
    if date:
        try:
            return dt.date.fromisoformat(date[:10]).toordinal()
        except ValueError:
            pass
    if year is not None and 1 <= year <= 9999:
        return dt.date(year, 1, 1).toordinal()
    return None


# Sort keys packed with the id (ids stay below 2**31): one fast field orders by date, then
# id, in either direction. A document without a date sorts last both ways: its key is
# above every date ascending, and below every date descending.
_ID_BITS = 32
NO_DAY_ASC = dt.date.max.toordinal() + 1


def date_sort_keys(day: int | None, doc_id: int) -> tuple[int, int]:
    """(ascending key, descending key) of a document for the date sorts."""
    asc = ((day if day is not None else NO_DAY_ASC) << _ID_BITS) | doc_id
    desc = ((day if day is not None else 0) << _ID_BITS) | doc_id
    return asc, desc


def title_sort_key(title: str, doc_id: int) -> str:
    return " ".join(fold(title).lower().split())[:200] + f"\x00{doc_id:010d}"


def year_histogram(buckets: list[tuple[Any, int]]) -> list[FacetValue]:
    """Histogram buckets (engine keys may be floats) as years ascending, empty ones left out."""
    out = [FacetValue(facet_key(k), int(c)) for k, c in buckets if int(c) > 0]
    return sorted(out, key=lambda v: float(v.value))
