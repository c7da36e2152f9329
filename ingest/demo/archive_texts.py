"""Texts of the typewritten archival documents, 1920–1953, Russian and Kyrgyz.

Contract relied on by the demo README: among all generated texts, the word «трибунала» is
typed only in the 1938 tribunal extract (never «трибунал» or another form of it, so finding
it with the query «трибунал» shows stemming over OCR text), and «суда» is typed in the 1921,
1928 and 1938 documents. No court decision or draft law contains either the stem «трибунал»
or these scans' exact sentences.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from ingest.demo.lang import RU_MONTHS_GEN, ky_date, random_date, ru_count
from ingest.demo.people import Case, People, Person, ru_first_name
from ingest.demo.render import TypedPara


@dataclass(frozen=True, slots=True)
class Cipher:
    """An archival reference: fond, opis, delo and the sheets the item takes."""

    fond: int
    opis: int
    delo: int
    sheet: int
    last_sheet: int | None = None  # an item on several sheets: «л. 104–105»

    def __str__(self) -> str:
        return f"ф. {self.fond}, оп. {self.opis}, д. {self.delo}"

    @property
    def ref(self) -> dict[str, str]:
        """The manifest's fond/opis/delo/list columns."""
        return {
            "fond": str(self.fond),
            "opis": str(self.opis),
            "delo": str(self.delo),
            "list": f"{self.sheet}–{self.last_sheet}" if self.last_sheet else str(self.sheet),
        }


@dataclass(frozen=True, slots=True)
class ArchiveText:
    key: str  # file-name slug
    title: str
    date: datetime.date
    language: str
    paras: tuple[TypedPara, ...]
    cipher: Cipher | None = None


def _c(text: str) -> TypedPara:
    return TypedPara(text, "center")


def _l(text: str) -> TypedPara:
    return TypedPara(text, "left")


def _i(text: str) -> TypedPara:
    return TypedPara(text, "indent")


def _r(text: str) -> TypedPara:
    return TypedPara(text, "right")


_BLANK = TypedPara("", "blank")


def _name(p: Person, case: Case = "nom") -> str:
    """«Жумабаева Токтосуна»: records of the time rarely give a Kyrgyz patronymic."""
    return f"{p.surname_in(case)} {ru_first_name(p.first, case, p.female)}"


def _cipher(rng: random.Random) -> tuple[Cipher, int]:
    sheet = rng.randint(3, 240)
    fond = rng.randint(8, 1600)
    opis = rng.randint(1, 9)
    return Cipher(fond, opis, rng.randint(10, 900), sheet), sheet


def _day(d: datetime.date) -> str:
    return f"{d.day} {RU_MONTHS_GEN[d.month - 1]} {d.year}"


def protocol_1921(rng: random.Random, people: People) -> ArchiveText:
    date = random_date(rng.random(), datetime.date(1920, 9, 1), datetime.date(1922, 12, 20))
    cipher, sheet = _cipher(rng)
    chair, sec = people.person(female=False, origin="ru"), people.person(female=True)
    a, b = people.person(female=False), people.person(female=False, origin="ru")
    head = people.person(female=False, origin="ru")
    paras = (
        _r(f"Л. {sheet}"),
        _c(f"ПРОТОКОЛ № {rng.randint(5, 60)}"),
        _c("заседания Президиума Пишпекского уездного"),
        _c("исполнительного комитета Советов"),
        _c(f"от {_day(date)} г."),
        _BLANK,
        _l(
            f"Присутствовали: председатель {chair.short()}, члены {a.short()}, {b.short()}, "
            f"секретарь {sec.short()}."
        ),
        _l("СЛУШАЛИ:"),
        _i(
            f"1. Доклад заведующего уездным отделом юстиции тов. {head.short('gen')} о работе "
            f"народного суда 2-го участка за истекший квартал."
        ),
        _l("ПОСТАНОВИЛИ:"),
        _i(
            "Доклад принять к сведению. Просить областной отдел юстиции усилить состав "
            "народного суда переводчиком с киргизского языка."
        ),
        _l("СЛУШАЛИ:"),
        _i("2. О заготовке топлива для школ и больниц города Пишпека на зимний период."),
        _l("ПОСТАНОВИЛИ:"),
        _i(
            "Поручить уездному отделу коммунального хозяйства заготовить 300 куб. саженей дров "
            "к 1 октября."
        ),
        _BLANK,
        _l(f"Председатель: {chair.short()}"),
        _l(f"Секретарь: {sec.short()}"),
    )
    title = f"Протокол заседания Президиума Пишпекского уездного исполкома ({cipher}, л. {sheet})"
    return ArchiveText("protokol-uispolkom", title, date, "ru", paras, cipher)


