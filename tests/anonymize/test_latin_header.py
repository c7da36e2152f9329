"""Latin-script names, their reading back into Cyrillic, names in lists, and the portal
card header."""

from __future__ import annotations

import pytest

from anonymize import anonymize_text
from anonymize.recognizers.person_latin import PersonLatinRecognizer
from anonymize.recognizers.person_list import PersonListRecognizer
from anonymize.recognizers.portal_header import PortalHeaderRecognizer
from anonymize.transliteration import to_cyrillic, variants

LATIN_CASES = [
    ("Потерпевший Asanov Bakyt (Асанов Бакыт) пояснил", ["Asanov Bakyt"]),
    ("подписал Ulugbek uulu Azhymukhamed", ["Ulugbek uulu Azhymukhamed"]),
    ("Свидетель ZHUMABAEVA AIGUL, паспорт", ["ZHUMABAEVA AIGUL"]),
    ("по доверенности B.K. Asanov и Toktogulova A.", ["B.K. Asanov", "Toktogulova A."]),
    ("фотограф Билал Хассеин (Bilal Hussein) и", ["Bilal Hussein"]),
    ("ОАО «Bishkek Capital Bank», ул. Ala-Too Street", []),
    ("e-mail r.ismailov@mail.kz, номер 01KG123ABC", []),
]


@pytest.mark.parametrize(("text", "expected"), LATIN_CASES)
def test_person_latin(found, text, expected):
    assert found(PersonLatinRecognizer, text) == expected


TRANSLIT_CASES = [
    ("Asanov Bakyt", "Асанов Бакыт"),
    ("Azhymukhamed", "Ажымухамед"),
    ("Jumabaeva", "Жумабаева"),
    ("Aibek", "Айбек"),
    ("Chyngyz", "Чынгыз"),
    ("Kydyraliev", "Кыдыралиев"),
    ("Shcherbakov", "Щербаков"),
    ("Асанов", "Асанов"),  # Cyrillic stays
]


@pytest.mark.parametrize(("latin", "cyrillic"), TRANSLIT_CASES)
def test_to_cyrillic(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


def test_initial_e_reads_both_ways():
    assert variants("Ermek") == ("Ермек", "Эрмек")


HEADER_CASES = [
    ("Деперсонифицированные данные\nРЕШЕНИЕ", ["Деперсонифицированные"]),
    (
        "Деперсонифицированный судебный акт\nНомер дела: УД-1/23",
        ["Деперсонифицированный", "Номер дела"],
    ),
    (
        "Деперсонификацияланган сот актысы\nИштин номери: 1-245/24",
        ["Деперсонификацияланган", "Иштин номери"],
    ),
    ("Дата документа: 14.03.2023\nСудья: Асанова Г.К.", ["Дата документа"]),
]


@pytest.mark.parametrize(("text", "expected"), HEADER_CASES)
def test_portal_header(found, text, expected):
    assert found(PortalHeaderRecognizer, text) == expected


@pytest.mark.parametrize(
    "header",
    [
        "Деперсонифицированные данные",
        "ДЕПЕРСОНИФИЦИРОВАННЫЙ АКТ",
        "Деперсонификацияланган сот актысы",
    ],
)
def test_header_is_never_a_person(header):
    text = f"{header}\nПодсудимый Асанов Бакыт вину признал."
    result = anonymize_text(text)
    assert result.text.startswith(header)
    assert "Асанов" not in result.text


LIST_CASES = [
    (
        "Максим Туров (2539), Игорь Курносов (2526), Сергей Искусных (2510)",
        ["Максим Туров", "Игорь Курносов", "Сергей Искусных"],
    ),
    (
        "Азию представляют:\n\n• Тору Камикава (Япония) • Сергей Шилд (Австралия)\n\n"
        "Африку:\n\n• Коффи Коджа (Бенин) • Валентин Иванов (Россия)",
        ["Тору Камикава", "Сергей Шилд", "Коффи Коджа", "Валентин Иванов"],
    ),
    # a list of courts or places has the shape but no first names
    ("Ленинский Районный (Бишкек), Октябрьский Районный (Ош), Первомайский Суд (Чуй)", []),
    ("Кара Балта (Чуй), Ак Суу (Иссык-Куль), Жаңы Жер (Ош)", []),
]


@pytest.mark.parametrize(("text", "expected"), LIST_CASES)
def test_person_list(found, text, expected):
    assert found(PersonListRecognizer, text) == expected
