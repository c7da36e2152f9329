"""Article-by-article diff: renumbered and moved articles are recognised by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafts import ChangeKind, diff_versions, parse_structure, word_diff
from drafts.diff import DiffOptions, WordOpKind

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

DATA = Path(__file__).parent / "data"
C = ChangeKind


def _diff(a: str, b: str, **kw):  # type: ignore[no-untyped-def]
    return diff_versions(
        parse_structure(a), parse_structure(b), old_version="1", new_version="2", **kw
    )


def _top(d) -> list[tuple[str, str | None, str | None, bool]]:  # type: ignore[no-untyped-def]
    return [(c.kind.value, c.old_id, c.new_id, c.text_changed) for c in d.changes]


def test_sample_ru_versions() -> None:
    d = _diff((DATA / "ru-v1.txt").read_text(), (DATA / "ru-v2.txt").read_text())
    assert _top(d) == [
        ("unchanged", "preamble", "preamble", False),
        ("unchanged", "art-1", "art-1", False),
        ("unchanged", "art-2", "art-2", False),
        ("changed", "art-3", "art-3", True),
        ("added", None, "art-4", True),
        ("renumbered", "art-4", "art-5", False),
        ("renumbered", "art-5", "art-6", False),
        ("renumbered", "art-6", "art-7", False),
        ("removed", "art-7", None, True),
        ("unchanged", "art-8", "art-8", False),
        ("changed", "art-9", "art-9", True),
    ]
    art3 = d.change_of("art-3")
    assert art3 is not None
    assert [(c.kind.value, c.new_id) for c in art3.children] == [
        ("changed", "art-3/1"),
        ("unchanged", "art-3/2"),
        ("added", "art-3/3"),
    ]
    assert [(c.kind.value, c.new_id) for c in art3.children[0].children] == [
        ("unchanged", "art-3/1/1"),
        ("changed", "art-3/1/2"),
        ("unchanged", "art-3/1/3"),
    ]
    art9 = d.change_of("art-9")
    assert art9 is not None
    assert [(w.op, w.old, w.new) for w in art9.words if w.op != WordOpKind.EQUAL] == [
        (WordOpKind.REPLACE, "трёх", "шести")
    ]
    assert not any(c.moved for c in d.changes)
    assert d.counts() == {C.UNCHANGED: 4, C.CHANGED: 2, C.RENUMBERED: 3, C.ADDED: 1, C.REMOVED: 1}
    assert d.mapping["art-4/2"] == "art-5/2"
    assert d.mapping["art-7"] is None
    assert d.mapping["art-3/1/2"] == "art-3/1/2"
    assert d.mapping["ch-2"] == "ch-2"


def test_sample_ky_versions() -> None:
    d = _diff((DATA / "ky-v1.txt").read_text(), (DATA / "ky-v2.txt").read_text())
    assert _top(d) == [
        ("unchanged", "preamble", "preamble", False),
        ("unchanged", "art-1", "art-1", False),
        ("unchanged", "art-2", "art-2", False),
        ("added", None, "art-2-1", True),
        ("changed", "art-3", "art-3", True),
        ("unchanged", "art-4", "art-4", False),
    ]
    art3 = d.change_of("art-3")
    assert art3 is not None
    assert [(w.op, w.new) for w in art3.words if w.op != WordOpKind.EQUAL] == [
        (WordOpKind.INSERT, "он жумуш күнүнүн ичинде")
    ]


A = "Статья {n}. Сроки хранения\nДокументы хранятся в архиве постоянно и выдаются по запросу."
B = "Статья {n}. Порядок доступа\nДоступ к документам открыт для любого лица без объяснения причин."
Cc = "Статья {n}. Плата\nЗа копии документов взимается плата по утверждённому тарифу."
D = "Статья {n}. Ответственность\nНарушение порядка влечёт ответственность по закону."


def _law(*arts: str) -> str:
    return "\n".join(a.format(n=k) for k, a in enumerate(arts, 1)) + "\n"


CASES = [
    (
        "article removed from the middle: the rest move up",
        _law(A, B, Cc, D),
        _law(A, Cc, D),
        [
            ("unchanged", "art-1", "art-1", False),
            ("removed", "art-2", None, True),
            ("renumbered", "art-3", "art-2", False),
            ("renumbered", "art-4", "art-3", False),
        ],
    ),
    (
        "identical versions",
        _law(A, B),
        _law(A, B),
        [("unchanged", "art-1", "art-1", False), ("unchanged", "art-2", "art-2", False)],
    ),
    (
        "whitespace is no change",
        _law(A, B),
        _law(A, B).replace(" ", "  ").replace("\n", "\n\n"),
        [("unchanged", "art-1", "art-1", False), ("unchanged", "art-2", "art-2", False)],
    ),
    (
        "punctuation is a change",
        _law(A),
        _law(A).replace("постоянно и", "постоянно, и"),
        [("changed", "art-1", "art-1", True)],
    ),
    (
        "renumbered and edited",
        _law(A, B),
        _law(A, Cc, B.replace("любого", "каждого")),
        [
            ("unchanged", "art-1", "art-1", False),
            ("added", None, "art-2", True),
            ("renumbered", "art-2", "art-3", True),
        ],
    ),
    (
        "same number, rewritten in part: changed",
        _law(A, B),
        _law(
            A,
            B.replace(
                "открыт для любого лица без объяснения причин", "предоставляется по заявлению"
            ),
        ),
        [("unchanged", "art-1", "art-1", False), ("changed", "art-2", "art-2", True)],
    ),
    (
        "renumbered and half rewritten: the same title keeps it the same article",
        _law(A, B),
        _law(
            Cc,
            B,
            "Статья {n}. Сроки хранения\nДокументы хранятся в архиве не менее семидесяти пяти лет.",
        ),
        [
            ("added", None, "art-1", True),
            ("unchanged", "art-2", "art-2", False),
            ("renumbered", "art-1", "art-3", True),
        ],
    ),
    (
        "renumbered and half rewritten under another title: removed and added",
        _law(A, B),
        _law(
            Cc, B, "Статья {n}. Хранение\nДокументы хранятся в архиве не менее семидесяти пяти лет."
        ),
        [
            ("added", None, "art-1", True),
            ("removed", "art-1", None, True),
            ("unchanged", "art-2", "art-2", False),
            ("added", None, "art-3", True),
        ],
    ),
    (
        "same number, a different article: removed and added",
        _law(A, B),
        _law(A, "Статья {n}. Финансирование\nРасходы покрываются из бюджета."),
        [
            ("unchanged", "art-1", "art-1", False),
            ("added", None, "art-2", True),
            ("removed", "art-2", None, True),
        ],
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), CASES, ids=[c[0] for c in CASES])
def test_cases(
    name: str, old: str, new: str, expected: list[tuple[str, str | None, str | None, bool]]
) -> None:
    assert _top(_diff(old, new)) == expected


def test_swapped_articles_one_is_moved() -> None:
    d = _diff(_law(A, B, Cc), _law(A, Cc, B))
    assert _top(d) == [
        ("unchanged", "art-1", "art-1", False),
        ("renumbered", "art-3", "art-2", False),
        ("renumbered", "art-2", "art-3", False),
    ]
    assert sum(c.moved for c in d.changes) == 1


def test_article_moved_to_another_chapter() -> None:
    old = "Глава 1. Общие\n" + _law(A, B) + "Глава 2. Прочие\n" + D.format(n=3)
    new = (
        "Глава 1. Общие\n"
        + A.format(n=1)
        + "\nГлава 2. Прочие\n"
        + B.format(n=2)
        + "\n"
        + D.format(n=3)
    )
    d = _diff(old, new)
    art2 = d.change_of("art-2")
    assert art2 is not None
    assert (art2.kind, art2.moved, art2.old_chapter, art2.new_chapter) == (
        C.UNCHANGED,
        True,
        "ch-1",
        "ch-2",
    )
    assert d.change_of("art-1").moved is False  # type: ignore[union-attr]


def test_chapter_inserted_before_does_not_move_its_articles() -> None:
    old = "Глава 1. Общие\n" + _law(A) + "Глава 2. Прочие\n" + B.format(n=2) + "\n"
    new = (
        "Глава 1. Общие\n"
        + _law(A)
        + "Глава 2. Доступ\n"
        + D.format(n=2)
        + "\n"
        + "Глава 3. Прочие\n"
        + B.format(n=3)
        + "\n"
    )
    d = _diff(old, new)
    assert [(c.kind.value, c.old_id, c.new_id) for c in d.containers] == [
        ("unchanged", "ch-1", "ch-1"),
        ("renumbered", "ch-2", "ch-3"),
        ("added", None, "ch-2"),
    ]
    b = d.change_of("art-3")
    assert b is not None and (b.kind, b.old_id, b.moved) == (C.RENUMBERED, "art-2", False)
    assert d.mapping["ch-2"] == "ch-3"


def test_renamed_and_added_chapters() -> None:
    d = _diff(
        "Глава 1. Общие положения\n" + _law(A),
        "Глава 1. Основные положения\n" + _law(A) + "Глава 2. Заключительные\n",
    )
    assert [(c.kind.value, c.old_id, c.new_id) for c in d.containers] == [
        ("changed", "ch-1", "ch-1"),
        ("added", None, "ch-2"),
    ]


def test_pair_limit_falls_back_to_numbers() -> None:
    d = _diff(_law(A, B, Cc, D), _law(A, Cc, D), options=DiffOptions(max_pairs=0))
    assert ("renumbered", "art-3", "art-2", False) in _top(d)  # identical texts still pair
    d2 = _diff(
        _law(A, B), _law(Cc, B.replace("любого", "каждого"), A), options=DiffOptions(max_pairs=0)
    )
    # edited and renumbered: without the one-against-all pass it is lost
    assert ("renumbered", "art-1", "art-3", False) in _top(d2)
    assert ("renumbered", "art-2", "art-2", True) not in _top(d2)


@pytest.mark.parametrize(
    ("old", "new", "ops"),
    [
        ("а б в", "а б в", [("equal", "а б в", "а б в")]),
        ("а б в", "а x в", [("equal", "а", "а"), ("replace", "б", "x"), ("equal", "в", "в")]),
        ("а в", "а б в", [("equal", "а", "а"), ("insert", "", "б"), ("equal", "в", "в")]),
        ("а б  в", "а\nв", [("equal", "а", "а"), ("delete", "б", ""), ("equal", "в", "в")]),
        ("", "новый текст", [("insert", "", "новый текст")]),
    ],
)
def test_word_diff(old: str, new: str, ops: list[tuple[str, str, str]]) -> None:
    assert [(w.op.value, w.old, w.new) for w in word_diff(old, new)] == ops


@pytest.mark.parametrize("n", [20_000])
def test_many_identical_points_finish(n: int) -> None:
    """Repeated identical units (a pasted list) pair one to one without a quadratic scan."""
    text = "Статья 1. Перечень\n" + "1) x;\n" * n
    d = _diff(text, text + "Статья 2. Новая\nТекст.\n")
    art1 = d.changes[0]
    assert art1.kind == C.UNCHANGED and len(art1.children) == n
    assert _top(d)[-1] == ("added", None, "art-2", True)


@pytest.mark.parametrize("page_line", ["2", "- 2 -", "— 14 —", "стр. 3", "3 из 10", " 7/12 "])
def test_page_numbers_from_a_pdf_are_no_change(page_line: str) -> None:
    old = _law(A, B)
    new = old.replace("хранятся в архиве", f"хранятся в архиве\n{page_line}\n")
    d = _diff(old, new)
    assert [c.kind for c in d.changes] == [C.UNCHANGED, C.UNCHANGED]


def test_a_number_inside_a_line_is_a_change() -> None:
    d = _diff(_law(A), _law(A).replace("постоянно", "75 лет"))
    assert d.changes[0].kind == C.CHANGED
