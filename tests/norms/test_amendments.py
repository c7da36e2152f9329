"""Amending texts read as operations on norm ids: one table row per construction."""

from __future__ import annotations

import datetime

import pytest

from norms import Operation, OpKind, amendment_ops, parse_amendments
from norms.amendments_units import MAX_RANGE, expand_range

D = datetime.date(2024, 5, 1)
UK = "Внести в Уголовный кодекс Кыргызской Республики от 28 октября 2021 года № 127 " \
     "следующие изменения:\n"
KJK = "Кыргыз Республикасынын Кылмыш-жаза кодексине төмөнкүдөй өзгөртүүлөр киргизилсин:\n"


def _ops(spec: str, act: str = "uk-kr-2021") -> list[tuple[str, str]]:
    """«amend 5/1, repeal 7» → [("amend", "uk-kr-2021/5/1"), ("repeal", "uk-kr-2021/7")]."""
    out = []
    for item in filter(None, (x.strip() for x in spec.split(","))):
        kind, unit = item.split()
        out.append((kind, unit if "/" in unit and not unit[0].isdigit() else f"{act}/{unit}"))
    return sorted(set(out))


RU = [
    # new wording, repeal, «исключить» of a unit
    ("wording-and-repeal",
     UK + "1) часть 2 статьи 168 изложить в следующей редакции:\n«2. Кража —\nнаказывается "
          "лишением свободы II категории.»;\n2) статью 170 признать утратившей силу;\n"
          "3) часть 3 статьи 171 исключить.",
     "amend 168/2, repeal 170, repeal 171/3"),
    # removing or replacing words amends; a title and a note amend the article
    ("words",
     UK + "1) в части 1 статьи 5 слова «в крупном размере» исключить;\n2) в наименовании "
          "статьи 6 слово «кража» заменить словом «хищение»;\n3) примечание к статье 7 "
          "признать утратившим силу;\n4) в пункте 3 статьи 8 второе предложение исключить;\n"
          "5) абзац второй части 3 статьи 9 исключить.",
     "amend 5/1, amend 6, amend 7, amend 8/3, amend 9/3"),
    # new units: an article, a part, a point under a part, after «после»
    ("insert",
     UK + "1) дополнить статьей 145-1 следующего содержания:\n«Статья 145-1. …»;\n"
          "2) статью 22 дополнить частью 4 следующего содержания:\n«4. …»;\n"
          "3) часть 1 статьи 24 дополнить пунктом 8 следующего содержания: «8) …»;\n"
          "4) статью 61 после части 2 дополнить частью 2-1 следующего содержания: «2-1. …».",
     "insert 145-1, insert 22/4, insert 24/1/8, insert 61/2-1"),
    # «дополнить словами / абзацем / предложением / примечанием» amends
    ("add-words",
     UK + "1) часть 2 статьи 11 после слов «лишением свободы» дополнить словами «до пяти "
          "лет»;\n2) часть 1 статьи 5 дополнить абзацем вторым следующего содержания: «…»;\n"
          "3) статью 6 дополнить примечанием 2 следующего содержания: «…».",
     "amend 11/2, amend 5/1, amend 6"),
    # renumbering names the units as numbered before the change
    ("renumber",
     UK + "1) части 3 и 4 статьи 120 считать соответственно частями 4 и 5;\n2) статью 120 "
          "дополнить новой частью 3 следующего содержания:\n«3. Повторное совершение "
          "правонарушения, предусмотренного частью 1 настоящей статьи, —\n…»;\n"
          "3) статью 6 считать статьей 7.",
     "renumber 120/3, renumber 120/4, insert 120/3, renumber 6"),
    # lists and ranges expand; inserted numbers are not ranges
    ("lists-ranges",
     UK + "1) статьи 110–112 признать утратившими силу;\n2) статьи с 130 по 132 исключить;\n"
          "3) статьи 50-1, 50-2 признать утратившими силу;\n4) в статьях 5, 7 и 9 слова «а» "
          "заменить словами «б»;\n5) пункты 1–3 части 2 статьи 101 изложить в следующей "
          "редакции: «…».",
     "repeal 110, repeal 111, repeal 112, repeal 130, repeal 131, repeal 132, repeal 50-1, "
     "repeal 50-2, amend 5, amend 7, amend 9, amend 101/2/1, amend 101/2/2, amend 101/2/3"),
    # «1) в статье 95: а) …; б) …» and a third level of dashes
    ("nested",
     UK + "1) в статье 60:\nа) в части 1:\n- пункт 2 изложить в следующей редакции: «2) …»;\n"
          "- пункт 5 исключить;\nб) часть 3 признать утратившей силу;\nв) дополнить частью 6 "
          "следующего содержания: «6. …»;\n2) статью 61 исключить.",
     "amend 60/1/2, repeal 60/1/5, repeal 60/3, insert 60/6, repeal 61"),
    # a chapter is not a unit with an id: its new article is
    ("chapter",
     UK + "1) главу 7 дополнить статьей 60-1 следующего содержания: «Статья 60-1. …»;\n"
          "2) дополнить главой 12-1 следующего содержания: «Глава 12-1. …»;\n3) в главе 5:\n"
          "а) статью 30 признать утратившей силу;\nб) наименование главы изложить в "
          "следующей редакции: «…».",
     "insert 60-1, repeal 30"),
    # one clause, several verbs; verb-first wording
    ("several-verbs",
     UK + "1) в статье 12: часть 1 после слова «лица» дополнить словами «или группы лиц»; "
          "часть 2 исключить;\n2) в статье 20 слова «а» заменить словами «б», слова «в» "
          "исключить;\n3) признать утратившими силу статьи 21 и 22.",
     "amend 12/1, repeal 12/2, amend 20, repeal 21, repeal 22"),
    # «1.» outer level, «1)» inner
    ("dot-markers",
     UK + "1. Статью 5 признать утратившей силу.\n2. В статье 6:\n1) часть 1 изложить в "
          "следующей редакции: «…»;\n2) часть 2 исключить.",
     "repeal 5, amend 6/1, repeal 6/2"),
]

