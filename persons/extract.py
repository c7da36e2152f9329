"""Person records proposed from archival text: memorial-book entries, troika and special-board
protocol extracts, rehabilitation certificates, typed lists and Kyrgyz-language entries.

The text is cut into *entries* (one person each: the whole text, or each numbered row of a
list); a header before the first entry (a protocol's «заседания тройки … от …») gives every
entry its defaults. Inside an entry, facts are found by what they are, not by where a
template put them: a name group, then *events* (arrest, sentence, execution, rehabilitation)
recognised by their key words in Russian and Kyrgyz, each taking the dates and bodies of
its own clause. Every fact keeps the character span it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from persons.dates import DateHit, find_dates
from persons.morph import (
    Case,
    given_nominative,
    is_patronymic,
    patronymic_nominative,
    surname_nominative,
    title,
)
from persons.types import PersonFacts, SentenceKind, Sex, Span
from persons.vocab import (
    FEMALE_NATIONALITIES,
    NATIONALITIES,
    SETTLEMENTS_KY_RU,
    BodyHit,
    BodyKind,
    find_bodies,
)


class Event(StrEnum):
    ARREST = "arrest"
    SENTENCE = "sentence"
    EXECUTION = "execution"
    REHABILITATION = "rehabilitation"


@dataclass(frozen=True, slots=True)
class Extracted:
    """A proposed person and the entry of the source text it was read from."""

    facts: PersonFacts
    start: int
    end: int


_UP = "А-ЯЁӨҮҢ"
_LO = "а-яёөүң"
_NAME_WORD = rf"[{_UP}][{_UP}{_LO}]+(?:-[{_UP}][{_UP}{_LO}]+)?"
_INITIAL = rf"[{_UP}]\.\s?(?:[{_UP}]\.)?"
_NAME_GROUP = re.compile(
    rf"(?P<w1>{_NAME_WORD})(?:\s+(?P<w2>{_NAME_WORD}|{_INITIAL}))?"
    rf"(?:\s+(?P<w3>{_NAME_WORD}))?(?:\s+(?P<w4>{_NAME_WORD}))?"
    rf"(?:\s+(?P<kin>уулу|кызы|уулы|кизи|оглы|кыз|гызы))?"
)
_DECISION = re.compile(
    r"(?m)^\s*(?:ПОСТАНОВИЛИ|ПОСТАНОВИЛ|ПРИГОВОРИЛИ|ОПРЕДЕЛИЛИ|ТОКТОМ КЫЛДЫ)\s*:?"
)
_WORD_START = re.compile(rf"(?<![\w-])[{_UP}]")
_STOP = frozenset(
    (
        "выписка",
        "протокол",
        "протокола",
        "слушали",
        "постановили",
        "справка",
        "справку",
        "гражданин",
        "гражданка",
        "дело",
        "осужден",
        "осуждена",
        "арестован",
        "арестована",
        "определением",
        "постановлением",
        "приговором",
        "решением",
        "реабилитирован",
        "реабилитирована",
        "расстрелян",
        "расстреляна",
        "приговор",
        "нквд",
        "унквд",
        "огпу",
        "ссср",
        "рсфср",
        "ук",
        "упк",
        "вмн",
        "итл",
        "военная",
        "военной",
        "военного",
        "верховного",
        "верховный",
        "верховным",
        "особого",
        "особое",
        "особым",
        "тройки",
        "тройкой",
        "тройка",
        "киргизской",
        "киргизская",
        "сср",
        "жогорку",
        "аскер",
        "лично",
        "имущество",
        "заседания",
        "выписку",
        "список",
        "списка",
        "уроженец",
        "уроженка",
        "род",
        "родился",
        "родилась",
        "проживал",
        "проживала",
        "член",
        "б/п",
        "беспартийный",
        "кантона",
        "района",
        "округа",
        "области",
        "и",
        "в",
        "по",
        "от",
        "за",
        "на",
        "при",
        "с",
        "г",
        "ст",
        "к",
        "до",
        "что",
        "прокуратуры",
        "прокуратурой",
        "прокуратура",
        "коллегии",
        "коллегией",
        "содержался",
        "освобожден",
        "освобождена",
        "умер",
        "умерла",
        "дата",
        "год",
        "года",
        "архив",
        "фонд",
        "опись",
        "лист",
        "кыргыз",
    )
)
_SURNAME_END = re.compile(
    r"(ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|овой|евой|иной|ыной|ову|еву|ину|овым|евым|иным"
    r"|ский|ская|ского|ской|цкий|цкая|енко|ко|ук|юк|ых|их|швили|дзе|ян|янц)$",
    re.I,
)
_ROW = re.compile(r"(?m)^\s*(\d{1,4})\s*(?:[.)]|[|\t])\s*")
# A line that opens with a name: «АСАНОВ Токтогул …» or «Асанов Токтогул, 1895 …».
_NAME_LINE = re.compile(
    rf"(?m)^[ \t]*(?:[{_UP}]{{2}}[{_UP}-]+\s+[{_UP}][{_LO}]+"
    rf"|[{_UP}][{_LO}]+(?:ов|ев|ин|ова|ева|ина|ын|ына)\s+[{_UP}][{_LO}]+[^\n]{{0,40}}?"
    rf"[,(|\t]\s*1[89]\d\d)"
)
_BARE_YEAR = re.compile(r"(?<![\d./-])(18[5-9]\d|19[0-4]\d)(?![\d./-])")
_ABBREVIATIONS = frozenset(
    (
        "г",
        "с",
        "ст",
        "р",
        "пос",
        "им",
        "гр",
        "п",
        "ч",
        "обл",
        "о",
        "ф",
        "оп",
        "д",
        "л",
        "тт",
        "т",
        "кант",
        "окр",
        "р-на",
        "р-н",
        "у",
        "ул",
        "д-р",
        "тов",
        "им.",
        "ж",
        "кирг",
        "сов",
        "нар",
        "арест",
        "осужд",
        "реаб",
        "расстр",
        "род",
        "урож",
        "прож",
        "гг",
        "ж.т",
        "т.е",
    )
)
_CLAUSE_BREAK = re.compile(
    r",\s+(?=[^\d\s])|;\s+|\s+и\s+(?=[а-яё]+(?:ем|ом|ой|ием)\s)|"
    r"\s+и\s+(?=(?:был|была|дело|осужд|приговор|реабил|расстр))",
    re.I,
)
_CLAUSE_SPLIT = re.compile(r",\s+(?=[^\d\s])|;\s+|\s+—\s+(?=[а-яё])|\s*[|\t]\s*")

_EVENT_WORDS: tuple[tuple[Event, re.Pattern[str]], ...] = (
    (
        Event.REHABILITATION,
        re.compile(
            r"реабилит\w*|прекращ\w*\s+за\s+отсутств\w*|дело\s+прекращено|акталган|акталды|"
            r"актал\w*|реаб\.|пересмотр\w*|отменен\w*",
            re.I,
        ),
    ),
    (
        Event.EXECUTION,
        re.compile(
            r"расстрелян\w*|приведен\w*\s+в\s+исполнение|атылган|умер\w*\s+в\s+(?:лагере|ИТЛ)"
            r"|расстр\.",
            re.I,
        ),
    ),
    (
        Event.SENTENCE,
        re.compile(
            r"осужд\w*|осужден\w*|приговор\w*|заседани\w*|постановили|"
            r"токтом\w*|өкүм\w*|чечим\w*|соттолгон|ВМН|высш\w+\s+мер\w*|расстрелять|выслать|заключить|"
            r"осуж\.",
            re.I,
        ),
    ),
    (Event.ARREST, re.compile(r"арест\w*|камакка\s+алын\w*|камалган|арест\.|задержан\w*", re.I)),
)

_BIRTH_YEAR = re.compile(
    r"(?<!\d)(1[89]\d\d)\s*(?:г\.?\s*р\.|г\.р\.|(?:года|г\.)\s*рожд\w*\.?|гр\.|"
    r"-?\s*жылы\s+(?:\S+\s+){0,3}?туулган|-?\s*ж\.\s*т\.|-?\s*жылы\s+туулган)"
    r"|(?:род(?:ился|илась|\.)|г\.\s*р\.|р\.)\s*(?:в\s+)?(1[89]\d\d)"
    r"|^[^()\n]{3,80}?\((1[89]\d\d)\b",
    re.I,
)
_BIRTHPLACE_RU = re.compile(
    rf"(?:урожен\w*|урож\.|род(?:ился|илась|\.)\s+в|место\s+рождения\s*[:—-]?|(?<=[,|\t])|^)\s*"
    rf"(?P<kind>с\.|г\.|пос\.|аул[а-я]*|кишлак[а-я]*|село|города?|селе)\s*"
    rf"(?P<name>[{_UP}][{_LO}]+(?:-[{_UP}]?[{_LO}]+)*)"
)
_BIRTHPLACE_KY = re.compile(
    rf"(?P<name>[{_UP}][{_LO}]+(?:-[{_UP}]?[{_LO}]+)*)\s+(?P<kind>айыл\w*|шаар\w*|кыштак\w*)"
    rf"(?:(?:\s+\S+){{0,2}}?\s+туулган|(?=[,.]))"
)
_LETTER = r"(?:\s?[а-д](?![а-яА-Я]))?"
_ART = (
    rf"\d{{2,3}}(?:\s*[-–]\s*\d{{1,2}}{_LETTER}|\s+п\.?\s*\d{{1,2}}{_LETTER})?"
    r"(?!\s*(?:лет|год|г\.|жыл))"
)
_CHARGE = re.compile(
    rf"(?:(?P<st>(?<![а-яА-ЯёЁ])[Сс]т(?:\.|атье|атьям|атьи)?\s*(?:ст\.\s*)?)|(?<![а-яА-ЯёЁ])по\s+)"
    rf"(?P<list>{_ART}"
    rf"(?:\s*(?:,|и)\s*{_ART})*)"
    r"|(?P<ky>\d{2,3}-\d{1,2}[а-д]?(?:\s*,\s*\d{2,3}-\d{1,2}[а-д]?)*)\s*-\s*берене"
)
_ARTICLE = re.compile(r"(\d{2,3})(?:\s*(?:[-–]|\s+п\.?\s*)\s*(\d{1,2})\s?([а-д])?(?![а-яё]))?")
_CAMP = re.compile(
    r"(?:(?<![\d.])(?P<n>\d{1,2})|(?P<w>одн\w+|дв\w+|тр[её]\w+|четыр\w+|пят\w+|шест\w+|сем\w+|"
    r"вос[ье]м\w+|девят\w+|десят\w+|пятнадцат\w+|двадцат\w+|двадцати\s+пят\w+))\s*"
    r"(?:год\w*|лет|г\.(?=\s*(?:ИТЛ|лишени|заключ|ссылк|лагер))|жылга|жыл)(?![а-яё])"
    r"(?P<tail>[^\n]{0,60})",
    re.I,
)
_NUM_WORDS = {
    "одн": 1,
    "дв": 2,
    "тр": 3,
    "четыр": 4,
    "пят": 5,
    "шест": 6,
    "сем": 7,
    "вос": 8,
    "девят": 9,
    "десят": 10,
    "пятнадцат": 15,
    "двадцат": 20,
}
_DEATH = re.compile(
    r"\bВМН\b|высш\w+\s+мер\w+|к\s+расстрелу|расстрелять|атууга|"
    r"расстрел\b|ату\s+жазасына",
    re.I,
)
_EXECUTED = re.compile(r"расстрелян\w*|атылган|приведен\w*\s+в\s+исполнение", re.I)
_EXILE = re.compile(r"ссылк\w*|высыл\w*|выслать|выслан\w*|сүргүн\w*|высылк\w*|ссыльн\w*", re.I)
_CAMP_WORD = re.compile(
    r"ИТЛ|лагер\w*|лишени\w+\s+свободы|заключ\w*|тюрем\w*|лагерине|"
    r"эркинен\s+ажырат\w*|түрмө\w*|концлагер\w*",
    re.I,
)
_FEMALE_CUES = re.compile(
    r"\b(?:уроженк[аи]|арестована|арестованной|осуждена|расстреляна|реабилитирована|"
    r"гражданка|гр-ка|кызы|жена|дочь|проживавшая|работавшая|родилась)\b",
    re.I,
)
_MALE_CUES = re.compile(
    r"\b(?:уроженец|уроженца|арестован|арестованного|осужден|расстрелян|реабилитирован|"
    r"гражданин|уулу|оглы|сын|проживавший|работавший|родился)\b",
    re.I,
)
_OCCUPATION_SKIP = re.compile(
    r"^(?:\d{4}|урож|(?:с|г|пос)\.\s|аул\s|род\.|родил|б/п|беспарт|член|чл\.|канд|ВКП|КП|комсом|прож|арест|"
    r"по\s+ст|ст\.|осужд|проживал|место|образован|семья|женат|замужем|холост|"
    r"\S+\s+(?:айыл|шаар)|до\s+ареста\s*$)",
    re.I,
)
_DO_ARESTA = re.compile(r"^(?:до\s+ареста|место\s+работы|род\s+занятий|занятие)\s*[—:-]?\s*", re.I)


def extract_persons(text: str, lang: str | None = None) -> list[Extracted]:
    """Person records proposed from ``text`` (one per entry that names a person)."""
    decision = _DECISION.search(text)
    body_end = decision.start() if decision else len(text)
    header_end, entries = _entries(text[:body_end])
    header = text[:header_end]
    out: list[Extracted] = []
    for start, end in entries:
        facts = _read_entry(text, start, end, header, lang)
        if facts is not None:
            out.append(Extracted(facts, start, end))
    if decision:
        _read_decisions(text, decision.end(), out)
    return out


def _entries(text: str) -> tuple[int, list[tuple[int, int]]]:
    """Numbered rows, else lines that open with a name (a list or a memorial-book page
    with several entries), else the whole text as one entry."""
    for rx in (_ROW, _NAME_LINE):
        rows = list(rx.finditer(text))
        if len(rows) >= 2:
            starts = [m.start() for m in rows]
            ends = [*starts[1:], len(text)]
            return starts[0], list(zip(starts, ends, strict=True))
    return 0, [(0, len(text))]


def _read_decisions(text: str, start: int, people: list[Extracted]) -> None:
    """«ПОСТАНОВИЛИ: ИСАКОВУ … — расстрелять. ОСМОНОВА … — заключить в ИТЛ …»: each
    decision goes to the person it names (the only one, if the protocol has one)."""
    pieces = [
        (m.start() + start, m.end() + start)
        for m in re.finditer(r"[^.\n]+(?:\.(?!\s*[" + _UP + r"]{2})[^.\n]*)*", text[start:])
    ]
    for s, e in pieces:
        piece = text[s:e]
        target = people[0] if len(people) == 1 else None
        if target is None:
            name = _find_name(piece, s, None)
            if name is None:
                continue
            key = (name.facts.surname or "")[:5].lower()
            target = next(
                (p for p in people if key and (p.facts.surname or "").lower().startswith(key)), None
            )
        if target is not None and target.facts.sentence is None:
            _read_sentence(target.facts, piece, s, decision=True)


@dataclass(slots=True)
class _Name:
    facts: PersonFacts
    start: int
    end: int


def _sex_cues(entry: str) -> Sex | None:
    female = len(_FEMALE_CUES.findall(entry))
    male = len(_MALE_CUES.findall(entry))
    low = entry.lower()
    female += sum(1 for n in FEMALE_NATIONALITIES if re.search(rf"\b{n}\b", low))
    if female > male:
        return Sex.FEMALE
    if male > female:
        return Sex.MALE
    return None


def _is_name_word(word: str) -> bool:
    return (
        word.lower() not in _STOP
        and not (word.isupper() and len(word) <= 4)
        and not word.lower().startswith(("кирг", "ссср", "нквд"))
    )


def _find_name(entry: str, offset: int, sex_hint: Sex | None) -> _Name | None:
    best: tuple[int, re.Match[str]] | None = None
    for start in _WORD_START.finditer(entry):
        m = _NAME_GROUP.match(entry, start.start())
        if m is None:
            continue
        w1 = m.group("w1")
        if not _is_name_word(w1):
            continue
        parts = [w for w in (m.group("w2"), m.group("w3"), m.group("w4")) if w]
        parts = _cut_at_stop(parts)
        if not parts and not m.group("kin"):
            continue
        score = 0
        if w1.isupper() and len(w1) > 2:
            score += 3
        if _SURNAME_END.search(w1) or (parts and _SURNAME_END.search(parts[-1])):
            score += 2
        if m.group("kin"):
            score += 2
        before = entry[max(0, m.start() - 30) : m.start()].lower()
        if re.search(r"(граждан\w*|обвинени\w*|гр\.|отношении|осужденн\w*)\s*$", before):
            score += 3
        if m.start() < 5 or re.search(r"^\s*\d{1,4}[.)]\s*$", entry[: m.start()]):
            score += 2
        if any(p[-1] == "." for p in parts):
            score += 1
        if best is None or score > best[0]:
            best = (score, m)
        if score >= 5:
            break
    if best is None or best[0] < 2:
        return None
    m = best[1]
    words = [
        m.group("w1"),
        *_cut_at_stop([w for w in (m.group("w2"), m.group("w3"), m.group("w4")) if w]),
    ]
    kin = m.group("kin")
    end = m.end() if kin else m.start("w1") + _span_len(entry, m.start("w1"), words)
    return _Name(_name_facts(words, kin, sex_hint), offset + m.start(), offset + end)


def _span_len(entry: str, start: int, words: list[str]) -> int:
    pos = start
    for w in words:
        pos = entry.index(w, pos) + len(w)
    return pos - start


def _cut_at_stop(parts: list[str]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if p[-1] != "." and not _is_name_word(p):
            break
        out.append(p)
    return out


def _name_facts(words: list[str], kin: str | None, sex_hint: Sex | None) -> PersonFacts:
    facts = PersonFacts()
    sex = sex_hint
    if kin:
        sex = Sex.FEMALE if kin.lower() in ("кызы", "кизи", "кыз", "гызы") else Sex.MALE
    father = None
    if kin and len(words) >= 2:
        father = title(words.pop())
    patronymic = None
    if len(words) >= 2 and is_patronymic(words[-1]) and not words[-1].endswith("."):
        patronymic, psex = patronymic_nominative(words.pop(), sex)
        sex = sex or psex
    # Surname first unless the first word does not look like one and the last one does.
    if (
        len(words) >= 2
        and not (words[0].isupper() or _SURNAME_END.search(words[0]))
        and (words[-1].isupper() or _SURNAME_END.search(words[-1]))
    ):
        words = [words[-1], *words[:-1]]
    if len(words) >= 3 and patronymic is None and is_patronymic(words[2]):
        patronymic, psex = patronymic_nominative(words[2], sex)
        sex = sex or psex
        words = words[:2]
    surname_word = words[0] if (len(words) >= 2 or not kin) else None
    given_words = words[1:] if surname_word else words
    case = Case.NOM
    if surname_word:
        facts.surname, found_sex, case = surname_nominative(surname_word, sex)
        sex = sex or found_sex
    if given_words:
        g = given_words[0]
        facts.given = g if g.endswith(".") else given_nominative(g, sex, case)
        if len(given_words) > 1 and given_words[1].endswith(".") and not patronymic:
            patronymic = given_words[1]
    if patronymic and case != Case.NOM:
        patronymic = patronymic_nominative(patronymic, sex)[0]
    facts.patronymic = patronymic
    facts.father = father
    facts.sex = sex
    return facts


def _sentences(entry: str) -> list[tuple[int, int]]:
    """Sentence spans; «г.», «с.», «ст.» and initials do not end a sentence, but «1938 г.»
    before a capital does."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?]\s+(?=[" + _UP + r"\d])|\n+", entry):
        if m.group().startswith("."):
            before = entry[max(0, m.start() - 8) : m.start()]
            word = re.search(r"(\S+)$", before)
            w = word.group(1) if word else ""
            if re.fullmatch(r"\d{4}\s*г", before[-6:].strip()) or w.endswith(")"):
                pass
            elif (
                w.lower() in _ABBREVIATIONS
                or w.lower().rsplit("-", 1)[-1] in _ABBREVIATIONS
                or (len(w) == 1 and w.isupper())
            ):
                continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(entry):
        out.append((start, len(entry)))
    return out


