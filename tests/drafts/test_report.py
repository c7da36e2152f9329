"""Summary table of proposals, public-opinion counts, and their open-data renderings."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest

from drafts import (
    Anchor,
    Answer,
    AnswerKind,
    Comment,
    CommenterKind,
    DraftError,
    DraftErrorCode,
    DraftStage,
    DraftState,
    Facts,
    Vote,
    apply_transition,
    build_report,
    diff_versions,
    parse_structure,
    report_json,
    summary_csv,
)
from drafts.report import CSV_COLUMNS, iso_week

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

DATA = Path(__file__).parent / "data"
V1 = parse_structure((DATA / "ru-v1.txt").read_text())
V2 = parse_structure((DATA / "ru-v2.txt").read_text())
D12 = diff_versions(V1, V2, old_version="1", new_version="2")
T = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)
K = CommenterKind

COMMENTS = [
    Comment(
        "c1",
        Anchor("1", "art-4/2"),
        K.INDIVIDUAL,
        "addr-x",
        "Пересматривать перечень раз в полгода.",
        T,
        Vote.SUPPORT,
        "Иван Петров",
    ),
    Comment(
        "c2",
        Anchor("1", "art-7"),
        K.ORGANIZATION,
        "addr-y",
        "Переходный период нужен, сохраните статью 7, «как есть».",
        T + DAY,
        Vote.OPPOSE,
        "Ассоциация «Открытые данные»",
    ),
    Comment(
        "c3",
        Anchor("2", "art-3/1/2", "не реже чем указано"),
        K.BUSINESS,
        "addr-z",
        "Уточнить срок;\nв паспорте бывает «по мере необходимости».",
        T + 8 * DAY,
        None,
        "ОсОО «Дата»",
    ),
    Comment(
        "c4",
        Anchor("1"),
        K.INDIVIDUAL,
        "addr-x",
        "Против проекта в целом.",
        T + 9 * DAY,
        Vote.OPPOSE,
    ),
    Comment(
        "c5",
        Anchor("2", "art-5"),
        K.STATE_BODY,
        "addr-s",
        "Согласовать с Минфином.",
        T + 10 * DAY,
        None,
        "Министерство финансов",
    ),
    Comment(
        "c6",
        Anchor("2", "art-1"),
        K.INDIVIDUAL,
        "addr-w",
        "Поддерживаю.",
        T + 10 * DAY,
        Vote.SUPPORT,
    ),
]
ANSWERS = [
    Answer("c1", AnswerKind.ACCEPTED, "", T + 20 * DAY),
    Answer("c2", AnswerKind.NOT_ACCEPTED, "Переходный период перенесён в статью 9.", T + 20 * DAY),
    Answer("c3", AnswerKind.PARTLY_ACCEPTED, "Срок уточнён, но не сокращён.", T + 21 * DAY),
    Answer("c4", AnswerKind.ACCEPTED, "Принято к сведению.", T + 21 * DAY),
    Answer("c6", AnswerKind.ACCEPTED, "", T + 21 * DAY),
]


def _report():  # type: ignore[no-untyped-def]
    return build_report(COMMENTS, ANSWERS, V2, "2", [D12])


def test_rows_follow_anchors_to_the_final_version() -> None:
    r = _report()
    got = [
        (x.comment_id, x.unit_id, x.final_unit_id, x.anchor_status.value, x.unit_label)
        for x in r.rows
    ]
    assert got == [
        ("c1", "art-4/2", "art-5/2", "renumbered", "статья 5, часть 2"),
        ("c2", "art-7", None, "gone", "исключено"),
        ("c3", "art-3/1/2", "art-3/1/2", "same", "статья 3, часть 1, пункт 2"),
        ("c4", None, None, "whole_draft", "проект в целом"),
        ("c5", "art-5", "art-5", "same", "статья 5"),
        ("c6", "art-1", "art-1", "same", "статья 1"),
    ]
    assert [x.author_name for x in r.rows] == [
        "",
        "Ассоциация «Открытые данные»",
        "ОсОО «Дата»",
        "",
        "Министерство финансов",
        "",
    ]


def test_counts_by_article_kind_and_week() -> None:
    r = _report()
    assert r.totals.as_dict() == {
        "comments": 6,
        "support": 1,
        "oppose": 2,
        "accepted": 3,
        "partly_accepted": 1,
        "not_accepted": 1,
        "unanswered": 1,
    }
    # one vote per address: c4 (oppose) replaced c1 (support) of the same address
    assert r.votes == {"support": 1, "oppose": 2}
    assert {k: (t.comments, t.unanswered) for k, t in r.by_article.items()} == {
        "whole": (1, 0),
        "art-1": (1, 0),
        "art-3": (1, 0),
        "art-5": (2, 1),
        "gone": (1, 0),
    }
    assert list(r.by_article) == ["whole", "art-1", "art-3", "art-5", "gone"]
    assert {k: t.comments for k, t in r.by_commenter.items()} == {
        "individual": 3,
        "organization": 1,
        "business": 1,
        "state_body": 1,
    }
    assert r.by_commenter["individual"].oppose == 1 and r.by_commenter["individual"].support == 1
    assert {k: t.comments for k, t in r.by_week.items()} == {"2026-W10": 2, "2026-W11": 4}


def test_unanswered_comments_block_the_report() -> None:
    r = _report()
    assert r.unanswered == ("c5",) and not r.can_publish
    closed = DraftState(DraftStage.DISCUSSION_CLOSED, T.date(), T.date() + 29 * DAY, T + 30 * DAY)
    with pytest.raises(DraftError) as e:
        apply_transition(
            closed, DraftStage.REPORT_PUBLISHED, T + 31 * DAY, facts=Facts(True, len(r.unanswered))
        )
    assert e.value.code == DraftErrorCode.UNANSWERED_COMMENTS
    done = build_report(
        COMMENTS, [*ANSWERS, Answer("c5", AnswerKind.ACCEPTED, "", T + 22 * DAY)], V2, "2", [D12]
    )
    assert done.can_publish
    state, _ = apply_transition(
        closed, DraftStage.REPORT_PUBLISHED, T + 31 * DAY, facts=Facts(True, len(done.unanswered))
    )
    assert state.stage == DraftStage.REPORT_PUBLISHED


def test_csv_round_trips_with_quotes_and_newlines() -> None:
    text = summary_csv(_report())
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 7
    by_id = {row[0]: dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert by_id["c3"]["text"] == "Уточнить срок;\nв паспорте бывает «по мере необходимости»."
    assert by_id["c2"]["answer"] == "not_accepted"
    assert by_id["c5"]["answer"] == "" and by_id["c5"]["answered_at"] == ""
    assert by_id["c1"]["submitted_at"] == "2026-03-02T09:00:00+00:00"
    assert by_id["c1"]["author_name"] == ""  # an individual is never named


def test_json_document() -> None:
    doc = json.loads(report_json(_report()))
    assert doc["schema_version"] == 1 and doc["final_version"] == "2"
    assert doc["can_publish"] is False and doc["unanswered"] == ["c5"]
    assert doc["by_article"]["art-5"]["comments"] == 2
    assert [p["comment_id"] for p in doc["proposals"]] == ["c1", "c2", "c3", "c4", "c5", "c6"]
    assert doc["proposals"][0]["final_unit_id"] == "art-5/2"
    assert doc["proposals"][3]["unit_id"] is None
    assert set(doc["proposals"][0]) == set(CSV_COLUMNS)


@pytest.mark.parametrize(
    ("comments", "answers", "code"),
    [
        (
            COMMENTS,
            [*ANSWERS, Answer("c99", AnswerKind.ACCEPTED, "", T)],
            DraftErrorCode.UNKNOWN_COMMENT,
        ),
        (
            COMMENTS,
            [*ANSWERS, Answer("c1", AnswerKind.NOT_ACCEPTED, "передумали", T)],
            DraftErrorCode.DUPLICATE_ANSWER,
        ),
        ([*COMMENTS, COMMENTS[0]], ANSWERS, DraftErrorCode.DUPLICATE_COMMENT),
        (
            COMMENTS,
            [Answer("c5", AnswerKind.NOT_ACCEPTED, "  ", T)],
            DraftErrorCode.ANSWER_REASON_REQUIRED,
        ),
        (
            COMMENTS,
            [Answer("c5", AnswerKind.PARTLY_ACCEPTED, "", T)],
            DraftErrorCode.ANSWER_REASON_REQUIRED,
        ),
        (
            [Comment("c7", Anchor("0", "art-1"), K.INDIVIDUAL, "a", "x", T)],
            [],
            DraftErrorCode.VERSION_CHAIN,
        ),
        (
            [Comment("c8", Anchor("1", "art-1"), K.INDIVIDUAL, "a", "x", T)],
            [],
            DraftErrorCode.VERSION_CHAIN,
        ),  # the diffs end at version 2, the report is on 3
    ],
)
def test_bad_input_is_refused(
    comments: list[Comment], answers: list[Answer], code: DraftErrorCode
) -> None:
    with pytest.raises(DraftError) as e:
        build_report(comments, answers, V2, "3" if comments[0].id == "c8" else "2", [D12])
    assert e.value.code == code


def test_no_comments_is_an_empty_publishable_report() -> None:
    r = build_report([], [], V2, "2")
    assert r.can_publish and r.rows == () and r.totals.comments == 0
    assert summary_csv(r).splitlines() == [",".join(CSV_COLUMNS)]


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (datetime.datetime(2026, 1, 1), "2026-W01"),
        (datetime.datetime(2027, 1, 1), "2026-W53"),
        (datetime.datetime(2026, 12, 28), "2026-W53"),
    ],
)
def test_iso_week(day: datetime.datetime, week: str) -> None:
    assert iso_week(day) == week
