"""What every demo court decision needs: a court, a bench, a case number and personal data.

The personal data (ПИН, addresses, phones, dates of birth) are invented but shaped like the
real ones, because the depersonification stage must find and remove them.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from ingest.demo.lang import random_date
from ingest.demo.people import People, Person


@dataclass(frozen=True, slots=True)
class Court:
    name: str  # nominative, Russian
    name_ky: str
    city: str
    city_ky: str
    appeal: str  # accusative (= nominative), Russian
    appeal_ky: str  # dative
    district: str  # genitive, for «прокурор ... района»
    district_ky: str


COURTS = (
    Court(
        "Первомайский районный суд города Бишкек",
        "Бишкек шаарынын Биринчи май райондук соту",
        "город Бишкек",
        "Бишкек шаары",
        "Бишкекский городской суд",
        "Бишкек шаардык сотуна",
        "Первомайского района города Бишкек",
        "Бишкек шаарынын Биринчи май районунун",
    ),
    Court(
        "Октябрьский районный суд города Бишкек",
        "Бишкек шаарынын Октябрь райондук соту",
        "город Бишкек",
        "Бишкек шаары",
        "Бишкекский городской суд",
        "Бишкек шаардык сотуна",
        "Октябрьского района города Бишкек",
        "Бишкек шаарынын Октябрь районунун",
    ),
    Court(
        "Свердловский районный суд города Бишкек",
        "Бишкек шаарынын Свердлов райондук соту",
        "город Бишкек",
        "Бишкек шаары",
        "Бишкекский городской суд",
        "Бишкек шаардык сотуна",
        "Свердловского района города Бишкек",
        "Бишкек шаарынын Свердлов районунун",
    ),
    Court(
        "Ошский городской суд",
        "Ош шаардык соту",
        "город Ош",
        "Ош шаары",
        "Ошский областной суд",
        "Ош облустук сотуна",
        "города Ош",
        "Ош шаарынын",
    ),
    Court(
        "Аламудунский районный суд Чуйской области",
        "Чүй облусунун Аламүдүн райондук соту",
        "село Лебединовка",
        "Лебединовка айылы",
        "Чуйский областной суд",
        "Чүй облустук сотуна",
        "Аламудунского района",
        "Аламүдүн районунун",
    ),
    Court(
        "Кара-Суйский районный суд Ошской области",
        "Ош облусунун Кара-Суу райондук соту",
        "город Кара-Суу",
        "Кара-Суу шаары",
        "Ошский областной суд",
        "Ош облустук сотуна",
        "Кара-Суйского района",
        "Кара-Суу районунун",
    ),
)
ADMIN_COURT = Court(
    "Межрайонный суд города Бишкек",
    "Бишкек шаарынын райондор аралык соту",
    "город Бишкек",
    "Бишкек шаары",
    "Бишкекский городской суд",
    "Бишкек шаардык сотуна",
    "города Бишкек",
    "Бишкек шаарынын",
)

STREETS = (
    ("Ахунбаева", "Ахунбаев"),
    ("Токтогула", "Токтогул"),
    ("Киевская", "Киев"),
    ("Московская", "Москва"),
    ("Жибек Жолу", "Жибек Жолу"),
    ("Боконбаева", "Боконбаев"),
    ("Ленина", "Ленин"),
    ("Курманжан Датки", "Курманжан Датка"),
    ("Масалиева", "Масалиев"),
    ("Раззакова", "Раззаков"),
)
VILLAGES = (
    ("села Кара-Жыгач Аламудунского района", "Аламүдүн районунун Кара-Жыгач айылында"),
    ("города Токмок", "Токмок шаарында"),
    ("села Ак-Суу Иссык-Кульской области", "Ысык-Көл облусунун Ак-Суу айылында"),
    ("города Джалал-Абад", "Жалал-Абад шаарында"),
    ("села Кочкор Нарынской области", "Нарын облусунун Кочкор айылында"),
)
PHONES_BRANDS = ("Samsung Galaxy A54", "iPhone 12", "Redmi Note 11", "Honor X8")


@dataclass(frozen=True, slots=True)
class Party:
    """A private person with the personal data a decision states about them."""

    person: Person
    born: datetime.date
    birthplace: str
    birthplace_ky: str
    address: str
    address_ky: str
    pin: str
    phone: str


@dataclass(frozen=True, slots=True)
class Bench:
    court: Court
    judge: Person
    clerk: Person
    case_no: str


def make_party(
    rng: random.Random,
    people: People,
    court: Court,
    *,
    female: bool | None = None,
    origin: str = "ky",
) -> Party:
    person = people.person(female=female, origin=origin)
    born = random_date(rng.random(), datetime.date(1968, 1, 1), datetime.date(2003, 12, 31))
    place, place_ky = rng.choice(VILLAGES)
    street, street_ky = rng.choice(STREETS)
    house, flat = rng.randint(2, 180), rng.randint(1, 96)
    address = f"{court.city}, ул. {street}, д. {house}, кв. {flat}"
    address_ky = f"{court.city_ky}, {street_ky} көчөсү, {house}-үй, {flat}-батир"
    pin = f"{1 if person.female else 2}{born:%d%m%Y}{rng.randint(0, 99999):05d}"
    phone = (
        f"+996 ({rng.choice(('555', '700', '772', '505'))}) {rng.randint(10, 99)}-"
        f"{rng.randint(10, 99)}-{rng.randint(10, 99)}"
    )
    return Party(person, born, place, place_ky, address, address_ky, pin, phone)


def make_bench(
    rng: random.Random, people: People, court: Court, prefix: str, date: datetime.date
) -> Bench:
    judge = people.person()
    clerk = people.person(female=True)
    case_no = f"{prefix}-{rng.randint(12, 1890)}/{date.year % 100:02d}"
    return Bench(court, judge, clerk, case_no)


def decision_date(rng: random.Random) -> datetime.date:
    """Decisions of 2018–2025, none on a weekend (courts do not sit then)."""
    d = random_date(rng.random(), datetime.date(2018, 1, 15), datetime.date(2025, 6, 30))
    while d.weekday() >= 5:
        d -= datetime.timedelta(days=1)
    return d


def days_before(rng: random.Random, d: datetime.date, lo: int, hi: int) -> datetime.date:
    return d - datetime.timedelta(days=rng.randint(lo, hi))
