"""Extraction from each kind of archival source; texts written here, not taken from the dev set."""

from __future__ import annotations

from typing import Any

import pytest

from persons.extract import extract_persons

BOOK = (
    "ТОКТОСУНОВ Бекбол Алымович, 1899 г. р., уроженец с. Нарын Нарынского кантона, киргиз, "
    "член ВКП(б), заведующий отделом. Арестован 2 октября 1937 г. Осужден тройкой НКВД "
    "Киргизской ССР 5 ноября 1937 г. по ст. 58-2, 58-7 УК РСФСР к ВМН. Расстрелян 6 ноября "
    "1937 г. Реабилитирован 14 июня 1958 г. Верховным судом Киргизской ССР."
)
CERT = (
    "СПРАВКА № 12\nГражданка Абдыкадырова Сабира, 1905 года рождения, уроженка г. Талас, "
    "до ареста — учительница, арестована 03.02.1938. Постановлением Особого совещания при "
    "НКВД СССР от 10.04.1938 по ст. 58-10 УК РСФСР осуждена к 5 годам лишения свободы в ИТЛ. "
    "Определением прокуратуры Киргизской ССР от 22.05.1989 дело прекращено за отсутствием "
    "состава преступления, Абдыкадырова Сабира реабилитирована."
)
KY = (
    "Бекназаров Жапар Бекназар уулу, 1890-жылы Ат-Башы айылында туулган, молдо. 1938-жылы "
    "3-февралында камакка алынган. НКВДнын Өзгөчө кеңешмесинин 1938-жылдын 9-мартындагы "
    "токтому менен 58-10-беренелер боюнча 10 жылга эмгек-түзөтүү лагерине өкүм кылынган. "
    "1958-жылы 1-июлунда акталган."
)
LIST = (
    "СПИСОК лиц, осужденных тройкой НКВД Киргизской ССР 15 октября 1937 г.\n"
    "1. АСАНОВ Токтогул, 1895 г. р., с. Нарын, киргиз, единоличник, арестован 02.09.37, "
    "ст. 58-10 УК РСФСР, ВМН.\n"
    "2. ПЕТРОВА Анна Ивановна, 1901 г. р., г. Фрунзе, русская, учительница, арестована "
    "05.09.1937, ст. 58-11 УК РСФСР, 10 лет ИТЛ.\n"
)
PROTOCOL = (
    "ВЫПИСКА ИЗ ПРОТОКОЛА № 12\nзаседания Тройки при НКВД Киргизской ССР от 5 ноября "
    "1937 г.\nСЛУШАЛИ:\n1. Дело № 101 по обвинению СУЛТАНБЕКОВА Жапара, 1893 г.р., "
    "уроженца с. Талас, арестованного 10.10.1937, по ст. 58-10 УК РСФСР.\n"
    "2. Дело № 102 по обвинению ОРОЗОВОЙ Гүлүмкан, 1900 г.р., уроженки с. Талас, "
    "арестованной 11.10.1937, по ст. 58-11 УК РСФСР.\nПОСТАНОВИЛИ: СУЛТАНБЕКОВА Жапара "
    "— расстрелять. ОРОЗОВУ Гүлүмкан — заключить в ИТЛ сроком на 10 лет."
)


