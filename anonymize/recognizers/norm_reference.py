"""References to legal norms («ч. 2 ст. 168 УК КР», «Кылмыш-жаза кодексинин
209-беренесинин 2-бөлүгү»): kept, and guarded so that no name recognizer reaches inside.

This is a guard, not the norm extractor (that is `norms/`): it only needs to cover the
reference from its first subdivision word to the end of the act's name.
"""

from __future__ import annotations

from anonymize.names import LO, UP
from anonymize.recognizers.base import DataRecognizer

_S = r"[ \u00a0]{0,2}"
_SP = r"[ \u00a0]"
_NUM = r"(?:«[а-я]»|\d{1,4}(?:[.-]\d{1,3})?)"
_NUMS = rf"{_NUM}(?:{_S}(?:,|и|-|–){_S}{_NUM}){{0,12}}"
_UNIT = (
    r"(?:пп?\.|подп\.|подпункт\w{0,3}|ч\.ч\.|ч\.|част\w{1,3}|ст\.ст\.|ст\.|стат\w{2,4}"
    r"|пункт\w{0,3}|абз\.|абзац\w{0,2})"
)
_ORDINAL = r"(?:перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят)\w{1,3}"
_STATE = rf"(?:КР|РФ|РСФСР|Кыргызской{_SP}Республики|ЕАЭС)"
_ACT_ABBR = (
    r"(?:(?:УК|УПК|ГК|ГПК|АПК|НК|ТК|СК|ЖК|ЗК|УИК|БК|КоАО|КоАП|КоП|КоН|КЖК|ЖПК)"
    rf"(?:{_SP}{_STATE})?)"
)
_ABOUT = rf"(?:{_SP}(?:о|об){_SP}[{LO}]{{3,20}}(?:{_SP}[{LO}]{{3,20}}){{0,2}})?"
_ACT_LONG = (
    rf"(?:[{UP}][{LO}]{{2,30}}(?:-[{LO}]{{2,30}})?{_SP})?"
    rf"(?:кодекс|Кодекс|закон|Закон|Конституци)[{LO}]{{0,4}}"
    rf"(?:{_SP}(?:Кыргызской{_SP}Республики|КР|РФ))?{_ABOUT}"
)
_SUBDIV = rf"{_UNIT}{_S}(?:{_NUMS}|{_ORDINAL})"
_KY_STATE = rf"(?:Кыргыз{_SP}Республикасынын{_SP})?"
_KY_CODE = (
    rf"{_KY_STATE}[{UP}][{LO}]{{1,30}}(?:-[{LO}]{{1,30}}){{0,2}}"
    rf"(?:{_SP}[{LO}]{{2,30}}(?:-[{LO}]{{1,30}})?){{0,3}}{_SP}(?:кодекс|мыйзам)[{LO}]{{0,6}}"
)
_KY_ACT = rf"(?:{_KY_CODE}|{_KY_STATE}Конституция[{LO}]{{0,6}})"
_KY_PART = (
    rf"\d{{1,4}}(?:[-–—]\d{{1,4}})?(?:,{_SP}\d{{1,4}}){{0,10}}"
    rf"-(?:берене|бөлүг|бөлүк|пункт|статья)[{LO}]{{0,10}}"
)


class NormReferenceRecognizer(DataRecognizer):
    ENTITY = "NORM"
    PATTERNS = (
        (
            "ru_reference",
            rf"(?<![\w]){_SUBDIV}(?:{_S}{_SUBDIV}){{0,4}}(?:{_SP}(?:{_ACT_ABBR}|{_ACT_LONG}))?",
            0.7,
        ),
        ("ky_reference", rf"(?<![\w]){_KY_ACT}(?:{_SP}{_KY_PART}){{1,4}}", 0.7),
    )
