"""Replacement operators, presidio-anonymizer style: `operate(text, params)`, `validate`.

A person gets the same replacement in every mention; the caller passes the person's
index (order of first appearance) or initials in `params`.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"


class Operator(Protocol):
    name: ClassVar[str]

    def operate(self, text: str, params: dict[str, object]) -> str: ...

    def validate(self, params: dict[str, object]) -> None: ...


class Letters:
    """«А.», «Б.», ... in order of first appearance; «А2.» after the alphabet runs out."""

    name: ClassVar[str] = "letters"

    def operate(self, text: str, params: dict[str, object]) -> str:
        index = int(params["index"])  # type: ignore[call-overload]
        cycle, pos = divmod(index, len(LETTERS))
        return f"{LETTERS[pos]}{cycle + 1 if cycle else ''}."

    def validate(self, params: dict[str, object]) -> None:
        if not isinstance(params.get("index"), int) or int(params["index"]) < 0:  # type: ignore[call-overload]
            raise ValueError("letters: params['index'] must be a non-negative int")


class Placeholder:
    """A fixed label such as `[ФИО]` or `[ТЕЛЕФОН]`."""

    name: ClassVar[str] = "placeholder"

    def operate(self, text: str, params: dict[str, object]) -> str:
        return str(params["placeholder"])

    def validate(self, params: dict[str, object]) -> None:
        if not params.get("placeholder"):
            raise ValueError("placeholder: params['placeholder'] is required")


class Initials:
    """The person's own initials (`А.Б.К.`), falling back to a letter pseudonym."""

    name: ClassVar[str] = "initials"

    def operate(self, text: str, params: dict[str, object]) -> str:
        initials = str(params.get("initials") or "")
        return initials or Letters().operate(text, params)

    def validate(self, params: dict[str, object]) -> None:
        if not params.get("initials"):
            Letters().validate(params)


class Keep:
    """Leave the text as it is (officials in office, names in archival collections)."""

    name: ClassVar[str] = "keep"

    def operate(self, text: str, params: dict[str, object]) -> str:
        return text

    def validate(self, params: dict[str, object]) -> None:
        return None


PSEUDONYM_STYLES: dict[str, Operator] = {
    "letters": Letters(),
    "placeholder": Placeholder(),
    "initials": Initials(),
}


def pseudonym_operator(style: str) -> Operator:
    try:
        return PSEUDONYM_STYLES[style]
    except KeyError:
        raise ValueError(
            f"unknown pseudonym style {style!r}; expected one of {', '.join(PSEUDONYM_STYLES)}"
        ) from None
