"""Controlled vocabularies: sentencing and rehabilitating bodies, settlements, nationalities.

A body is stored by its Russian canonical name (what the registry shows and the eval file
uses) and found by stem patterns of its Russian and Kyrgyz names in any grammatical case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class BodyKind(StrEnum):
    EXTRAJUDICIAL = "extrajudicial"
    COURT = "court"
    PROSECUTOR = "prosecutor"


@dataclass(frozen=True, slots=True)
class Body:
    code: str
    ru: str
    ky: str
    kind: BodyKind
    pattern: re.Pattern[str]


def _p(rx: str) -> re.Pattern[str]:
    return re.compile(rx, re.IGNORECASE)


# Order matters: a longer name that contains a shorter one comes first («Военная коллегия
# Верховного суда СССР» before «Верховный суд»).
BODIES: tuple[Body, ...] = (
    Body(
        "vkvs",
        "Военная коллегия Верховного суда СССР",
        "СССР Жогорку сотунун Аскер коллегиясы",
        BodyKind.COURT,
        _p(
            r"Военн\w{0,4}\s+коллеги\w{0,4}(?:\s+Верховн\w{0,4}\s+суда?\s+(?:СССР|Союза\s+ССР))?"
            r"|(?:СССР\s+Жогорку\s+сот\w{0,6}\s+)?Аскер(?:ий)?\s+коллегия\w{0,8}|ВКВС\s+СССР"
        ),
    ),
    Body(
        "oso",
        "Особое совещание при НКВД СССР",
        "НКВДнын Өзгөчө кеңешмеси",
        BodyKind.EXTRAJUDICIAL,
        _p(
            r"Особ\w{0,4}\s+совещани\w{0,3}(?:\s+при\s+(?:НКВД|МГБ|МВД|ОГПУ)(?:\s+СССР)?)?"
            r"|(?:(?:НКВД|МГБ|ОГПУ)\w{0,4}\s+)?Өзгөчө\s+кеңешме\w{0,8}|\bОСО\b"
        ),
    ),
    Body(
        "troika",
        "тройка НКВД Киргизской ССР",
        "НКВДнын үчтүгү",
        BodyKind.EXTRAJUDICIAL,
        _p(
            r"(?:особ\w{0,3}\s+)?тройк\w{0,3}(?:\s+(?:при\s+)?(?:У?НКВД|ПП\s+ОГПУ|ОГПУ)"
            r"(?:\s+(?:Киргизской|Кирг\.?)\s+(?:ССР|АССР)|\s+по\s+Киргиз\w{0,4}(?:\s+ССР)?)?)?"
            r"|(?:НКВД\w{0,4}\s+)?үчтүг\w{0,8}"
        ),
    ),
    Body(
        "vs_kirssr",
        "Верховный суд Киргизской ССР",
        "Кыргыз ССРинин Жогорку соту",
        BodyKind.COURT,
        _p(
            r"Верховн\w{0,4}\s+суд\w{0,3}\s+(?:Киргизской|Кирг\.?)\s+(?:ССР|АССР)"
            r"|(?:Кыргыз\s+ССР\w{0,6}\s+)?Жогорку\s+сот\w{0,6}"
        ),
    ),
    Body(
        "prok_kirssr",
        "прокуратура Киргизской ССР",
        "Кыргыз ССРинин прокуратурасы",
        BodyKind.PROSECUTOR,
        _p(
            r"прокуратур\w{0,3}\s+(?:Киргизской|Кирг\.?)\s+(?:ССР|АССР)"
            r"|(?:Кыргыз\s+ССР\w{0,6}\s+)?прокуратура\w{0,8}"
            r"|прокурор\w{0,3}\s+(?:Киргизской|Кирг\.?)\s+(?:ССР|АССР)"
        ),
    ),
)
BODY_BY_NAME: dict[str, Body] = {b.ru: b for b in BODIES}


@dataclass(frozen=True, slots=True)
class BodyHit:
    body: Body
    start: int
    end: int


def find_bodies(text: str) -> list[BodyHit]:
    """Every body named in ``text``, left to right, without overlaps (first pattern wins)."""
    hits: list[BodyHit] = []
    taken: list[tuple[int, int]] = []
    for body in BODIES:
        for m in body.pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            hits.append(BodyHit(body, m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


# Kyrgyz (and older Russian) names of settlements → the Russian name the registry uses.
SETTLEMENTS_KY_RU: dict[str, str] = {
    "Ат-Башы": "Ат-Баши",
    "Кочкор": "Кочкорка",
    "Токмок": "Токмак",
    "Каракол": "Каракол",
    "Нарын": "Нарын",
    "Талас": "Талас",
    "Ош": "Ош",
    "Жалал-Абад": "Джалал-Абад",
    "Өзгөн": "Узген",
    "Кара-Суу": "Кара-Суу",
    "Балыкчы": "Рыбачье",
    "Бишкек": "Фрунзе",
    "Кемин": "Кемин",
    "Чолпон-Ата": "Чолпон-Ата",
    "Сузак": "Сузак",
    "Базар-Коргон": "Базар-Курган",
    "Кара-Балта": "Кара-Балта",
    "Баткен": "Баткен",
    "Тоң": "Тон",
    "Түп": "Тюп",
    "Ак-Суу": "Ак-Су",
    "Жумгал": "Джумгал",
    "Аксы": "Аксы",
    "Кызыл-Кыя": "Кызыл-Кия",
    "Ноокат": "Наукат",
    "Алай": "Алай",
    "Чаткал": "Чаткал",
    "Ысык-Ата": "Иссык-Ата",
    "Кант": "Кант",
    "Беловодское": "Беловодское",
}

NATIONALITIES: tuple[str, ...] = (
    "киргиз",
    "киргизка",
    "кыргыз",
    "кыргызка",
    "русский",
    "русская",
    "казах",
    "казашка",
    "узбек",
    "узбечка",
    "украинец",
    "украинка",
    "татарин",
    "татарка",
    "дунганин",
    "дунганка",
    "уйгур",
    "уйгурка",
    "немец",
    "немка",
    "поляк",
    "полька",
    "еврей",
    "еврейка",
    "белорус",
    "белоруска",
    "таджик",
    "таджичка",
    "кореец",
    "кореянка",
    "мордвин",
    "мордовка",
    "чуваш",
    "чувашка",
    "армянин",
    "армянка",
    "грузин",
    "грузинка",
    "калмык",
    "калмычка",
    "латыш",
    "латышка",
    "литовец",
    "литовка",
    "эстонец",
    "эстонка",
    "турок",
    "туркмен",
    "туркменка",
)
FEMALE_NATIONALITIES = frozenset(
    n for n in NATIONALITIES if n.endswith(("ка", "ая", "ьда")) and n not in {"калмык"}
)
