"""Judicial practice under a norm, and decisions similar to a decision.

Practice is facet counting over the decisions whose norm field holds the norm (a norm
id is indexed with its ancestors, so an article counts every part and item under it).
Similar decisions are ranked by the number of cited norms the two decisions share, then
by a blend of text likeness (More Like This in the backend) and the share of cited articles
in common. Shared norms come first because a lawyer comparing practice wants decisions
under the same norm: two civil debt cases read alike to More Like This, whatever they
apply. The order is computed here, from the same hits, whichever backend found them.
"""

from __future__ import annotations

from urllib.parse import urlencode

from core.auth import ANONYMOUS, Caller
from core.errors import NotFoundError
from core.models import Document
from indices.context import AppContext
from indices.query import Bool, Keyword, MatchAll, norm_filter_ids
from indices.types import Filters
from norms import hierarchy
from service.drafts import now_local
from service.drafts_search import drafts_amending
from service.schemas_practice import (
    PracticeBucket,
    PracticeResponse,
    SimilarHit,
    SimilarResponse,
)
from service.search import _readable, backend_errors, case_fields, published, visible_filters

PRACTICE_FACETS = ("outcome", "court", "instance", "category", "year")
CANDIDATES = 30
TEXT_WEIGHT = 0.6
NORM_WEIGHT = 0.4


def practice(
    ctx: AppContext, norm: str, *, edition: str | None = None, caller: Caller = ANONYMOUS
) -> PracticeResponse:
    ids = norm_filter_ids(norm, edition=edition, max_ids=ctx.settings.norm_expansion_max)
    base = Filters(norm=tuple(ids), doc_type=("court_decision",))
    filters = visible_filters(ctx, base, caller)
    drafts = drafts_amending(ctx, ids, now_local().date())
    if filters is None:
        return PracticeResponse(
            norm=ids, total=0, facets={f: [] for f in PRACTICE_FACETS}, drafts=drafts
        )
    with backend_errors():
        raw = ctx.search.search(MatchAll(), filters, offset=0, limit=0, facets=True)
    facets = {
        f: [
            PracticeBucket(value=v.value, count=v.count, search_url=_search_url(ids, f, v.value))
            for v in raw.facets.get(f, [])
        ]
        for f in PRACTICE_FACETS
    }
    if "year" in facets:
        facets["year"].sort(key=lambda b: b.value)
    return PracticeResponse(norm=ids, total=raw.total, facets=facets, drafts=drafts)


def _search_url(ids: list[str], field: str, value: str) -> str:
    params = [("norm", i) for i in ids] + [("doc_type", "court_decision")]
    params += [("year_from", value), ("year_to", value)] if field == "year" else [(field, value)]
    return "/?" + urlencode(params)


def article_level(norm_ids: list[str]) -> set[str]:
    """Every article (and finer) id a decision cites, without the bare act ids."""
    return {a for n in norm_ids for a in hierarchy(n)[1:]}


def similar(
    ctx: AppContext, doc_id: int, *, limit: int = 5, caller: Caller = ANONYMOUS
) -> SimilarResponse:
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        if doc is None or not _readable(doc, caller):
            raise NotFoundError(f"Документ №{doc_id} не найден")
        text = "\n".join(p.public_text or "" for p in doc.pages)
        mine = article_level(list((doc.meta or {}).get("norms", [])))
        doc_type = doc.doc_type
    filters = visible_filters(ctx, Filters(doc_type=(doc_type,)), caller)
    if filters is None:
        return SimilarResponse(document=doc_id, hits=[])
    with backend_errors():
        by_text = ctx.search.more_like(text, filters, exclude=doc_id, limit=CANDIDATES)
    top = max((h.score for h in by_text), default=0.0) or 1.0
    text_score = {h.id: h.score / top for h in by_text}
    candidates = {h.id: h for h in by_text}
    if mine:
        shared_q = Bool(should=tuple(Keyword("norm", n) for n in sorted(mine)))
        with backend_errors():
            shared = ctx.search.search(
                shared_q, filters, offset=0, limit=CANDIDATES, facets=False
            ).hits
        for h in shared:
            if h.id != doc_id:
                candidates.setdefault(h.id, h)
    visible = published(ctx, list(candidates))
    candidates = {i: h for i, h in candidates.items() if i in visible}
    scored = []
    for hid, h in candidates.items():
        theirs = article_level(list(h.fields.get("norms") or []))
        union = mine | theirs
        jaccard = len(mine & theirs) / len(union) if union else 0.0
        score = TEXT_WEIGHT * text_score.get(hid, 0.0) + NORM_WEIGHT * jaccard
        scored.append((score, hid, h, sorted(mine & theirs)))
    scored.sort(key=lambda t: (-len(t[3]), -t[0], t[1]))
    hits = [
        SimilarHit(
            id=hid,
            title=h.fields.get("title", ""),
            date=h.fields.get("date"),
            year=h.fields.get("year"),
            score=round(score, 4),
            shared_norms=shared,
            url=f"/api/v1/documents/{hid}",
            compare_url=f"/compare?a={doc_id}&b={hid}",
            **case_fields(h.fields),
        )
        for score, hid, h, shared in scored[:limit]
    ]
    return SimilarResponse(document=doc_id, hits=hits)
