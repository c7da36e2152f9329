"""Dates of birth, recognised only by their context.

A date is a birth date when «года рождения», «г.р.», «рождения» follows it, when
«родился/родилась» stands next to it, or, in Kyrgyz, when «туулган» follows
(`1996-жылдын 3-апрелинде туулган`, `1999-жылы туулган`). A year alone counts with
«г.р.» (`2014 г.р.`). The span is the day, month and year only; procedural dates
(of the hearing, of the offence) have no such context and are kept.
"""

from __future__ import annotations

from anonymize.recognizers.base import DataRecognizer

_S = r"[ \u00a0]{1,2}"
_OPT_S = r"[ \u00a0]{0,2}"
_MONTHS_RU = (
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября"
    r"|декабря)"
)
_MONTHS_KY = (
    r"(?:январ|феврал|март|апрел|май|июн|июл|август|сентябр|октябр|ноябр|декабр)"
    r"[а-яөүң]{0,6}"
)
_YEAR = r"(?:19|20)\d\d"
_DMY = rf"(?:[0-3]?\d\.[01]?\d\.{_YEAR}|[0-3]?\d{_S}{_MONTHS_RU}{_S}{_YEAR})"
_GR = rf"г\.{_OPT_S}р\."
_RU_AFTER = (
    rf"(?={_S}(?:года?|г\.){_OPT_S}(?:рождения|рожд\.|р\.)|{_S}рождения"
    rf"|{_OPT_S}{_GR})"
)
# «родился», «родившийся», «рождённый»; not «рождением» (a procedural date may precede it)
_BORN = (
    r"(?:родил(?:ся|ась|ись)|родивш\w{0,4}"
    r"|рожд[её]нн?(?:ый|ая|ое|ого|ой|ому|ую|ым|ых|а|ы|о)?)(?![\w])"
)
_RU_BORN_AFTER = rf"(?=(?:{_S}года?)?(?:{_S}[а-яё]{{1,12}}){{0,3}}{_S}{_BORN})"
# also «г.р.» before the year (`г.р. 1985`)
_BORN_CUE = (
    rf"(?i:{_BORN}|дата[ \u00a0]рождения|год[ \u00a0]рождения|д\.р\."
    rf"|г\.{_OPT_S}р\.)"
)
_RU_BORN_BEFORE = rf"(?<={_BORN_CUE}[ \u00a0:–-]{{1,3}}(?:[а-яё]{{1,15}}{_S}){{0,2}})"
_KY_DATE = rf"(?:{_YEAR}-жыл(?:дын|ы){_S}[0-3]?\d-{_MONTHS_KY}|{_YEAR}-жылы|{_YEAR}-ж\.)"
# up to six words (a birthplace: `Ысык-Көл облусунун Ак-Суу айылында`) and then «туулган»
_KY_BORN = rf"\)?,?(?:{_S}[А-Яа-яӨөҮүҢң-]{{1,20}}){{0,6}},?{_S}\(?туул(?:ган|ду)"
_KY_AFTER = rf"(?={_KY_BORN})"
_KY_BEFORE = r"(?<=туулган[ \u00a0](?:күнү|жылы)[ \u00a0:–-]{1,3})"


class BirthDateRecognizer(DataRecognizer):
    ENTITY = "BIRTH_DATE"
    PATTERNS = (
        ("ru_date_then_cue", rf"(?<![\d.]){_DMY}{_RU_AFTER}", 0.9),
        ("ru_year_then_cue", rf"(?<![\d.]){_YEAR}{_RU_AFTER}", 0.85),
        ("ru_short_year_gr", rf"(?<![\d.])[0-3]?\d\.[01]?\d\.\d\d(?={_OPT_S}{_GR})", 0.85),
        ("ru_date_then_born", rf"(?<![\d.]){_DMY}{_RU_BORN_AFTER}", 0.8),
        ("ru_born_then_date", rf"{_RU_BORN_BEFORE}(?:{_DMY}|{_YEAR})(?!\d)", 0.8),
        ("ky_date_then_cue", rf"(?<![\d.]){_KY_DATE}{_KY_AFTER}", 0.9),
        ("ky_dmy_then_cue", rf"(?<![\d.]){_DMY}(?=(?:-жылы|-ж\.)?{_KY_BORN})", 0.85),
        ("ky_cue_then_date", rf"{_KY_BEFORE}(?:{_KY_DATE}|{_DMY}|{_YEAR})(?!\d)", 0.8),
    )
    CONTEXT = ("рождения", "г.р.", "родился", "туулган")
