"""Life cycle of a draft: the transition table, each guard, extensions and their events."""

from __future__ import annotations

import datetime
import itertools

import pytest

from drafts import (
    TRANSITIONS,
    DraftError,
    DraftErrorCode,
    DraftStage,
    DraftState,
    Facts,
    Rules,
    apply_transition,
    extend_discussion,
    is_open_for_comments,
)
from drafts.lifecycle import EventKind

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

S = DraftStage
T0 = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)
TEXT = Facts(has_text=True)

# Written out here, not derived from the module: a change to the rules must show in a test.
EXPECTED = {
    S.PLANNED: {S.DISCUSSION, S.WITHDRAWN},
    S.DISCUSSION: {S.DISCUSSION_CLOSED, S.WITHDRAWN},
    S.DISCUSSION_CLOSED: {S.REPORT_PUBLISHED, S.WITHDRAWN},
    S.REPORT_PUBLISHED: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.ADOPTED, S.REJECTED, S.WITHDRAWN},
    S.ADOPTED: set(),
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}


def test_transition_table() -> None:
    assert {k: set(v) for k, v in TRANSITIONS.items()} == EXPECTED


def _in(stage: DraftStage) -> DraftState:
    """A draft in ``stage`` whose 30-day discussion ran from T0."""
    opens = T0.date()
    closes = opens + 29 * DAY
    return DraftState(
        stage=stage,
        opens=opens if stage != S.PLANNED else None,
        closes=closes if stage != S.PLANNED else None,
        changed_at=T0,
    )


def test_full_path_to_adoption_logs_every_step() -> None:
    state = DraftState()
    steps = [
        (S.DISCUSSION, T0, {"closes": T0.date() + 29 * DAY, "facts": TEXT}),
        (S.DISCUSSION_CLOSED, T0 + 30 * DAY, {}),
        (S.REPORT_PUBLISHED, T0 + 35 * DAY, {"facts": Facts(has_text=True)}),
        (S.SUBMITTED, T0 + 40 * DAY, {}),
        (S.ADOPTED, T0 + 90 * DAY, {}),
    ]
    events = []
    for to, at, kw in steps:
        state, event = apply_transition(state, to, at, **kw)  # type: ignore[arg-type]
        events.append(event)
        assert state.stage == to and state.changed_at == at
    assert [(e.from_stage, e.to_stage) for e in events] == [
        (S.PLANNED, S.DISCUSSION),
        (S.DISCUSSION, S.DISCUSSION_CLOSED),
        (S.DISCUSSION_CLOSED, S.REPORT_PUBLISHED),
        (S.REPORT_PUBLISHED, S.SUBMITTED),
        (S.SUBMITTED, S.ADOPTED),
    ]
    assert all(e.kind == EventKind.STAGE_CHANGED for e in events)
    assert state.opens == T0.date() and state.closes == T0.date() + 29 * DAY


@pytest.mark.parametrize(
    ("src", "dst"), [(a, b) for a, b in itertools.product(S, S) if b not in EXPECTED[a]]
)
def test_every_transition_not_in_the_table_is_refused(src: DraftStage, dst: DraftStage) -> None:
    state = _in(src)
    with pytest.raises(DraftError) as e:
        apply_transition(
            state, dst, T0 + 60 * DAY, facts=TEXT, closes=T0.date() + 120 * DAY, reason="причина"
        )
    assert e.value.code == DraftErrorCode.NOT_ALLOWED
    assert "не допускается" in e.value.message


@pytest.mark.parametrize(
    ("days", "min_days", "ok"),
    [
        (30, 30, True),
        (29, 30, False),
        (1, 30, False),
        (0, 30, False),
        (-5, 30, False),
        (45, 45, True),
        (44, 45, False),
        (90, 30, True),
    ],
)
def test_discussion_window_minimum(days: int, min_days: int, ok: bool) -> None:
    closes = T0.date() + (days - 1) * DAY
    if ok:
        state, event = apply_transition(
            DraftState(), S.DISCUSSION, T0, facts=TEXT, closes=closes, rules=Rules(min_days)
        )
        assert (state.opens, state.closes) == (T0.date(), closes)
        assert event.closes_after == closes
    else:
        with pytest.raises(DraftError) as e:
            apply_transition(
                DraftState(), S.DISCUSSION, T0, facts=TEXT, closes=closes, rules=Rules(min_days)
            )
        assert e.value.code == DraftErrorCode.WINDOW_TOO_SHORT
        earliest = (T0.date() + (min_days - 1) * DAY).strftime("%d.%m.%Y")
        assert earliest in e.value.message


