"""The summary report of a draft's discussion, from the database: the ``drafts.report``
engine over the published comments (their depersonified text), the answers and the votes.

Readable by anyone once the draft is public: while the discussion runs, or until the
agency publishes it (stage ``report_published``), it is marked ``interim`` and lists the
comments still without an answer (they block publication). Everything in it is already
public (approved comments, answers, vote counts); moderation is visible only as counts
of rejected comments by reason, so a reader can see that moderation happened and why.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from core.auth import Caller
from core.models import DraftComment, DraftVote
from drafts import DraftStage
from drafts.anchors import Anchor
from drafts.report import Answer as ReportAnswer
from drafts.report import AnswerKind as ReportAnswerKind
from drafts.report import (
    Comment,
    CommenterKind,
    Report,
    Tally,
    Vote,
    build_report,
    iso_week,
    report_json,
    summary_csv,
)
from indices.context import AppContext
from service.drafts import _aware, _load
from service.drafts_comments import _Anchors
from service.schemas_comments import CommentStatus

PUBLISHED_STAGES = frozenset(
    {DraftStage.REPORT_PUBLISHED, DraftStage.SUBMITTED, DraftStage.ADOPTED, DraftStage.REJECTED}
)


@dataclass(frozen=True, slots=True)
class DraftReport:
    draft_id: int
    title: str
    agency: str
    stage: DraftStage
    opens: dt.date | None
    closes: dt.date | None
    published: bool  # the agency published it (stage report_published or later)
    report: Report | None  # None: no main version yet
    rejected: dict[str, int]  # rejected comments by reason
    pending: int  # comments still in moderation or unconfirmed

    @property
    def status(self) -> str:
        return "published" if self.published else "interim"


def draft_report(ctx: AppContext, caller: Caller, draft_id: int) -> DraftReport:
    with ctx.db.session() as s:
        d = _load(s, draft_id, caller)
        rows = s.scalars(
            select(DraftComment).where(DraftComment.draft_id == d.id).order_by(DraftComment.id)
        ).all()
        anchors = _Anchors.of(d)
        comments, answers = [], []
        for c in rows:
            if c.status != CommentStatus.APPROVED or c.version not in anchors.texts:
                continue
            comments.append(
                Comment(
                    id=str(c.id),
                    anchor=Anchor(str(c.version), c.unit_id, c.quote or None),
                    commenter=CommenterKind(c.commenter_kind),
                    author_key=str(c.commenter_id),
                    text=c.public_text or "",
                    submitted_at=_aware(c.created_at),
                    author_name=c.public_organization,
                )
            )
            if c.answer and c.answered_at:
                answers.append(
                    ReportAnswer(
                        str(c.id),
                        ReportAnswerKind(c.answer),
                        c.answer_reason,
                        _aware(c.answered_at),
                    )
                )
        report = None
        final = anchors.final
        if final is not None:
            first = min((int(c.anchor.version) for c in comments), default=anchors.order[-1])
            report = build_report(
                comments, answers, final, str(anchors.order[-1]), anchors.chain(first)
            )
            votes = s.scalars(select(DraftVote).where(DraftVote.draft_id == d.id)).all()
            _add_votes(report, [(Vote(v.vote), v.commenter_kind, _aware(v.at)) for v in votes])
        stage = DraftStage(d.stage)
        return DraftReport(
            draft_id=d.id,
            title=d.title,
            agency=d.agency,
            stage=stage,
            opens=d.opens,
            closes=d.closes,
            published=stage in PUBLISHED_STAGES,
            report=report,
            rejected=dict(
                Counter(c.reject_reason or "" for c in rows if c.status == CommentStatus.REJECTED)
            ),
            pending=sum(
                c.status in (CommentStatus.PENDING, CommentStatus.UNCONFIRMED) for c in rows
            ),
        )


def _add_votes(report: Report, votes: list[tuple[Vote, str, dt.datetime]]) -> None:
    """Votes are per draft, not per comment: they count in the totals, by kind of voter
    and by the week of the (last) vote; ``by_article`` counts comments only."""
    for vote, kind, at in votes:
        for t in (
            report.totals,
            report.by_commenter.setdefault(kind, Tally()),
            report.by_week.setdefault(iso_week(at), Tally()),
        ):
            setattr(t, vote.value, getattr(t, vote.value) + 1)
        report.votes[vote.value] = report.votes.get(vote.value, 0) + 1
    ordered = dict(sorted(report.by_week.items()))
    report.by_week.clear()
    report.by_week.update(ordered)


def as_json(r: DraftReport) -> dict[str, Any]:
    """The open-data JSON (docs/drafts.md): the engine's report with the draft around it."""
    body: dict[str, Any] = json.loads(report_json(r.report)) if r.report else {}
    return {
        "draft": {
            "id": r.draft_id,
            "title": r.title,
            "agency": r.agency,
            "stage": str(r.stage),
            "opens": r.opens.isoformat() if r.opens else None,
            "closes": r.closes.isoformat() if r.closes else None,
        },
        "status": r.status,
        "rejected": r.rejected,
        "in_moderation": r.pending,
        **body,
    }


def as_csv(r: DraftReport) -> str:
    return summary_csv(r.report) if r.report else ""