def _events_in(sentence: str) -> list[tuple[Event, int]]:
    found: list[tuple[Event, int]] = []
    taken: list[tuple[int, int]] = []
    for event, rx in _EVENT_WORDS:
        for m in rx.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((event, m.start()))
    return sorted(found, key=lambda x: x[1])


_ANNULLED = re.compile(r"отмен\w*|прекращ\w*|жокко\s+чыгар\w*", re.I)


def _owner(events: list[tuple[Event, int]], pos: int, date_first: bool) -> Event | None:
    """The event a date or body at ``pos`` belongs to: Russian states the event and then its
    date; Kyrgyz gives the date and then the verb."""
    kinds = {e for e, _ in events}
    if len(kinds) == 1:
        return events[0][0]
    before = [e for e in events if e[1] <= pos]
    after = [e for e in events if e[1] > pos]
    if date_first:
        return after[0][0] if after else (before[-1][0] if before else None)
    return before[-1][0] if before else (after[0][0] if after else None)


def _read_entry(
    text: str, start: int, end: int, header: str, lang: str | None
) -> PersonFacts | None:
    entry = text[start:end]
    sex_hint = _sex_cues(entry)
    name = _find_name(entry, start, sex_hint)
    if name is None:
        return None
    f = name.facts
    f.spans.append(Span("name", name.start, name.end))
    kyrgyz = lang == "ky" or bool(re.search(r"жылы|туулган|акталган|уулу|кызы|өкүм", entry))
    table = bool(_CELL.search(entry.strip())) and _read_cells(f, text, start, end, header)
    _read_birth(f, entry, start, kyrgyz, name.end - start)
    _read_occupation(f, entry, start, name.end - start)
    if not table:  # a table row's dates are read by their column titles
        _read_events(f, entry, start, kyrgyz)
    _read_events(f, header, 0, kyrgyz, default_only=True)
    _read_charge(f, entry, start)
    _read_sentence(f, entry, start)
    return f