OTHER_ACTS = [
    # edition by the draft's date; a publication source in the header is not a reference
    ("edition-2017", "ru", datetime.date(2020, 6, 15),
     "Внести в Уголовный кодекс Кыргызской Республики (Ведомости Жогорку Кенеша Кыргызской "
     "Республики, 2017 г., № 2, ст. 97) следующие изменения:\nстатью 199 признать утратившей "
     "силу.",
     [("repeal", "uk-kr-2017/199")]),
    # a law by its number; its articles and parts follow as for codes
    ("law", "ru", D,
     "Внести в Закон Кыргызской Республики «О статусе депутатов местных кенешей» от 27 мая "
     "1994 года № 1538-XII следующие изменения:\n1) статью 3 дополнить частью 4 следующего "
     "содержания: «4. …»;\n2) пункт 4 части 1 статьи 30 признать утратившим силу.",
     [("insert", "law-kr/1538-xii/3/4"), ("repeal", "law-kr/1538-xii/30/1/4")]),
    # a пункт directly under an article fills the part slot
    ("points", "ru", D,
     "Внести в Гражданский кодекс Кыргызской Республики (часть первая) от 8 мая 1996 года "
     "№ 15 следующие изменения:\n1) подпункт 3 пункта 1 статьи 50 исключить;\n2) статью 22 "
     "дополнить пунктом 4 следующего содержания: «4. …».",
     [("insert", "gk-kr/22/4"), ("repeal", "gk-kr/50/1/3")]),
    # the header names an article: clauses are under it
    ("header-article", "ru", D,
     "Внести в статью 22 Закона Кыргызской Республики «О нормативных правовых актах "
     "Кыргызской Республики» от 20 июля 2009 года № 241 следующие изменения:\n1) часть 2 "
     "изложить в следующей редакции: «2. …»;\n2) дополнить частью 4 следующего содержания: "
     "«4. …».",
     [("amend", "law-kr/241/22/2"), ("insert", "law-kr/241/22/4")]),
    # the amending law's own articles; two acts amended
    ("two-acts", "ru", datetime.date(2024, 3, 3),
     "Статья 1.\nВнести в Гражданский кодекс Кыргызской Республики (часть вторая) следующее "
     "изменение:\nпункт 1 статьи 733 после слова «хранителя» дополнить словами «или третьего "
     "лица».\nСтатья 2.\nВнести в Земельный кодекс Кыргызской Республики следующие изменения:\n"
     "1) статью 12 признать утратившей силу;\n2) в пункте 2 статьи 13 слова «статьей 12» "
     "заменить словами «статьей 11».\nСтатья 3.\nНастоящий Закон вступает в силу по истечении "
     "пятнадцати дней со дня официального опубликования.",
     [("amend", "gk-kr/733/1"), ("amend", "zk-kr-1999/13/2"), ("repeal", "zk-kr-1999/12")]),
    # no «Внести в»: the act named in the clause, or a reference with its act
    ("no-header", "ru", D,
     "Дополнить Уголовный кодекс Кыргызской Республики от 28 октября 2021 года № 127 статьей "
     "5-1 следующего содержания:\n«Статья 5-1. …».",
     [("insert", "uk-kr-2021/5-1")]),
    ("repeal-list", "ru", D,
     "Признать утратившими силу:\n1) Закон Кыргызской Республики «О лицензировании» от 3 марта "
     "1997 года № 12;\n2) статью 4 Закона Кыргызской Республики «О внесении изменений в Закон "
     "Кыргызской Республики «О лицензировании»» от 15 июля 2003 года № 130.",
     [("repeal", "law-kr/12"), ("repeal", "law-kr/130/4")]),
]

