"""Sorting and the year histogram of the results page (issue #18, item 5)."""

from __future__ import annotations

from dataclasses import dataclass

from indices.types import Sort
from service.schemas import YearCount

SORT_LABELS: dict[str, str] = {
    "": "по релевантности",
    Sort.DATE_DESC.value: "сначала новые",
    Sort.DATE_ASC.value: "сначала старые",
    Sort.TITLE.value: "по названию (А–Я)",
}


@dataclass(frozen=True, slots=True)
class YearBar:
    year: int
    count: int
    percent: int  # bar height, of the busiest year


def year_bars(histogram: list[YearCount]) -> list[YearBar]:
    """The histogram as bars scaled to the busiest year (at least a sliver when non-zero)."""
    top = max((y.count for y in histogram), default=0)
    return [YearBar(y.year, y.count, max(4, round(100 * y.count / top))) for y in histogram]