@pytest.mark.parametrize(
    ("state", "to", "at", "kw", "code", "words"),
    [
        (
            DraftState(),
            S.DISCUSSION,
            T0,
            {"closes": T0.date() + 40 * DAY},
            DraftErrorCode.NO_TEXT,
            "не загружен текст",
        ),
        (
            DraftState(),
            S.DISCUSSION,
            T0,
            {"facts": TEXT},
            DraftErrorCode.NO_CLOSING_DATE,
            "дату окончания",
        ),
        (
            _in(S.DISCUSSION),
            S.DISCUSSION_CLOSED,
            T0 + 29 * DAY,
            {},
            DraftErrorCode.DISCUSSION_NOT_OVER,
            "31.03.2026",
        ),
        (
            _in(S.DISCUSSION),
            S.DISCUSSION_CLOSED,
            T0 + 3 * DAY,
            {},
            DraftErrorCode.DISCUSSION_NOT_OVER,
            "отзовите",
        ),
        (
            _in(S.DISCUSSION_CLOSED),
            S.REPORT_PUBLISHED,
            T0 + 40 * DAY,
            {"facts": Facts(has_text=True, unanswered_comments=3)},
            DraftErrorCode.UNANSWERED_COMMENTS,
            "— 3",
        ),
        (
            _in(S.DISCUSSION),
            S.WITHDRAWN,
            T0 + DAY,
            {"reason": "   "},
            DraftErrorCode.REASON_REQUIRED,
            "причину",
        ),
        (_in(S.SUBMITTED), S.REJECTED, T0 + DAY, {}, DraftErrorCode.REASON_REQUIRED, "причину"),
        (_in(S.SUBMITTED), S.ADOPTED, T0 - DAY, {}, DraftErrorCode.TIME_BACKWARDS, "раньше"),
    ],
)
def test_guards_refuse_with_a_reason(
    state: DraftState,
    to: DraftStage,
    at: datetime.datetime,
    kw: dict,
    code: DraftErrorCode,
    words: str,
) -> None:
    with pytest.raises(DraftError) as e:
        apply_transition(state, to, at, **kw)
    assert e.value.code == code
    assert words in e.value.message


def test_closing_the_day_after_the_window_and_withdrawing_with_a_reason() -> None:
    closed, _ = apply_transition(_in(S.DISCUSSION), S.DISCUSSION_CLOSED, T0 + 30 * DAY)
    assert closed.stage == S.DISCUSSION_CLOSED
    gone, event = apply_transition(
        closed, S.WITHDRAWN, T0 + 31 * DAY, reason="  Проект вошёл в другой закон  "
    )
    assert gone.stage == S.WITHDRAWN
    assert event.reason == "Проект вошёл в другой закон"


def test_extension_is_logged_with_its_reason() -> None:
    state = _in(S.DISCUSSION)
    new_closes = state.closes + 14 * DAY  # type: ignore[operator]
    new, event = extend_discussion(state, new_closes, "Поступили обращения бизнеса", T0 + 10 * DAY)
    assert new.closes == new_closes and new.stage == S.DISCUSSION
    assert event.kind == EventKind.DISCUSSION_EXTENDED
    assert (event.closes_before, event.closes_after) == (state.closes, new_closes)
    assert event.reason == "Поступили обращения бизнеса"
    # the window is the new one: closing on the old last day is refused
    with pytest.raises(DraftError):
        apply_transition(new, S.DISCUSSION_CLOSED, T0 + 30 * DAY)


@pytest.mark.parametrize(
    ("state", "shift", "reason", "at_days", "code"),
    [
        (_in(S.DISCUSSION), 14, "", 5, DraftErrorCode.REASON_REQUIRED),
        (_in(S.DISCUSSION), 0, "причина", 5, DraftErrorCode.NOT_LATER),
        (_in(S.DISCUSSION), -3, "причина", 5, DraftErrorCode.NOT_LATER),
        (_in(S.DISCUSSION), 14, "причина", 31, DraftErrorCode.NOT_IN_DISCUSSION),
        (_in(S.DISCUSSION_CLOSED), 14, "причина", 31, DraftErrorCode.NOT_IN_DISCUSSION),
        (_in(S.PLANNED), 14, "причина", 1, DraftErrorCode.NOT_IN_DISCUSSION),
    ],
)
def test_extension_guards(
    state: DraftState, shift: int, reason: str, at_days: int, code: DraftErrorCode
) -> None:
    base = state.closes or T0.date()
    with pytest.raises(DraftError) as e:
        extend_discussion(state, base + shift * DAY, reason, T0 + at_days * DAY)
    assert e.value.code == code


@pytest.mark.parametrize(
    ("stage", "offset", "expected"),
    [
        (S.DISCUSSION, 0, True),
        (S.DISCUSSION, 29, True),
        (S.DISCUSSION, 30, False),
        (S.DISCUSSION, -1, False),
        (S.DISCUSSION_CLOSED, 5, False),
    ],
)
def test_open_for_comments(stage: DraftStage, offset: int, expected: bool) -> None:
    assert is_open_for_comments(_in(stage), T0.date() + offset * DAY) is expected