KY = [
    ("ky-wording-repeal",
     KJK + "1) 168-берененин 2-бөлүгү төмөнкү редакцияда баяндалсын:\n«2. …»;\n"
           "2) 171-берене күчүн жоготту деп таанылсын;\n3) 172-берененин 1-бөлүгүнүн "
           "5-пункту алынып салынсын;\n4) 173-берене чыгарылып салынсын.",
     "amend 168/2, repeal 171, repeal 172/1/5, repeal 173"),
    ("ky-words",
     KJK + "1) 146-берененин 1-бөлүгүндөгү «беш» деген сөз «он» деген сөз менен "
           "алмаштырылсын;\n2) 77-берененин 1-бөлүгү «жеке жактарга» деген сөздөрдөн кийин "
           "«жана юридикалык жактарга» деген сөздөр менен толукталсын;\n3) 45-берененин "
           "3-бөлүгүнүн экинчи сүйлөмү алынып салынсын;\n4) 5-берененин 1-бөлүгүнүн "
           "2-пункту төмөнкү редакцияда берилсин: «…».",
     "amend 146/1, amend 77/1, amend 45/3, amend 5/1/2"),
    ("ky-insert",
     KJK + "1) 40-берене 5-бөлүк менен толукталсын:\n«5. …»;\n2) 31-берене төмөнкү "
           "мазмундагы 4-бөлүк менен толукталсын: «4. …»;\n3) төмөнкү мазмундагы 153-1-берене "
           "менен толукталсын: «153-1-берене. …»;\n4) 11-берене 3-1-бөлүк менен толукталсын.",
     "insert 40/5, insert 31/4, insert 153-1, insert 11/3-1"),
    ("ky-renumber",
     KJK + "1) 209-берененин 2 жана 3-бөлүктөрү тиешелүүлүгүнө жараша 3 жана 4-бөлүктөр деп "
           "эсептелсин;\n2) 209-берене төмөнкү мазмундагы жаңы 2-бөлүк менен толукталсын: "
           "«2. …»;\n3) 35-берененин 4-бөлүгү 5-бөлүк деп эсептелсин.",
     "renumber 209/2, renumber 209/3, insert 209/2, renumber 35/4"),
    ("ky-lists-ranges",
     KJK + "1) 96-, 97-беренелер күчүн жоготту деп таанылсын;\n2) 120-122-беренелер күчүн "
           "жоготкон деп эсептелсин;\n3) 125-берененин 1-бөлүгүнүн 2 жана 3-пункттары алынып "
           "салынсын.",
     "repeal 96, repeal 97, repeal 120, repeal 121, repeal 122, repeal 125/1/2, "
     "repeal 125/1/3"),
    ("ky-nested",
     KJK + "1) 130-беренеде:\nа) 2-бөлүктүн 2-пункту төмөнкү редакцияда баяндалсын: «2) …»;\n"
           "б) 3-бөлүк алынып салынсын;\n2) 131-берененин 1-бөлүгүндөгү «беш жылга» деген "
           "сөздөр алынып салынсын.",
     "amend 130/2/2, repeal 130/3, amend 131/1"),
]

