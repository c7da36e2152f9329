"""Persons named by the word before them: a party or witness role (`Подсудимый Ли`,
`Свидетель Гульнара Асановна`, `жабырлануучу Мамырова Айдай`) or a kinship word (`ее дочь
Эльвира`, `сына Алинура`, `карындашы Мээримди`, `уулу Бекназардын`); also a first name
before «аттуу» (`Нурислам аттуу уулу`) or after «по имени» (`лицо по имени Бакыт`), or
before a date of birth (`Байэл, 2016 г.р.`).
These catch first names met once, which no other rule ties to a person.
"""

from __future__ import annotations

from anonymize.names import (
    INITS,
    PARTICLE,
    START,
    WORD,
    is_geo,
    plausible_prefix,
    plausible_structured,
    plausible_word,
)
from anonymize.recognizers.base import DataRecognizer

_S = r"[ \u00a0]{1,2}"
_PARTY = (
    r"подсудим\w{1,4}|обвиняем\w{1,4}|осужд[её]нн\w{1,4}|оправданн\w{1,4}|подозреваем\w{1,4}"
    r"|потерпевш\w{1,4}|истц\w{1,3}|истец|истиц\w{1,2}|ответчи\w{1,4}|свидетел\w{1,3}"
    r"|понят\w{1,3}|заявител\w{1,3}|взыскател\w{1,3}|должник\w{0,3}|правонарушител\w{1,3}"
    r"|нарушител\w{1,3}|гражданин\w{0,2}|гражданк\w{1,2}|гр\.|представител\w{1,3}"
    r"|несовершеннолетн\w{2,4}|малолетн\w{2,4}|водител\w{1,3}|пешеход\w{0,2}|пенсионерк\w{1,2}"
    r"|жил\w{1,2}|айыпталуучу\w{0,5}|жабырлануучу\w{0,5}|доогер\w{0,4}|жоопкер\w{0,4}"
    r"|күбө\w{0,4}|соттолуучу\w{0,5}|шектүү\w{0,4}|укук[ \u00a0]бузуучу\w{0,4}|арызчы\w{0,4}"
    r"|жаран\w{0,4}"
)
_KIN_RU = (
    r"сын|сына|сыну|сыном|дочь|дочери|дочерью|брат|брата|брату|братом|сестр\w{1,2}|мать|матери"
    r"|матерью|отец|отца|отцу|отцом|муж|мужа|мужу|мужем|жена|жены|жене|жену|женой|супруг\w{0,3}"
    r"|сожител\w{1,4}|бабушк\w{1,2}|дедушк\w{1,2}|внук\w{0,2}|внучк\w{1,2}|дяд\w{1,2}|т[её]т\w{1,2}"
    r"|племянни\w{1,3}|сосед\w{0,2}|соседк\w{1,2}|друг|друга|другу|подруг\w{1,2}|знаком\w{2,3}"
    r"|коллег\w{1,2}|реб[её]н\w{1,3}|дет\w{1,3}|падчериц\w{1,2}|пасын\w{1,3}|зят\w{1,2}"
    r"|невестк\w{1,2}|свекров\w{1,2}|т[её]щ\w{1,2}|опекун\w{0,2}"
)
_KIN_KY = (
    r"атасы|апасы|энеси|агасы|иниси|карындашы|эжеси|синдиси|жубайы|аялы|күйөөсү|уулу|кызы"
    r"|курбусу|досу|коңшусу|небереси|жээни|таякеси|байкеси|келини|кайненеси|кайнатасы"
    r"|тууганы|бир[ \u00a0]тууганы|баласы|балдары|чоң[ \u00a0]атасы|чоң[ \u00a0]энеси"
)
_NAME = (
    rf"(?:{WORD}(?:{_S}(?:{PARTICLE}{_S})?{WORD}){{0,2}}(?:{_S}{INITS})?"
    rf"|{INITS}[ \u00a0]?{WORD})"
)
_DOB = (
    r"(?:[0-3]?\d\.[01]?\d\.(?:19|20)\d\d|[0-3]?\d[ \u00a0][а-я]{3,8}[ \u00a0](?:19|20)\d\d"
    r"|(?:19|20)\d\d)"
)
_AFTER_ROLE = rf"(?<=(?<![\w])(?i:{_PARTY})(?:{_S}[а-яё]{{3,15}})?{_S}(?:[–—-]{_S})?)"
_AFTER_KIN = rf"(?<=(?<![\w])(?i:{_KIN_RU}|{_KIN_KY})(?:{_S}[а-яё]{{2,15}}){{0,2}}{_S})"
_BEFORE_BIRTH = (
    rf"(?=,?{_S}\(?{_DOB}{_S}(?:года?{_S}рождения|г\.[ \u00a0]?р\.)"
    r"|,?[ \u00a0]{1,2}\(?(?:19|20)\d\d-жыл)"
)


class PersonContextRecognizer(DataRecognizer):
    ENTITY = "PERSON"
    PATTERNS = (
        ("after_party_role", rf"{_AFTER_ROLE}{_NAME}(?![\w-])", 0.7),
        ("after_kinship", rf"{_AFTER_KIN}{WORD}(?:{_S}{PARTICLE}{_S}{WORD})?(?![\w-])", 0.65),
        ("before_named", rf"{START}{WORD}(?={_S}(?:аттуу|деген|по[ \u00a0]имени))", 0.7),
        (
            "after_named",
            rf"(?<=(?<![\w])(?:по[ \u00a0]имени|по[ \u00a0]прозвищу|именуем\w{{2,4}}"
            rf"|по[ \u00a0]фамилии){_S}){WORD}(?:{_S}{WORD}){{0,2}}(?![\w-])",
            0.7,
        ),
        ("before_birth", rf"{START}{WORD}{_BEFORE_BIRTH}", 0.65),
    )

    def refine(
        self, text: str, start: int, end: int, pattern: str
    ) -> tuple[int, int, bool | None] | None:
        check = plausible_structured_word if pattern == "after_kinship" else plausible_word
        new_end = plausible_prefix(text, start, end, check)
        return None if new_end is None else (start, new_end, None)


def plausible_structured_word(word: str) -> bool:
    """After a kinship word any capitalised word but a place is a name (`кызы Маралов`)."""
    return plausible_structured(word) and not is_geo(word)
