"""Atom feeds of the draft-law portal: drafts (per stage, agency, area) and the plan.

A draft's entry is updated by its last public change (discussion opened, a stage
change, a new version), so a feed reader sees the draft again when it moves. Only public
drafts are in a feed (``published_at``); a plan item names its draft only once that
draft is public, as on the plan page.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy import select

from core.auth import court_key
from core.models import Draft, PlanItemRecord
from drafts import DraftStage
from drafts.lifecycle import STAGE_LABELS_RU
from drafts.plan import ACT_KIND_LABELS_RU
from indices.context import AppContext
from service.alerts import ATOM, NOT_XML

FEED_SIZE = 30
KIND_RU = {str(k): v for k, v in ACT_KIND_LABELS_RU.items()}
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    link: str
    updated: dt.datetime
    summary: str


def _aware(at: dt.datetime | None) -> dt.datetime | None:
    if at is None:
        return None
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def last_change(d: Draft) -> dt.datetime:
    """The draft's latest public change: a stage change, a version, the opening."""
    times = [_aware(d.stage_changed_at), _aware(d.published_at)]
    times += [_aware(v.created_at) for v in d.versions]
    return max((t for t in times if t is not None), default=EPOCH)


def atom(title: str, self_url: str, alternate: str, entries: list[Entry]) -> bytes:
    """An Atom 1.0 document (RFC 4287), newest entry first."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = NOT_XML.sub("", text)
        return el

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "ru"})
    sub(feed, "id", self_url)
    sub(feed, "title", title)
    sub(feed, "updated", (entries[0].updated if entries else EPOCH).isoformat())
    sub(sub(feed, "author"), "name", "Ачык")
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    sub(feed, "link", rel="alternate", type="text/html", href=alternate)
    for e in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", e.id)
        sub(entry, "title", e.title)
        sub(entry, "link", rel="alternate", type="text/html", href=e.link)
        sub(entry, "updated", e.updated.isoformat())
        sub(entry, "summary", e.summary, type="text")
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def drafts_feed(
    ctx: AppContext,
    base: str,
    self_url: str,
    *,
    stage: DraftStage | None = None,
    agency: str | None = None,
    area: str | None = None,
) -> bytes:
    """Public drafts of a stage, agency or area, by their last change, newest first."""
    q = select(Draft).where(Draft.published_at.is_not(None))
    named = []
    if stage is not None:
        q = q.where(Draft.stage == stage)
        named.append(STAGE_LABELS_RU[stage])
    if agency:
        q = q.where(Draft.agency_key == court_key(agency))
        named.append(agency.strip())
    if area:
        q = q.where(Draft.area == area.strip())
        named.append(area.strip())
    with ctx.db.session() as s:
        drafts = sorted(s.scalars(q), key=lambda d: (last_change(d), d.id), reverse=True)
        entries = [_draft_entry(base, d) for d in drafts[:FEED_SIZE]]
    pairs = [("stage", str(stage))] if stage else []
    title = "Ачык — проекты актов" + (f": {', '.join(named)}" if named else "")
    return atom(
        title, self_url, f"{base}/drafts" + (f"?{urlencode(pairs)}" if pairs else ""), entries
    )


def _draft_entry(base: str, d: Draft) -> Entry:
    stage = STAGE_LABELS_RU[DraftStage(d.stage)]
    parts = [KIND_RU.get(d.act_kind, d.act_kind), d.agency, f"стадия: {stage}"]
    if d.stage == DraftStage.DISCUSSION and d.closes:
        parts.append(f"обсуждение до {d.closes:%d.%m.%Y}")
    if d.versions:
        parts.append(f"версий: {len(d.versions)}")
    summary = "; ".join(p for p in parts if p) + (f". {d.summary}" if d.summary else "")
    link = f"{base}/drafts/{d.id}"
    return Entry(link, d.title, link, last_change(d), summary)


def plan_feed(ctx: AppContext, base: str, self_url: str) -> bytes:
    """The legislative plan's items, newest first; an item names its draft once public."""
    with ctx.db.session() as s:
        items = s.scalars(
            select(PlanItemRecord)
            .order_by(PlanItemRecord.created_at.desc(), PlanItemRecord.id.desc())
            .limit(FEED_SIZE)
        ).all()
        entries = []
        for it in items:
            draft = s.get(Draft, it.draft_id) if it.draft_id else None
            public = draft is not None and draft.published_at is not None
            link = f"{base}/drafts/{it.draft_id}" if public else f"{base}/plan?year={it.year}"
            parts = [
                it.agency,
                KIND_RU.get(it.act_kind, it.act_kind),
                f"{it.year}, {it.quarter} квартал",
                it.area,
                f"проект: {base}/drafts/{it.draft_id}" if public else "",
            ]
            entries.append(
                Entry(
                    f"{base}/plan?year={it.year}#item-{it.id}",
                    it.title,
                    link,
                    _aware(it.created_at) or EPOCH,
                    "; ".join(p for p in parts if p),
                )
            )
    return atom("Ачык — план нормотворческой деятельности", self_url, f"{base}/plan", entries)
