"""A line edit changes a page's text, word boxes and OCR lines together, and they still
agree afterwards (what page hits, redaction and the persons registry rely on)."""

from __future__ import annotations

import pytest

from core.word_align import align_words
from service.page_lines import (
    LineEditError,
    PageState,
    apply_edits,
    editable_lines,
    offset_map,
    public_lines,
    word_map,
)

# Two paragraphs: lines 0 and 1, a blank row, line 2 (as tesseract's text is built).
WORDS = [
    ["Протокол", 10, 10, 200, 40, 91.0],
    ["заседания", 220, 10, 230, 40, 88.0],
    ["комиссии", 10, 60, 200, 40, 90.0],
    ["Зарубкинт", 220, 60, 240, 40, 41.0],
    ["Слушали:", 10, 140, 200, 40, 93.0],
]
LINES = [[10, 10, 440, 40, 0, 2], [10, 60, 450, 40, 2, 2], [10, 140, 200, 40, 4, 1]]
PAGE = PageState("Протокол заседания\nкомиссии Зарубкинт\n\nСлушали:", WORDS, LINES)


def agree(state: PageState) -> None:
    """Every box's word is found in order in the text, and lines count the words."""
    assert None not in align_words(state.text, state.words)
    assert sum(int(ln[5]) for ln in state.lines) == len(state.words)
    assert [ln.text for ln in editable_lines(state)] == [
        " ".join(str(w[0]) for w in state.words[ln[4] : ln[4] + ln[5]]) for ln in state.lines
    ]


def test_lines_of_an_ocr_page_have_boxes() -> None:
    lines = editable_lines(PAGE)
    assert [(ln.index, ln.text, ln.box) for ln in lines] == [
        (0, "Протокол заседания", (10, 10, 440, 40)),
        (1, "комиссии Зарубкинт", (10, 60, 450, 40)),
        (2, "Слушали:", (10, 140, 200, 40)),
    ]


@pytest.mark.parametrize(
    ("edit", "text", "words_on_line"),
    [
        ("комиссии Карабултон", "комиссии Карабултон", [[220, 60, 240, 40]]),  # same count
        ("комиссии Кара Бултон", "комиссии Кара Бултон", None),  # more words: box cut up
        ("  комиссии\tКарабултон  ", "комиссии Карабултон", None),  # spaces folded
        ("", "", None),  # a noise line removed
    ],
)
def test_edit_keeps_text_boxes_and_lines_in_step(
    edit: str, text: str, words_on_line: list[list[int]] | None
) -> None:
    new = apply_edits(PAGE, {1: edit})
    agree(new)
    assert new.text == f"Протокол заседания\n{text}\n\nСлушали:"
    assert [ln.text for ln in editable_lines(new)][1] == text
    assert new.words[:2] == WORDS[:2] and new.words[-1][0] == "Слушали:"
    line = new.lines[1]
    boxes = new.words[line[4] : line[4] + line[5]]
    assert all(w[5] == 100.0 for w in boxes)
    if words_on_line:
        assert [w[1:5] for w in boxes[1:]] == words_on_line
    for w in boxes:  # inside the line's box, left to right
        assert w[1] >= 10 and w[1] + w[3] <= 10 + 450 + 1


def test_a_text_page_is_edited_by_rows_and_bad_edits_are_refused() -> None:
    plain = PageState("ПРИГОВОР\nСуд рассмотрел дело", [], [])
    assert [ln.box for ln in editable_lines(plain)] == [None, None]
    assert apply_edits(plain, {1: "Суд рассмотрел уголовное дело"}).text == (
        "ПРИГОВОР\nСуд рассмотрел уголовное дело"
    )
    for bad in ({5: "x"}, {0: "две\nстроки"}, {-1: "x"}):
        with pytest.raises(LineEditError):
            apply_edits(plain, bad)
    with pytest.raises(LineEditError):
        apply_edits(PAGE, {3: "x"})
    assert apply_edits(plain, {0: "ПРИГО\x00ВОР\u202e"}).text.startswith("ПРИГО ВОР")


def test_readers_lines_carry_the_editors_numbers() -> None:
    """The public text has the blank paragraph row too: a reader's line 2 is line 2."""
    public = "Протокол заседания\nкомиссии А.\n\nСлушали:"
    assert [(ln.index, ln.text) for ln in public_lines(PAGE, public)] == [
        (0, "Протокол заседания"),
        (1, "комиссии А."),
        (2, "Слушали:"),
    ]


def test_registry_facts_follow_a_correction() -> None:
    """Words after a line that gained a word shift by one; the retyped line's words have
    no counterpart; character offsets shift with their row, clamped in a corrected row."""
    new = apply_edits(PAGE, {0: "Протокол № 7 заседания"})
    moved = word_map(PAGE, new)
    assert moved == {2: 4, 3: 5, 4: 6}
    at = PAGE.text.index("Зарубкинт")
    assert new.text[offset_map(PAGE.text, new.text, at) :].startswith("Зарубкинт")
    end = at + len("Зарубкинт")
    assert (
        new.text[offset_map(PAGE.text, new.text, end) - 9 : offset_map(PAGE.text, new.text, end)]
        == "Зарубкинт"
    )
    assert offset_map(PAGE.text, new.text, 12) <= len("Протокол № 7 заседания")
    same = apply_edits(PAGE, {1: "комиссии Карабултон"})
    assert word_map(PAGE, same) == {i: i for i in range(5)}
