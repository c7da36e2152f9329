"""Shapes and normal forms of personal names, shared by the recognizers and pseudonyms.

Court texts inflect every name: Russian by case and gender (`Асанова` is both the
feminine nominative and the masculine genitive), Kyrgyz by suffix (`Асановдун`,
`Азаматка`). Mentions of one person are compared through a set of normal forms
(pymorphy3 lemmas plus stems with Kyrgyz case suffixes stripped), never by string.
Whether a capitalised word can be a name at all is decided here too: natasha's list of
first names, pymorphy3's tags, and short lists of role and stop words.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import regex as re

from core import text_fold

UP = "А-ЯЁӨҮҢ"
LO = "а-яёөүң"
START = rf"(?<![{LO}{UP}\w])"
# One capitalised word, optionally hyphenated (`Осипова-Турдубаева`).
WORD = rf"[{UP}][{LO}]{{1,30}}(?:-[{UP}][{LO}]{{1,30}})?"
INIT = rf"[{UP}]\."
INITS = rf"{INIT}(?:\s?{INIT})?"  # `Б.К.`, `Б. К.`, `Н.`
_KY_END = (
    r"(?:нын|нин|дын|дин|тын|тин|га|ге|ка|ке|на|не|ны|ни|ды|ди|ты|ти|да|де|та|те"
    r"|дан|ден|тан|тен|нан|нен)"
)
_PATR_TAIL = r"(?:(?:ович|евич|ьич|ич)(?:а|у|ем|е)?|(?:овн|евн|ичн)(?:а|ы|е|у|ой|ою))"
# Patronymic: -ович/-евич/-ич, -овна/-евна/-ична, a Russian case ending, a Kyrgyz suffix.
PATR = rf"[{UP}][{LO}]{{1,30}}{_PATR_TAIL}{_KY_END}?"
# Kyrgyz (and Turkic) patronymic particles written between two names.
PARTICLE = r"(?i:уулу|кызы|оглы|улы|кизи|гызы)"
PARTICLES_BASE = frozenset({"уулу", "кызы", "оглы", "улы", "кизи", "гызы"})
# A particle that closes the name (`Айгерим Марат кызы`) takes the case suffix:
# `Айгерим Марат кызына`, `Азамат Нурбек уулунун`.
_PARTICLE_CASES = ("н", "на", "ны", "ну", "нын", "нун", "нан", "нда")
PARTICLE_CASED = (
    r"(?i:уулу|кызы|оглы|улы|кизи|гызы)"
    r"(?:нын|нун|нан|нда|на|ны|ну|н)?"
)
PARTICLES = PARTICLES_BASE | frozenset(p + c for p in ("уулу", "кызы") for c in _PARTICLE_CASES)


def particle_base(word: str) -> str:
    """`кызына` -> `кызы`; any other word is returned folded."""
    w = fold(word)
    for base in PARTICLES_BASE:
        if w.startswith(base) and w in PARTICLES:
            return base
    return w


# Any script: a Latin-script name (`Joshua Wolf`) is made of tokens as much as a Cyrillic one.
TOKEN_RE = re.compile(r"\p{Lu}\.|\p{L}+(?:-\p{L}+)*")
_WORD_RE = re.compile(rf"[{UP}{LO}]+(?:-[{UP}{LO}]+)*")
_PATR_RE = re.compile(rf"{_PATR_TAIL}{_KY_END}?$")
_SURNAME_END_RE = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ову|еву|ину|ыну|овой|евой|иной|ыной|овым|евым"
    r"|иным|ыным|ове|еве|ине|ыне|овых|евых|иных|овы|евы|енко|ко|ук|юк|ян|ых|их|ский|цкий"
    r"|ская|цкая|ской|цкой|ского|цкого|скому|цкому)$"
)
# -ов/-ев/-ин surnames in any case, with or without a Kyrgyz suffix
_OV_SURNAME_RE = re.compile(r"[а-яёөүң]{2,}(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ом|е|ой|ою|ы|ых|ыми)?$")
_FOLD = str.maketrans({**text_fold.YO, **text_fold.KYRGYZ_AS_RUSSIAN})


def fold(word: str) -> str:
    """Lowercase with ё→е and the Kyrgyz letters as Russian ones (core.text_fold).

    No pre-1918 letters and no hard-sign rule: the name lists (natasha's, the role and
    stop words below) are modern Russian and Kyrgyz, and court decisions are modern texts;
    the Kyrgyz letters are folded because the lists have none of them.
    """
    return word.lower().translate(_FOLD)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


KY_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        _wordset("""
    нын нин нун нүн дын дин дун дүн тын тин тун түн га ге го гө ка ке ко кө на не но нө
    ны ни ну нү ды ди ду дү ты ти ту тү да де до дө та те то тө дан ден дон дөн тан тен тон
    төн нан нен нон нөн дагы деги догу дөгү тагы теги тогу төгү