_CELL = re.compile(r"\s*\|\s*|\t+|\s{3,}")
_COLUMN_EVENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"мест\w*\s+рожд|урожен|туулган\s+жер", re.I), "birthplace"),
    (re.compile(r"стат|берене", re.I), "charge"),
    (re.compile(r"рожд|туулг", re.I), "birth_year"),
    (re.compile(r"арест|камак", re.I), "arrest_date"),
    (re.compile(r"расстр|исполн|атылг", re.I), "execution_date"),
    (re.compile(r"реабил|актал", re.I), "rehabilitation_date"),
    (re.compile(r"дата\s+(?:осужд|пригов|решени|постанов)|когда\s+осужд", re.I), "sentence_date"),
    (re.compile(r"занят|должн|профес|кесиб", re.I), "occupation"),
)


def _cells(line: str, offset: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    pos = 0
    for m in _CELL.finditer(line):
        out.append((line[pos : m.start()], offset + pos))
        pos = m.end()
    out.append((line[pos:], offset + pos))
    return out


def _read_cells(f: PersonFacts, text: str, start: int, end: int, header: str) -> bool:
    """A table row: each cell read by its column's title in the header line (dates,
    birth year, birthplace, occupation); cells without a known title are left to the
    free-text readers."""
    titles = (
        [c.strip() for c, _ in _cells(header.strip().splitlines()[-1], 0)] if header.strip() else []
    )
    read_by_title = False
    row = text[start:end].rstrip()
    cells = _cells(row, start)
    if titles and len(titles) == len(cells) - 1 and _ROW.match(row):
        titles = ["№", *titles]  # the number cell has no title of its own
    for i, (cell, at) in enumerate(cells):
        value = cell.strip()
        if not value or i >= len(titles):
            continue
        title = titles[i]
        name = next((fname for rx, fname in _COLUMN_EVENTS if rx.search(title)), None)
        if name is None or getattr(f, name) not in (None, []):
            continue
        read_by_title = True
        if name == "birth_year":
            bare = _BARE_YEAR.search(value)
            if not bare:
                continue
            f.birth_year = int(bare.group(1))
        elif name == "charge":
            f.charge = [
                am.group(1)
                + (f"-{am.group(2)}" if am.group(2) else "")
                + (am.group(3) or "").lower()
                for am in _ARTICLE.finditer(value)
            ]
        elif name.endswith("_date"):
            hits = find_dates(value)
            if not hits:
                continue
            setattr(f, name, hits[0].iso)
        elif name == "birthplace":
            f.birthplace = value if re.match(r"(?:с|г|пос)\.", value) else f"с. {value}"
        else:
            f.occupation = value
        f.spans.append(Span(name, at, at + len(cell)))
    return read_by_title


def _read_birth(f: PersonFacts, entry: str, offset: int, kyrgyz: bool, name_end: int = 0) -> None:
    m = _BIRTH_YEAR.search(entry)
    if m:
        f.birth_year = int(m.group(1) or m.group(2) or m.group(3))
        f.spans.append(Span("birth_year", offset + m.start(), offset + m.end()))
    elif "\n" not in entry.strip():
        # A list row states the year bare: «Асанов Токтогул, 1895, с. Нарын, …».
        bare = _BARE_YEAR.search(entry, name_end, min(len(entry), name_end + 12))
        if bare:
            f.birth_year = int(bare.group(1))
            f.spans.append(Span("birth_year", offset + bare.start(), offset + bare.end()))
    pm = _BIRTHPLACE_RU.search(entry)
    if pm:
        kind = pm.group("kind").lower()
        word = "г." if kind.startswith(("г", "город")) else "с."
        f.birthplace = f"{word} {title(pm.group('name'))}"
        f.spans.append(Span("birthplace", offset + pm.start("name"), offset + pm.end("name")))
        return
    km = _BIRTHPLACE_KY.search(entry)
    if km:
        place = title(km.group("name"))
        word = "г." if km.group("kind").lower().startswith("шаар") else "с."
        f.birthplace = f"{word} {SETTLEMENTS_KY_RU.get(place, place)}"
        f.spans.append(Span("birthplace", offset + km.start("name"), offset + km.end("name")))


def _read_occupation(f: PersonFacts, entry: str, offset: int, name_end: int) -> None:
    """The clause of the identity sentence that is none of the other facts."""
    sent_end = next((e for s, e in _sentences(entry) if e > name_end), len(entry))
    pos = name_end
    for clause in _CLAUSE_SPLIT.split(entry[name_end:sent_end]):
        raw = clause
        clause_start = entry.index(raw, pos) if raw else pos
        pos = clause_start + len(raw)
        c = clause.strip().rstrip(".,;")
        low = c.lower()
        if not c or _OCCUPATION_SKIP.search(c):
            m = _DO_ARESTA.match(c)
            if m and c[m.end() :]:
                f.occupation = c[m.end() :].strip()
                f.spans.append(Span("occupation", offset + clause_start, offset + pos))
                return
            continue
        if low in NATIONALITIES:
            f.nationality = low
            continue
        if _events_in(c) or find_dates(c) or find_bodies(c):
            break
        if re.search(r"\d", c) or (c[:1].isupper() and c[:1] not in "ДИУ"):
            continue
        f.occupation = c
        f.spans.append(Span("occupation", offset + clause_start, offset + pos))
        return


def _read_events(
    f: PersonFacts, text: str, offset: int, kyrgyz: bool, default_only: bool = False
) -> None:
    previous: list[tuple[Event, int]] = []
    for s, e in _sentences(text):
        sentence = text[s:e]
        events = _events_in(sentence)
        if not events:
            # «Реабилитирован 18 января 1991 г. Верховным судом …»: a sentence that opens
            # with a body continues the event before it.
            bodies = find_bodies(sentence)
            if not (previous and bodies and bodies[0].start <= 2):
                continue
            events = [(previous[-1][0], 0)]
        previous = events
        clauses = _clauses(sentence)
        bodies = find_bodies(sentence)
        annul = any(e == Event.REHABILITATION for e, _ in events) and bool(
            _ANNULLED.search(sentence)
        )
        owner: Event | None
        for d in find_dates(sentence):
            if annul:
                owner = _annulment_owner(bodies, d.start)
            else:
                owner = _clause_owner(clauses, events, d.start) or _owner(events, d.start, kyrgyz)
            if owner is not None:
                _set_date(f, owner, d, offset + s, default_only)
        for b in bodies:
            if annul:
                owner = _annulment_owner([b], b.end)
            else:
                owner = _clause_owner(clauses, events, b.start) or _owner(events, b.start, kyrgyz)
            if owner is not None:
                _set_body(f, owner, b, offset + s, default_only)


def _annulment_owner(bodies: list[BodyHit], pos: int) -> Event:
    """In «Постановлением Президиума Верховного суда … от 4.12.1959 постановление тройки
    … от 25.11.1937 отменено» the extrajudicial body and its date are the sentence; the
    court or prosecutor and its date, the rehabilitation."""
    before = [b for b in bodies if b.end <= pos]
    if before and before[-1].body.kind == BodyKind.EXTRAJUDICIAL and (pos - before[-1].end) < 60:
        return Event.SENTENCE
    return Event.REHABILITATION


def _clauses(sentence: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(sentence)))
    return out


