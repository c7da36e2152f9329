"""One table per person recognizer. Names here are invented and differ from the dev set."""

from __future__ import annotations

import pytest

from anonymize.recognizers.natasha_person import NatashaPersonRecognizer
from anonymize.recognizers.person_caps import PersonCapsRecognizer
from anonymize.recognizers.person_context import PersonContextRecognizer
from anonymize.recognizers.person_first_name import PersonFirstNameRecognizer
from anonymize.recognizers.person_full_name import PersonFullNameRecognizer
from anonymize.recognizers.person_initials import PersonInitialsRecognizer
from anonymize.recognizers.person_kyrgyz import PersonKyrgyzRecognizer

INITIALS_CASES = [
    ("Подсудимый Темиров К.А. вину признал", ["Темиров К.А."]),
    ("при секретаре Бакировой Н., с участием", ["Бакировой Н."]),
    ("Признать К.А. Темирова виновным", ["К.А. Темирова"]),
    ("Понятые Орозов Т. и Мороз Н. подтвердили", ["Орозов Т.", "Мороз Н."]),
    ("М.Т. Сейитбековдун аракеттери", ["М.Т. Сейитбековдун"]),
    ("Судья                 А.Т. Бекова", ["А.Т. Бекова"]),
    ("Защитник Ыдырысов Р.А. Темиров вину признал", ["Ыдырысов Р.А."]),  # initials close a name
    ("Судья А.Т. Бекова", ["А.Т. Бекова"]),  # «Судья» is a role, not a surname
    ("судей Ни Т.П., Пак Е.В. и Ли Д.В.", ["Ни Т.П.", "Пак Е.В.", "Ли Д.В."]),  # Korean surnames
    ("Но Асанов Б.К. не явился", ["Асанов Б.К."]),
    ("по иску Святославовой Л.Р. к ОАО", ["Святославовой Л.Р."]),
    ("Потерпевшая Б.К. Сатарова и ОсОО", ["Б.К. Сатарова"]),
    ("ст. 168 УК КР. Суд установил", []),
    ("т. 2, л.д. 45", []),
]


@pytest.mark.parametrize(("text", "expected"), INITIALS_CASES)
def test_person_initials(found, text, expected):
    assert found(PersonInitialsRecognizer, text) == expected


FULL_NAME_CASES = [
    ("в отношении Темирова Канатбека Алмазбековича, 1990", ["Темирова Канатбека Алмазбековича"]),
    (
        "потерпевшей Сатаровой Бурулкан Токтогуловны, рассмотрев",
        ["Сатаровой Бурулкан Токтогуловны"],
    ),
    ("доогер Садыкова Жаркынай Мелисовнанын жоопкер", ["Садыкова Жаркынай Мелисовнанын"]),
    ("Свидетель Роза Ильинична показала", ["Роза Ильинична"]),  # a first name that is a word
    ("Бакиеву Улану Асановичу о расторжении", ["Бакиеву Улану Асановичу"]),  # `улан` is a noun too
    ("от граждан Орозбаевой Айзады и Мамытова Талгата", ["Орозбаевой Айзады", "Мамытова Талгата"]),
    ("Гайдамака Виталия Олеговича меру", ["Гайдамака Виталия Олеговича"]),
    # surnames pymorphy reads as possessive adjectives, a first name that is also a word
    ("потерпевшей Соломоновой Татьяны Анваревны, рассмотрев", ["Соломоновой Татьяны Анваревны"]),
    ("Күбө Арсиков Канат, доогердин атасы", ["Арсиков Канат"]),
    ("Кыргызской Республики о нарушениях", []),
    ("Верховного суда Кыргызской Республики", []),
    ("ОсОО «Токмок Кирпич» машинистом", []),
    # the Russian order without a patronymic, a surname made like an adjective
    ("архиепископ Лонгин Клинский провёл", ["Лонгин Клинский"]),
    ("уроженца с. Кара-Суу Ошской области", []),  # a birthplace, not a name
]


@pytest.mark.parametrize(("text", "expected"), FULL_NAME_CASES)
def test_person_full_name(found, text, expected):
    assert found(PersonFullNameRecognizer, text) == expected


KYRGYZ_CASES = [
    ("айыпталуучу Сапарбек уулу Нурсултан, жабырлануучу", ["Сапарбек уулу Нурсултан"]),
    ("Сапарбек уулу Нурсултанга карата", ["Сапарбек уулу Нурсултанга"]),
    ("Подсудимый Жолдошбек уулу Э. вину признал", ["Жолдошбек уулу Э."]),
    ("Соседка Асан кызы Гүлмира вызвала", ["Асан кызы Гүлмира"]),
    ("Мамедов Эльдар Магомед оглы", ["Эльдар Магомед оглы"]),
    ("анын уулу Бекназардын ооруусу", []),  # «уулу» here means «his son»: the context rule
    ("Сот А. Улугбек уулуну күнөөлүү деп тапты", ["А. Улугбек уулуну"]),
    ("пояснил, что А. Улугбек уулу ранее не судим", ["А. Улугбек уулу"]),
]


