"""What goes into an index and what comes out of a search, for every backend."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Exact-value fields for filters and facets. `norm` is multi-valued: every reference's
# id with all its ancestors (uk-kr-2021, uk-kr-2021/168, uk-kr-2021/168/2), so a filter on
# an article matches every part and item under it.
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
)
MULTI_VALUED: frozenset[str] = frozenset({"norm"})
FACET_FIELDS: tuple[str, ...] = (*KEYWORD_FIELDS, "year")


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

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    def keywords(self) -> dict[str, list[str]]:
        """Every keyword field as a list of values (empty when unknown)."""
        out: dict[str, list[str]] = {}
        for name in KEYWORD_FIELDS:
            if name == "norm":
                out[name] = list(dict.fromkeys(self.norms))
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


@dataclass(frozen=True, slots=True)
class PageHit:
    doc_id: int
    number: int
    text: str
