"""Dates, amounts and the pre-1918 spelling, written the way the documents of each era do.

Search must treat «14 марта 2023 года», «14.03.2023» and «2023-жылдын 14-марты» as dates, and
the OCR evaluation must meet «засѣданіе» as well as «заседание»; the helpers here produce
those forms so the corpus exercises them.
"""

from __future__ import annotations

import datetime
import re
from typing import Literal

from ingest.demo.people import ky_harmony

RU_MONTHS_GEN = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
# Month names with the 3rd-person possessive, as in «2024-жылдын 5-марты».
KY_MONTHS_POSS = (
    "январы",
    "февралы",
    "марты",
    "апрели",
    "майы",
    "июну",
    "июлу",
    "августу",
    "сентябры",
    "октябры",
    "ноябры",
    "декабры",
)

# Sums that appear in decisions, spelled out as courts do; (digits, Russian, Kyrgyz).
AMOUNTS = (
    (18_500, "восемнадцать тысяч пятьсот", "он сегиз миң беш жүз"),
    (42_000, "сорок две тысячи", "кырк эки миң"),
    (75_000, "семьдесят пять тысяч", "жетимиш беш миң"),
    (120_000, "сто двадцать тысяч", "жүз жыйырма миң"),
    (350_000, "триста пятьдесят тысяч", "үч жүз элүү миң"),
    (64_300, "шестьдесят четыре тысячи триста", "алтымыш төрт миң үч жүз"),
)
YEARS_WORDS = {
    1: ("один", "бир"),
    2: ("два", "эки"),
    3: ("три", "үч"),
    4: ("четыре", "төрт"),
    5: ("пять", "беш"),
    6: ("шесть", "алты"),
    7: ("семь", "жети"),
    8: ("восемь", "сегиз"),
}


def tidy(text: str) -> str:
    """Drop the second full stop when initials end a sentence («... Б. С..»)."""
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)


def ru_count(n: int, one: str, few: str, many: str) -> str:
    """«73 члена», «75 членов», «21 гектар»: Russian agreement of a noun with a number."""
    if n % 10 == 1 and n % 100 != 11:
        form = one
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        form = few
    else:
        form = many
    return f"{n} {form}"


def ru_date(d: datetime.date) -> str:
    return f"{d.day} {RU_MONTHS_GEN[d.month - 1]} {d.year} года"


def ru_date_quoted(d: datetime.date) -> str:
    """«14» марта 1938 г.: the form typed on Soviet-era forms."""
    return f"«{d.day}» {RU_MONTHS_GEN[d.month - 1]} {d.year} г."


def ky_date(d: datetime.date, case: Literal["nom", "dat", "loc"] = "nom") -> str:
    """«2024-жылдын 5-марты»; dative «5-мартына» (until), locative «5-мартында» (on)."""
    month = KY_MONTHS_POSS[d.month - 1]
    if case != "nom":
        low = ky_harmony(month)[1]
        month += ("н" if case == "dat" else "нд") + low
    return f"{d.year}-жылдын {d.day}-{month}"


def money(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def ru_years(n: int) -> str:
    """«3 (три) года» with the right plural form."""
    count = ru_count(n, "год", "года", "лет")
    return count.replace(" ", f" ({YEARS_WORDS[n][0]}) ", 1)


def ky_years(n: int) -> str:
    return f"{n} ({YEARS_WORDS[n][1]}) жыл"


def random_date(rng_random: float, start: datetime.date, end: datetime.date) -> datetime.date:
    """A date in [start, end] chosen by a uniform number in [0, 1)."""
    span = (end - start).days
    return start + datetime.timedelta(days=int(rng_random * (span + 1)))


# Roots spelled with ѣ before 1918; enough of them to make old-orthography pages realistic.
_YAT_ROOTS = (
    ("председ", "предсѣд"),
    ("засед", "засѣд"),
    ("сдел", "сдѣл"),
    ("дел", "дѣл"),
    ("мест", "мѣст"),
    ("хлеб", "хлѣб"),
    ("лес", "лѣс"),
    ("сено", "сѣно"),
    ("свет", "свѣт"),
    ("совет", "совѣт"),
    ("ответ", "отвѣт"),
    ("человек", "человѣк"),
    ("обед", "обѣд"),
    ("реш", "рѣш"),
    ("след", "слѣд"),
    ("недел", "недѣл"),
    ("уезд", "уѣзд"),
    ("цел", "цѣл"),
    ("сведен", "свѣдѣн"),
    ("действ", "дѣйств"),
)
_YAT_WORDS = {"где": "гдѣ", "две": "двѣ", "нет": "нѣт"}
_WORD = re.compile(r"[А-Яа-яЁё]+")
_HARD_FINAL = set("бвгджзклмнпрстфхцчшщ")
_ABBREVIATIONS = {"ст", "г", "гр", "тов", "д", "п", "ч", "см", "им", "руб", "коп", "л", "об"}


def _old_word(word: str, following: str) -> str:
    lower = word.lower()
    out = word.replace("ё", "е").replace("Ё", "Е")
    if lower in _YAT_WORDS:
        old_word = _YAT_WORDS[lower]
        out = old_word if word[0].islower() else old_word.capitalize()
    for modern, old in _YAT_ROOTS:
        if lower.startswith(modern):
            out = (old if word[0].islower() else old.capitalize()) + out[len(modern) :]
            break
    out = re.sub(r"и(?=[аеиоуыэюяй])", "і", out)
    out = re.sub(r"И(?=[АЕИОУЫЭЮЯЙаеиоуыэюяй])", "І", out)
    abbreviation = (word.isupper() and len(word) <= 5) or (
        following == "." and lower in _ABBREVIATIONS
    )
    if not abbreviation and len(word) > 1 and lower[-1] in _HARD_FINAL:
        out += "Ъ" if word.isupper() else "ъ"
    return out


def old_orthography(text: str) -> str:
    """Respell modern Russian in the pre-1918 orthography (ѣ in common roots, і, final ъ)."""
    return _WORD.sub(lambda m: _old_word(m.group(), text[m.end() : m.end() + 1]), text)
