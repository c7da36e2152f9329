"""Search over noisy OCR, on both backends: repaired look-alikes, pre-reform spelling and
`word~` reaching the forms tesseract makes of a word (one or two typical confusions)."""

from __future__ import annotations

import pytest

from indices.analysis import exact_terms, fold
from indices.base import SearchBackend
from indices.highlight import match_spans
from indices.ocr_confusions import ocr_variants
from indices.query import Bool, Fuzzy, highlighter, parse
from indices.types import Filters, IndexDoc, IndexPage
from tests.indices.conftest import BACKENDS, OpenBackend

# What tesseract really gives on degraded pages (see docs/ocr.md for the measured counts).
DOCS = [
    IndexDoc(
        1,
        "Протокол",
        "archive",
        "archival_record",
        "ru",
        "image",
        1921,
        None,
        (IndexPage(1, "Засъдан1е открыто въ 7 часовъ. Сeльсовeт постановилъ."),),
    ),
    IndexDoc(
        2,
        "Токтом",
        "archive",
        "archival_record",
        "ky",
        "image",
        1942,
        None,
        (IndexPage(1, "Мектептин жаңы имаратын куруу учун 351 сом бөлүнсүн. Екум."),),
    ),
    IndexDoc(
        3,
        "Дѣло",
        "archive",
        "archival_record",
        "ru",
        "image",
        1916,
        None,
        (IndexPage(1, "Народный судъ рассмотрѣлъ дѣло. Сьін гражданина явился."),),
    ),
    IndexDoc(
        4,
        "Справка",
        "archive",
        "archival_record",
        "ru",
        "image",
        1935,
        None,
        (IndexPage(1, "Бул иш үчүн жооптуу болуп дайындалды. Суд не состоялся."),),
    ),
]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, open_backend: OpenBackend) -> SearchBackend:
    b = open_backend(request.param)
    b.index(DOCS)
    return b


def ids(b: SearchBackend, q: str) -> set[int]:
    return {h.id for h in b.search(parse(q), Filters(), offset=0, limit=20, facets=False).hits}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("сельсовет", {1}),  # Latin e inside a Cyrillic word is repaired at index and query time
        ("заседание~", {1}),  # «ѣ» read as «ъ», «і» read as «1»
        ("заседание", set()),  # ...but only a fuzzy query reaches an OCR-damaged stem
        ("дело", {3}),
        ("рассмотрел", {3}),
        ("суд", {3, 4}),  # pre-reform spelling folds
        ("үчүн~", {2, 4}),  # two «ү» read as «у»: beyond one plain edit for a 4-letter word
        ("үчүн", {4}),
        ("өкүм~", {2}),  # «ө»→«е» and «ү»→«у»
        ("сын~", {3}),  # «ы» split into «ьі»: two plain edits, one OCR confusion
        ("бул~", {4}),
        ("суд~", {3, 4}),  # short words stay strict: «бул» is not a misread «суд»
    ],
)
def test_ocr_noise_is_found_alike_on_both_backends(
    backend: SearchBackend, q: str, expected: set[int]
) -> None:
    assert ids(backend, q) == expected


def test_fold_repairs_ocr_look_alikes_inside_cyrillic_words_only() -> None:
    assert fold("засѣдан1е") == "заседание"
    assert fold("cуд pоcт") == "суд рост"  # Latin c, p
    assert exact_terms("З0ЛОТО 1937 года ст. 58-10 iPhone") == [
        "золото",
        "1937",
        "года",
        "ст",
        "58",
        "10",
        "iphone",
    ]


def test_variants_cover_one_or_two_confusions_and_are_bounded() -> None:
    assert "учун" in ocr_variants("үчүн")
    assert "сьин" in ocr_variants("сын", 1)
    assert "засъдание" in ocr_variants("заседание")
    assert len(ocr_variants("государственного")) <= 200
    assert ocr_variants("123") == ()


def test_fuzzy_query_tree_and_highlight_agree() -> None:
    node = parse("үчүн~")
    assert isinstance(node, Bool) and isinstance(node.should[0], Fuzzy)
    text = "Мектептин жаңы имаратын куруу учун 351 сом"
    spans = match_spans(highlighter(node), text)
    assert [text[s:e] for s, e in spans] == ["учун"]
