"""Words and numbers of legal references in Russian and Kyrgyz, as bounded regex pieces.

Every quantifier here is bounded, so no input makes a pattern backtrack without limit.
Patterns run on cleaned text (see ``clean``): one kind of dash, no «ё».
"""

from __future__ import annotations

import regex

from core import text_fold
from norms.model import Level

NOT_LETTER_AFTER = r"(?![а-яөүңa-z])"
NOT_LETTER_BEFORE = r"(?<![а-яөүңa-z])"
WORD_SEP = r"(?:\s{1,3}|\s{0,2}-\s{0,2})"
# inside a name a title may be quoted: «Кодекса Кыргызской Республики «О правонарушениях»»
NAME_SEP = r"(?:\s{1,3}[«\"“„]?|\s{0,2}-\s{0,2})"
ENDING = r"[а-яөүң]{0,9}"

# Kyrgyz letters read by an OCR without Kyrgyz, or typed on a Russian keyboard: a Kyrgyz
# letter in a pattern also matches the Russian letter written for it (ө or о). The fact
# is core.text_fold.KYRGYZ_AS_RUSSIAN; here it becomes a character class.
_KY_FOLD = {k: f"[{k}{v}]" for k, v in text_fold.KYRGYZ_AS_RUSSIAN.items()}
# Latin letters that look like Cyrillic ones, accepted inside abbreviations («УK КP»)
_HOMOGLYPH = {
    "А": "AА",
    "В": "BВ",
    "Е": "EЕ",
    "К": "KК",
    "М": "MМ",
    "Н": "HН",
    "О": "OО",
    "Р": "PР",
    "С": "CС",
    "Т": "TТ",
    "Х": "XХ",
    "У": "YУ",
    "о": "oо",
    "а": "aа",
    "е": "eе",
    "с": "cс",
    "р": "pр",
}


def compile_name(pattern: str, jur: str = "") -> str:
    """Regex source for a catalog name pattern (notation described in catalog.json)."""
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if pattern.startswith("{jur}", i):
            out.append(f"(?:(?P<jur_mid>{jur}){NAME_SEP})?" if jur else "")
            i += 5
            if i < n and pattern[i] in " -":
                i += 1
            continue
        if ch in " -":
            out.append(NAME_SEP)
        elif ch == "~":
            out.append(ENDING + NOT_LETTER_AFTER)
        elif ch == "(":
            out.append("(?:")
        elif ch in ")|?":
            out.append(ch)
        elif ch in _KY_FOLD:
            out.append(_KY_FOLD[ch])
        else:
            out.append(regex.escape(ch))
        i += 1
    body = "".join(out)
    if not pattern.endswith("~"):
        body += NOT_LETTER_AFTER
    if " о" in pattern or " об" in pattern:
        body += r"[»\"”]?"
    return NOT_LETTER_BEFORE + body


def compile_abbr(text: str) -> str:
    """Case-sensitive abbreviation; a Kyrgyz case suffix may follow («КЖКнын», «ЖПК-нын»)."""
    chars = "".join(f"[{_HOMOGLYPH[c]}]" if c in _HOMOGLYPH else regex.escape(c) for c in text)
    return rf"(?<![\w-])(?-i:{chars}(?:-?[а-яөүң]{{1,6}})?)(?![\w])"


# ---------------------------------------------------------------- ordinals

