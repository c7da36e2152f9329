"""The summary table of proposals and the report of public opinion on a draft.

Built from the published comments and the developer's answers when the discussion closes.
Each comment's anchor is carried to the final version, so counts «by article» are about the
articles of the text that goes on. A comment without an answer is listed as blocking: the
life cycle refuses to publish the report while any is left (``Facts.unanswered_comments``).
The CSV and JSON renderings are the open-data format described in docs/drafts.md.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from drafts.anchors import Anchor, AnchorStatus, carry_anchor
from drafts.diff import VersionDiff
from drafts.errors import DraftError, DraftErrorCode
from drafts.structure import Structure, article_of, unit_label

SCHEMA_VERSION = 1
WHOLE_DRAFT = "whole"  # the «article» key of comments on the draft as a whole
GONE = "gone"  # the «article» key of comments whose unit is not in the final version


class CommenterKind(StrEnum):
    INDIVIDUAL = "individual"
    ORGANIZATION = "organization"
    BUSINESS = "business"
    STATE_BODY = "state_body"


class Vote(StrEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"


class AnswerKind(StrEnum):
    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    NOT_ACCEPTED = "not_accepted"


ANSWER_LABELS_RU: dict[AnswerKind, str] = {
    AnswerKind.ACCEPTED: "учтено",
    AnswerKind.PARTLY_ACCEPTED: "учтено частично",
    AnswerKind.NOT_ACCEPTED: "не учтено",
}


@dataclass(frozen=True, slots=True)
class Comment:
    """A published comment. ``author_key`` is an opaque key of the confirmed address
    (never the address): one vote per key counts. ``author_name`` is shown only for
    organisations; an individual is not named in open data."""

    id: str
    anchor: Anchor
    commenter: CommenterKind
    author_key: str
    text: str
    submitted_at: datetime.datetime
    vote: Vote | None = None
    author_name: str = ""


@dataclass(frozen=True, slots=True)
class Answer:
    comment_id: str
    kind: AnswerKind
    reason: str
    answered_at: datetime.datetime


def check_answer(answer: Answer) -> None:
    """A proposal not accepted, or accepted in part, must say why."""
    if answer.kind != AnswerKind.ACCEPTED and not answer.reason.strip():
        raise DraftError(
            DraftErrorCode.ANSWER_REASON_REQUIRED,
            f"Для ответа «{ANSWER_LABELS_RU[answer.kind]}» укажите обоснование.",
        )


@dataclass(frozen=True, slots=True)
class SummaryRow:
    comment_id: str
    version: str
    unit_id: str | None
    final_unit_id: str | None
    anchor_status: AnchorStatus
    unit_label: str
    quote: str
    commenter: CommenterKind
    author_name: str
    text: str
    submitted_at: datetime.datetime
    vote: Vote | None
    answer: AnswerKind | None
    reason: str
    answered_at: datetime.datetime | None


@dataclass(slots=True)
class Tally:
    comments: int = 0
    support: int = 0
    oppose: int = 0
    accepted: int = 0
    partly_accepted: int = 0
    not_accepted: int = 0
    unanswered: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Report:
    final_version: str
    rows: tuple[SummaryRow, ...]
    totals: Tally
    by_article: dict[str, Tally]
    by_commenter: dict[str, Tally]
    by_week: dict[str, Tally]
    unanswered: tuple[str, ...]  # comment ids, in the order received
    votes: dict[str, int] = field(default_factory=dict)

    @property
    def can_publish(self) -> bool:
        return not self.unanswered


def iso_week(at: datetime.datetime) -> str:
    year, week, _ = at.isocalendar()
    return f"{year}-W{week:02d}"


def _index_answers(comments: Sequence[Comment], answers: Iterable[Answer]) -> dict[str, Answer]:
    known = set()
    for c in comments:
        if c.id in known:
            raise DraftError(DraftErrorCode.DUPLICATE_COMMENT, f"Замечание {c.id} передано дважды.")
        known.add(c.id)
    out: dict[str, Answer] = {}
    for a in answers:
        if a.comment_id not in known:
            raise DraftError(
                DraftErrorCode.UNKNOWN_COMMENT,
                f"Ответ дан на неизвестное замечание {a.comment_id}.",
            )
        if a.comment_id in out:
            raise DraftError(
                DraftErrorCode.DUPLICATE_ANSWER,
                f"На замечание {a.comment_id} дано два ответа; оставьте один.",
            )
        check_answer(a)
        out[a.comment_id] = a
    return out


def _chain(diffs: Sequence[VersionDiff], version: str) -> list[VersionDiff]:
    """The diffs leading from ``version`` to the last one (consecutive versions)."""
    for k, d in enumerate(diffs):
        if d.old_version == version:
            return list(diffs[k:])
    return []


def build_report(
    comments: Sequence[Comment],
    answers: Iterable[Answer],
    final: Structure,
    final_version: str,
    diffs: Sequence[VersionDiff] = (),
) -> Report:
    """Summary table and counts; ``diffs`` lead from the first commented version to
    ``final_version`` one step at a time."""
    by_comment = _index_answers(comments, answers)
    rows: list[SummaryRow] = []
    totals = Tally()
    by_article: dict[str, Tally] = {}
    by_commenter: dict[str, Tally] = {k.value: Tally() for k in CommenterKind}
    by_week: dict[str, Tally] = {}
    last_vote: dict[str, tuple[datetime.datetime, Vote, list[Tally]]] = {}
    unanswered: list[str] = []
    for c in sorted(comments, key=lambda c: (c.submitted_at, c.id)):
        chain = [] if c.anchor.version == final_version else _chain(diffs, c.anchor.version)
        if c.anchor.version != final_version and not chain:
            raise DraftError(
                DraftErrorCode.VERSION_CHAIN,
                f"Замечание {c.id} относится к версии {c.anchor.version}, а сравнения этой "
                f"версии с версией {final_version} не переданы.",
            )
        if chain and chain[-1].new_version != final_version:
            raise DraftError(
                DraftErrorCode.VERSION_CHAIN,
                f"Сравнения версий заканчиваются версией {chain[-1].new_version}, а сводка "
                f"строится по версии {final_version}.",
            )
        resolved = carry_anchor(c.anchor, chain, final)
        if resolved.status == AnchorStatus.WHOLE_DRAFT:
            key = WHOLE_DRAFT
        elif resolved.unit_id is None:
            key = GONE
        else:
            key = article_of(resolved.unit_id)
        answer = by_comment.get(c.id)
        tallies = [
            totals,
            by_article.setdefault(key, Tally()),
            by_commenter[c.commenter],
            by_week.setdefault(iso_week(c.submitted_at), Tally()),
        ]
        for t in tallies:
            t.comments += 1
            if answer is None:
                t.unanswered += 1
            else:
                setattr(t, answer.kind.value, getattr(t, answer.kind.value) + 1)
        if answer is None:
            unanswered.append(c.id)
        if c.vote is not None:
            last_vote[c.author_key] = (c.submitted_at, c.vote, tallies)
        rows.append(
            SummaryRow(
                comment_id=c.id,
                version=c.anchor.version,
                unit_id=c.anchor.unit_id,
                final_unit_id=resolved.unit_id,
                anchor_status=resolved.status,
                unit_label=(
                    unit_label(final, resolved.unit_id)
                    if resolved.unit_id
                    else "проект в целом"
                    if key == WHOLE_DRAFT
                    else "исключено"
                ),
                quote=c.anchor.quote or "",
                commenter=c.commenter,
                author_name=c.author_name if c.commenter != CommenterKind.INDIVIDUAL else "",
                text=c.text,
                submitted_at=c.submitted_at,
                vote=c.vote,
                answer=answer.kind if answer else None,
                reason=answer.reason if answer else "",
                answered_at=answer.answered_at if answer else None,
            )
        )
    votes: Counter[str] = Counter()
    for _, vote, tallies in last_vote.values():
        votes[vote.value] += 1
        for t in tallies:
            setattr(t, vote.value, getattr(t, vote.value) + 1)
    return Report(
        final_version=final_version,
        rows=tuple(rows),
        totals=totals,
        by_article=dict(sorted(by_article.items(), key=lambda kv: _article_order(final, kv[0]))),
        by_commenter=by_commenter,
        by_week=dict(sorted(by_week.items())),
        unanswered=tuple(unanswered),
        votes={v.value: votes[v.value] for v in Vote},
    )


def _article_order(final: Structure, key: str) -> tuple[int, int]:
    order = {u.id: k for k, u in enumerate(final.articles())}
    if key == WHOLE_DRAFT:
        return (0, 0)
    if key in order:
        return (1, order[key])
    return (2, 0)


# The summary table's columns, in order (docs/drafts.md describes each).
CSV_COLUMNS: tuple[str, ...] = (
    "comment_id",
    "version",
    "unit_id",
    "final_unit_id",
    "anchor_status",
    "unit_label",
    "quote",
    "commenter",
    "author_name",
    "text",
    "submitted_at",
    "vote",
    "answer",
    "reason",
    "answered_at",
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value)


def _row_dict(row: SummaryRow) -> dict[str, Any]:
    return {k: getattr(row, k) for k in CSV_COLUMNS}


def summary_csv(report: Report) -> str:
    """The summary table as CSV (UTF-8, comma, a header row, RFC 4180 quoting)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for row in report.rows:
        w.writerow([_cell(v) for v in _row_dict(row).values()])
    return buf.getvalue()


def report_json(report: Report) -> str:
    """The whole report as JSON (``schema_version`` says which layout)."""
    doc = {
        "schema_version": SCHEMA_VERSION,
        "final_version": report.final_version,
        "can_publish": report.can_publish,
        "unanswered": list(report.unanswered),
        "totals": report.totals.as_dict(),
        "votes": report.votes,
        "by_article": {k: t.as_dict() for k, t in report.by_article.items()},
        "by_commenter": {k: t.as_dict() for k, t in report.by_commenter.items()},
        "by_week": {k: t.as_dict() for k, t in report.by_week.items()},
        "proposals": [
            {k: (_cell(v) or None) for k, v in _row_dict(r).items()} for r in report.rows
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
