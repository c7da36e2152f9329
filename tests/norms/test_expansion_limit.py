"""A citation's lists and ranges multiply; the product is refused before it is built."""

from __future__ import annotations

import pytest

from norms import TooManyNorms, resolve_citation
from norms.model import Component, Level
from norms.resolve import ids_under

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

HOSTILE = "п. 1-30 ч. 1-30 ст. 1-30 УК КР"


def test_hostile_citation_is_refused_with_its_size() -> None:
    with pytest.raises(TooManyNorms, match=r"27000 норм.*не больше 200") as e:
        resolve_citation(HOSTILE, max_ids=200)
    assert isinstance(e.value, ValueError) and e.value.size == 27000


@pytest.mark.parametrize(
    ("citation", "n"),
    [
        ("ст.ст. 198-200 ГПК КР", 3),
        ("ч. 1-3 ст. 168 УК КР", 3),
        ("п. 1-2 ч. 1-2 ст. 1-2 УК КР", 8),
    ],
)
def test_citations_at_or_under_the_limit_expand(citation: str, n: int) -> None:
    assert len(resolve_citation(citation, max_ids=n)) == n
    with pytest.raises(TooManyNorms):
        resolve_citation(citation, max_ids=n - 1)


def test_refused_before_expanding() -> None:
    """Ranges of a million ids each: only counting can answer this at once."""
    big = [str(i) for i in range(1000)]
    comps = [
        Component(Level.ARTICLE, big, 0, 0),
        Component(Level.PART, big, 0, 0),
        Component(Level.ITEM, big, 0, 0),
    ]
    with pytest.raises(TooManyNorms) as e:
        ids_under("uk-kr-2021", comps, max_ids=200)
    assert e.value.size == 1000**3


def test_unbounded_when_no_limit_is_given() -> None:
    """Extraction from documents keeps every id (each range is capped in the lexicon)."""
    assert len(resolve_citation("ч. 1-10 ст. 1-30 УК КР")) == 300