_RU_ORD_STEMS = (
    ("одиннадцат", 11),
    ("двенадцат", 12),
    ("тринадцат", 13),
    ("четырнадцат", 14),
    ("пятнадцат", 15),
    ("шестнадцат", 16),
    ("семнадцат", 17),
    ("восемнадцат", 18),
    ("девятнадцат", 19),
    ("двадцат", 20),
    ("тридцат", 30),
    ("перв", 1),
    ("втор", 2),
    ("трет", 3),
    ("четверт", 4),
    ("пят", 5),
    ("шест", 6),
    ("седьм", 7),
    ("восьм", 8),
    ("девят", 9),
    ("десят", 10),
)
_RU_ADJ_END = (
    "ый",
    "ий",
    "ой",
    "ая",
    "яя",
    "ое",
    "ее",
    "ого",
    "его",
    "ому",
    "ему",
    "ым",
    "им",
    "ом",
    "ем",
    "ую",
    "юю",
    "ые",
    "ие",
    "ых",
    "их",
    "ыми",
    "ими",
)
_RU_TRET_END = ("ий", "ья", "ье", "ьего", "ьему", "ьим", "ьем", "ью", "ьей", "ьи", "ьих", "ьими")
_RU_TENS = {"двадцать": 20, "тридцать": 30}

RU_ORD = (
    r"(?:(?:двадцать|тридцать)\s{1,3})?"
    r"(?:одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|"
    r"восемнадцат|девятнадцат|двадцат|тридцат|перв|втор|трет|четверт|пят|шест|седьм|"
    r"восьм|девят|десят)[а-я]{1,4}" + NOT_LETTER_AFTER
)

_KY_ORD_UNITS = {
    "биринчи": 1,
    "экинчи": 2,
    "үчүнчү": 3,
    "төртүнчү": 4,
    "бешинчи": 5,
    "алтынчы": 6,
    "жетинчи": 7,
    "сегизинчи": 8,
    "тогузунчу": 9,
}
_KY_ORD_TENS = {"онунчу": 10, "жыйырманчы": 20, "отузунчу": 30}
_KY_TENS = {"он": 10, "жыйырма": 20, "отуз": 30}


def _fold_ky(s: str) -> str:
    return "".join(_KY_FOLD.get(c, c) for c in s)


KY_ORD = (
    NOT_LETTER_BEFORE
    + r"(?:(?:он|жыйырма|отуз)\s{1,3})?(?:"
    + "|".join(_fold_ky(w) for w in (*_KY_ORD_UNITS, *_KY_ORD_TENS))
    + ")"
    + NOT_LETTER_AFTER
)


def ordinal_value(word: str) -> int | None:
    """«второй» → 2, «двадцать первой» → 21, «экинчи» → 2, «он биринчи» → 11."""
    w = " ".join(word.lower().split())
    tens = 0
    head, _, rest = w.partition(" ")
    if rest:
        if head in _RU_TENS:
            tens = _RU_TENS[head]
        elif head in _KY_TENS:
            tens = _KY_TENS[head]
        else:
            return None
        w = rest
    for table in (_KY_ORD_UNITS, _KY_ORD_TENS):
        for ky, val in table.items():
            if regex.fullmatch(_fold_ky(ky), w):
                return tens + val
    for stem, val in _RU_ORD_STEMS:
        if w.startswith(stem):
            end = w[len(stem) :]
            ok = end in (_RU_TRET_END if stem == "трет" else _RU_ADJ_END)
            if ok:
                return tens + val
            return None
    return None


# ---------------------------------------------------------------- numbers

# an article number: 168, 211-2, 58-10, 198-200 (a range), 12.8, 58-1а; a trailing «-й» is
# an ordinal ending and is dropped
NUMBER = (
    r"(?P<a>[1-9]\d{0,3})"
    r"(?:(?P<dash>\s{0,2}-\s{0,2})(?P<b>[1-9]\d{0,3}))?"
    r"(?:\.(?P<dot>\d{1,3}))?"
    r"(?P<let>[а-г](?![а-яөүң])|\s{0,2}[«\"“](?P<qlet>[а-г])[»\"”])?"
    r"(?:-(?:й|я|ой|ая|ей|ий|го|ого|му|ому|ом|ю|ую)(?![а-яөүң]))?"
    r"(?![\d])"
)
QUOTED_LETTER = r"[«\"“„'‘]\s{0,2}(?P<ql>[а-яa-z])\s{0,2}[»\"”“'’]"
PAREN_LETTER = r"(?P<pl>[а-я])\)"

