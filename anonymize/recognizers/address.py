"""Residence and registration addresses of private persons.

An address is a chain of elements joined by commas or spaces, in Russian (`Чуйская
область, Аламудунский район, с. Васильевка, ул. Токтогула, 14`, `г. Бишкек, мкр. Джал-23,
д. 12, кв. 45`) or Kyrgyz (`Бишкек шаары, Ахунбаев көчөсү, 87-үй, 31-батир`). A chain
counts as an address when it reaches a house or flat number, or when it follows a
residence cue («проживающий в», «зарегистрирован», «жашаган»): a court or police body
«г. Бишкек» alone is never taken. Each element and the chain length are bounded.
"""

from __future__ import annotations

import regex as re

from anonymize.names import LO, UP
from anonymize.recognizers.base import DataRecognizer

_S = r"[ \u00a0]{1,2}"
_OS = r"[ \u00a0]{0,2}"
_W = rf"[{UP}][{LO}]{{1,30}}(?:-[{UP}{LO}0-9][{LO}0-9]{{0,30}}){{0,2}}"
_NAME = rf"{_W}(?:{_S}{_W}){{0,2}}"
_NUMBERED = rf"\d{{1,3}}(?:-[{LO}]{{1,3}})?"
_STREET_NAME = (
    rf"(?:{_NAME}|{_NUMBERED}{_S}{_W}(?:{_S}{_W})?"
    rf"|{_NUMBERED}(?:{_S}линия)?(?![\d/-]))"
)
_NUM = rf"(?:\d{{1,4}}(?:[{LO}](?![{LO}]))?(?:[/-]\d{{1,4}}[{LO}]?)?|б/н)"
_END = rf"(?![{LO}{UP}\w])"
_NOT_DATE = (
    r"(?![ \u00a0]{0,2}(?:год|г\.|сом|жыл|января|февраля|марта|апреля|мая|июня|июля"
    r"|августа|сентября|октября|ноября|декабря|ч\.|час|мин))"
)
_HOUSE_NO = rf"(?:,?{_S}(?:д\.{_OS})?{_NUM}{_NOT_DATE}{_END})?"
_STREET_WORD = (
    r"(?:ул\.|улица|пр\.|пр-т|проспект|пер\.|переулок|бул\.|бульвар|б-р|проезд|тупик"
    r"|шоссе|пл\.)"
)
_MKR_WORD = r"(?:мкр\.|мкр|микрорайон|ж/м|ж\.м\.|жилмассив|жилой[ \u00a0]массив|кв-л|квартал)"

_RU = [
    rf"{_W}{_S}(?:область|области|обл\.)",
    rf"{_W}(?:ский|цкий|ского|ском){_S}(?:район|района|районе|р-н){_END}",
    rf"(?:г\.|гор\.|город){_OS}{_W}",
    rf"(?:с\.|село|п\.|пос\.|поселок|пгт\.?|ст-ца|аил|айыл|айылы){_OS}{_W}",
    rf"{_MKR_WORD}{_OS}(?:{_W}|\d{{1,3}}[{LO}]?){_END}{_HOUSE_NO}",
    rf"\d{{1,3}}{_OS}(?:мкр\.|мкр|микрорайон){_END}",
    rf"{_STREET_WORD}{_OS}(?:им\.{_OS})?{_STREET_NAME}{_HOUSE_NO}",
    rf"(?:д\.|дом[аеу]?){_OS}(?:№{_OS})?{_NUM}{_END}",
    rf"(?:кв\.|квартир[аеуы]?|комн\.|ком\.){_OS}(?:№{_OS})?{_NUM}{_END}",
    rf"(?:корп\.|корпус|стр\.|строение|блок){_OS}\d{{1,3}}[{LO}]?{_END}",
]
_KY = [
    rf"{_W}{_S}(?:облусу|облусунун){_END}",
    rf"{_W}(?:{_S}кичи)?{_S}(?:району|р-ну){_END}",
    rf"{_W}{_S}(?:шаары|ш\.){_END}",
    rf"{_W}{_S}(?:айылы|айыл{_S}аймагы|кыштагы){_END}",
    rf"{_W}{_S}айыл{_S}өкмөт[{LO}]{{1,6}}{_END}",  # `Керме-Тоо айыл өкмөтү` inside an address
    rf"{_W}{_S}(?:шаарында|айылында|районунда|кыштагында|көчөсүндө|шаарындагы|айылындагы"
    rf"|районундагы|көчөсүндөгү|көчөсүнүн|кичи{_S}районунда){_END}",
    rf"{_STREET_NAME}{_S}(?:көчөсү|проспектиси|бульвары|кчө\.|көч\.|к\.|пр\.|пр-ти|мкр\.|м-н)"
    rf"{_END}"
    rf"(?:,?{_S}{_NUM}{_NOT_DATE}{_END}(?!-))?",
    rf"{_NUM}-(?:үй|уй)[{LO}]{{0,5}}{_END}",
    rf"{_NUM}-(?:батир|бөлмө)[{LO}]{{0,5}}{_END}",
]
_ELEMENT = "(?:" + "|".join(_KY + _RU) + ")"
_CHAIN = rf"{_ELEMENT}(?:(?:,[ \u00a0]{{0,2}}|{_S}(?:(?:по|в){_S})?){_ELEMENT}){{0,9}}"
# a house or flat number somewhere in the chain
_HOUSE_RE = re.compile(
    rf"\d-?(?:үй|уй|батир)|(?:д\.|дом[аеу]?|кв\.|квартир[аеуы]?){_OS}(?:№{_OS})?\d"
    rf"|(?:ул\.|улица|пр\.|проспект|пер\.|көчөсү|проспектиси)[^,\n]{{1,60}},?{_S}(?:д\.{_OS})?\d"
)
_CUE_RU = (
    r"(?:проживающ\w{0,4}|проживает|проживал\w{0,2}|зарегистрирован\w{0,4}|жител\w{1,3}"
    r"|по[ \u00a0]месту[ \u00a0](?:жительства|регистрации)|по[ \u00a0]адресу|адрес\w{0,3}"
    r"(?:[ \u00a0](?:проживания|регистрации))?)"
)
_AFTER_CUE = rf"(?<={_CUE_RU}[ \u00a0:]{{1,4}}(?:(?:в|во|на|по)[ \u00a0]{{1,2}})?)"
_BEFORE_KY_CUE = r"(?=[ \u00a0]{1,2}(?:дарег\w{0,6}|жашаган|жашайт|жашоочу|катталган))"
_CHAIN_START = rf"(?<![{LO}{UP}\w.-])"


class AddressRecognizer(DataRecognizer):
    ENTITY = "ADDRESS"
    PATTERNS = (
        ("chain_with_house", rf"{_CHAIN_START}{_CHAIN}", 0.75),
        ("chain_after_cue", rf"{_AFTER_CUE}{_CHAIN}", 0.8),
        ("chain_before_ky_cue", rf"{_CHAIN_START}{_CHAIN}{_BEFORE_KY_CUE}", 0.8),
    )
    CONTEXT = ("проживающий", "адресу", "дарегинде", "жашаган")

    def validate_match(self, text: str, start: int, end: int, pattern: str) -> bool | None:
        if pattern == "chain_with_house":
            return None if _HOUSE_RE.search(text, start, end) else False
        return None
