"""The demo's drafts: every road of the life cycle is shown once, seeding twice adds
nothing, and the amending draft links the Criminal Code norms the demo's courts apply."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from core.auth import ANONYMOUS, LOCAL_ADMIN
from indices.context import AppContext
from service.drafts import DraftFilters, draft_detail, list_drafts
from service.drafts_demo import seed_drafts
from service.drafts_plan import list_plan


def test_demo_drafts(ctx: AppContext) -> None:
    today = dt.date(2026, 12, 6)
    assert seed_drafts(ctx, today) == 6
    assert seed_drafts(ctx, today) == 0
    everything = list_drafts(ctx, LOCAL_ADMIN, DraftFilters(), today).drafts
    assert Counter(d.stage for d in everything) == {
        "planned": 1,
        "discussion": 2,
        "discussion_closed": 1,
        "adopted": 1,
        "withdrawn": 1,
    }
    public = list_drafts(ctx, ANONYMOUS, DraftFilters(), today).drafts
    assert len(public) == 5 and all(d.versions >= 2 for d in public)
    soon = list_drafts(ctx, ANONYMOUS, DraftFilters(closing_within_days=7), today).drafts
    [uk] = soon
    detail = draft_detail(ctx, ANONYMOUS, uk.id, today)
    assert {(n.operation, n.norm_id) for n in detail.amended_norms} == {
        ("amend", "uk-kr-2021/168"),
        ("amend", "uk-kr-2021/170/2"),
        ("repeal", "uk-kr-2021/171"),
    }
    assert sum(i.draft_id is not None for i in list_plan(ctx, ANONYMOUS)) == 5