"""),
        key=len,
        reverse=True,
    )
)

# Capitalised words that open Kyrgyz and Russian sentences or name roles, acts and
# places; never a name token (pymorphy knows Russian common words, not Kyrgyz ones).
NOT_NAME = _wordset("""
    кыргыз кыргызстан кыргызской кыргызская республики республика республикасынын
    республикасы кр рф ссср сот соту сотко соттун судья судьясы судьялар төрагалык катчы
    катчысы прокурор жактоочу адвокат айыптоочу мамлекеттик айыпталуучу айыпталуучунун
    жабырлануучу жабырлануучунун доогер доогердин жоопкер жоопкердин күбө күбөнүн
    соттолуучу шектүү укук бузуучу арызчы жогоруда ошондой бирок ошентип сотто негизинде
    ылайык түшүндүрдү билдирди көрсөттү өкүм чечим токтом аныктама кылды чечти кылмыш-жаза
    жазык граждандык жарандык административдик процесстик кодекси кодексинин мыйзам
    мыйзамы бишкек ош каракол токмок нарын талас баткен жалал-абад чуй чүй иссык-куль
    ысык-көл установил постановил решил определил приговорил анын алардын менин сенин биздин
    силердин өзүнүн өз ал алар бул ошол ушул мында анда ага аны
    атынан аты ысымы кылмыш кылмышы жаза жазасы жазаны иш иши иштин сот соттун сотко
    ашкере далил далилдер өкүмгө чечимге токтомго аныктамага тергөө тергөөчү
    корутунду корутундусу эксперт эксперттин арыз арызы доо доону талап тараптар тарап
    укугу милдети карыз карызды келишим келишими акча акчаны мүлк мүлкү зыян зыянды
    ошондуктан ошентип демек себеби андыктан мындан андан кийин мурда азыр натыйжада
    жыйынтыгында жыйынтыктап ушуга байланыштуу алардын аларга мында ошол ушул бардык
    башка эгерде качан кайсы эмне эч бир экинчи биринчи үчүнчү жана же менен
    мамлекеттик апелляциялык кассациялык жарандын жарандар жараны айыпталуучуга
    прокуратура прокуратурасы милиция кызматкерлери кызматкери башкармалыгы
    токтом токтому өкүмү чечими аныктамасы соттолгон соттолбогон
    жаран башкы жогорку улук жергиликтүү борбордук райондук шаардык облустук
""")
# Short words that open sentences: never a short surname (`Но Асанов` is not `Но`).
_SENTENCE_OPENERS = _wordset("""
    но и а в с к о у он она оно они мы вы я ты его ее её их это так не же да то из за на по
    до от об во со ко ни ли или уже все всё там тут где как что кто чем при для без над под
""") - _wordset("ни ли")
# Lemmas of role nouns: never a surname, not even before initials (`Судья А.Т.`).
ROLE_LEMMAS = _wordset("""
    судья прокурор адвокат защитник секретарь истец истица ответчик ответчица свидетель
    свидетельница потерпевший потерпевшая подсудимый подсудимая обвиняемый обвиняемая
    осуждённый осуждённая осужденный осужденная подозреваемый подозреваемая гражданин
    гражданка председательствующий председатель представитель следователь инспектор
    эксперт суд коллегия заявитель взыскатель должник понятой понятая правонарушитель
    водитель директор начальник сотрудник соседка сосед брат сестра мать отец сын дочь
    жена муж супруг супруга
