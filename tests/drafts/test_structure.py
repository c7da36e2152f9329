"""The structure parser: one table row per drafting convention (ru and ky)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafts import UnitKind, parse_structure, unit_label
from drafts.structure import MAX_TEXT_CHARS, article_of, roman_to_int

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

DATA = Path(__file__).parent / "data"
K = UnitKind

CASES = [
    (
        "ru chapters, articles, parts, points, subpoints",
        "Глава 1. Общие положения\n"
        "Статья 1. Цели\n"
        "1. Первая часть:\n"
        "1) пункт один;\n"
        "а) подпункт а;\n"
        "б) подпункт б;\n"
        "2) пункт два.\n"
        "2. Вторая часть.\n"
        "Статья 2. Сфера\n"
        "Текст статьи два.\n",
        [
            ("ch-1", K.CHAPTER, None),
            ("art-1", K.ARTICLE, "ch-1"),
            ("art-1/1", K.PART, "art-1"),
            ("art-1/1/1", K.POINT, "art-1/1"),
            ("art-1/1/1/а", K.SUBPOINT, "art-1/1/1"),
            ("art-1/1/1/б", K.SUBPOINT, "art-1/1/1"),
            ("art-1/1/2", K.POINT, "art-1/1"),
            ("art-1/2", K.PART, "art-1"),
            ("art-2", K.ARTICLE, "ch-1"),
        ],
    ),
    (
        "ru inserted article and part, a point straight under an article",
        "Статья 5-1. Вставленная статья\n1) пункт;\n2) пункт.\n"
        "Статья 6. Следующая\n1. Часть.\n1-1. Вставленная часть.\n",
        [
            ("art-5-1", K.ARTICLE, None),
            ("art-5-1/1", K.POINT, "art-5-1"),
            ("art-5-1/2", K.POINT, "art-5-1"),
            ("art-6", K.ARTICLE, None),
            ("art-6/1", K.PART, "art-6"),
            ("art-6/1-1", K.PART, "art-6"),
        ],
    ),
    (
        "ky chapter, article, inserted article, explicit part",
        "1-глава. Жалпы жоболор\n"
        "5-берене. Максаттар\n"
        "1-бөлүк. Биринчи бөлүк.\n"
        "2-бөлүк. Экинчи бөлүк:\n"
        "1) бир;\n"
        "5-1-берене. Кошумча берене\n"
        "Текст.\n"
        "2-ГЛАВА. Корутунду жоболор\n"
        "6-берене\n"
        "Ушул Мыйзам күчүнө кирет.\n",
        [
            ("ch-1", K.CHAPTER, None),
            ("art-5", K.ARTICLE, "ch-1"),
            ("art-5/1", K.PART, "art-5"),
            ("art-5/2", K.PART, "art-5"),
            ("art-5/2/1", K.POINT, "art-5/2"),
            ("art-5-1", K.ARTICLE, "ch-1"),
            ("ch-2", K.CHAPTER, None),
            ("art-6", K.ARTICLE, "ch-2"),
        ],
    ),
    (
        "ky instruction about an article is not a heading",
        "1-берене. Кылмыш-жаза кодексине өзгөртүүлөр киргизилсин:\n"
        "5-берене төмөнкүдөй редакцияда берилсин:\n"
        "6-беренеси күчүн жоготту деп таанылсын.\n",
        [("art-1", K.ARTICLE, None)],
    ),
    (
        "quoted new wording stays inside the quoting point",
        "Статья 1.\nВнести изменения:\n1) статью 168 изложить в следующей редакции:\n"
        "«Статья 168. Мошенничество\n1. Мошенничество —\nнаказывается штрафом.\n"
        "2. То же деяние:\n1) группой лиц;\n2) повторно, —\nнаказывается лишением свободы.»;\n"
        "2) статью 171 признать утратившей силу.\nСтатья 2.\nВступает в силу.\n",
        [
            ("art-1", K.ARTICLE, None),
            ("art-1/1", K.POINT, "art-1"),
            ("art-1/2", K.POINT, "art-1"),
            ("art-2", K.ARTICLE, None),
        ],
    ),
    (
        "an opening quote never closed does not hide the rest",
        "Статья 1. Термины\nСлово «тест означает проверку.\nСтатья 2. Дальше\n1. Часть.\n",
        [("art-1", K.ARTICLE, None), ("art-2", K.ARTICLE, None), ("art-2/1", K.PART, "art-2")],
    ),
    (
        "decree: numbered paragraphs outside articles",
        "Кабинет Министров постановляет:\n1. Утвердить Положение.\n"
        "2. Министерству:\n1) обеспечить;\n2) представить отчёт.\n3. Контроль возложить.\n",
        [
            ("preamble", K.PREAMBLE, None),
            ("p-1", K.POINT, None),
            ("p-2", K.POINT, None),
            ("p-2/1", K.POINT, "p-2"),
            ("p-2/2", K.POINT, "p-2"),
            ("p-3", K.POINT, None),
        ],
    ),
    (
        "roman and upper-case headings, sections",
        "РАЗДЕЛ II. ОСОБЕННАЯ ЧАСТЬ\nГЛАВА IV. ПРЕСТУПЛЕНИЯ\nСтатья 10 Кража\nТекст.\n",
        [("sec-2", K.SECTION, None), ("ch-4", K.CHAPTER, "sec-2"), ("art-10", K.ARTICLE, "ch-4")],
    ),
    (
        "prose that starts with a word like a heading is prose",
        "Статья 3. Права\nстатья 5 настоящего Закона применяется.\n"
        "Глава государства утверждает.\n2021 году принято.\n",
        [("art-3", K.ARTICLE, None)],
    ),
    (
        "subpoint straight under a part",
        "Статья 7. Сроки\n1. Сроки:\nа) первый;\nб) второй.\n",
        [
            ("art-7", K.ARTICLE, None),
            ("art-7/1", K.PART, "art-7"),
            ("art-7/1/а", K.SUBPOINT, "art-7/1"),
            ("art-7/1/б", K.SUBPOINT, "art-7/1"),
        ],
    ),
    (
        "inserted numbers typed with an en dash or a non-breaking hyphen",
        "Статья 5\u20131. Вставленная\n1\u20111. Часть.\n7\u20111\u2011берене. Кошумча\n",
        [
            ("art-5-1", K.ARTICLE, None),
            ("art-5-1/1-1", K.PART, "art-5-1"),
            ("art-7-1", K.ARTICLE, None),
        ],
    ),
    (
        "windows line ends",
        "Статья 1. Один\r\n1. Часть.\r\nСтатья 2. Два\r\nТекст.\r\n",
        [("art-1", K.ARTICLE, None), ("art-1/1", K.PART, "art-1"), ("art-2", K.ARTICLE, None)],
    ),
    (
        "no structure at all",
        "Пояснительная записка к проекту.\nТекст без статей.",
        [("preamble", K.PREAMBLE, None)],
    ),
    ("empty", "   \n", []),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_units(name: str, text: str, expected: list[tuple[str, UnitKind, str | None]]) -> None:
    s = parse_structure(text)
    assert [(u.id, u.kind, u.parent) for u in s.walk()] == expected
    assert not s.warnings


def test_spans_cover_heading_to_last_character() -> None:
    text = (DATA / "ru-v1.txt").read_text()
    s = parse_structure(text)
    art = s.by_id["art-3"]
    assert art.text(text).startswith("Статья 3. Принципы открытости данных\n1. Публикация")
    assert art.text(text).endswith("допускается только законом.")
    assert art.body(text).startswith(" Принципы открытости")
    assert art.title == "Принципы открытости данных"
    assert s.by_id["art-3/1/2"].text(text) == "2) своевременность обновления;"
    assert (
        s.by_id["art-3/1"].own_text(text)
        == "Публикация открытых данных основывается на следующих принципах:"
    )
    assert s.by_id["ch-2"].text(text).endswith("о правонарушениях.")
    for u in s.walk():  # children lie inside their parent
        for c in u.children:
            assert u.start <= c.start < c.end <= u.end


@pytest.mark.parametrize(
    ("name", "articles", "chapters"),
    [
        ("ru-v1", 9, 3),
        ("ru-v2", 9, 3),
        ("ky-v1", 4, 2),
        ("ky-v2", 5, 2),
        ("ru-amending", 2, 0),
    ],
)
def test_sample_drafts(name: str, articles: int, chapters: int) -> None:
    s = parse_structure((DATA / f"{name}.txt").read_text())
    kinds = [u.kind for u in s.walk()]
    assert kinds.count(K.ARTICLE) == articles
    assert kinds.count(K.CHAPTER) == chapters
    assert kinds[0] == K.PREAMBLE
    assert not s.warnings


def test_repeated_number_stays_addressable_with_a_warning() -> None:
    s = parse_structure("Статья 4. Первая\nТекст.\nСтатья 4. Опечатка\nТекст.\n")
    assert [u.id for u in s.walk()] == ["art-4", "art-4~2"]
    assert "art-4~2" in s.warnings[0]


@pytest.mark.parametrize(
    ("uid", "label"),
    [
        ("art-3/1/2", "статья 3, часть 1, пункт 2"),
        ("art-2/3", "статья 2, пункт 3"),
        ("ch-2", "глава 2"),
        ("preamble", "преамбула"),
        ("art-99", "art-99"),
    ],
)
def test_unit_labels(uid: str, label: str) -> None:
    s = parse_structure((DATA / "ru-v1.txt").read_text())
    assert unit_label(s, uid) == label


@pytest.mark.parametrize(
    ("uid", "label"),
    [
        ("art-3/1", "3-берене, 1-бөлүк"),
        ("art-2/2", "2-берене, 2-пункт"),
        ("ch-2", "2-глава"),
        ("art-2-1", "2-1-берене"),
    ],
)
def test_unit_labels_in_kyrgyz(uid: str, label: str) -> None:
    s = parse_structure((DATA / "ky-v2.txt").read_text())
    assert unit_label(s, uid, "ky") == label


@pytest.mark.parametrize(
    ("uid", "top"), [("art-5/2/3", "art-5"), ("p-4/1", "p-4"), ("art-5-1", "art-5-1")]
)
def test_article_of(uid: str, top: str) -> None:
    assert article_of(uid) == top


@pytest.mark.parametrize(("roman", "n"), [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("XL", 40)])
def test_roman(roman: str, n: int) -> None:
    assert roman_to_int(roman) == n


@pytest.mark.parametrize(
    "text",
    [
        "1." * 50_000,
        "«" * 100_000,
        "Статья " * 20_000,
        "1) а) " * 20_000 + "\n",
        ("Статья 1.\n" + "1) x\n" * 20_000),
    ],
)
def test_pathological_input_finishes(text: str) -> None:
    s = parse_structure(text)
    assert s.text == text


def test_oversized_text_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="длиннее"):
        parse_structure("а" * (MAX_TEXT_CHARS + 1))