def _clause_owner(
    clauses: list[tuple[int, int]], events: list[tuple[Event, int]], pos: int
) -> Event | None:
    """The event of the clause holding ``pos`` when that clause names exactly one kind
    («был арестован 10 ноября 1937 года и постановлением тройки … от 25 ноября … осужден»)."""
    for s, e in clauses:
        if s <= pos < e:
            kinds = {ev for ev, at in events if s <= at < e}
            return kinds.pop() if len(kinds) == 1 else None
    return None


_DATE_FIELD = {
    Event.ARREST: "arrest_date",
    Event.SENTENCE: "sentence_date",
    Event.EXECUTION: "execution_date",
    Event.REHABILITATION: "rehabilitation_date",
}


def _set_date(f: PersonFacts, event: Event, d: DateHit, offset: int, default: bool) -> None:
    name = _DATE_FIELD[event]
    if getattr(f, name) is None:
        setattr(f, name, d.iso)
        f.spans.append(Span(name, offset + d.start, offset + d.end))


def _set_body(f: PersonFacts, event: Event, b: BodyHit, offset: int, default: bool) -> None:
    name = {Event.SENTENCE: "sentenced_by", Event.REHABILITATION: "rehabilitated_by"}.get(event)
    if name and getattr(f, name) is None:
        setattr(f, name, b.body.ru)
        f.spans.append(Span(name, offset + b.start, offset + b.end))


