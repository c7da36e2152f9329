"""Vehicle registration plates.

KR 2016 standard: region `01`-`09`, `KG`, 3 digits, 3 letters (`01KG123ABC`,
`01 KG 248 BBT`); the older KR form letter + 4 digits + 2 letters (`B 7712 AM`) and the
2004 form `01 123 ABC`; Russian `А123ВС 77`. Cyrillic look-alike letters are accepted.
"""

from __future__ import annotations

from anonymize.recognizers.base import DataRecognizer

_L = "A-ZАВЕКМНОРСТУХ"
_S = r"[ \u00a0]?"


class CarPlateRecognizer(DataRecognizer):
    ENTITY = "CAR_PLATE"
    PATTERNS = (
        ("kg_2016", rf"(?<![\w])\d{{2}}{_S}(?:KG|КG|KГ){_S}\d{{3}}{_S}[{_L}]{{2,3}}(?![\w])", 0.9),
        ("kg_old", rf"(?<![\w])[A-Z]{_S}\d{{4}}{_S}[A-Z]{{2}}(?![\w])", 0.7),
        ("kg_2004", rf"(?<![\w])\d{{2}}{_S}\d{{3}}{_S}[A-Z]{{3}}(?![\w])", 0.7),
        ("ru", rf"(?<![\w])[{_L}]\d{{3}}[{_L}]{{2}}{_S}\d{{2,3}}(?:{_S}RUS)?(?![\w])", 0.6),
        (
            "after_cue",
            rf"(?<=(?:номер\w{{0,3}}|знак\w{{0,3}}|госномер\w{{0,3}}|г/н|белгиси)[ \u00a0]{{1,3}})"
            rf"[{_L}]{_S}\d{{4}}{_S}[{_L}]{{2}}(?![\w])",
            0.7,
        ),
    )
    CONTEXT = ("номер", "госномер", "знак", "белгиси")
