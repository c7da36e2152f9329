"""The query tree: what each piece of syntax becomes, and the errors users get."""

from __future__ import annotations

import pytest

from core.errors import QuerySyntaxError
from indices.query import (
    Bool,
    Fuzzy,
    IntRange,
    Keyword,
    MatchAll,
    Phrase,
    Prefix,
    StemPhrase,
    Terms,
    highlighter,
    parse,
)

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

T = ("text", "title")


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("", MatchAll()),
        ("суда", Terms(("суд",), T)),
        ("Судом", Terms(("суд",), T)),
        ("ёлка", Terms(("елк", "елок"), T)),
        ("судъ", Terms(("суд",), T)),
        ('"военного трибунала"', Phrase(("военного", "трибунала"), T)),
        ("трибун*", Prefix("трибун", T)),
        ("title:решение", Terms(("решен",), ("title",))),
        ("collection:court", Keyword("collection", "court")),
        ("year:1937", IntRange("year", 1937, 1937)),
        ("year:[1930 TO 1940]", IntRange("year", 1930, 1940)),
        ("58-10", StemPhrase(("58", "10"), T)),
        ("трибунал", Terms(("трибуна", "трибунал"), T)),
        ("өкүм", Terms(("өкүм",), T)),
        ("суд закон", Bool(must=(Terms(("суд",), T), Terms(("закон",), T)))),
        ("суд OR закон", Bool(should=(Terms(("суд",), T), Terms(("закон",), T)))),
        ("суд -приговор", Bool(must=(Terms(("суд",), T),), must_not=(Terms(("приговор",), T),))),
        ("NOT суд", Bool(must=(MatchAll(),), must_not=(Terms(("суд",), T),))),
    ],
)
def test_parse(q: str, expected: object) -> None:
    assert parse(q) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("трибунл~1", Fuzzy("трибунл", 1, T)),
        ("трибунл~", Fuzzy("трибунл", 2, T)),
        ("суд~", Fuzzy("суд", 1, T)),
    ],
)
def test_parse_fuzzy(q: str, expected: Fuzzy) -> None:
    """The engine's fuzzy term first, then the exact forms OCR makes of the word that the
    edit budget does not reach (indices.ocr_confusions)."""
    node = parse(q)
    first, extra = (node.should[0], node.should[1:]) if isinstance(node, Bool) else (node, ())
    assert first == expected
    assert all(isinstance(p, Phrase) and len(p.words) == 1 for p in extra)


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ('"военного трибунала', "Незакрытая кавычка"),
        ("foo:bar", "Неизвестное поле «foo»"),
        ("с*д", r"только \* в конце слова"),
        ("year:abc", "Ожидалось число"),
        ("суд AND", "Запрос обрывается"),
        ("/reg.*ex/", "Регулярные выражения"),
        ("x" * 1001, "слишком длинный"),
    ],
)
def test_parse_errors(q: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        parse(q)


def test_highlighter_ignores_negated_and_field_restricted_terms() -> None:
    hl = highlighter(parse('суд -приговор title:решение "военного трибунала" триб* слво~1'))
    assert hl.stems == frozenset({"суд"})
    assert hl.phrases[0] == ("военного", "трибунала")
    assert all(len(p) == 1 for p in hl.phrases[1:])  # OCR forms of «слво~1»
    assert hl.prefixes == ("триб",)
    assert hl.fuzzy == (("слво", 1),)