KY_OTHER = [
    ("ky-law", datetime.date(2023, 11, 14),
     "«Нотариат жөнүндө» Кыргыз Республикасынын 1998-жылдын 30-майындагы № 70 Мыйзамына "
     "төмөнкүдөй өзгөртүүлөр киргизилсин:\n1) 5-берененин 2-бөлүгү күчүн жоготту деп "
     "эсептелсин;\n2) 7-берененин аталышы төмөнкү редакцияда баяндалсын: «7-берене. …».",
     [("amend", "law-kr/70/7"), ("repeal", "law-kr/70/5/2")]),
    ("ky-source-in-header", datetime.date(2021, 5, 10),
     "Кыргыз Республикасынын Салык кодексине (Кыргыз Республикасынын Жогорку Кеңешинин "
     "Жарчысы, 2008-ж., № 10, 97-ст.) төмөнкүдөй өзгөртүү киргизилсин:\n175-берененин "
     "3-пунктундагы «20 пайыз» деген сөздөр «15 пайыз» деген сөздөр менен алмаштырылсын.",
     [("amend", "nk-kr-2008/175/3")]),
    ("ky-explicit", D,
     "Кыргыз Республикасынын Кылмыш-жаза кодексинин 5-беренеси күчүн жоготту деп таанылсын.",
     [("repeal", "uk-kr-2021/5")]),
]

NOTHING = [
    ("new-law",
     "ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nО медиации\nСтатья 1. Сфера применения\n1. Процедура "
     "медиации не применяется к спорам, указанным в части 3 статьи 153 Гражданского "
     "процессуального кодекса Кыргызской Республики.\nСтатья 2. Вступление в силу\n"
     "Настоящий Закон вступает в силу через три месяца со дня официального опубликования."),
    ("decree",
     "В соответствии со статьей 22 Закона Кыргызской Республики «О нормативных правовых "
     "актах Кыргызской Республики» от 20 июля 2009 года № 241 Правительство Кыргызской "
     "Республики постановляет:\n1. Утвердить Порядок общественного обсуждения.\n2. Признать "
     "утратившим силу постановление Правительства Кыргызской Республики от 12 марта 2015 года "
     "№ 118."),
    ("resolution",
     "Принять в первом чтении проект Закона Кыргызской Республики «О внесении изменений в "
     "Уголовный кодекс Кыргызской Республики», предусматривающий изменение статьи 168 "
     "Уголовного кодекса Кыргызской Республики."),
    ("ky-new-law",
     "1-берене. Медиацияны колдонуу\nМедиация Кыргыз Республикасынын Жарандык процесстик "
     "кодексинин 153-беренесинде каралган учурларда колдонулат."),
    ("whole-text-words",
     UK + "по всему тексту слова «орган» заменить словами «уполномоченный орган»."),
    ("empty", ""),
    ("blank", " \n "),
]


@pytest.mark.parametrize(("name", "text", "spec"), RU, ids=[r[0] for r in RU])
def test_russian_constructions(name: str, text: str, spec: str) -> None:
    assert amendment_ops(text, D, "ru") == _ops(spec)


@pytest.mark.parametrize(("name", "lang", "date", "text", "expected"), OTHER_ACTS,
                         ids=[r[0] for r in OTHER_ACTS])
def test_acts_headers_and_editions(name: str, lang: str, date: datetime.date, text: str,
                                   expected: list[tuple[str, str]]) -> None:
    assert amendment_ops(text, date, lang) == sorted(expected)


@pytest.mark.parametrize(("name", "text", "spec"), KY, ids=[r[0] for r in KY])
def test_kyrgyz_constructions(name: str, text: str, spec: str) -> None:
    assert amendment_ops(text, D, "ky") == _ops(spec)


