"""Comment anchors: checked on their own version, carried to later ones through the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafts import (
    Anchor,
    AnchorStatus,
    DraftError,
    DraftErrorCode,
    carry_anchor,
    diff_versions,
    locate,
    parse_structure,
)
from drafts.structure import Structure

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

DATA = Path(__file__).parent / "data"
V1 = parse_structure((DATA / "ru-v1.txt").read_text())
V2 = parse_structure((DATA / "ru-v2.txt").read_text())
D12 = diff_versions(V1, V2, old_version="1", new_version="2")
ST = AnchorStatus


@pytest.mark.parametrize(
    ("anchor", "status", "unit", "spanned"),
    [
        (Anchor("1"), ST.WHOLE_DRAFT, None, None),
        (Anchor("1", "art-3/1/2"), ST.SAME, "art-3/1/2", "2) своевременность обновления;"),
        (
            Anchor("1", "art-3", "ограничение  доступа\nк открытым"),
            ST.SAME,
            "art-3",
            "Ограничение доступа к открытым",
        ),
        (Anchor("1", "art-9/1", "трехмесячный"), ST.SAME, "art-9/1", None),
        (Anchor("1", "art-9/2", "трехмесячный"), ST.SAME, "art-9/2", "трёхмесячный"),
    ],
)
def test_locate_on_its_own_version(
    anchor: Anchor, status: AnchorStatus, unit: str | None, spanned: str | None
) -> None:
    if anchor.unit_id == "art-9/1":
        with pytest.raises(DraftError) as e:  # the quote is in part 2, not part 1
            locate(anchor, V1)
        assert e.value.code == DraftErrorCode.QUOTE_NOT_FOUND
        return
    r = locate(anchor, V1)
    assert (r.status, r.unit_id) == (status, unit)
    if spanned is not None:
        assert r.span is not None
        text = V1.text[r.span[0] : r.span[1]]
        assert text == spanned or text.startswith(spanned)


@pytest.mark.parametrize(
    ("anchor", "code"),
    [
        (Anchor("1", "art-42"), DraftErrorCode.UNKNOWN_UNIT),
        (Anchor("1", "art-3/7"), DraftErrorCode.UNKNOWN_UNIT),
        (Anchor("1", "art-1", "нет такого текста"), DraftErrorCode.QUOTE_NOT_FOUND),
        (Anchor("1", "art-1", "слово " * 300), DraftErrorCode.QUOTE_NOT_FOUND),
    ],
)
def test_locate_refuses_bad_anchors(anchor: Anchor, code: DraftErrorCode) -> None:
    with pytest.raises(DraftError) as e:
        locate(anchor, V1)
    assert e.value.code == code


@pytest.mark.parametrize(
    ("anchor", "status", "unit", "words"),
    [
        (Anchor("1"), ST.WHOLE_DRAFT, None, "в целом"),
        (Anchor("1", "art-1"), ST.SAME, "art-1", "статья 1"),
        (Anchor("1", "art-4/2"), ST.RENUMBERED, "art-5/2", "статья 5, часть 2"),
        (Anchor("1", "art-4", "утверждается Кабинетом"), ST.RENUMBERED, "art-5", "статья 5"),
        (Anchor("1", "art-3/1/2", "своевременность обновления"), ST.SAME, "art-3/1/2", "пункт 2"),
        (Anchor("1", "art-9/1", "трёх месяцев"), ST.QUOTE_CHANGED, "art-9/1", "больше нет"),
        (Anchor("1", "art-7"), ST.GONE, None, "больше нет"),
        (Anchor("1", "art-7", "в виде электронных таблиц"), ST.GONE, None, "art-7"),
    ],
)
def test_carry_from_v1_to_v2(
    anchor: Anchor, status: AnchorStatus, unit: str | None, words: str
) -> None:
    r = carry_anchor(anchor, [D12], V2)
    assert (r.status, r.unit_id, r.version) == (status, unit, "2")
    assert words in r.message
    if anchor.quote and status in (ST.SAME, ST.RENUMBERED):
        assert r.span is not None
        assert V2.text[r.span[0] : r.span[1]] == anchor.quote


A = "Статья {n}. Сроки хранения\nДокументы хранятся в архиве постоянно и выдаются по запросу."
B = "Статья {n}. Порядок доступа\nДоступ к документам открыт для любого лица без объяснения причин."
C = "Статья {n}. Плата\nЗа копии документов взимается плата по утверждённому тарифу."
D = "Статья {n}. Ответственность\nНарушение порядка влечёт ответственность по закону."


def _law(*arts: str) -> Structure:
    return parse_structure("\n".join(a.format(n=k) for k, a in enumerate(arts, 1)) + "\n")


def test_carry_through_a_chain_of_versions() -> None:
    v1, v2, v3 = _law(A, B, C), _law(D, A, B, C), _law(D, A, C)
    chain = [
        diff_versions(v1, v2, old_version="1", new_version="2"),
        diff_versions(v2, v3, old_version="2", new_version="3"),
    ]
    got = {uid: carry_anchor(Anchor("1", uid), chain, v3) for uid in ("art-1", "art-2", "art-3")}
    assert (got["art-1"].status, got["art-1"].unit_id) == (ST.RENUMBERED, "art-2")
    assert (got["art-2"].status, got["art-2"].unit_id) == (ST.GONE, None)
    assert (got["art-3"].status, got["art-3"].unit_id) == (ST.SAME, "art-3")
    # on the version itself: no diffs
    assert carry_anchor(Anchor("3", "art-2"), [], v3).status == ST.SAME


def test_merged_article_is_found_by_its_quote() -> None:
    v1 = _law(A, B, C)
    merged = (
        "Статья 1. Сроки хранения и доступ\nДокументы хранятся в архиве постоянно. "
        "Доступ к документам открыт для любого лица без объяснения причин.\n" + C.format(n=2) + "\n"
    )
    v2 = parse_structure(merged)
    d = diff_versions(v1, v2, old_version="1", new_version="2")
    # the merged article took most of article 2's text: article 2 is now article 1
    r2 = carry_anchor(Anchor("1", "art-2", "открыт для любого лица"), [d], v2)
    assert (r2.status, r2.unit_id) == (ST.RENUMBERED, "art-1")
    # article 1 has no counterpart, but its quoted words are in the merged article
    r1 = carry_anchor(Anchor("1", "art-1", "хранятся в архиве постоянно"), [d], v2)
    assert (r1.status, r1.unit_id) == (ST.FOUND_BY_QUOTE, "art-1")
    assert r1.span is not None
    assert v2.text[r1.span[0] : r1.span[1]] == "хранятся в архиве постоянно"
    assert "статья 1" in r1.message
    # words that are nowhere now: gone
    assert carry_anchor(Anchor("1", "art-1", "выдаются по запросу"), [d], v2).status == ST.GONE


def test_chain_out_of_order_is_refused() -> None:
    v1, v2 = _law(A), _law(A, B)
    d = diff_versions(v1, v2, old_version="1", new_version="2")
    with pytest.raises(DraftError) as e:
        carry_anchor(Anchor("3", "art-1"), [d], v2)
    assert e.value.code == DraftErrorCode.VERSION_CHAIN