def tribunal_1938(rng: random.Random, people: People) -> ArchiveText:
    date = random_date(rng.random(), datetime.date(1937, 8, 1), datetime.date(1938, 11, 15))
    cipher, sheet = _cipher(rng)
    chair, m1, m2 = (people.person(female=False, origin="ru") for _ in range(3))
    sec = people.person(female=True, origin="ru")
    accused = people.person(female=False)
    born = rng.randint(1885, 1910)
    village = rng.choice(
        (
            "Кочкор Нарынского",
            "Токтогул Кетмень-Тюбинского",
            "Ак-Суу Иссык-Кульского",
            "Кара-Балта Калининского",
        )
    )
    paras = (
        _r(f"Л. {sheet}"),
        _r("СЕКРЕТНО"),
        _c(f"ВЫПИСКА ИЗ ПРОТОКОЛА № {rng.randint(40, 400)}"),
        _c("закрытого судебного заседания военного"),
        _c("трибунала Среднеазиатского военного округа"),
        _c(f"от {_day(date)} года"),
        _BLANK,
        _i(
            f"Выездная сессия военного трибунала в составе председательствующего "
            f"{chair.short('gen')}, членов {m1.short('gen')} и {m2.short('gen')}, при секретаре "
            f"{sec.short('prep')} рассмотрела в городе Фрунзе дело по "
            f"обвинению {_name(accused, 'gen')}, {born} года рождения, уроженца села {village} "
            f"района, колхозника, в преступлении, предусмотренном ст. 58-10 ч. 1 УК РСФСР."
        ),
        _i(
            f"Выслушав показания обвиняемого и свидетелей, заседание военного трибунала "
            f"признало {_name(accused, 'acc')} виновным и"
        ),
        _l("ПРИГОВОРИЛО:"),
        _i(
            f"{_name(accused, 'acc')} лишить свободы сроком на десять лет с поражением в "
            f"правах на пять лет."
        ),
        _i(
            "Приговор может быть обжалован в Военную коллегию Верховного суда Союза ССР в "
            "течение 72 часов."
        ),
        _BLANK,
        _l("Верно: секретарь военного трибунала"),
        _r(sec.signature()),
    )
    title = (
        f"Выписка из протокола закрытого судебного заседания, {date.year} г. ({cipher}, л. {sheet})"
    )
    return ArchiveText("vypiska", title, date, "ru", paras, cipher)


