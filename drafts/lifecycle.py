"""The stages of a draft and the rules for moving between them.

The rules are data (``TRANSITIONS``) plus a few guards, and ``apply_transition`` is a pure
function: it takes the current state and a request and returns the new state with the
event to log, or raises ``DraftError`` with a Russian message. The database, the API and
the audit log (a later session) sit on top and never decide a transition themselves, so
the same rules hold for the UI, the API and the CLI.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from enum import StrEnum

from drafts.errors import DraftError, DraftErrorCode

DEFAULT_MIN_DISCUSSION_DAYS = 30


class DraftStage(StrEnum):
    PLANNED = "planned"
    DISCUSSION = "discussion"
    DISCUSSION_CLOSED = "discussion_closed"
    REPORT_PUBLISHED = "report_published"
    SUBMITTED = "submitted"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


STAGE_LABELS_RU: dict[DraftStage, str] = {
    DraftStage.PLANNED: "запланирован",
    DraftStage.DISCUSSION: "общественное обсуждение",
    DraftStage.DISCUSSION_CLOSED: "обсуждение завершено",
    DraftStage.REPORT_PUBLISHED: "опубликована сводка предложений",
    DraftStage.SUBMITTED: "внесён на рассмотрение",
    DraftStage.ADOPTED: "принят",
    DraftStage.REJECTED: "отклонён",
    DraftStage.WITHDRAWN: "отозван",
}

# Withdrawal is possible until the draft leaves the developer's hands; the decision on a
# submitted draft belongs to the body it was submitted to.
TRANSITIONS: dict[DraftStage, frozenset[DraftStage]] = {
    DraftStage.PLANNED: frozenset({DraftStage.DISCUSSION, DraftStage.WITHDRAWN}),
    DraftStage.DISCUSSION: frozenset({DraftStage.DISCUSSION_CLOSED, DraftStage.WITHDRAWN}),
    DraftStage.DISCUSSION_CLOSED: frozenset({DraftStage.REPORT_PUBLISHED, DraftStage.WITHDRAWN}),
    DraftStage.REPORT_PUBLISHED: frozenset({DraftStage.SUBMITTED, DraftStage.WITHDRAWN}),
    DraftStage.SUBMITTED: frozenset(
        {DraftStage.ADOPTED, DraftStage.REJECTED, DraftStage.WITHDRAWN}
    ),
    DraftStage.ADOPTED: frozenset(),
    DraftStage.REJECTED: frozenset(),
    DraftStage.WITHDRAWN: frozenset(),
}

FINAL_STAGES: frozenset[DraftStage] = frozenset(s for s, t in TRANSITIONS.items() if not t)
REASON_REQUIRED: frozenset[DraftStage] = frozenset({DraftStage.WITHDRAWN, DraftStage.REJECTED})


class EventKind(StrEnum):
    STAGE_CHANGED = "stage_changed"
    DISCUSSION_EXTENDED = "discussion_extended"


@dataclass(frozen=True, slots=True)
class DraftState:
    """What the rules need to know about a draft: its stage and discussion window.

    ``closes`` is the last day on which comments are accepted (inclusive).
    """

    stage: DraftStage = DraftStage.PLANNED
    opens: datetime.date | None = None
    closes: datetime.date | None = None
    changed_at: datetime.datetime | None = None


@dataclass(frozen=True, slots=True)
class DraftEvent:
    """One entry of a draft's history, to be stored with who made it."""

    kind: EventKind
    at: datetime.datetime
    from_stage: DraftStage
    to_stage: DraftStage
    reason: str = ""
    closes_before: datetime.date | None = None
    closes_after: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """Facts about the draft that guards check and the state does not hold."""

    has_text: bool = False
    unanswered_comments: int = 0


@dataclass(frozen=True, slots=True)
class Rules:
    min_discussion_days: int = DEFAULT_MIN_DISCUSSION_DAYS


def _label(stage: DraftStage) -> str:
    return f"«{STAGE_LABELS_RU[stage]}»"


