"""The demo's drafts: every road of the life cycle is shown once, seeding twice adds
nothing, and the amending draft links the Criminal Code norms the demo's courts apply."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from core.auth import ANONYMOUS, LOCAL_ADMIN
from drafts import ActKind, DraftError, DraftErrorCode
from indices.context import AppContext
from service.drafts import (
    DraftFilters,
    create_draft,
    draft_detail,
    link_plan_item,
    list_drafts,
)
from service.drafts_comments import list_comments
from service.drafts_demo import seed_drafts
from service.drafts_plan import import_plan, list_plan
from service.drafts_report import draft_report
from service.schemas_drafts import DraftIn


def test_demo_drafts(ctx: AppContext) -> None:
    today = dt.date(2026, 12, 6)
    assert seed_drafts(ctx, today) == 12
    assert seed_drafts(ctx, today) == 0
    everything = list_drafts(ctx, LOCAL_ADMIN, DraftFilters(), today).drafts
    # Every stage of the life cycle (drafts/lifecycle.py) has a demo draft.
    assert Counter(d.stage for d in everything) == {
        "planned": 2,
        "discussion": 3,
        "discussion_closed": 2,
        "report_published": 1,
        "submitted": 1,
        "adopted": 1,
        "rejected": 1,
        "withdrawn": 1,
    }
    public = list_drafts(ctx, ANONYMOUS, DraftFilters(), today).drafts
    assert len(public) == 10 and all(d.versions >= 2 for d in public)
    soon = list_drafts(ctx, ANONYMOUS, DraftFilters(closing_within_days=7), today).drafts
    [uk] = soon
    detail = draft_detail(ctx, ANONYMOUS, uk.id, today)
    assert {(n.operation, n.norm_id) for n in detail.amended_norms} == {
        ("amend", "uk-kr-2021/168"),
        ("amend", "uk-kr-2021/170/2"),
        ("repeal", "uk-kr-2021/171"),
    }
    assert sum(i.draft_id is not None for i in list_plan(ctx, ANONYMOUS)) == 10

    # Comments: some in moderation, one rejected, the published report has no gap left.
    reports = {d.title: draft_report(ctx, ANONYMOUS, d.id) for d in public}
    treasury = reports["О казначейском сопровождении"]
    assert treasury.published and treasury.report is not None
    assert (treasury.report.totals.comments, treasury.report.unanswered) == (3, ())
    open_data = reports["Об открытых данных государственных органов"]
    assert (open_data.pending, open_data.rejected) == (1, {"spam": 1})
    assert not reports["Мамлекеттик тил жөнүндө мыйзамга өзгөртүүлөр"].report.can_publish  # type: ignore[union-attr]
    shown = list_comments(ctx, ANONYMOUS, open_data.draft_id)
    assert shown.total == 3 and shown.votes.support == 3
    assert not any("Асанов" in c.text for c in shown.comments)


def test_link_plan_item_to_an_existing_draft(ctx: AppContext) -> None:
    csv = "agency,year,title,act_kind,quarter\nМинистерство юстиции,2026,О медиации,law,1\n"
    assert import_plan(ctx, LOCAL_ADMIN, csv.encode(), dry_run=False).created == 1
    [item] = list_plan(ctx, LOCAL_ADMIN)
    body = DraftIn(title="О медиации", act_kind=ActKind.LAW, agency="Министерство юстиции")
    d = create_draft(ctx, LOCAL_ADMIN, body).id
    other = create_draft(ctx, LOCAL_ADMIN, body.model_copy(update={"agency": "Минфин"})).id
    with pytest.raises(DraftError) as wrong_agency:
        link_plan_item(ctx, LOCAL_ADMIN, item.id, other)
    assert wrong_agency.value.code == DraftErrorCode.PLAN_ITEM_AGENCY
    link_plan_item(ctx, LOCAL_ADMIN, item.id, d)
    assert list_plan(ctx, LOCAL_ADMIN)[0].draft_id == d
    with pytest.raises(DraftError) as taken:
        link_plan_item(ctx, LOCAL_ADMIN, item.id, d)
    assert taken.value.code == DraftErrorCode.PLAN_ITEM_TAKEN
