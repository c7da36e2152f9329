"""What goes into an index and what comes out of a search, for every backend."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FACET_FIELDS: tuple[str, ...] = ("collection", "doc_type", "language", "format", "year")


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

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)


@dataclass(frozen=True, slots=True)
class Filters:
    collection: tuple[str, ...] = ()
    doc_type: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    format: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    ids: tuple[int, ...] = ()

    def keyword_items(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(name, values) for name, values in (
            ("collection", self.collection), ("doc_type", self.doc_type),
            ("language", self.language), ("format", self.format)) if values]


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


@dataclass(frozen=True, slots=True)
class PageHit:
    doc_id: int
    number: int
    text: str