def _fmt(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def allowed_next(stage: DraftStage) -> frozenset[DraftStage]:
    return TRANSITIONS[stage]


def _check_time(state: DraftState, at: datetime.datetime) -> None:
    if state.changed_at is not None and at < state.changed_at:
        raise DraftError(
            DraftErrorCode.TIME_BACKWARDS,
            "Время изменения раньше предыдущего изменения стадии; проверьте часы и дату.",
        )


def apply_transition(
    state: DraftState,
    to: DraftStage,
    at: datetime.datetime,
    *,
    facts: Facts = Facts(),
    closes: datetime.date | None = None,
    reason: str = "",
    rules: Rules = Rules(),
) -> tuple[DraftState, DraftEvent]:
    """Move a draft to ``to`` at ``at``; ``closes`` is needed when a discussion opens.

    Days are the calendar days of ``at`` as given: pass the time in the portal's time zone
    (Asia/Bishkek), or a discussion opened at 01:00 local time opens on the day before.
    """
    if to not in TRANSITIONS[state.stage]:
        allowed = ", ".join(_label(s) for s in sorted(TRANSITIONS[state.stage]))
        tail = f" Возможные стадии: {allowed}." if allowed else " Это окончательная стадия."
        raise DraftError(
            DraftErrorCode.NOT_ALLOWED,
            f"Переход из стадии {_label(state.stage)} в стадию {_label(to)} не допускается.{tail}",
        )
    _check_time(state, at)
    reason = reason.strip()
    new = replace(state, stage=to, changed_at=at)
    if to == DraftStage.DISCUSSION:
        new = _open_discussion(state, at, closes, facts, rules)
    elif to == DraftStage.DISCUSSION_CLOSED:
        _check_window_over(state, at)
    elif to == DraftStage.REPORT_PUBLISHED and facts.unanswered_comments > 0:
        raise DraftError(
            DraftErrorCode.UNANSWERED_COMMENTS,
            "Сводку предложений нельзя опубликовать: без ответа осталось замечаний — "
            f"{facts.unanswered_comments}. Ответьте на каждое опубликованное замечание.",
        )
    if to in REASON_REQUIRED and not reason:
        raise DraftError(
            DraftErrorCode.REASON_REQUIRED,
            f"Для перехода в стадию {_label(to)} укажите причину.",
        )
    event = DraftEvent(
        kind=EventKind.STAGE_CHANGED,
        at=at,
        from_stage=state.stage,
        to_stage=to,
        reason=reason,
        closes_before=state.closes,
        closes_after=new.closes,
    )
    return new, event


def _open_discussion(
    state: DraftState,
    at: datetime.datetime,
    closes: datetime.date | None,
    facts: Facts,
    rules: Rules,
) -> DraftState:
    if not facts.has_text:
        raise DraftError(
            DraftErrorCode.NO_TEXT,
            "Нельзя открыть обсуждение: не загружен текст проекта.",
        )
    if closes is None:
        raise DraftError(
            DraftErrorCode.NO_CLOSING_DATE,
            "Укажите дату окончания общественного обсуждения.",
        )
    opens = at.date()
    _check_length(opens, closes, rules)
    return replace(state, stage=DraftStage.DISCUSSION, opens=opens, closes=closes, changed_at=at)


def discussion_days(opens: datetime.date, closes: datetime.date) -> int:
    """Calendar days on which comments are accepted, both ends included."""
    return (closes - opens).days + 1


def _check_length(opens: datetime.date, closes: datetime.date, rules: Rules) -> None:
    days = discussion_days(opens, closes)
    if days < rules.min_discussion_days:
        earliest = opens + datetime.timedelta(days=rules.min_discussion_days - 1)
        raise DraftError(
            DraftErrorCode.WINDOW_TOO_SHORT,
            f"Срок обсуждения — {max(days, 0)} дн., а должен быть не меньше "
            f"{rules.min_discussion_days} дн.: обсуждение, открытое {_fmt(opens)}, "
            f"может закончиться не раньше {_fmt(earliest)}.",
        )


def _check_window_over(state: DraftState, at: datetime.datetime) -> None:
    if state.closes is not None and at.date() <= state.closes:
        raise DraftError(
            DraftErrorCode.DISCUSSION_NOT_OVER,
            f"Обсуждение идёт до {_fmt(state.closes)} включительно; закрыть его раньше "
            "нельзя. Чтобы прекратить работу над проектом, отзовите его с указанием причины.",
        )


def is_open_for_comments(state: DraftState, day: datetime.date) -> bool:
    """Comments are accepted in the discussion stage on the days of the window."""
    return (
        state.stage == DraftStage.DISCUSSION
        and state.opens is not None
        and state.closes is not None
        and state.opens <= day <= state.closes
    )


def extend_discussion(
    state: DraftState,
    new_closes: datetime.date,
    reason: str,
    at: datetime.datetime,
) -> tuple[DraftState, DraftEvent]:
    """Move the closing date later; logged with its reason (an earlier date would cut the
    window the public was promised, so it is refused)."""
    if state.stage != DraftStage.DISCUSSION or state.closes is None:
        raise DraftError(
            DraftErrorCode.NOT_IN_DISCUSSION,
            f"Продлить можно только идущее обсуждение; проект в стадии {_label(state.stage)}.",
        )
    _check_time(state, at)
    if at.date() > state.closes:
        raise DraftError(
            DraftErrorCode.NOT_IN_DISCUSSION,
            f"Обсуждение закончилось {_fmt(state.closes)}; продлить его задним числом нельзя.",
        )
    reason = reason.strip()
    if not reason:
        raise DraftError(DraftErrorCode.REASON_REQUIRED, "Укажите причину продления обсуждения.")
    if new_closes <= state.closes:
        raise DraftError(
            DraftErrorCode.NOT_LATER,
            f"Новая дата окончания ({_fmt(new_closes)}) должна быть позже текущей "
            f"({_fmt(state.closes)}).",
        )
    new = replace(state, closes=new_closes, changed_at=at)
    event = DraftEvent(
        kind=EventKind.DISCUSSION_EXTENDED,
        at=at,
        from_stage=state.stage,
        to_stage=state.stage,
        reason=reason,
        closes_before=state.closes,
        closes_after=new_closes,
    )
    return new, event