SHORT = (
    "Исаков Шабдан (1874, г. Ош) — киргиз, единоличник. Арестован 10.11.1937 г. Тройкой "
    "НКВД Кирг. ССР 25.11.1937 г. приговорен к расстрелу. Расстрелян 30.11.1937 г. "
    "Реабилитирован 4.12.1959 г."
)
KY_SHORT = (
    "ИСАКОВ Шабдан (1874-ж.т.), Ош шаары, жеке чарба. 1937-ж. 10-ноябрда камакка "
    "алынган. НКВДнын үчтүгүнүн чечими менен 1937-ж. 25-ноябрда атууга өкүм кылынган. "
    "1937-ж. 30-ноябрда атылган. 1959-ж. 4-декабрда акталган."
)
ANNULLED = (
    "Справка о реабилитации. Гр. Исаков Шабдан, 1874 г. рождения, уроженец г. Ош, был "
    "арестован 10 ноября 1937 года и постановлением тройки НКВД Киргизской ССР от 25 "
    "ноября 1937 года осужден к высшей мере наказания. Постановлением Президиума "
    "Верховного суда Киргизской ССР от 4 декабря 1959 года постановление тройки "
    "отменено и дело прекращено за отсутствием состава преступления. Исаков Ш. "
    "реабилитирован."
)
SHAPES = {
    "surname": "Исаков",
    "given": "Шабдан",
    "birth_year": 1874,
    "birthplace": "г. Ош",
    "arrest_date": "1937-11-10",
    "sentence_date": "1937-11-25",
    "sentenced_by": "тройка НКВД Киргизской ССР",
    "sentence": "death",
    "rehabilitation_date": "1959-12-04",
}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (SHORT, "ru", SHAPES | {"occupation": "единоличник", "execution_date": "1937-11-30"}),
        (KY_SHORT, "ky", SHAPES | {"occupation": "жеке чарба", "execution_date": "1937-11-30"}),
        (ANNULLED, "ru", SHAPES | {"rehabilitated_by": "Верховный суд Киргизской ССР"}),
    ],
    ids=["short-entry", "kyrgyz-short", "annulment"],
)
def test_other_wordings(text: str, lang: str, expected: dict[str, Any]) -> None:
    (person,) = extract_persons(text, lang)
    assert {k: v for k, v in person.facts.as_dict().items() if v is not None} == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            BOOK,
            "ru",
            [
                {
                    "surname": "Токтосунов",
                    "given": "Бекбол",
                    "patronymic": "Алымович",
                    "birth_year": 1899,
                    "birthplace": "с. Нарын",
                    "occupation": "заведующий отделом",
                    "arrest_date": "1937-10-02",
                    "sentence_date": "1937-11-05",
                    "sentenced_by": "тройка НКВД Киргизской ССР",
                    "charge": ["58-2", "58-7"],
                    "sentence": "death",
                    "execution_date": "1937-11-06",
                    "rehabilitation_date": "1958-06-14",
                    "rehabilitated_by": "Верховный суд Киргизской ССР",
                }
            ],
        ),
        (
            CERT,
            "ru",
            [
                {
                    "surname": "Абдыкадырова",
                    "given": "Сабира",
                    "birth_year": 1905,
                    "birthplace": "г. Талас",
                    "occupation": "учительница",
                    "arrest_date": "1938-02-03",
                    "sentence_date": "1938-04-10",
                    "sentenced_by": "Особое совещание при НКВД СССР",
                    "charge": ["58-10"],
                    "sentence": "camp",
                    "camp_years": 5,
                    "rehabilitation_date": "1989-05-22",
                    "rehabilitated_by": "прокуратура Киргизской ССР",
                }
            ],
        ),
        (
            KY,
            "ky",
            [
                {
                    "surname": "Бекназаров",
                    "given": "Жапар",
                    "father": "Бекназар",
                    "birth_year": 1890,
                    "birthplace": "с. Ат-Баши",
                    "occupation": "молдо",
                    "arrest_date": "1938-02-03",
                    "sentence_date": "1938-03-09",
                    "sentenced_by": "Особое совещание при НКВД СССР",
                    "charge": ["58-10"],
                    "sentence": "camp",
                    "camp_years": 10,
                    "rehabilitation_date": "1958-07-01",
                }
            ],
        ),
        (
            LIST,
            "ru",
            [
                {
                    "surname": "Асанов",
                    "given": "Токтогул",
                    "birth_year": 1895,
                    "birthplace": "с. Нарын",
                    "occupation": "единоличник",
                    "arrest_date": "1937-09-02",
                    "sentence_date": "1937-10-15",
                    "sentenced_by": "тройка НКВД Киргизской ССР",
                    "charge": ["58-10"],
                    "sentence": "death",
                },
                {
                    "surname": "Петрова",
                    "given": "Анна",
                    "patronymic": "Ивановна",
                    "birth_year": 1901,
                    "birthplace": "г. Фрунзе",
                    "occupation": "учительница",
                    "arrest_date": "1937-09-05",
                    "sentence_date": "1937-10-15",
                    "sentenced_by": "тройка НКВД Киргизской ССР",
                    "charge": ["58-11"],
                    "sentence": "camp",
                    "camp_years": 10,
                },
            ],
        ),
        (
            PROTOCOL,
            "ru",
            [
                {
                    "surname": "Султанбеков",
                    "given": "Жапар",
                    "birth_year": 1893,
                    "birthplace": "с. Талас",
                    "arrest_date": "1937-10-10",
                    "sentence_date": "1937-11-05",
                    "sentenced_by": "тройка НКВД Киргизской ССР",
                    "charge": ["58-10"],
                    "sentence": "death",
                },
                {
                    "surname": "Орозова",
                    "given": "Гүлүмкан",
                    "birth_year": 1900,
                    "birthplace": "с. Талас",
                    "arrest_date": "1937-10-11",
                    "sentence_date": "1937-11-05",
                    "sentenced_by": "тройка НКВД Киргизской ССР",
                    "charge": ["58-11"],
                    "sentence": "camp",
                    "camp_years": 10,
                },
            ],
        ),
    ],
    ids=["book", "certificate", "kyrgyz", "list", "protocol-two-persons"],
)
def test_extracts_every_stated_field(text: str, lang: str, expected: list[dict[str, Any]]) -> None:
    got = [
        {k: v for k, v in e.facts.as_dict().items() if v is not None}
        for e in extract_persons(text, lang)
    ]
    assert got == expected


