"""Names in Latin script: `Asanov Bakyt`, `Ulugbek uulu Azhymukhamed`, `B.K. Asanov`,
`Asanov B.`, `ASANOV BAKYT` (as a passport prints it), `Joshua Wolf`.

Court acts copy names from passports and foreign documents, and natasha, reading Russian
text, often passes them by. A pair of capitalised Latin words is a name when, read back
into Cyrillic (`transliteration`), one of them is a known first name or has a surname's
shape (-ов, -ева, -ин, -бекова, -ский, -енко, ...) and none is a role, a stop word or the
word of a company, a bank or a street (`Capital Bank`, `Ala-Too Street`).
"""

from __future__ import annotations

from anonymize.names import (
    fold,
    in_first_name_list,
    is_geo,
    is_role_word,
    ov_surname_shaped,
    surname_shaped,
)
from anonymize.recognizers.base import DataRecognizer
from anonymize.transliteration import variants

_UP = "A-ZÖÜ"
_LO = "a-zöüñ"
_W = rf"(?:[{_UP}][{_LO}]{{1,30}}|[{_UP}]{{2,30}})(?:-[{_UP}][{_LO}{_UP}]{{1,30}})?"
_INIT = rf"[{_UP}]\.(?:[ \u00a0]?[{_UP}]\.)?"
_S = r"[ \u00a0]{1,2}"
_START = r"(?<![\w.@/-])"
_END = r"(?![\w@.-]*\w)"
_PARTICLE = r"(?i:uulu|uly|kyzy|kizi|ogly|ogli|qizi)"
# Words of organisations, places and documents written in Latin script.
_NOT_NAME = frozenset(
    (
        "the",
        "and",
        "of",
        "for",
        "with",
        "llc",
        "ltd",
        "inc",
        "corp",
        "co",
        "company",
        "group",
        "bank",
        "capital",
        "finance",
        "holding",
        "street",
        "avenue",
        "ave",
        "road",
        "city",
        "district",
        "region",
        "republic",
        "kyrgyz",
        "kyrgyzstan",
        "kyrgyzskaya",
        "bishkek",
        "osh",
        "moscow",
        "russia",
        "kazakhstan",
        "university",
        "school",
        "college",
        "hotel",
        "cafe",
        "market",
        "international",
        "national",
        "state",
        "ministry",
        "court",
        "office",
        "center",
        "centre",
        "service",
        "services",
        "passport",
        "visa",
        "id",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "llp",
        "gmbh",
        "ag",
        "sa",
        "plc",
        "kg",
        "kgs",
        "usd",
        "eur",
        "som",
        "mail",
        "gmail",
        "yandex",
        "email",
        "tel",
        "fax",
        "www",
        "http",
        "https",
        "com",
        "org",
        "net",
        "ru",
    )
)


class PersonLatinRecognizer(DataRecognizer):
    ENTITY = "PERSON"
    PATTERNS = (
        ("latin_particle", rf"{_START}{_W}{_S}{_PARTICLE}(?:{_S}(?:{_W}|{_INIT}))?{_END}", 0.85),
        ("latin_initials_surname", rf"{_START}{_INIT}[ \u00a0]?{_W}{_END}", 0.7),
        ("latin_surname_initials", rf"{_START}{_W}{_S}{_INIT}", 0.7),
        ("latin_full", rf"{_START}{_W}{_S}{_W}(?:{_S}{_W})?{_END}", 0.6),
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        tokens = [t for t in pattern_text.replace("\u00a0", " ").split(" ") if t]
        name_words = [
            t
            for t in tokens
            if not t.endswith(".")
            and fold(t) not in ("uulu", "uly", "kyzy", "kizi", "ogly", "ogli", "qizi")
        ]
        if not name_words or any(w.lower().strip("-") in _NOT_NAME for w in name_words):
            return False
        readings = [variants(w.title() if w.isupper() else w) for w in name_words]
        if any(all(is_role_word(r) or is_geo(r) for r in rs) for rs in readings):
            return False
        named = sum(
            any(in_first_name_list(r) or ov_surname_shaped(r) or surname_shaped(r) for r in rs)
            for rs in readings
        )
        return None if named >= 1 else False
