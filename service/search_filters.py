"""The search filters' one home: what a search, its export, its feed, the results page and
a saved search may be narrowed and ordered by.

`SearchOptions` declares every parameter once, with its help text in the field metadata:
the API builds its query parameters from these fields (search_api/search_params.py), the
UI and the alerts read them from a plain mapping (`options_from_mapping`). A new filter
is a field here and a line in `to_filters`.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from core.errors import QuerySyntaxError
from core.types import Language
from indices.context import AppContext
from indices.query import norm_filter_ids
from indices.types import Filters, Sort
from service.ocr import restrict_to_flagged
from service.schemas import INSTANCE_HELP, OUTCOME_HELP

YEAR_MIN, YEAR_MAX = -9999, 9999


def _help(text: str, **bounds: int) -> dict[str, Any]:
    return {"help": text, **bounds}


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """A search's filters and order, as the caller gave them (norm citations unresolved)."""

    collection: list[str] | None = field(default=None, metadata=_help("Filter: collection name"))
    doc_type: list[str] | None = field(default=None, metadata=_help("Filter: document type"))
    language: list[str] | None = field(
        default=None, metadata=_help(f"Filter: {', '.join(Language)}")
    )
    format: list[str] | None = field(
        default=None, metadata=_help("Filter: file format: pdf, image, docx, ...")
    )
    year_from: int | None = field(
        default=None, metadata=_help("Filter: from year (inclusive)", ge=YEAR_MIN, le=YEAR_MAX)
    )
    year_to: int | None = field(
        default=None, metadata=_help("Filter: to year (inclusive)", ge=YEAR_MIN, le=YEAR_MAX)
    )
    date_from: dt.date | None = field(
        default=None,
        metadata=_help(
            "Filter: from this document date (YYYY-MM-DD, inclusive); a document dated by its "
            "year only counts as of 1 January"
        ),
    )
    date_to: dt.date | None = field(
        default=None, metadata=_help("Filter: to this document date (YYYY-MM-DD, inclusive)")
    )
    court: list[str] | None = field(default=None, metadata=_help("Filter: court (as in facets)"))
    instance: list[str] | None = field(default=None, metadata=_help(f"Filter: {INSTANCE_HELP}"))
    category: list[str] | None = field(
        default=None, metadata=_help("Filter: criminal, civil, administrative")
    )
    outcome: list[str] | None = field(default=None, metadata=_help(f"Filter: {OUTCOME_HELP}"))
    norm: list[str] | None = field(
        default=None,
        metadata=_help(
            "Filter: decisions applying a norm (or any part of it): a canonical id "
            "(uk-kr-2021/168) or a citation «ч. 2 ст. 168 УК КР», «168-берене 2-бөлүк» "
            "(with `edition`)"
        ),
    )
    edition: str | None = field(
        default=None,
        metadata=_help(
            "Edition or act for a norm citation that names none (uk-kr-2017, uk-kr); default: "
            "the edition in force today"
        ),
    )
    archive: list[str] | None = field(
        default=None,
        metadata=_help(
            "Filter: search within a fond, opis or delo, by its reference: fond, fond/opis "
            "or fond/opis/delo codes joined by «/» (67, 67/9, 67/9/108), as "
            "GET /api/v1/archive gives them"
        ),
    )
    low_confidence: bool = field(
        default=False,
        metadata={
            "help": "Filter: only documents with an OCR page flagged as low confidence "
            "(mean word confidence under ACHYK_OCR_LOW_CONFIDENCE, or nothing read)"
        },
    )
    sort: Sort = field(
        default=Sort.RELEVANCE,
        metadata={
            "help": "Order: relevance (default), date_asc, date_desc (document date; undated "
            "documents last) or title (alphabetical); ties by document id"
        },
    )

    def to_filters(self, norm_max: int) -> Filters:
        """As Filters; norm citations resolved to canonical ids, each to at most
        ``norm_max`` ids (QuerySyntaxError beyond, refused before expanding)."""
        norm_ids = tuple(
            dict.fromkeys(
                i
                for n in self.norm or ()
                if n.strip()
                for i in norm_filter_ids(n, edition=self.edition, max_ids=norm_max)
            )
        )
        if len(norm_ids) > norm_max:
            raise QuerySyntaxError(
                f"Фильтр по нормам раскрывается в {len(norm_ids)} норм, допустимо не больше "
                f"{norm_max}"
            )
        return Filters(
            collection=tuple(self.collection or ()),
            doc_type=tuple(self.doc_type or ()),
            language=tuple(self.language or ()),
            format=tuple(self.format or ()),
            year_from=self.year_from,
            year_to=self.year_to,
            date_from=self.date_from,
            date_to=self.date_to,
            court=tuple(self.court or ()),
            instance=tuple(self.instance or ()),
            category=tuple(self.category or ()),
            outcome=tuple(self.outcome or ()),
            norm=norm_ids,
            archive=tuple(a.strip() for a in self.archive or () if a.strip()),
        )


OPTION_NAMES: tuple[str, ...] = tuple(f.name for f in fields(SearchOptions))


def option_types() -> dict[str, Any]:
    """Each option's type (the annotations are strings under `from __future__`)."""
    return typing.get_type_hints(SearchOptions)


def build_filters(ctx: AppContext, options: SearchOptions) -> Filters | None:
    """The engine filters of a request; None when nothing can match (no flagged page)."""
    filters = options.to_filters(ctx.settings.norm_expansion_max)
    if options.low_confidence:
        return restrict_to_flagged(ctx, filters)
    return filters


def _year(text: str) -> int:
    if not text.lstrip("-").isdigit() or not YEAR_MIN <= int(text) <= YEAR_MAX:
        raise QuerySyntaxError("Год должен быть числом")
    return int(text)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise QuerySyntaxError("Дата указывается в виде ГГГГ-ММ-ДД") from None


def _sort(text: str) -> Sort:
    try:
        return Sort(text)
    except ValueError:
        raise QuerySyntaxError(f"Неизвестный порядок: {text[:30]}") from None


def options_from_mapping(query: Mapping[str, Sequence[str]]) -> SearchOptions:
    """Options from request-like strings (the results page, a saved search): lists stay
    lists, blanks are left out, a bad year, date or order is a QuerySyntaxError."""
    values: dict[str, Any] = {}
    for name, kind in option_types().items():
        given = [v.strip() for v in query.get(name) or () if v and v.strip()]
        if not given:
            continue
        if kind == list[str] | None:
            values[name] = given
        elif kind == int | None:
            values[name] = _year(given[0])
        elif kind == dt.date | None:
            values[name] = _date(given[0])
        elif kind is bool:
            values[name] = given[0].lower() in {"1", "true", "on", "yes"}
        elif kind is Sort:
            values[name] = _sort(given[0])
        else:
            values[name] = given[0]
    return SearchOptions(**values)


def without_norm(options: SearchOptions) -> SearchOptions:
    """The options with norms left for the caller to resolve (the UI reports each one)."""
    return replace(options, norm=None)
