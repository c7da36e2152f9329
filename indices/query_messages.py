"""Russian messages for the query parser's errors.

luqum reports problems in English and echoes the rest of the input («Illegal character
'/script>' at position 1»). People read these messages on a Russian page, so each kind of
error gets its own sentence that names at most the one character at fault; the parser's
own text never reaches the user.
"""

from __future__ import annotations

import re

from luqum.exceptions import IllegalCharacterError, ParseSyntaxError

_POSITION = re.compile(r"at position (\d+)")
_TOKEN = re.compile(r"unexpected\s+'([^']{0,12})' at position")
_OPERATORS = {"AND", "OR", "NOT", "TO", "&&", "||"}
_END = "unexpected end of expression"
GENERIC = "Не удалось разобрать запрос: проверьте скобки, кавычки и операторы AND, OR, NOT"


def _position(error: Exception) -> int | None:
    m = _POSITION.search(str(error))
    return int(m[1]) if m else None


def _char_at(query: str, pos: int | None) -> str | None:
    if pos is None or not 0 <= pos < len(query):
        return None
    return query[pos]


def parse_error_message(query: str, error: Exception) -> str:
    """A sentence in Russian for a parser error on ``query`` (the text the parser saw)."""
    pos = _position(error)
    char = _char_at(query, pos)
    where = f" (символ {pos + 1})" if pos is not None else ""
    opened, closed = query.count("("), query.count(")")
    if isinstance(error, IllegalCharacterError):
        if char is None:
            return "Недопустимый символ в запросе"
        if char == "/":
            return (
                f"Символ «/» в запросе не поддерживается{where}: возьмите слово "
                "в кавычки или уберите его"
            )
        return f"Недопустимый символ «{char}» в запросе{where}"
    if isinstance(error, ParseSyntaxError):
        if _END in str(error):
            if opened > closed:
                return "Не закрыта скобка: добавьте «)»"
            if re.search(r"\[[^\]]*$|\{[^}]*$", query):
                return "Не закрыт диапазон: пишите [от TO до], например year:[1930 TO 1940]"
            return "Запрос обрывается: после AND, OR, NOT или «поле:» должно стоять слово"
        token = m[1] if (m := _TOKEN.search(str(error))) else ""
        if token.upper() in _OPERATORS:
            return (
                f"Оператор {token} стоит не на месте{where}: слева и справа от него "
                "должны быть слова"
            )
        if char == ")" and closed > opened:
            return f"Лишняя закрывающая скобка «)»{where}"
        if char == "(" or char == ")":
            return f"Скобка «{char}» стоит не на месте{where}"
        if char is not None and not char.isspace():
            return f"Неожиданный символ «{char}» в запросе{where}"
    return GENERIC