def court_1928(rng: random.Random, people: People) -> ArchiveText:
    date = random_date(rng.random(), datetime.date(1926, 6, 1), datetime.date(1929, 12, 20))
    cipher, sheet = _cipher(rng)
    judge = people.person(female=False, origin="ru")
    a1, a2 = people.person(female=False), people.person(female=True, origin="ru")
    sec = people.person(female=False, origin="ru")
    plaintiff, defendant = people.person(female=False), people.person(female=False)
    paras = (
        _r(f"Л. {sheet}"),
        _l("КОПИЯ"),
        _c("РЕШЕНИЕ"),
        _c("Именем Р.С.Ф.С.Р."),
        _BLANK,
        _i(
            f"{date.year} года, {date.day} {RU_MONTHS_GEN[date.month - 1]} дня, Народный суд "
            f"3-го участка Фрунзенского кантона Киргизской АССР в составе народного судьи "
            f"{judge.short('gen')}, народных заседателей {a1.short('gen')} и {a2.short('gen')}, "
            f"при секретаре {sec.short('prep')}, рассмотрев в открытом судебном заседании дело "
            f"по иску гр. {_name(plaintiff, 'gen')} к гр. {_name(defendant, 'dat')} о взыскании "
            f"120 руб. за проданную лошадь,"
        ),
        _l("УСТАНОВИЛ:"),
        _i(
            "Истец продал ответчику лошадь гнедой масти за 150 руб., из которых ответчик "
            "уплатил лишь 30 руб. Ответчик долг признал, ссылаясь на неурожай."
        ),
        _l("РЕШИЛ:"),
        _i(
            f"Взыскать с гр. {_name(defendant, 'gen')} в пользу гр. {_name(plaintiff, 'gen')} "
            f"120 руб. и судебные издержки 4 руб. 50 коп. Решение может быть обжаловано в "
            f"Главный суд Киргизской АССР в двухнедельный срок."
        ),
        _BLANK,
        _l(f"Народный судья {judge.short()}"),
        _l("Копия решения народного суда верна."),
        _l(f"Секретарь {sec.short()}"),
    )
    title = (
        f"Решение народного суда 3-го участка Фрунзенского кантона, {date.year} г. "
        f"({cipher}, л. {sheet})"
    )
    return ArchiveText("reshenie-narsud", title, date, "ru", paras, cipher)


def kolkhoz_1946(rng: random.Random, people: People) -> ArchiveText:
    year = rng.randint(1946, 1953)  # a winter meeting: it plans the spring sowing
    date = random_date(rng.random(), datetime.date(year, 1, 10), datetime.date(year, 2, 25))
    cipher, sheet = _cipher(rng)
    chair, sec, head = (
        people.person(female=False),
        people.person(female=True),
        people.person(female=False),
    )
    a, b = people.person(female=False), people.person(female=True)
    agro = people.person(female=False, origin="ru")
    d, e = people.person(female=False), people.person(female=True)
    farm = rng.choice(("Ала-Тоо", "Кызыл-Октябрь", "Жаны-Турмуш", "Путь к коммунизму"))
    district = rng.choice(("Кеминского", "Чуйского", "Ивановского", "Кантского"))
    present = rng.randint(70, 90)
    paras = (
        _r(f"Л. {sheet}"),
        _c(f"ПРОТОКОЛ № {rng.randint(2, 20)}"),
        _c("общего собрания членов колхоза"),
        _c(f"«{farm}» {district} района"),
        _c(f"Фрунзенской области от {_day(date)} года"),
        _BLANK,
        _l(
            f"Присутствовало {ru_count(present, 'член', 'члена', 'членов')} колхоза из "
            f"{present + rng.randint(5, 15)}."
        ),
        _l(f"Председатель собрания {chair.short()}, секретарь {sec.short()}."),
        _l("ПОВЕСТКА ДНЯ:"),
        _i(f"1. Отчет правления колхоза о работе за {date.year - 1} год."),
        _i(f"2. О подготовке к весеннему севу {date.year} года."),
        _i("3. Прием в члены колхоза."),
        _l("СЛУШАЛИ:"),
        _i(
            f"1. Отчет председателя правления колхоза тов. {head.short('gen')}, который "
            f"сообщил, что в {date.year - 1} году колхоз засеял "
            f"{ru_count(rng.randint(400, 900), 'гектар', 'гектара', 'гектаров')} зерновых и "
            f"собрал урожай по {rng.randint(7, 12)} центнеров с гектара. План хлебосдачи "
            f"выполнен на {ru_count(rng.randint(101, 112), 'процент', 'процента', 'процентов')}."
        ),
        _i(
            f"В прениях выступили колхозники {a.short()} и {b.short()}, которые указали на "
            f"плохой уход за рабочим скотом и несвоевременный ремонт инвентаря."
        ),
        _l("ПОСТАНОВИЛИ:"),
        _i(
            "Работу правления признать удовлетворительной. Обязать правление к 1 марта "
            "закончить ремонт плугов, борон и сеялок."
        ),
        _l("СЛУШАЛИ:"),
        _i(f"2. Сообщение агронома МТС тов. {agro.short('gen')} о подготовке к весеннему севу."),
        _l("ПОСТАНОВИЛИ:"),
        _i(
            "Засыпать семенной фонд полностью до 15 марта, организовать очистку семян и "
            "проверку их на всхожесть. Закрепить за каждой бригадой рабочий скот."
        ),
        _l("СЛУШАЛИ:"),
        _i(f"3. Заявления {d.short('gen')} и {e.short('gen')} о приеме в члены колхоза."),
        _l("ПОСТАНОВИЛИ:"),
        _i(
            f"Принять {d.short('acc')} и {e.short('acc')} в члены колхоза с наделением "
            f"приусадебным участком."
        ),
        _BLANK,
        _l(f"Председатель собрания {chair.short()}"),
        _l(f"Секретарь {sec.short()}"),
    )
    title = (
        f"Протокол общего собрания членов колхоза «{farm}», {date.year} г. ({cipher}, "
        f"л. {sheet}–{sheet + 1})"
    )
    return ArchiveText(
        "protokol-kolkhoz",
        title,
        date,
        "ru",
        paras,
        dataclasses.replace(cipher, last_sheet=sheet + 1),
    )