@pytest.mark.parametrize(("name", "date", "text", "expected"), KY_OTHER,
                         ids=[r[0] for r in KY_OTHER])
def test_kyrgyz_acts(name: str, date: datetime.date, text: str,
                     expected: list[tuple[str, str]]) -> None:
    assert amendment_ops(text, date, "ky") == sorted(expected)


@pytest.mark.parametrize(("name", "text"), NOTHING, ids=[r[0] for r in NOTHING])
def test_texts_that_amend_nothing(name: str, text: str) -> None:
    assert parse_amendments(text, D) == []


def test_language_guessed_when_not_given() -> None:
    text = KJK + "171-берене күчүн жоготту деп таанылсын."
    assert amendment_ops(text, D) == [("repeal", "uk-kr-2021/171")]


def test_operations_point_at_their_clause_in_the_source() -> None:
    # a soft hyphen and an en dash make the cleaned text differ from the source
    text = UK + "1) часть 2 ста\u00adтьи 168 изложить в следующей редакции: «2. …»;\n" \
                "2) статьи 110\u2013111 признать утратившими силу."
    ops = parse_amendments(text, D, "ru")
    assert [(o.kind, o.norm_id) for o in ops] == [
        (OpKind.AMEND, "uk-kr-2021/168/2"), (OpKind.REPEAL, "uk-kr-2021/110"),
        (OpKind.REPEAL, "uk-kr-2021/111")]
    assert text[ops[0].start:ops[0].end].startswith("часть 2 ста\u00adтьи 168 изложить")
    assert text[ops[0].start:ops[0].end].endswith("«2. …»;")
    assert text[ops[1].start:ops[1].end] == "статьи 110\u2013111 признать утратившими силу."
    assert isinstance(ops[0], Operation) and ops[0].kind == "amend"


def test_quoted_wording_is_never_an_operation() -> None:
    text = UK + "статью 5 изложить в следующей редакции:\n«Статья 5. …\n1) часть 2 статьи 7 " \
                "признать утратившей силу;\n2) статью 8 исключить; «вложенные «кавычки» тоже»\n" \
                "3) дополнить статьей 9-1.»."
    assert amendment_ops(text, D, "ru") == [("amend", "uk-kr-2021/5")]


def test_unclosed_quote_ends_at_its_line() -> None:
    text = UK + "1) в статье 5 слова «незакрытая кавычка заменить словами;\n" \
                "2) статью 6 признать утратившей силу."
    assert ("repeal", "uk-kr-2021/6") in amendment_ops(text, D, "ru")


def test_range_expansion_is_bounded() -> None:
    text = UK + "статьи 1–9999 признать утратившими силу; статьи с 2 по 8000 исключить."
    ops = amendment_ops(text, D, "ru")
    assert 0 < len(ops) <= 4  # an absurd range keeps its ends, it does not become 9999 ids
    assert expand_range(1, 1 + MAX_RANGE + 1) == ["1", str(MAX_RANGE + 2)]


@pytest.mark.parametrize("text", [
    UK + "статьи 100–250 признать утратившими силу.",
    KJK + "100-250-беренелер күчүн жоготту деп таанылсын.",
])
def test_a_whole_section_repealed(text: str) -> None:
    ops = amendment_ops(text, D)
    assert ops == sorted(("repeal", f"uk-kr-2021/{k}") for k in range(100, 251))


@pytest.mark.parametrize("text", [
    "Внести в " * 3000 + "следующие изменения:",
    "«" * 20000 + "статью 5 исключить",
    "1) " * 20000,
    "статьи 1, " * 5000 + "признать утратившими силу",
    UK + "в статье 5 " + "слова «а» заменить словами «б», " * 3000,
    KJK + "5-берененин " * 5000 + "алынып салынсын",
    "Кыргыз " * 20000 + "төмөнкүдөй өзгөртүүлөр киргизилсин:",
])
def test_pathological_input_finishes(text: str) -> None:
    # catastrophic backtracking would hang here; the patterns are bounded
    parse_amendments(text, D)