def _read_charge(f: PersonFacts, entry: str, offset: int) -> None:
    for m in _CHARGE.finditer(entry):
        listed = m.group("list") or m.group("ky")
        if not listed:
            continue
        tail = entry[m.end() : m.end() + 40]
        # «по 58-10 УК» needs the code named; «ст. 58-10» stands alone.
        if m.group("list") and not m.group("st") and not re.match(r"\s*(?:УК|[Уу]головн)", tail):
            continue
        arts: list[str] = []
        for am in _ARTICLE.finditer(listed):
            art = am.group(1) + (f"-{am.group(2)}" if am.group(2) else "")
            arts.append(art + (am.group(3) or "").lower())
        if arts:
            for a in arts:
                if a not in f.charge:
                    f.charge.append(a)
            f.spans.append(Span("charge", offset + m.start(), offset + m.end()))


def _read_sentence(f: PersonFacts, entry: str, offset: int, decision: bool = False) -> None:
    """The sentence kind (and camp years) from the sentences that pass a sentence; a list
    row or a protocol decision states it bare («ВМН», «10 лет ИТЛ»)."""
    spans = _sentences(entry)
    chosen = [
        (s, e) for s, e in spans if any(ev == Event.SENTENCE for ev, _ in _events_in(entry[s:e]))
    ]
    if decision or not chosen:
        chosen = [(s, e) for s, e in spans if not _EXECUTED.search(entry[s:e])]
    for s, e in chosen:
        sentence = entry[s:e]
        if _DEATH.search(sentence):
            f.sentence = SentenceKind.DEATH
            f.spans.append(Span("sentence", offset + s, offset + e))
            return
        for m in _CAMP.finditer(sentence):
            ctx = m.group("tail") + sentence[max(0, m.start() - 40) : m.start()]
            years = int(m.group("n")) if m.group("n") else _number_word(m.group("w"))
            if years and _EXILE.search(ctx) and not _CAMP_WORD.search(m.group("tail")):
                f.sentence = SentenceKind.EXILE
                f.spans.append(Span("sentence", offset + s + m.start(), offset + s + m.end()))
                return
            if years and _CAMP_WORD.search(ctx):
                f.sentence, f.camp_years = SentenceKind.CAMP, years
                f.spans.append(Span("sentence", offset + s + m.start(), offset + s + m.end()))
                return
        if _EXILE.search(sentence):
            f.sentence = SentenceKind.EXILE
            f.spans.append(Span("sentence", offset + s, offset + e))
            return
    if f.sentence is None and f.execution_date:
        f.sentence = SentenceKind.DEATH


def _number_word(word: str | None) -> int | None:
    if not word:
        return None
    low = word.lower()
    if low.startswith("двадцати") and "пят" in low:
        return 25
    for stem, n in sorted(_NUM_WORDS.items(), key=lambda kv: -len(kv[0])):
        if low.startswith(stem):
            return n
    return None