""")
# Words right after a name that make it a place or a body (`Ленин көчөсү`, `Манас
# аэропорту`, `Сокулук району`).
GEO_AFTER = _wordset("""
    шаары шаарынын шаарында шаарына району районунун районунда облусу облусунун айылы айыл
    айылында көчөсү көчөсүнүн проспектиси районный районного районному городской
    городского областной областного области область район района атындагы кичи аэропорт
    аэропорту аэропортунда аэропорта университет университети университетинин мектеби
    мектебинин лицей банк банкы банкынын фонду компаниясы базары базарында рынок рынка рынке
""")
GEO_BEFORE = re.compile(
    r"(?<![\w])(?:(?:ул|пр|пр-т|пер|бул|г|гор|с|пос|пгт|мкр|им|пл|а|р-н|ж/м)\.[ \u00a0]{0,2}"
    r"|(?:улица|улице|улицы|проспект\w{0,2}|переулок|переулка|бульвар\w{0,2}|город\w{0,2}"
    r"|село|селе|села|поселок\w{0,2}|поселке|микрорайон\w{0,2}|жилмассив\w{0,2}|имени"
    r"|площад\w{1,2}|р-н|мкр)[ \u00a0]{1,2})(?:[" + UP + r"]\.[ \u00a0]?){0,2}$"
)
# Kyrgyz relational adjectives (`Патрулдук`, `Мамлекеттик`); short ones can be names
# (`Сагындык`), so only long words are refused.
_KY_ADJ = re.compile(r"(?:дык|дик|дук|дүк|тык|тик|тук|түк|лык|лик|лук|лүк)$")
# Kyrgyz agent nouns (`айыпталуучу`, `коргоочу`) with any suffix, and passive imperatives
# (`таанылсын`, `өндүрүлсүн`): the words that open Kyrgyz sentences of a decision.
_KY_AGENT = re.compile(r"(?:уучу|үүчү|оочу|өөчү|ючу)|(?:ыл|ил|ул|үл|л|н)(?:сын|син|сун|сүн)$")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
_COMMON_POS = frozenset(
    {
        "NOUN",
        "ADJF",
        "ADJS",
        "PRTF",
        "PRTS",
        "VERB",
        "INFN",
        "ADVB",
        "NUMR",
        "NPRO",
        "GRND",
        "COMP",
        "PREP",
    }
)


def words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def is_patronymic(word: str) -> bool:
    return len(word) > 4 and bool(_PATR_RE.search(word.lower()))


_M_PATR_RE = re.compile(rf"(?:ович|евич|ьич|ич)(?:а|у|ем|е)?{_KY_END}?$")
_F_PATR_RE = re.compile(rf"(?:овн|евн|ичн)(?:а|ы|е|у|ой|ою){_KY_END}?$")
_KY_PATR_RE = re.compile(rf"{_PATR_TAIL}{_KY_END}$")
# Russian surname forms that only one gender has: `Асанов`, `Асановым`, `Асанове` (he);
# `Асановой` (she). `Асанова` and `Асанову` are both.
_M_SURNAME_RE = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:ым|е)?$|(?:ск|цк)(?:ий|ого|ому|им|ом)$")
_F_SURNAME_RE = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:ой|ою)$|(?:ск|цк)(?:ая|ую|ой)$")
_OV_STEM_RE = re.compile(r"(?:ов|ев|ёв|ин|ын)(а?)$")
_LONG_KY_SUFFIXES = tuple(x for x in KY_SUFFIXES if len(x) >= 3)


def patronymic_gender(word: str) -> str | None:
    """ "m" for `Асанович`, `Асановичке`, `Нурбек уулу`; "f" for `Асановна`, `Марат кызы`."""
    w = word.lower()
    head, _sp, particle = w.rpartition(" ")
    if head and particle in PARTICLES:
        return "f" if particle_base(particle) in ("кызы", "кизи", "гызы") else "m"
    if _F_PATR_RE.search(w):
        return "f"
    return "m" if _M_PATR_RE.search(w) else None


def surname_gender(word: str) -> str | None:
    """Gender told by a surname's form, if only one gender has it: `Асановым` (m),
    `Асановой` (f), and with a Kyrgyz suffix on the nominative `Асановдун` (m),
    `Асанованын` (f)."""
    w = fold(word)
    for stem in kyrgyz_stems(word):
        m = _OV_STEM_RE.search(stem)
        if m and len(stem) >= 5:
            return "f" if m.group(1) else "m"
    if _F_SURNAME_RE.search(w):
        return "f"
    return "m" if _M_SURNAME_RE.search(w) else None


# Gender and case a Russian form can have: -ов surnames and patronymics.
_SURNAME_FORMS = (
    ("ой", {"f gen", "f dat", "f ins", "f prep"}),
    ("ою", {"f ins"}),
    ("ым", {"m ins"}),
    ("а", {"m gen", "m acc", "f nom"}),
    ("у", {"m dat", "f acc"}),
    ("е", {"m prep"}),
    ("", {"m nom"}),
)
_PATR_FORMS = (
    ("ичем", {"m ins"}),
    ("ича", {"m gen", "m acc"}),
    ("ичу", {"m dat"}),
    ("иче", {"m prep"}),
    ("ич", {"m nom"}),
    ("вной", {"f ins"}),
    ("вною", {"f ins"}),
    ("вна", {"f nom"}),
    ("вны", {"f gen"}),
    ("вне", {"f dat", "f prep"}),
    ("вну", {"f acc"}),
    ("чна", {"f nom"}),
    ("чны", {"f gen"}),
    ("чне", {"f dat", "f prep"}),
    ("чну", {"f acc"}),
    ("чной", {"f ins"}),
)


def _forms(word: str, table: tuple[tuple[str, set[str]], ...], stem_re: str) -> set[str] | None:
    w = fold(word)
    for end, forms in table:
        if w.endswith(end) and re.search(stem_re + "$", w[: len(w) - len(end)]):
            return forms
    return None


def agree(surname: str, patronymic: str) -> bool:
    """Can this surname and this patronymic be one person's, in one case
    (`Кочкоровой ... Сагыновне`: yes; `Асанову ... Эркиновичем`: no)? Forms that say
    nothing (a Kyrgyz suffix, an indeclinable surname) agree with anything."""
    sg, pg = surname_gender(surname), patronymic_gender(patronymic)
    if sg and pg and sg != pg:
        return False
    s_forms = _forms(surname, _SURNAME_FORMS, r"(?:ов|ев|ёв|ин|ын)")
    p_forms = _forms(patronymic, _PATR_FORMS, r"[а-яё]{3}")
    return s_forms is None or p_forms is None or bool(s_forms & p_forms)


def closes_name(word: str, after_particle: bool = False) -> bool:
    """A Kyrgyz name group takes its case suffix on its last word only, so a word with
    one ends the name (`Эркиновичтен`, `уулу Жоомарттан`): whatever follows is another
    person (`... Эркиновичтен Марат кызы Айгеримдин пайдасына`)."""
    if len(word) > 4 and _KY_PATR_RE.search(word.lower()):
        return True
    if after_particle:
        return True
    w = fold(word)
    if w in first_names(with_ambiguous=True):
        return False
    return any(
        w.endswith(x) and len(w) - len(x) >= 3 and w[: -len(x)] in first_names(with_ambiguous=True)
        for x in _LONG_KY_SUFFIXES
    )


def surname_shaped(word: str) -> bool:
    w = word.lower()
    return bool(_SURNAME_END_RE.search(w)) or any(
        w.endswith(s) and _SURNAME_END_RE.search(w[: -len(s)]) for s in KY_SUFFIXES
    )


def ov_surname_shaped(word: str) -> bool:
    """`Асанова`, `Соломоновой`, `Святославовой`, `Асановдун`: pymorphy may read the
    Russian ones as possessive adjectives, which is what such surnames are made of."""
    w = word.lower()
    return bool(_OV_SURNAME_RE.search(w)) or any(
        w.endswith(s) and _OV_SURNAME_RE.search(w[: -len(s)]) for s in KY_SUFFIXES
    )


def kyrgyz_stems(word: str) -> list[str]:
    w = fold(word)
    return [w[: -len(s)] for s in KY_SUFFIXES if w.endswith(s) and len(w) - len(s) >= 3]


@functools.cache
def morph() -> object:
    # late: its dictionaries take ~1 s to load; only name inflection needs them
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.cache
def first_names(*, with_ambiguous: bool = False) -> frozenset[str]:
    """First names shipped with natasha (Russian, Central Asian, Caucasian; ~7.6k),
    without the ones natasha itself marks as ambiguous (`Роза`, `Вера`, `Канат`) unless
    asked for them."""
    # late: natasha loads its models on import
    from natasha.data import FIRST, MAYBE_FIRST, load_dict

    ambiguous = set() if with_ambiguous else {fold(w) for w in load_dict(MAYBE_FIRST) if w}
    return frozenset(fold(w) for w in load_dict(FIRST) if w and fold(w) not in ambiguous)


@functools.lru_cache(maxsize=65536)
def _parses(word: str) -> tuple[tuple[str, frozenset[str], float], ...]:
    out = []
    for p in morph().parse(word.lower())[:6]:  # type: ignore[attr-defined]
        tags = frozenset(str(p.tag).replace(" ", ",").split(","))
        out.append((fold(p.normal_form), tags, float(p.score)))
    return tuple(out)


def _is_known(word: str) -> bool:
    return bool(morph().word_is_known(word.lower()))  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=65536)
def name_keys(word: str) -> frozenset[str]:
    """Normal forms under which two inflected mentions of a name meet."""
    w = fold(word)
    keys = {w}
    for stem in [w, *kyrgyz_stems(word)]:
        keys.add(stem)
        parses = _parses(stem)
        named = [p for p in parses if p[1] & _NAME_TAGS]
        keys.update(normal for normal, _tags, _score in (named or list(parses[:2])))
    # Russian feminine/oblique surname forms: Асановой, Асановым -> асанов.
    m = re.match(r"^(.{2,}?(?:ов|ев|ин|ын))(?:а|у|ым|ом|е|ой|ою|ы|ых|ыми)?$", w)
    if m:
        keys.add(m.group(1))
    return frozenset(k for k in keys if len(k) >= 2)


_NOMINATIVE = (
    ("ой", "а"),
    ("ей", "я"),
    ("ою", "а"),
    ("ом", ""),
    ("ем", "ь"),
    ("ем", ""),
    ("а", ""),
    ("у", ""),
    ("е", ""),
    ("ы", "а"),
    ("и", "а"),
    ("и", "я"),
    ("у", "а"),
    ("ю", "я"),
    ("е", "а"),
    ("е", "я"),
    ("я", "ь"),
    ("ю", "ь"),
    ("и", "ь"),
    ("ей", "ь"),
)


def _nominatives(w: str) -> list[str]:
    """Nominative guesses for a declined first name (`Гулчехры` -> `гулчехра`)."""
    return [w] + [
        w[: -len(end)] + repl
        for end, repl in _NOMINATIVE
        if w.endswith(end) and len(w) - len(end) >= 2
    ]


@functools.lru_cache(maxsize=65536)
def in_first_name_list(word: str, *, with_ambiguous: bool = False) -> bool:
    """The word, declined or with a Kyrgyz suffix, is in natasha's list of first names."""
    names = first_names(with_ambiguous=with_ambiguous)
    return any(
        c in names or c + "ь" in names
        for stem in [fold(word), *kyrgyz_stems(word)]
        for c in _nominatives(stem)
    )


