"""Full names: surname, first name and patronymic (`Асанова Бакыта Кубанычбековича`,
`Мамасалиева Дилноза Рахматжановнанын`), first name with patronymic only (a witness named
`Гульнара Асановна`), the Russian order (`Надежда Алексеевна Пак`), and surname with a
first name (`Ахмедова Толибжона`), the last only when the second word is a known first
name or at least not a common word.
"""

from __future__ import annotations

from anonymize.names import (
    GEO_BEFORE,
    PATR,
    START,
    WORD,
    agree,
    closes_name,
    in_first_name_list,
    indeclinable_adjective_surname,
    is_first_name,
    is_geo,
    is_patronymic,
    is_place_word,
    is_role_or_function_word,
    is_role_word,
    maybe_first_name,
    ov_surname_shaped,
    plausible_name,
    plausible_structured,
    surname_shaped,
    words,
)
from anonymize.recognizers.base import DataRecognizer

_S = r"[ \u00a0]{1,2}"


class PersonFullNameRecognizer(DataRecognizer):
    ENTITY = "PERSON"
    PATTERNS = (
        ("surname_first_patronymic", rf"{START}{WORD}{_S}{WORD}{_S}{PATR}(?![\w-])", 0.9),
        (
            "first_patronymic_surname",
            rf"{START}{WORD}{_S}{PATR}{_S}{WORD}(?![\w-])(?![ \u00a0]?[А-ЯЁ]\.)",
            0.85,
        ),
        ("first_patronymic", rf"{START}{WORD}{_S}{PATR}(?![\w-])", 0.85),
        ("surname_first", rf"{START}{WORD}{_S}{WORD}(?![\w-])(?![ \u00a0]?[А-ЯЁ]\.)", 0.6),
        ("first_surname", rf"{START}{WORD}{_S}{WORD}(?![\w-])(?![ \u00a0]?[А-ЯЁ]\.)", 0.6),
    )

    def validate_match(self, text: str, start: int, end: int, pattern: str) -> bool | None:
        if GEO_BEFORE.search(text, max(0, start - 24), start):
            return False  # `уроженца с. Кара-Суу Ошской области`: a place
        if pattern == "surname_first":
            surname, first = (w for _s, _e, w in words(text[start:end]))
            return None if _surname_first(surname, first) else False
        if pattern == "first_surname":
            first, surname = (w for _s, _e, w in words(text[start:end]))
            return None if _first_surname(first, surname) else False
        if pattern == "first_patronymic_surname":
            # `Надежда Алексеевна Пак`: the Russian order; the last word must be a name
            # (`Гульнара Асановна Суду` is not)
            first, patronymic, surname = (w for _s, _e, w in words(text[start:end]))
            if not (is_first_name(first) or in_first_name_list(first, with_ambiguous=True)):
                return False
            if (
                is_place_word(surname)
                or closes_name(surname)
                or (
                    in_first_name_list(surname, with_ambiguous=True) and not surname_shaped(surname)
                )
            ):
                return False  # `Айдай Бакытовна Мээримдин кошунасы`: two persons;
                # `Бакыт Сейитбекович Россияда`: a place
            ok = plausible_structured(text[start:end]) and (
                len(surname) <= 3 or plausible_name(surname) or surname_shaped(surname)
            )
            return (ok and agree(surname, patronymic)) or False
        return plausible_structured(text[start:end]) or False


def _surname_first(surname: str, first: str) -> bool:
    """`Ахмедова Толибжона`, `Арсиков Канат`, `Гладких Роман`: a surname, then a first name."""
    if is_geo(first) or is_role_or_function_word(first):
        return False
    if indeclinable_adjective_surname(surname) and maybe_first_name(first):
        return True
    if not plausible_name(surname):
        return False
    if is_patronymic(surname) or closes_name(surname):
        return False  # `Эркиновичтен Марат`: the first word ends another name
    if is_first_name(first) and not is_first_name(surname):
        return True
    if ov_surname_shaped(surname) and in_first_name_list(first, with_ambiguous=True):
        return True  # the first name may be a word too (`Канат`, `Роза`)
    return plausible_name(first) and surname_shaped(surname) and not surname_shaped(first)


def _first_surname(first: str, surname: str) -> bool:
    """`Лонгин Клинский`, `Гата Камский`: the Russian order without a patronymic, when the
    first word is an unambiguous first name and the second a surname by its shape
    (-ов, -ин, -ский, -енко ...), not a word, a place or another first name."""
    if not is_first_name(first) or is_first_name(surname) or is_geo(surname):
        return False
    if is_role_word(surname) or closes_name(first) or is_patronymic(surname):
        return False
    return surname_shaped(surname) or plausible_name(surname)