TABLE = (
    "№ | ФИО | год рожд. | место рождения | дата ареста | статья | приговор\n"
    "1 | Асанов Токтогул | 1895 | с. Нарын | 02.09.1937 | 58-10 | ВМН\n"
    "2 | Бекова Айша | 1901 | г. Ош | 05.09.1937 | 58-11 | 8 лет ИТЛ\n"
)
NAME_LINES = (
    "Асанов Токтогул, 1895, с. Нарын, арестован 02.09.1937, осужден ОСО 10.12.1937, "
    "ВМН.\n"
    "Бекова Айша, 1901, г. Ош, арестована 05.09.1937, осуждена ОСО 10.12.1937, "
    "8 лет ИТЛ.\n"
)
ROW_A = {
    "surname": "Асанов",
    "given": "Токтогул",
    "birth_year": 1895,
    "birthplace": "с. Нарын",
    "arrest_date": "1937-09-02",
    "sentence": "death",
}
ROW_B = {
    "surname": "Бекова",
    "given": "Айша",
    "birth_year": 1901,
    "birthplace": "г. Ош",
    "arrest_date": "1937-09-05",
    "sentence": "camp",
    "camp_years": 8,
}
OSO = {"sentence_date": "1937-12-10", "sentenced_by": "Особое совещание при НКВД СССР"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TABLE, [ROW_A | {"charge": ["58-10"]}, ROW_B | {"charge": ["58-11"]}]),
        (NAME_LINES, [ROW_A | OSO, ROW_B | OSO]),
    ],
    ids=["table-with-titles", "unnumbered-name-lines"],
)
def test_lists_one_person_per_row(text: str, expected: list[dict[str, Any]]) -> None:
    got = [
        {k: v for k, v in e.facts.as_dict().items() if v is not None}
        for e in extract_persons(text, "ru")
    ]
    assert got == expected


def test_spans_point_at_the_source_words() -> None:
    (person,) = extract_persons(BOOK, "ru")
    spans = {s.field: BOOK[s.start : s.end] for s in person.facts.spans}
    assert spans["name"] == "ТОКТОСУНОВ Бекбол Алымович"
    assert spans["arrest_date"].startswith("2 октября 1937")
    assert spans["rehabilitated_by"] == "Верховным судом Киргизской ССР"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Протокол заседания бюро райкома от 12.03.1937 г.",
        "1937 г. 12 августа",
        "ст. 58-10 УК РСФСР",
        "Ы" * 5000,
        "1." * 3000,
    ],
)
def test_texts_without_a_person_give_nothing(text: str) -> None:
    assert extract_persons(text) == []