@functools.lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    names = first_names()
    for stem in [fold(word), *kyrgyz_stems(word)]:
        if any(c in names or c + "ь" in names for c in _nominatives(stem)):
            return True
        for normal, tags, score in _parses(stem):
            if "plur" in tags:
                continue  # `Асанов` is not the genitive plural of `Асан`
            if normal in names or ("Name" in tags and score >= 0.3):
                return True
    return False


def _surname_reading(word: str) -> bool:
    """An -ов/-ин word that pymorphy reads as a surname, a possessive adjective
    (`Соломоновой`), a short adjective (`Валерьянова`) or a plural genitive (`Маралов`)."""
    if not ov_surname_shaped(word):
        return False
    for _n, tags, _s in _parses(fold(word)):
        if (
            tags & _NAME_TAGS
            or "Poss" in tags
            or "ADJS" in tags
            or ("NOUN" in tags and "plur" in tags)
        ):
            return True
    return not _is_known(word)


def is_common_word(word: str) -> bool:
    """A known Russian word that is not a name (`Управления`, `Бишкекского`)."""
    parses = _parses(fold(word))
    if not parses or is_first_name(word) or any(t & _NAME_TAGS for _n, t, _s in parses):
        return False
    if _surname_reading(word):
        return False
    return _is_known(word) and any(t & _COMMON_POS for _n, t, _s in parses)


