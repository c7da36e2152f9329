"""Query cost limits on the parsed tree: refused with a message, before any expansion."""

from __future__ import annotations

import pytest

from core.errors import QuerySyntaxError
from core.settings import Settings
from indices.query import DEFAULT_LIMITS, Fuzzy, QueryLimits, parse

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it


def test_defaults_are_the_settings_defaults() -> None:
    assert QueryLimits.from_settings(Settings()) == DEFAULT_LIMITS


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("а" * 40 + "~2", "не длиннее 24 букв"),
        ("(" * 11 + "суд" + ")" * 11, "глубоко вложен"),
        ("NOT " * 12 + "суд", "глубоко вложен"),
        (" OR ".join(f"слово{i}" for i in range(65)), "65 условий"),
        (" ".join(f"суд{i}~" for i in range(3)), "3 нечётких"),
        (" ".join(f"суд{i}*" for i in range(5)), "5 шаблонов"),
        ("с*", "не меньше 2 букв"),
        ("*суд", r"только \* в конце"),
        ('norm:"п. 1-30 ч. 1-30 ст. 1-30 УК КР"', "27000 норм"),
        ("суд " * 300, "слишком длинный"),
    ],
)
def test_hostile_queries_are_refused(q: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        parse(q)


def test_limits_come_from_the_caller() -> None:
    tight = QueryLimits(max_clauses=2, fuzzy_max_length=5, max_depth=3, norm_expansion_max=2)
    with pytest.raises(QuerySyntaxError, match="3 условий"):
        parse("а б в", tight)
    with pytest.raises(QuerySyntaxError, match="не длиннее 5"):
        parse("трибунал~", tight)
    with pytest.raises(QuerySyntaxError, match="3 норм"):
        parse('norm:"ст.ст. 198-200 ГПК КР"', tight)
    assert parse("суд закон") is not None


@pytest.mark.parametrize(
    "q",
    [
        "а" * 24 + "~2",
        "title:(суд OR закон) -приговор",
        "((суд OR закон) AND (приговор))",
        " OR ".join(f"слово{i}" for i in range(64)),
        "тр*",
        'norm:"ст.ст. 198-200 ГПК КР"',
    ],
)
def test_queries_at_the_limits_parse(q: str) -> None:
    parse(q)


def test_fuzzy_at_the_length_limit_keeps_its_expansion_bounded() -> None:
    node = parse("а" * 24 + "~2")
    leaves = node.should if hasattr(node, "should") else (node,)
    assert isinstance(leaves[0], Fuzzy) and len(leaves) <= 201
