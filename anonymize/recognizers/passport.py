"""Passport and ID-card numbers.

KR ID card (2017+): `ID` + 7 digits; KR passports: series `AN`/`AC`/`AD`/`AE` + 7 digits
(often typed with Cyrillic А/Н/С, so both scripts are accepted, with an optional `№`).
Foreign documents are taken only after the word «паспорт»/«паспорту» (series and
number, e.g. Russian `45 12 345678`).
"""

from __future__ import annotations

from anonymize.recognizers.base import DataRecognizer

_SERIES = r"(?:[IІ][DД]|[AА][NНCСDДEЕ])"
_CUE = (
    r"(?:паспорт|паспорта|паспортом|паспорту|паспортунун|паспорттун|удостоверени[ея]"
    r"|ID-карт[аыу]|id-карт[аыу])"
)


# `паспорт гражданина РФ 45 10 123456`, `паспорт гражданина Республики Казахстан N1234567`
_CITIZEN = r"(?:гражданин\w{0,2}[ \u00a0](?:[А-ЯЁA-Z][\w.-]{0,20}[ \u00a0]{1,2}){1,3})?"


class PassportRecognizer(DataRecognizer):
    ENTITY = "PASSPORT"
    PATTERNS = (
        ("kr_series", rf"(?<![\w]){_SERIES}[ \u00a0]?(?:№[ \u00a0]?)?\d{{7}}(?!\d)", 0.85),
        (
            "after_cue",
            rf"(?<={_CUE}[ \u00a0:]{{1,3}}{_CITIZEN}"
            rf"(?:серии[ \u00a0]{{1,2}}|сериясы[ \u00a0]{{1,2}})?)"
            r"(?:[A-ZА-Я]{1,2}[ \u00a0]?)?(?:\d{2}[ \u00a0]?\d{2}[ \u00a0]?)?(?:№[ \u00a0]?)?"
            r"\d{6,9}(?!\d)",
            0.8,
        ),
    )
    CONTEXT = ("паспорт", "паспорту", "серии")