def is_geo(word: str) -> bool:
    if is_first_name(word):
        return False
    parses = _parses(fold(word))
    return any("Geox" in t for _n, t, _s in parses) and not any(
        t & _NAME_TAGS for _n, t, _s in parses
    )


def is_place_word(word: str) -> bool:
    """A place name, also with a Kyrgyz case suffix (`Россияда`, `Бишкекке`)."""
    if is_geo(word):
        return True
    w = fold(word)
    return any(
        w.endswith(x) and len(w) - len(x) >= 4 and is_geo(w[: -len(x)]) and _is_known(w[: -len(x)])
        for x in _PLACE_CASES
    )


# Kyrgyz locative, dative and ablative endings: the cases a place takes in running text.
_PLACE_CASES = (
    "да",
    "де",
    "та",
    "те",
    "га",
    "ге",
    "ка",
    "ке",
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
)


def is_role_or_function_word(word: str, *, before_particle: bool = False) -> bool:
    """Role nouns, stop words and known non-nouns: never a surname, even before initials."""
    w = fold(word)
    if w in NOT_NAME or any(stem in NOT_NAME for stem in kyrgyz_stems(word) if len(stem) >= 4):
        return True  # `Кылмыш-жаза`, `Соттолуучунун`, `Атынан`
    head, hyphen, _tail = word.partition("-")
    if hyphen and head and not _tail[:1].isupper():
        return is_role_or_function_word(head)  # `Судья-докладчик`, not `Осипов-Турдубаев`
    if (
        not before_particle
        and len(w) >= 7
        and _KY_AGENT.search(w)
        and not in_first_name_list(word, with_ambiguous=True)
    ):
        return True  # Kyrgyz agent nouns and passive imperatives: `Жабырлануучуга`, `Таанылсын`
    if (
        not before_particle
        and len(w) >= 9
        and _KY_ADJ.search(word.lower())
        and not in_first_name_list(word, with_ambiguous=True)
    ):
        return True
    parses = _parses(w)
    if any(n in ROLE_LEMMAS for n, _t, _s in parses):
        return True
    if any(t & _NAME_TAGS for _n, t, _s in parses) or is_first_name(word):
        return False
    if _surname_reading(word) or _plural_adjective_surname(w, parses):
        return False
    return _is_known(word) and not any("NOUN" in t for _n, t, _s in parses)


