"""Dates, case forms and spelling keys: one table per function."""

from __future__ import annotations

import pytest

from persons.dates import find_dates, parse_date
from persons.morph import Case, given_nominative, patronymic_nominative, surname_nominative
from persons.spelling import keys
from persons.types import Sex
from persons.variants import read_query, surname_base

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Арестован 12 августа 1937 г.", "1937-08-12"),
        ("арестован 12.08.37", "1937-08-12"),
        ("от 01.03.1989 дело прекращено", "1989-03-01"),
        ("1937-жылы 12-августта камакка алынган", "1937-08-12"),
        ("1944-жылдын 19-мартындагы токтому менен", "1944-03-19"),
        ("1989-жылы 25-апрелинде акталган", "1989-04-25"),
        ("1937-жылы 24-майында", "1937-05-24"),
        ("3 мая 1938 года", "1938-05-03"),
        ("арестован 12.VIII.37", "1937-08-12"),
        ("12/XI-1937", "1937-11-12"),
        ("31.02.1937", None),  # no such day
        ("Дело № 2995, 1888 года рождения", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_date_spans_point_at_the_words() -> None:
    text = "Осужден 24 сентября 1938 г. к ВМН"
    (hit,) = find_dates(text)
    assert text[hit.start : hit.end].startswith("24 сентября 1938")


@pytest.mark.parametrize(
    ("word", "sex", "nominative", "found_sex", "case"),
    [
        ("ИСАКОВОЙ", None, "Исакова", Sex.FEMALE, Case.OBLIQUE),
        ("ЖУМАБАЕВА", Sex.MALE, "Жумабаев", Sex.MALE, Case.GEN),
        ("Кадырова", None, "Кадырова", Sex.FEMALE, Case.NOM),
        ("Петровым", None, "Петров", Sex.MALE, Case.INS),
        ("ОРОЗОВУ", Sex.FEMALE, "Орозова", Sex.FEMALE, Case.OBLIQUE),
        ("Абдрахмановой-Жусуповой", None, "Абдрахманова-Жусупова", Sex.FEMALE, Case.OBLIQUE),
        ("Кравченко", Sex.MALE, "Кравченко", Sex.MALE, Case.NOM),
    ],
)
def test_surname_nominative(
    word: str, sex: Sex | None, nominative: str, found_sex: Sex | None, case: Case
) -> None:
    assert surname_nominative(word, sex) == (nominative, found_sex, case)


@pytest.mark.parametrize(
    ("word", "sex", "case", "nominative"),
    [
        ("Асана", Sex.MALE, Case.GEN, "Асан"),
        ("Григория", Sex.MALE, Case.GEN, "Григорий"),
        ("Жумабая", Sex.MALE, Case.GEN, "Жумабай"),
        ("Бүбүсара", Sex.FEMALE, Case.OBLIQUE, "Бүбүсара"),
        ("Анны", Sex.FEMALE, Case.GEN, "Анна"),
        ("Иманалы", Sex.MALE, Case.GEN, "Иманалы"),
        ("Асан", Sex.MALE, Case.NOM, "Асан"),
    ],
)
def test_given_nominative(word: str, sex: Sex, case: Case, nominative: str) -> None:
    assert given_nominative(word, sex, case) == nominative


@pytest.mark.parametrize(
    ("word", "nominative", "sex"),
    [
        ("Николаевича", "Николаевич", Sex.MALE),
        ("Ивановны", "Ивановна", Sex.FEMALE),
        ("Петровичем", "Петрович", Sex.MALE),
        ("Ильиничны", "Ильинична", Sex.FEMALE),
    ],
)
def test_patronymic_nominative(word: str, nominative: str, sex: Sex) -> None:
    assert patronymic_nominative(word, None) == (nominative, sex)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Исаков", "Ысаков"),
        ("Жумабаев", "Джумабаев"),
        ("Дүйшөев", "Дуйшоев"),
        ("Дүйшөев", "Dyjşɵev"),
        ("Жумабаев", "Ƶumabaev"),
        ("Касымов", "Kasьmov"),
        ("Касымов", "Kasymov"),
        ("Жунусова", "Zhunusova"),
        ("Бүбүсара", "Bybysara"),
        ("Бурулча", "Burulca"),
        ("Осмонова", "Оcмонова"),
        ("Сайра", "Sajra"),
        ("Григорий", "Grigoriy"),
        ("Кузнецов", "Kuznetsov"),
        ("Тоңкулов", "Тонкулов"),
        ("Осмонов", "0смонов"),
    ],
)
def test_spellings_share_a_key(a: str, b: str) -> None:
    assert keys(a) & keys(b), (keys(a), keys(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Исаков", "Касымов"),
        ("Асан", "Хасан"),
        ("Сайра", "Сара"),
        ("Осмонов", "Момунов"),
    ],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert not keys(a) & keys(b)


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("исакова", "исаков"),
        ("исаковои", "исаков"),
        ("жумабаева", "жумабаев"),
        ("исаков", "исаков"),
        ("кадирову", "кадиров"),
    ],
)
def test_surname_base(word: str, base: str) -> None:
    assert surname_base(word) == base


def test_query_reading_marks_initials_and_father() -> None:
    toks = read_query("Зайцев Г.Н.")
    assert [t.initial for t in toks] == [False, True, True]
    toks = read_query("Касым Осмон уулу")
    assert [(t.raw, t.father) for t in toks] == [("касым", False), ("осмон", True)]
