"""Drafts in full-text search: what goes into the drafts index, and searching it.

A draft enters the index on the day its discussion first opens (``published_at``) and is
refreshed whenever what the index holds of it changes (a new version, a stage change, an
extension): the service calls `reindex_draft` after each such write. A draft that is not
public is deleted from the index, so nothing unpublished can be found. The indexed text is
the summary and the latest main version (alternatives are other parties' proposals, not
the draft).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.auth import ANONYMOUS, court_key
from core.models import Draft
from drafts import DraftStage
from indices.context import AppContext
from indices.drafts_index import DraftIndexDoc, DraftQuery
from norms import hierarchy
from service.schemas_drafts import AmendingDraftOut, DraftSearchOut, FacetCount, VersionKind
from service.search import backend_errors

log = logging.getLogger(__name__)
MAX_PAGE = 200


def index_doc(d: Draft) -> DraftIndexDoc | None:
    """The index record of a public draft; None for a draft the public may not see."""
    if d.published_at is None:
        return None
    from service.drafts import amended_of  # it calls reindex_draft: imported late

    mains = [v for v in d.versions if v.kind == VersionKind.MAIN]
    text = "\n\n".join(x for x in (d.summary, mains[-1].text if mains else "") if x)
    norms = {h for a in amended_of(d) for h in hierarchy(a.norm_id)}
    return DraftIndexDoc(
        id=d.id,
        title=d.title,
        text=text,
        stage=d.stage,
        agency=d.agency,
        agency_key=d.agency_key,
        area=d.area,
        act_kind=d.act_kind,
        opens=d.opens.toordinal() if d.opens else None,
        closes=d.closes.toordinal() if d.closes else None,
        norms=tuple(sorted(norms)),
    )


def reindex_draft(ctx: AppContext, draft_id: int) -> None:
    """Put the draft's current state into the index (or take it out if not public)."""
    with ctx.db.session() as s:
        d = s.get(Draft, draft_id)
        doc = index_doc(d) if d is not None else None
    try:
        if doc is None:
            ctx.drafts_search.delete([draft_id])
        else:
            ctx.drafts_search.index([doc])
    except Exception:
        # The write it follows is stored (the database is the truth): an engine that is
        # down must not turn it into an error. Logged; `achyk drafts-reindex` repairs.
        log.exception("draft %s: the drafts index was not updated", draft_id)


def reindex_all(ctx: AppContext, batch: int = 200) -> int:
    """Rebuild the drafts index from the database (`achyk reindex`); public drafts count."""
    ctx.drafts_search.clear()
    done = 0
    with ctx.db.session() as s:
        ids = list(s.scalars(select(Draft.id).where(Draft.published_at.is_not(None))))
    for start in range(0, len(ids), batch):
        with ctx.db.session() as s:
            docs = [index_doc(d) for d in _drafts(s, ids[start : start + batch])]
        kept = [d for d in docs if d is not None]
        ctx.drafts_search.index(kept)
        done += len(kept)
    return done


def _drafts(s: Session, ids: Iterable[int]) -> list[Draft]:
    return list(s.scalars(select(Draft).where(Draft.id.in_(list(ids)))))


def query_of(
    q: str,
    *,
    stage: DraftStage | None = None,
    agency: str | None = None,
    area: str | None = None,
    kind: str | None = None,
    open_now: bool = False,
    closing_within_days: int | None = None,
    today: dt.date,
) -> DraftQuery:
    """The search's filters as the index compares them (the day numbers of `today`)."""
    day = today.toordinal()
    window = open_now or closing_within_days is not None
    return DraftQuery(
        q=q,
        stage=str(stage) if stage else None,
        agency_key=court_key(agency) if agency else None,
        area=area.strip() if area else None,
        act_kind=str(kind) if kind else None,
        open_on=day if window else None,
        closes_by=day + closing_within_days if closing_within_days is not None else None,
    )


def search_drafts(
    ctx: AppContext, query: DraftQuery, *, offset: int = 0, limit: int = 20, today: dt.date
) -> DraftSearchOut:
    """Public drafts matching, read back from the database in the index's order."""
    from service.drafts import list_by_ids  # it calls reindex_draft: imported late

    with backend_errors():
        hits = ctx.drafts_search.search(query, offset=offset, limit=min(limit, MAX_PAGE))
    drafts = list_by_ids(ctx, ANONYMOUS, hits.ids, today)
    facets = {
        k: [
            FacetCount(value=v, count=n)
            for v, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
        ]
        for k, counts in hits.facets.items()
    }
    return DraftSearchOut(total=hits.total, drafts=drafts, facets=facets)


PLAIN_WORDS = re.compile(r"[^\W_]+(?:[\s-]+[^\W_]+)*", re.UNICODE)


def drafts_with_words(ctx: AppContext, q: str) -> int:
    """How many public drafts hold every word of a plain query (the search page's pointer
    to the drafts): 0 for a query with operators, quotes or fields, which the drafts
    search does not speak."""
    q = q.strip()
    if not q or len(q) > 200 or not PLAIN_WORDS.fullmatch(q) or re.search(r"\b(OR|AND|NOT)\b", q):
        return 0
    with backend_errors():
        return ctx.drafts_search.search(DraftQuery(q=q), limit=1, facets=False).total


def related(a: str, b: str) -> bool:
    """One norm id is the other or lies under it (an article and its parts)."""
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def drafts_amending(
    ctx: AppContext, norm_ids: list[str], today: dt.date, limit: int = 20
) -> list[AmendingDraftOut]:
    """Public drafts whose parsed operations target one of the norms, a part of it or its
    article: a lawyer reading practice under ч. 2 ст. 168 wants the draft rewriting
    ст. 168 too. Found through the index's `norm` field, newest first."""
    from service.drafts import amended_out, draft_url, list_by_ids

    wanted = {h for n in norm_ids for h in (hierarchy(n)[1:] or [n])}
    if not wanted:
        return []
    with backend_errors():
        hits = ctx.drafts_search.search(
            DraftQuery(norms=tuple(sorted(wanted))), limit=limit, facets=False
        )
    out = []
    by_id = {d.id: d for d in list_by_ids(ctx, ANONYMOUS, hits.ids, today)}
    with ctx.db.session() as s:
        for d in _drafts(s, list(by_id)):
            ops = amended_out(d, lambda n: any(related(n, w) for w in norm_ids))
            if not ops:
                continue
            o = by_id[d.id]
            out.append(
                AmendingDraftOut(
                    id=d.id,
                    title=o.title,
                    agency=o.agency,
                    stage=o.stage,
                    closes=o.closes,
                    open_for_comments=o.open_for_comments,
                    url=draft_url(d.id),
                    operations=ops,
                )
            )
    order = {i: n for n, i in enumerate(hits.ids)}
    return sorted(out, key=lambda a: order[a.id])