def is_role_word(word: str) -> bool:
    """A role noun or a stop word (`Судья`, `Айыпталуучу`, `Атынан`), but not a mere
    adjective: `Гороховский` after `Артур` is a surname."""
    w = fold(word)
    if w in NOT_NAME or any(stem in NOT_NAME for stem in kyrgyz_stems(word) if len(stem) >= 4):
        return True
    if len(w) >= 7 and _KY_AGENT.search(w) and not in_first_name_list(word, with_ambiguous=True):
        return True
    return any(n in ROLE_LEMMAS for n, _t, _s in _parses(w))


def _plural_adjective_surname(
    w: str, parses: tuple[tuple[str, frozenset[str], float], ...]
) -> bool:
    """`Гладких`, `Седых`, `Долгих`: indeclinable surnames made of a plural adjective."""
    return (
        len(w) >= 5
        and w.endswith(("ых", "их"))
        and any({"ADJF", "plur", "gent"} <= t for _n, t, _s in parses)
    )


def maybe_first_name(word: str) -> bool:
    """Listed as a first name, or read as one by pymorphy at all (`Роман`, `Вера`)."""
    return in_first_name_list(word, with_ambiguous=True) or any(
        "Name" in t for _n, t, _s in _parses(fold(word))
    )


def indeclinable_adjective_surname(word: str) -> bool:
    """`Гладких`, `Черных` typed with a capital: a surname if a name stands beside it."""
    w = fold(word)
    return is_capitalised(word) and _plural_adjective_surname(w, _parses(w))