def kolkhoz_ky_1943(rng: random.Random, people: People) -> ArchiveText:
    year = rng.randint(1942, 1945)  # war years; the ploughing deadline is 25 March
    date = random_date(rng.random(), datetime.date(year, 1, 10), datetime.date(year, 3, 15))
    cipher, sheet = _cipher(rng)
    chair, sec, head = people.person(female=False), people.person(), people.person(female=False)
    brigadier = people.person(female=False)
    farm = rng.choice(("Кызыл-Туу", "Жаңы-Жол", "Ала-Тоо", "Үч-Коргон"))

    def n(p: Person) -> str:
        return f"{p.surname} {p.first}"

    paras = (
        _r(f"{sheet}-барак"),
        _c(f"«{farm}» колхозунун мүчөлөрүнүн"),
        _c("жалпы чогулушунун"),
        _c(f"ПРОТОКОЛУ № {rng.randint(2, 20)}"),
        _c(ky_date(date)),
        _BLANK,
        _l(f"Катышкандар: {rng.randint(40, 90)} колхозчу."),
        _l(f"Чогулуштун төрагасы: {n(chair)}. Катчы: {n(sec)}."),
        _l("КҮН ТАРТИБИ:"),
        _i("1. Фронтко жардам берүү жөнүндө."),
        _i("2. Жазгы талаа иштерине даярдык жөнүндө."),
        _l("УГУЛДУ:"),
        _i(
            f"Колхоздун башкармасынын төрагасы {n(head)} фронттогу жоокерлерге жылуу кийим "
            f"жана азык-түлүк чогултуу жөнүндө билдирүү жасады."
        ),
        _l("ТОКТОМ КЫЛЫНДЫ:"),
        _i(
            f"1. Фронтко {rng.randint(80, 200)} жуп жүн байпак, {rng.randint(20, 60)} тон жана "
            f"{rng.randint(2, 6)}00 килограмм эт чогултулсун."
        ),
        _i(
            f"2. Үрөндү тазалоо жана жер айдоо 25-мартка чейин бүткөрүлсүн. Бул иш үчүн "
            f"бригадир {n(brigadier)} жооптуу болсун."
        ),
        _BLANK,
        _l(f"Төрага: {n(chair)}"),
        _l(f"Катчы: {n(sec)}"),
    )
    title = (
        f"«{farm}» колхозунун жалпы чогулушунун протоколу, {date.year} ({cipher}, {sheet}-барак)"
    )
    return ArchiveText("protokol-ky", title, date, "ky", paras, cipher)


ArchiveTemplate = Callable[[random.Random, People], ArchiveText]
# (template, output format); the order is the order of files in the manifest.
ARCHIVE_SCHEDULE: tuple[tuple[ArchiveTemplate, str], ...] = (
    (protocol_1921, "png"),
    (tribunal_1938, "png"),
    (court_1928, "pdf"),
    (kolkhoz_1946, "tiff"),
    (kolkhoz_ky_1943, "jpeg"),
)
