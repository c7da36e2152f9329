"""A reproducible corpus of realistic Russian (and some Kyrgyz) archival and court text.

Words are real inflected forms (pymorphy3 lexemes) drawn with a Zipf-like skew, so
the index gets a natural vocabulary: frequent and rare stems, every case and number,
agreeing adjective+noun pairs, dates, article numbers («ст. 58-10»), names, pre-1918
spellings («судъ», «сѣлѣ»), ё, OCR slips and the odd long word. Used by bench/search.py
and by the cross-backend conformance test, which only need the same text every run.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from indices.types import IndexDoc, IndexPage

Query = tuple[str, dict[str, object]]  # query text, Filters fields (+ "facets": True)


def _words(text: str) -> list[str]:
    return text.split()


NOUNS = _words("""
суд дело решение приговор трибунал заседание протокол постановление заявление жалоба
истец ответчик обвиняемый свидетель потерпевший прокурор судья адвокат секретарь гражданин
колхоз совхоз артель сельсовет исполком район область республика город село аул хозяйство
земля участок имущество скот урожай зерно хлеб налог план норма отчёт справка акт ревизия
комиссия собрание председатель член бригада работа рабочий крестьянин учитель школа больница
закон статья кодекс часть пункт норма право обязанность договор иск долг взыскание штраф
наказание срок лишение свобода арест обыск допрос показание доказательство экспертиза
архив фонд опись лист документ копия подлинник подпись печать год месяц число время
война армия округ отдел управление народ комиссариат власть партия организация учреждение
инстанция кассация апелляция жалоба определение порядок производство рассмотрение основание
""")
ADJECTIVES = _words("""
народный районный областной верховный военный революционный советский кулацкий
сельский колхозный государственный уголовный гражданский административный трудовой налоговый
окончательный законный судебный следственный личный общественный коллективный бедняцкий
середняцкий партийный местный центральный городской республиканский кассационный
апелляционный процессуальный письменный устный срочный секретный""")
VERBS = _words("""
рассмотреть постановить решить осудить оправдать признать отменить утвердить
направить обжаловать взыскать выселить раскулачить конфисковать арестовать допросить
установить подтвердить отказать удовлетворить оставить вынести заслушать объявить
сообщить представить проверить исполнить зачислить уволить назначить""")
PREPS = ["в", "на", "по", "о", "с", "к", "от", "для", "при", "за", "из", "без", "до"]
SURNAMES = [
    "Иванов",
    "Петров",
    "Сидоров",
    "Жумабаев",
    "Токтогулов",
    "Асанов",
    "Кузнецов",
    "Абдыкадыров",
    "Орозбеков",
    "Смирнов",
    "Мамытов",
    "Беляев",
    "Токтосунов",
]
MONTHS = [
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
]
LONG = [
    "сельскохозяйственной",
    "неудовлетворительное",
    "человеконенавистнический",
    "высококвалифицированный",
    "контрреволюционной",
]
KYRGYZ = [
    "Кыргыз Республикасынын атынан өкүм чыгарылды",
    "иштин материалдары боюнча чечим",
    "Жогорку сотунун токтому",
    "мыйзамдың долбоору кабыл алынды",
    "айыптуу деп табылсын",
    "арыз канааттандырылсын",
    "соттун чечими күчүнө кирди",
    "Үй-бүлө кодекси",
    "Кылмыш-жаза кодексинин беренеси",
    "күбөлөрдүн көрсөтмөлөрү",
]
COLLECTIONS = [
    ("archive", "archival_record", (1918, 1953)),
    ("court", "court_decision", (2005, 2024)),
    ("laws", "draft_law", (2010, 2025)),
]
FORMATS = ["pdf", "image", "docx", "rtf", "txt"]
CASES = ["nomn", "gent", "datv", "accs", "ablt", "loct"]
WORDS_PER_PAGE = (150, 250)
FILTERS: list[dict[str, object]] = [
    {"collection": ("archive",)},
    {"language": ("ru",)},
    {"year_from": 1930, "year_to": 1945},
    {"collection": ("court",), "year_from": 2010},
]


@lru_cache(maxsize=1)
def _morph() -> object:
    # late: dictionaries load slowly; only lemma generation needs them
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def _forms(lemma: str, pos: str) -> dict[tuple[str, ...], str]:
    """Every form of a lemma keyed by its grammemes (case, number[, gender] / tense...)."""
    morph = _morph()
    want = ("INFN", "VERB") if pos == "VERB" else (pos,)
    parses = [p for p in morph.parse(lemma) if p.tag.POS in want]  # type: ignore[attr-defined]
    if not parses:
        return {(): lemma}
    out: dict[tuple[str, ...], str] = {}
    for f in parses[0].lexeme:
        t = f.tag
        if str(t.POS) != pos:
            continue
        key = tuple(str(g) for g in (t.case, t.number, t.gender, t.tense, t.person) if g)
        out.setdefault(key, f.word)
    return out or {(): lemma}


_RANKS = [1 / (rank + 4) for rank in range(len(NOUNS))]


def _noun(rng: random.Random, case: str, number: str) -> tuple[str, str | None]:
    lemma = rng.choices(NOUNS, weights=_RANKS)[0]
    forms = _forms(lemma, "NOUN")
    for key, word in forms.items():
        if case in key and number in key:
            gender = next((g for g in ("masc", "femn", "neut") if g in key), None)
            return word, gender
    return lemma, None


def _adj(rng: random.Random, case: str, number: str, gender: str | None) -> str:
    forms = _forms(rng.choice(ADJECTIVES), "ADJF")
    for key, word in forms.items():
        if case in key and number in key and (number == "plur" or gender in key):
            return word
    return next(iter(forms.values()))


def _verb(rng: random.Random, number: str, gender: str | None) -> str:
    """A past-tense verb agreeing with its subject («суд постановил», «дела направлены»)."""
    forms = _forms(rng.choice(VERBS), "VERB")
    past = [
        w
        for k, w in forms.items()
        if "past" in k and number in k and (number == "plur" or gender in k)
    ]
    return rng.choice(past or list(forms.values()))


def _phrase(rng: random.Random, case: str) -> tuple[str, str, str | None]:
    number = "plur" if rng.random() < 0.25 else "sing"
    noun, gender = _noun(rng, case, number)
    if rng.random() < 0.5:
        return f"{_adj(rng, case, number, gender)} {noun}", number, gender
    return noun, number, gender


def _oddities(rng: random.Random, word: str) -> str:
    r = rng.random()
    if r < 0.01 and word[-1:] in "бвгджзклмнпрстфхцчшщ":
        return word + "ъ"  # pre-1918 spelling
    if r < 0.015 and "е" in word:
        return word.replace("е", "ѣ", 1)
    if r < 0.03 and len(word) > 4:  # an OCR slip
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + rng.choice("иншлтоа") + word[i + 1 :]
    return word


def sentence(rng: random.Random) -> str:
    subject, number, gender = _phrase(rng, "nomn")
    parts = [subject, _verb(rng, number, gender), _phrase(rng, "accs")[0]]
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        if r < 0.45:
            parts.append(_phrase(rng, "gent")[0])
        elif r < 0.75:
            parts += [rng.choice(PREPS), _phrase(rng, rng.choice(CASES[2:]))[0]]
        elif r < 0.82:
            parts.append(f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1918, 2024)} г.")
        elif r < 0.88:
            parts.append(f"по ст. {rng.randint(1, 400)}-{rng.randint(1, 14)} УК")
        elif r < 0.94:
            parts.append(f"{rng.choice(SURNAMES)} {rng.choice('АБВГДЕЖИКМНОПРСТ')}.")
        elif r < 0.96:
            parts.append(rng.choice(LONG))
        else:
            parts.append(rng.choice(["ёмкость", "ещё", "её", "учёт", "отчёт", "расчёт"]))
    words = [_oddities(rng, w) for w in " ".join(parts).split()]
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", ";", ","])


def page_text(rng: random.Random, language: str, words: tuple[int, int] = WORDS_PER_PAGE) -> str:
    target = rng.randint(*words)
    out: list[str] = []
    n = 0
    while n < target:
        s = rng.choice(KYRGYZ) + "." if language == "ky" and rng.random() < 0.7 else sentence(rng)
        out.append(s)
        n += s.count(" ") + 1
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class Corpus:
    docs: list[IndexDoc]

    @property
    def pages(self) -> int:
        return sum(len(d.pages) for d in self.docs)


def documents(
    n_pages: int, *, seed: int = 1937, max_pages: int = 8, words: tuple[int, int] = WORDS_PER_PAGE
) -> Iterator[IndexDoc]:
    """Documents of 1..max_pages pages until n_pages pages are made."""
    rng = random.Random(seed)
    made = 0
    doc_id = 0
    while made < n_pages:
        doc_id += 1
        count = min(rng.randint(1, max_pages), n_pages - made)
        collection, doc_type, (lo, hi) = rng.choice(COLLECTIONS)
        language = "ky" if rng.random() < 0.15 else "ru"
        year = rng.randint(lo, hi) if rng.random() < 0.9 else None
        pages = tuple(IndexPage(i + 1, page_text(rng, language, words)) for i in range(count))
        title = sentence(rng).rstrip(".;,")[:80]
        yield IndexDoc(
            id=doc_id,
            title=title,
            collection=collection,
            doc_type=doc_type,
            language=language,
            format=rng.choice(FORMATS),
            year=year,
            date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if year else None,
            pages=pages,
        )
        made += count


def corpus(n_pages: int, *, seed: int = 1937, words: tuple[int, int] = WORDS_PER_PAGE) -> Corpus:
    return Corpus(list(documents(n_pages, seed=seed, words=words)))


def queries(docs: list[IndexDoc], n: int = 200, *, seed: int = 7) -> list[Query]:
    """A fixed mix of user queries (text, filter kwargs) drawn from the corpus itself.

    words 30%, phrases 15%, word + filter 15%, facets over a word or everything 10%,
    fuzzy 10%, prefix 8%, OR / NOT 7%, field queries 5%.
    """
    rng = random.Random(seed)
    sample = [d for d in docs[: max(50, len(docs) // 20)]]
    words = [w.strip(".,;") for d in sample for w in d.pages[0].text.split()[:120]]
    words = [w for w in words if w.isalpha() and len(w) > 2]
    phrases = []
    for d in sample:
        ws = d.pages[0].text.split()
        i = rng.randrange(0, max(1, len(ws) - 3))
        chunk = [w.strip(".,;") for w in ws[i : i + rng.randint(2, 3)]]
        if all(w.isalpha() for w in chunk):
            phrases.append(" ".join(chunk))
    mix = [
        ("word", 30),
        ("phrase", 15),
        ("filter", 15),
        ("facets", 10),
        ("fuzzy", 10),
        ("prefix", 8),
        ("bool", 7),
        ("field", 5),
    ]
    out: list[Query] = []
    for kind, share in mix:
        for _ in range(n * share // 100):
            w = rng.choice(words).lower()
            if kind == "word":
                out.append((w, {}))
            elif kind == "phrase":
                out.append((f'"{rng.choice(phrases)}"', {}))
            elif kind == "filter":
                out.append((w, rng.choice(FILTERS)))
            elif kind == "facets":
                out.append(("" if rng.random() < 0.3 else w, {"facets": True}))
            elif kind == "fuzzy":
                i = rng.randrange(1, len(w) - 1)
                out.append((f"{w[:i]}{w[i + 1 :]}~1", {}))
            elif kind == "prefix":
                out.append((f"{w[: max(3, len(w) - 3)]}*", {}))
            elif kind == "bool":
                v = rng.choice(words).lower()
                out.append(
                    (
                        rng.choice(
                            [f"{w} OR {v}", f"{w} -{v}", f"({w} OR {v}) year:[1920 TO 2020]"]
                        ),
                        {},
                    )
                )
            else:
                out.append((rng.choice([f"title:{w}", f"collection:archive {w}", f"text:{w}"]), {}))
    while len(out) < n:
        out.append((rng.choice(words).lower(), {}))
    return out[:n]