def plausible_structured(text: str) -> bool:
    """Lenient check for strongly structured names (with initials or a patronymic):
    common nouns pass (`Гайдамак В.О.`, `Коваль Н.`, `Бекову Улану Асановичу`), and so do
    short Korean surnames that are also Russian particles (`Ни Д.В.`, `Ли Д.В.`)."""
    toks = [m.group() for m in TOKEN_RE.finditer(text)]
    for i, w in enumerate(toks):
        if fold(w) in PARTICLES or w.endswith("."):
            continue
        if not is_capitalised(w):
            return False
        before = i + 1 < len(toks) and fold(toks[i + 1]) in PARTICLES
        if len(w) <= 3 and fold(w) not in _SENTENCE_OPENERS and fold(w) not in NOT_NAME:
            continue
        if is_role_or_function_word(w, before_particle=before):
            return False
    return True


def plausible_name(text: str) -> bool:
    """Strict check for weakly structured names: no stop word, no known common word."""
    for m in TOKEN_RE.finditer(text):
        w = m.group()
        if fold(w) in PARTICLES or w.endswith("."):
            continue
        if not is_capitalised(w) or is_role_or_function_word(w) or is_common_word(w):
            return False
    return True


def plausible_word(word: str) -> bool:
    """A lone word named by its context: strict, but a surname-shaped or listed first name
    passes even when it is also a common word (`Маралов`, `Талант`)."""
    if is_place_word(word) and not in_first_name_list(word):
        return False  # `Бакыт Сейитбекович Россияда`
    if plausible_name(word):
        return True
    return (
        (surname_shaped(word) or in_first_name_list(word))
        and not is_geo(word)
        and not is_role_or_function_word(word)
    )


def plausible_prefix(
    text: str, start: int, end: int, check: Callable[[str], bool] = plausible_name
) -> int | None:
    """End of the longest run of name tokens from `start` (initials ride along)."""
    last = None
    for m in TOKEN_RE.finditer(text, start, end):
        tok = m.group()
        if tok.endswith("."):
            last = m.end()
            continue
        if fold(tok) in PARTICLES:
            if last is None:
                return None
            continue
        if not check(tok):
            break
        last = m.end()
    return last


def decaps(text: str) -> str:
    """Title-case words typed in capitals, keeping every offset (`АСАНОВА` -> `Асанова`)."""

    def title(m: re.Match[str]) -> str:
        t = m.group().title()
        out: str = t if len(t) == len(m.group()) else m.group()
        return out

    out: str = re.sub(rf"(?<![\w])[{UP}]{{2,}}(?:-[{UP}]{{2,}})?(?![\w])", title, text)
    return out
