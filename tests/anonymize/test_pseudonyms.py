"""One person, one pseudonym: every case, initials in both orders, Kyrgyz suffixes."""

from __future__ import annotations

import pytest

from anonymize import anonymize_text
from anonymize.pseudonyms import NameParts, parse_name

TEXT = (
    "Истица Сатарова Бурулкан Токтогуловна обратилась в суд с иском к Темирову Канатбеку "
    "Алмазбековичу. Сатарова Б.Т. пояснила, что Темиров К.А. долг не вернул. Ответчик Темиров "
    "иск не признал. Суд взыскивает с К.А. Темирова в пользу Сатаровой Б.Т. долг. Бурулкан "
    "Токтогуловна пояснила, что Канатбек обещал вернуть деньги. Сведения о Темирове и Темировым "
    "получены. Т.К. в деле нет, а Б.Т. претензий не имеет."
)


def _replacements(text: str, style: str = "letters") -> dict[str, str]:
    # a pseudonym before a full stop drops its own dot («А.» + «.»), hence rstrip
    return {
        f.text: f.replacement.rstrip(".") + "."
        for f in anonymize_text(text, pseudonym_style=style).findings
    }


def test_every_mention_of_one_person_gets_the_same_letter():
    rep = _replacements(TEXT)
    plaintiff = {
        rep[k]
        for k in (
            "Сатарова Бурулкан Токтогуловна",
            "Сатарова Б.Т.",
            "Сатаровой Б.Т.",
            "Бурулкан Токтогуловна",
            "Б.Т.",
        )
    }
    defendant = {
        rep[k]
        for k in (
            "Темирову Канатбеку Алмазбековичу",
            "Темиров К.А.",
            "Темиров",
            "К.А. Темирова",
            "Канатбек",
            "Темирове",
            "Темировым",
        )
    }
    assert plaintiff == {"А."}
    assert defendant == {"Б."}
    assert "Т.К." not in rep  # initials of nobody in the text stay


def test_kyrgyz_suffixes_and_particles_meet():
    text = (
        "Доогер Сапарбек уулу Нурсултан сотко кайрылды. Сапарбек уулу Н. жоопкер Жумабаева "
        "Айгерим Токтосуновнага карата доо койду. Сапарбек уулу Нурсултандын арызы "
        "канааттандырылсын. Жумабаеванын каршылыгы четке кагылсын."
    )
    rep = _replacements(text)
    assert {
        rep["Сапарбек уулу Нурсултан"],
        rep["Сапарбек уулу Н."],
        rep["Сапарбек уулу Нурсултандын"],
    } == {"А."}
    assert {rep["Жумабаева Айгерим Токтосуновнага"], rep["Жумабаеванын"]} == {"Б."}


def test_styles():
    text = "Подсудимый Темиров Канатбек Алмазбекович и потерпевшая Сатарова Б.Т. примирились."
    assert anonymize_text(text).text == "Подсудимый А. и потерпевшая Б. примирились."
    assert anonymize_text(text, pseudonym_style="placeholder").text == (
        "Подсудимый [ФИО] и потерпевшая [ФИО] примирились."
    )
    assert anonymize_text(text, pseudonym_style="initials").text == (
        "Подсудимый Т.К.А. и потерпевшая С.Б.Т. примирились."
    )
    with pytest.raises(ValueError, match="pseudonym style"):
        anonymize_text(text, pseudonym_style="emoji")


def test_no_double_dot_at_sentence_end():
    assert anonymize_text("Истец Темиров К.А.").text == "Истец А."


PARSE_CASES = [
    ("Асанова Бакыта Кубанычбековича", NameParts("Асанова", "Бакыта", "Кубанычбековича")),
    ("Б.К. Асанова", NameParts(surname="Асанова", initials=("Б", "К"))),
    ("Асанов Б.К.", NameParts(surname="Асанов", initials=("Б", "К"))),
    ("Гульнара Асановна", NameParts(first="Гульнара", patronymic="Асановна")),
    ("Нурбек уулу Азаматка", NameParts(surname="Нурбек уулу", first="Азаматка")),
    ("Жолдошбек уулу Э.", NameParts(surname="Жолдошбек уулу", initials=("Э",))),
    ("Мамедов Эльдар Магомед оглы", NameParts("Мамедов", "Эльдар", "Магомед оглы")),
    ("Ким Веры Сергеевны", NameParts("Ким", "Веры", "Сергеевны")),
    ("Ольги", NameParts(first="Ольги")),
    ("Мельникова", NameParts(surname="Мельникова")),
    ("Т.А.", NameParts(initials=("Т", "А"))),
    ("АСАНОВА Б.К.", NameParts(surname="Асанова", initials=("Б", "К"))),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES)
def test_parse_name(text, expected):
    assert parse_name(text) == expected
