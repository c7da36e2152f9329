"""Analysis shared by both backends, the highlighter and page-image hits."""

from __future__ import annotations

import pytest

from indices.analysis import auto_fuzziness, edit_distance, fold, stem, stem_variants, terms
from indices.highlight import mark_all, snippets
from indices.query import highlighter, parse

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Ёлка ёж", "Елка еж"),
        ("Судъ сѣлѣ", "Суд селе"),
        ("Россія", "Россия"),
        ("объявление", "объявление"),  # ъ inside a word stays
        ("ОБЪЕКТЪ.", "ОБЪЕКТ."),
        # Kyrgyz stand-ins: barred o for ө, en with hook/tail and en-ghe for ң
        ("ɵкүм Ɵкүм", "өкүм Өкүм"),
        ("мыйзамдыҥ МЫЙЗАМДЫҤ", "мыйзамдың МЫЙЗАМДЫҢ"),
        ("соӊку соӈку", "соңку соңку"),
        ("өкүм мыйзамдың", "өкүм мыйзамдың"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    "forms",
    [
        ("суд", "суда", "судом", "суде", "СУДУ"),
        ("трибунал", "трибунала", "трибуналом", "трибуналы"),
    ],
)
def test_every_form_matches_every_query_form(forms: tuple[str, ...]) -> None:
    """Snowball alone splits «трибунал»/«трибуналом»; the query's lexeme stems join them."""
    for query_form in forms:
        assert {stem(f) for f in forms} <= set(stem_variants(query_form))


def test_kyrgyz_stand_ins_meet_in_the_index_and_the_query() -> None:
    assert terms("ɵкүм мыйзамдыҥ") == terms("өкүм мыйзамдың")
    assert parse("мыйзамдыҥ") == parse("мыйзамдың")
    [snip] = snippets(highlighter(parse("өкүм")), "Соттун ɵкүмү: ɵкүм чыгарылды.")
    assert "<mark>ɵкүм</mark>" in snip


def test_terms_split_like_the_engine() -> None:
    assert terms("ст. 58-10 УК РСФСР") == ["ст", "58", "10", "ук", "рсфср"]


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("трибунал", "трибунал", 2, 0),
        ("трибунал", "трнбунал", 2, 1),
        ("трибунал", "тирбунал", 2, 1),
        ("трибунал", "трбнал", 2, 2),
        ("суд", "трибунал", 2, 3),
    ],
)
def test_edit_distance(a: str, b: str, limit: int, expected: int) -> None:
    assert edit_distance(a, b, limit) == expected


def test_auto_fuzziness() -> None:
    assert [auto_fuzziness(w) for w in ("ab", "суд", "судья", "трибунал")] == [0, 1, 1, 2]


def test_snippet_marks_inflected_forms_and_escapes_html() -> None:
    text = "Дело <секретно> рассмотрено в заседании народного суда; суд решил."
    [snip] = snippets(highlighter(parse("суд")), text)
    assert "<mark>суда</mark>" in snip and "<mark>суд</mark>" in snip
    assert "&lt;секретно&gt;" in snip


def test_snippet_phrase_marks_only_whole_phrase() -> None:
    text = "военного округа и трибунала, заседание военного трибунала"
    marked = mark_all(highlighter(parse('"военного трибунала"')), text)
    assert marked == (
        "военного округа и трибунала, заседание <mark>военного</mark> <mark>трибунала</mark>"
    )


def test_snippet_without_match_is_text_head() -> None:
    assert snippets(highlighter(parse("")), "Начало текста") == ["Начало текста"]


LONG_JUNK = "ы" * 130  # 260 bytes: a token dropped everywhere (MAX_TOKEN_BYTES)


@pytest.mark.parametrize("q", ["суд", "суд*", "ыы*", "судъ~1", "суд OR селе", "суд -селе"])
def test_spans_without_phrases_are_the_tokens_the_highlighter_marks(q: str) -> None:
    """match_spans skips Token objects when the query has no phrase (a search page's
    snippets were mostly that): it must mark exactly what token_matches marks."""
    from indices.analysis import tokens
    from indices.highlight import match_spans, token_matches

    text = f"Судъ в сѣлѣ, суда {LONG_JUNK} ёмкость cуд с1д судом; Селе, 1937 г. {LONG_JUNK[:60]}"
    hl = highlighter(parse(q))
    toks = list(tokens(text))
    want = [(t.start, t.end) for t, m in zip(toks, token_matches(hl, toks), strict=True) if m]
    assert match_spans(hl, text) == want and want