@pytest.mark.parametrize(("text", "expected"), KYRGYZ_CASES)
def test_person_kyrgyz(found, text, expected):
    assert found(PersonKyrgyzRecognizer, text) == expected


CAPS_CASES = [
    ("В ОТНОШЕНИИ ТЕМИРОВА КАНАТБЕКА АЛМАЗБЕКОВИЧА, 1990", ["ТЕМИРОВА КАНАТБЕКА АЛМАЗБЕКОВИЧА"]),
    ("ПРИГОВОРИЛ: ТЕМИРОВА К.А. признать виновным", ["ТЕМИРОВА К.А."]),
    ("Потерпевшая НУРБЕК КЫЗЫ АЙГЕРИМ претензий не имеет", ["НУРБЕК КЫЗЫ АЙГЕРИМ"]),
    ("ПРИГОВОР ИМЕНЕМ КЫРГЫЗСКОЙ РЕСПУБЛИКИ", []),
    ("за больной дочерью АЛИЕЙ, о чем", ["АЛИЕЙ"]),
    ("анын кызы АЙПЕРИНИН туулган күнүнө", ["АЙПЕРИНИН"]),
    ("УСТАНОВИЛ: Темиров К.А. вину признал", []),  # title case is the other recognizers' job
]


@pytest.mark.parametrize(("text", "expected"), CAPS_CASES)
def test_person_caps(found, text, expected):
    assert found(PersonCapsRecognizer, text) == expected


CONTEXT_CASES = [
    ("Подсудимый Ли показал, что", ["Ли"]),
    ("ее дочь Эльмира сообщила", ["Эльмира"]),
    ("сына Нурболота, 2014 г.р., и дочь Айсулуу, 2017 года рождения", ["Нурболота", "Айсулуу"]),
    ("Малолетний сын супругов Байтур допрошен", ["Байтур"]),
    ("анын карындашы Мээримди жана курбусу Назиктү сабаган", ["Мээримди", "Назиктү"]),
    ("анын уулу Бекназардын ооруусу", ["Бекназардын"]),
    ("Нурислам аттуу уулу бар", ["Нурислам"]),
    ("шакек апасы Абдумалик эстелиги", ["Абдумалик"]),
    ("Представитель ответчика Управления ГНС иск не признал", []),
    ("утратила веру в порядочность", []),
    ("гражданина Кыргызской Республики", []),
]


@pytest.mark.parametrize(("text", "expected"), CONTEXT_CASES)
def test_person_context(found, text, expected):
    assert found(PersonContextRecognizer, text) == expected


NATASHA_CASES = [
    (
        "Свидетель Вера Николаевна показала, что Игорь долго не приходил в сознание.",
        ["Вера Николаевна", "Игорь"],
    ),
    (
        "Потерпевшая Шайдуллина Р.К. в суд не явилась; ее дочь Эльвира сообщила.",
        ["Шайдуллина Р.К.", "Эльвира"],
    ),
    ("Айыпталуучу Нурбек уулу Азамат күнөөсүн толук мойнуна алды.", ["Нурбек уулу Азамат"]),
    ("находясь в помещении кафе по ул. Токтогула, похитил", []),
    # foreign and Latin-script names natasha tags stay whole
    (
        "оператор Аль-Джазиры Сами аль-Хадж (Sami al-Haj) находится в тюрьме",
        ["Сами аль-Хадж", "Sami al-Haj"],
    ),
    ("лидер Национального фронта Марин Ле Пен, сообщает РИА", ["Марин Ле Пен"]),
    ("советник руководителя Артур Гороховский заявил", ["Артур Гороховский"]),
    # a common word glued before initials goes; the header word is no person
    ("Действия А.Ю. Ташполотова правильно квалифицированы", ["А.Ю. Ташполотова"]),
]


@pytest.mark.parametrize(("text", "expected"), NATASHA_CASES)
def test_natasha_person(found, text, expected):
    assert found(NatashaPersonRecognizer, text) == expected


FIRST_NAME_CASES = [
    ("Күбө катары Бекзат жана Жылдыз суракка алынды.", ["Бекзат", "Жылдыз"]),
    ("Жалал-Абад облусунун Сузак районунан Мээрим келди.", ["Мээрим"]),
    ("Со слов Марины, деньги взял Тимур.", ["Марины", "Тимур"]),
    ("Нарын облусунан келген жүк Манас аэропортунда", []),  # an airport named after Manas
    ("по ул. Токтогула в г. Каракол", []),
    ("Надежда на возврат долга не оправдалась.", []),  # a word opening a sentence
    ("Сот отурумунда Талант окуяны айтып берди.", ["Талант"]),
]


@pytest.mark.parametrize(("text", "expected"), FIRST_NAME_CASES)
def test_person_first_name(found, text, expected):
    assert found(PersonFirstNameRecognizer, text) == expected