_LETTER_FIX = str.maketrans(
    {"a": "а", "b": "б", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к"}
)

MAX_RANGE = 60


def number_values(m: regex.Match[str]) -> list[str]:
    """Values of one NUMBER / QUOTED_LETTER match: a range expands, an insertion stays."""
    gd = m.groupdict()
    letter = gd.get("ql") or gd.get("pl")
    if letter:
        return [letter.lower().translate(_LETTER_FIX)]
    a = gd["a"]
    b = gd.get("b")
    tail = ""
    if gd.get("dot"):
        tail += "." + gd["dot"]
    if gd.get("let"):
        tail += (gd.get("qlet") or gd["let"]).lower()
    if b is None:
        return [a + tail]
    ia, ib = int(a), int(b)
    if ib > ia and not tail:
        if ib - ia > MAX_RANGE:
            return [a, b]
        return [str(k) for k in range(ia, ib + 1)]
    return [f"{a}-{b}{tail}"]


# ---------------------------------------------------------------- Russian words

RU_SUBWORD = (
    NOT_LETTER_BEFORE + r"(?:"
    r"(?P<art>ст\.?\s{0,2}ст\.|стст\.|ст\.|ст(?=\s{0,2}\d)|"
    r"стать(?:я|и|е|ю|ей|ею|ям|ями|ях)|статей)"
    r"|(?P<sub>подп\.|подпункт(?:а|у|ом|е|ы|ов|ам|ами|ах)?)"
    r"|(?P<pp>пп\.|п\.\s{0,2}п\.)"
    r"|(?P<item>п\.|п(?=\s{0,2}\d)|пункт(?:а|у|ом|е|ы|ов|ам|ами|ах)?)"
    r"|(?P<part>ч\.\s{0,2}ч\.|чч\.|ч\.|ч(?=\s{0,2}\d)|част(?:ь|и|ью|ей|ям|ями|ях))"
    r"|(?P<para>абз\.|абзац(?:а|у|ем|е|ы|ев|ам|ами|ах)?)"
    r")" + NOT_LETTER_AFTER
)
# «второй части», «первого пункта»: an ordinal before the noun
RU_ORD_BEFORE = (
    NOT_LETTER_BEFORE
    + r"(?P<ord>"
    + RU_ORD
    + r")\s{1,3}(?:(?P<part>част(?:ь|и|ью|ей))|(?P<item>пункт(?:а|у|ом|е)?)|"
    r"(?P<para>абзац(?:а|у|ем|е)?))" + NOT_LETTER_AFTER
)
RU_LIST_SEP = r"(?:\s{0,3}[,;]\s{0,3}(?:и\s{1,3})?|\s{1,3}(?:и|или|либо)\s{1,3})"
RU_CHAIN_SEP = (
    r"(?P<sep>\s{0,3}[,;]\s{0,3}|\s{1,3}-\s{1,3}|\s{1,3})"
    r"(?P<conj>(?:и|или|либо|а\s{1,3}также|а\s{1,3}равно|а|на|в\s{1,3}том\s{1,3}числе)"
    r"\s{1,3})?"
    r"(?P<prep>(?:по|на|в|во|с|со|согласно|из)\s{1,3})?"
)
RU_FILLER = (
    r"(?:(?:ранее\s{1,3}|ныне\s{1,3})?(?:действующ|действовавш|нов|прежн|стар)[а-я]{0,4}"
    r"\s{1,3}(?:редакци[а-я]{0,2}\s{1,3})?)?"
)

LEVEL_OF_GROUP = {
    "art": Level.ARTICLE,
    "part": Level.PART,
    "item": Level.ITEM,
    "pp": Level.ITEM,
    "sub": Level.SUBITEM,
    "para": Level.PARA,
}

# ---------------------------------------------------------------- Kyrgyz words

_KL = r"[а-яөүңо]"
KY_WORD = (
    r"(?:"
    r"(?P<art>" + _fold_ky("берене") + _KL + r"{0,12}|статья" + _KL + r"{0,12})"
    r"|(?P<sub>пунктча" + _KL + r"{0,10})"
    r"|(?P<item>пункт" + _KL + r"{0,12})"
    r"|(?P<part>" + _fold_ky("бөлүг") + _KL + r"{0,12}|" + _fold_ky("бөлүк") + _KL + r"{0,12})"
    r"|(?P<para>абзац" + _KL + r"{0,10})"
    r")" + NOT_LETTER_AFTER
)
# «168-инчи беренеси»: a number may carry the ordinal suffix
KY_ORD_SUFFIX = r"-?(?:инчи|ынчы|үнчү|унчу|нчи|нчы|нчү|нчу|чи|чы|чү|чу)(?![а-яөүң])"
KY_NUM = r"[1-9]\d{0,3}(?:-[1-9]\d{0,3})?(?:\.\d{1,3})?(?:" + KY_ORD_SUFFIX + ")?"
KY_LIST_SEP = r"(?:\s{0,3},\s{0,3}|\s{1,3}(?:жана|же|" + _fold_ky("жүнө") + r")\s{1,3})"
KY_CHAIN_SEP = (
    r"(?P<sep>\s{0,3}[,;]\s{0,3}|\s{1,3}-\s{1,3}|\s{1,3})"
    r"(?P<conj>(?:жана|же|ошондой\s{1,3}эле)\s{1,3})?"
)

# ---------------------------------------------------------------- dates, titles, numbers

MONTHS_RU = (
    r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]{0,3}"
)
DATE_RU = (
    r"(?:[0-3]?\d\s{0,2}" + MONTHS_RU + r"\s{1,3}(?:1[89]|20)\d\d"
    r"|[0-3]?\d\.[01]?\d\.(?:(?:1[89]|20)\d\d|\d\d)(?!\d))"
    r"(?:\s{0,2}(?:года|г\.|г" + NOT_LETTER_AFTER + r"))?"
)
DATE_KY = (
    r"(?:(?:1[89]|20)\d\d\s{0,2}-?\s{0,2}ж(?:ылдын|ылы|ылдагы|\.)?\s{0,3}[0-3]?\d\s{0,2}-?\s{0,2}"
    + _KL
    + r"{3,16}"
    r"|[0-3]?\d\.[01]?\d\.(?:1[89]|20)\d\d(?:\s{0,2}-?\s{0,2}ж" + _KL + r"{0,10}\.?)?)"
)
QUOTED = (
    r"(?:«(?:[^«»\n]|«[^«»\n]{0,120}»){1,250}+»"
    r"|„[^„“”\"\n]{1,250}+[“”\"]"
    r"|“[^“”\n]{1,250}+”"
    r"|\"[^\"\n]{1,250}+\")"
)
# «№», and the Latin «N» / «No.» legal databases use for it
NUMBER_SIGN = r"(?:№{1,2}|(?-i:N)(?:o\.?)?(?=\s{0,2}\d))"
# a title written without quotes: «Закона КР о нотариате от 30 мая 1998 года № 70»
UNQUOTED_TITLE = (
    r"(?:о|об|по)(?:\s{1,3}[^\s«»\"№,.;()]{1,30}){1,15}?(?=\s{1,3}(?:от\s|№|(?-i:N)\s{0,2}\d))"
)
LAW_NUMBER = (
    r"(?P<num>[1-9]\d{0,4}(?:\s?-\s?(?-i:[IVXLCХІ]{1,7}|[А-ЯA-Z]{1,5}))?)"
    r"(?![\w])"
)
SELF_REF = (
    r"(?:настоящ|данн|этого|этой|указанн|того\s{1,3}же|той\s{1,3}же|ушул|бул)[а-яөүң]{0,4}"
    r"\s{1,3}(?:кодекс|закон|стать|мыйзам|берене)"
)


def compiled(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.IGNORECASE)
