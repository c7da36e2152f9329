"""Sorting and the year histogram of the results page (issue #18, item 5)."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import QuerySyntaxError, TransientError
from indices.context import AppContext
from indices.types import Sort
from service.document_search import search_document
from service.schemas import YearCount
from service.schemas_document_search import DocumentSearchResponse

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
    percent: int  # bar height in steps of 5, of the busiest year (a class: no inline style)


def year_bars(histogram: list[YearCount]) -> list[YearBar]:
    """The histogram as bars scaled to the busiest year (at least a sliver when non-zero).

    Heights are CSS classes (`h5`…`h100`): the pages' CSP allows no inline style."""
    top = max((y.count for y in histogram), default=0)
    return [YearBar(y.year, y.count, max(5, 5 * round(20 * y.count / top))) for y in histogram]


@dataclass(frozen=True, slots=True)
class Region:
    """A permalink's pixel region (IIIF-like `x,y,w,h`) on a page, and the same in percent
    of the page image, so the box follows the image at any zoom."""

    page: int
    x: int
    y: int
    w: int
    h: int
    left: float
    top: float
    width: float
    height: float

    @property
    def param(self) -> str:
        return f"{self.x},{self.y},{self.w},{self.h}"


def parse_region(
    page: int | None, text: str, sizes: dict[int, tuple[int | None, int | None]]
) -> Region | None:
    """`region=x,y,w,h` on page `page` (pixels of its image), clipped to the image; None
    when the page has no image size or the region is not four whole numbers."""
    if page is None or page not in sizes:
        return None
    width, height = sizes[page]
    parts = text.split(",")
    if not width or not height or len(parts) != 4 or not all(p.strip().isdigit() for p in parts):
        return None
    x, y, w, h = (int(p) for p in parts)
    x, y = min(x, width), min(y, height)
    w, h = min(w, width - x), min(h, height - y)
    if w <= 0 or h <= 0:
        return None
    return Region(
        page,
        x,
        y,
        w,
        h,
        round(100 * x / width, 3),
        round(100 * y / height, 3),
        round(100 * w / width, 3),
        round(100 * h / height, 3),
    )


def page_number(text: str, count: int) -> int | None:
    """`page=N` when N is a page of the document."""
    return int(text) if text.strip().isdigit() and 1 <= int(text) <= count else None


def search_within(
    ctx: AppContext, doc_id: int, q: str
) -> tuple[DocumentSearchResponse | None, str | None]:
    """The document page's «search in this document»: the matches, or the query's error
    (the page still shows the document); nothing without a query or with the engine down."""
    if not q.strip():
        return None, None
    try:
        return search_document(ctx, doc_id, q), None
    except QuerySyntaxError as e:
        return None, e.message
    except TransientError:
        return None, "Поиск временно недоступен"
