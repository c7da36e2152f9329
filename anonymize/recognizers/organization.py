"""Named organisations: courts, state bodies, companies, schools, shops (kept).

A guard rather than a full organisation tagger: it covers the places where a name
recognizer would otherwise fire inside an organisation's name, i.e. quoted names
(`ОсОО «Ала-Тоо Логистик»`, `колхоз «Чолпон»`), anything named after a person
(`школа № 61 им. Ч. Айтматова`, `Токтогул атындагы мектеп`), courts
(`Ленинский районный суд г. Бишкек`, `Бишкек шаарынын Ленин райондук соту`) and Kyrgyz
state bodies (`Ички иштер башкармалыгы`, `Новопокровка айыл өкмөтү`).
"""

from __future__ import annotations

from anonymize.names import LO, UP
from anonymize.recognizers.base import DataRecognizer

_S = r"[ \u00a0]{1,2}"
_W = rf"[{UP}][{LO}]{{1,30}}(?:-[{UP}{LO}][{LO}]{{1,30}})?"
_HEAD_NOUN = (
    r"ОсОО|ООО|ОАО|ЗАО|АО|ЧП|ГУ|ГП|МП|МУП|ОФ|ОО|ЖЧК|ААК|кафе|ресторан\w{0,2}|магазин\w{0,2}"
    r"|рын\w{1,3}|колхоз\w{0,2}|совхоз\w{0,2}|банк\w{0,2}|компани\w{1,3}|фирм\w{1,2}|завод\w{0,2}"
    r"|фабрик\w{1,2}|предприяти\w{1,2}|учреждени\w{1,2}|фонд\w{0,2}|центр\w{0,2}|клиник\w{1,2}"
    r"|больниц\w{1,2}|школ\w{1,2}|гимнази\w{1,2}|лице\w{1,2}|университет\w{0,2}|институт\w{0,2}"
    r"|мектеп\w{0,4}|гостиниц\w{1,2}"
)
_HEAD_REQ = rf"(?:[{LO}]{{3,20}}{_S}){{0,2}}(?:{_HEAD_NOUN}){_S}"
_QUOTED = r"«[^«»\n]{1,80}»"
# Without a head noun, only a short name in quotes (`«Яблоко»`, `«Ак-Кемер Финанс»`) is an
# organisation; a quoted sentence («Напишите просто - Людмила Гурченко») is speech, and
# the names in it are persons.
_QUOTED_BARE = r"«(?=\p{Lu})(?:[^«»\n.!?,:;–—\s]{1,30}[ \u00a0]?){1,4}»"
_ADJ = rf"[{UP}][{LO}]{{1,30}}(?:-[{UP}][{LO}]{{1,30}})?(?:ий|ый|ого|ому|ом|ой|ая|ую|ей)"
_COURT_KIND = r"(?:районн|городск|областн|межрайонн|Межрайонн|Верховн|Конституционн|военн)"
_COURT_SEAT = rf"(?:{_S}(?:г\.(?:{_S})?{_W}|{_W}{_S}области|Кыргызской{_S}Республики))?"
_COURT_RU = rf"(?:{_ADJ}{_S})?{_COURT_KIND}[{LO}]{{2,4}}{_S}суд[{LO}]{{0,3}}{_COURT_SEAT}"
_COURT_KY = (
    rf"(?:{_W}{_S}(?:шаарынын|облусунун|районунун){_S})?(?:{_W}(?:{_S}май)?|Райондор)"
    rf"{_S}(?:райондук|шаардык|облустук|аралык){_S}сот[{LO}]{{0,6}}"
)
# A word inside a Kyrgyz body's name is not surname-shaped, so that a name right before
# the body («Асанов Ички иштер башкармалыгына») stays outside the guard.
_NOT_SURNAME = rf"(?![{UP}][{LO}]{{1,30}}(?:ов|ев|ова|ева|ин|ина|уулу|кызы)[{LO}]{{0,6}}(?![{LO}]))"
_KY_WORD = rf"{_NOT_SURNAME}[{UP}{LO}][{LO}]{{1,30}}"
_KY_BODY = r"(?:башкармалыг|министрлиг|кызматы|бөлүм|агенттиг|комитет|инспекция|мекеме|фонд|мэрия)"
_KY_SUB = rf"(?:{_S}(?:{_KY_WORD}{_S}){{1,3}}(?:башкармалыг|бөлүм|кызмат)[{LO}]{{0,8}})?"
_KY_SEAT = rf"(?:{_W}{_S}(?:шаардык|облустук|райондук){_S})?"


class OrganizationRecognizer(DataRecognizer):
    ENTITY = "ORG"
    PATTERNS = (
        (
            "quoted_name",
            rf"{_HEAD_REQ}{_QUOTED}(?:{_S}[{LO}]{{3,20}}{_S}компания[{LO}]{{0,6}})?",
            0.6,
        ),
        ("quoted_bare", rf"{_QUOTED_BARE}(?:{_S}[{LO}]{{3,20}}{_S}компания[{LO}]{{0,6}})?", 0.6),
        # «школа им. Токтогула», not «лицо по имени Бакыт»
        (
            "named_after",
            rf"(?<![\w])(?<!(?i:по)[ \u00a0])(?:им\.|имени)(?:{_S})?"
            rf"(?:[{UP}]\.[ \u00a0]?){{0,2}}{_W}(?:{_S}{_W})?",
            0.8,
        ),
        ("named_after_ky", rf"(?<![\w])(?:[{UP}]\.[ \u00a0]?){{0,2}}{_W}{_S}атындагы", 0.8),
        ("court_ru", rf"(?<![\w]){_COURT_RU}", 0.7),
        ("court_ky", rf"(?<![\w]){_COURT_KY}", 0.7),
        (
            "aiyl_okmotu",
            rf"(?<![\w])(?:{_W}{_S}районунун{_S})?{_W}{_S}айыл{_S}өкмөт[{LO}]{{0,6}}",
            0.7,
        ),
        (
            "ky_body",
            rf"(?<![\w]){_KY_SEAT}(?:{_KY_WORD}{_S}){{1,3}}{_KY_BODY}[{LO}]{{0,8}}{_KY_SUB}",
            0.6,
        ),
    )
