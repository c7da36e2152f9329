"""Parser errors become Russian sentences that name at most the character at fault."""

from __future__ import annotations

import re

import pytest

from core.errors import QuerySyntaxError
from indices.query import parse

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("(суд", "Не закрыта скобка: добавьте «)»"),
        ("суд:(a", "Не закрыта скобка"),
        ("суд AND", "Запрос обрывается"),
        ("title:", "Запрос обрывается"),
        ("суд)", "Лишняя закрывающая скобка «)» (символ 4)"),
        ("</script>", "Символ «/» в запросе не поддерживается (символ 2)"),
        ("/", "Символ «/» в запросе не поддерживается (символ 1)"),
        ("AND суд", "Оператор AND стоит не на месте (символ 1)"),
        ("суд OR OR трибунал", "Оператор OR стоит не на месте (символ 8)"),
        ("year:[1930 TO", "Не закрыт диапазон"),
        ("~", "Неожиданный символ «~» в запросе (символ 1)"),
        (":a", "Неожиданный символ «:»"),
    ],
)
def test_parser_errors_in_russian(q: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        parse(q)
    said = info.value.message
    assert said.startswith(message), said
    assert not re.search(r"[A-Za-z]{5,}", said), said  # no parser English, no echoed input
