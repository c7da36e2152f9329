"""Drafts on the database: create, upload versions, diff, change stages, extend.

Every rule is the ``drafts`` engine's (``apply_transition``, ``extend_discussion``,
``diff_versions``, ``amended_norms``): this module loads a draft's state, asks the engine,
and stores what it answers (the new state and the event, with who made it). Writes are
for the developer agency of the draft (``Caller.require_agency``); a draft is public from
the day its discussion first opens (``published_at``): before, it is the agency's work in
progress and the public sees only its plan item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.auth import Caller, court_key
from core.errors import NotFoundError
from core.models import (
    Draft,
    DraftAttachment,
    DraftComment,
    DraftEventRecord,
    DraftVersion,
    PlanItemRecord,
    utcnow,
)
from drafts import (
    DraftError,
    DraftErrorCode,
    DraftStage,
    DraftState,
    Facts,
    Rules,
    Structure,
    UnitChange,
    amended_norms,
    apply_transition,
    diff_versions,
    extend_discussion,
    is_open_for_comments,
    parse_structure,
    unit_label,
)
from drafts.amended import UnitAmendment
from drafts.lifecycle import FINAL_STAGES, DraftEvent, allowed_next
from indices.context import AppContext
from service.drafts_search import reindex_draft
from service.drafts_text import read_text
from service.schemas_drafts import (
    AmendedNormOut,
    AttachmentKind,
    AttachmentOut,
    DiffOut,
    DraftDetailOut,
    DraftIn,
    DraftListOut,
    DraftOut,
    EventOut,
    ExtendIn,
    StageIn,
    UnitChangeOut,
    VersionKind,
    VersionOut,
    VersionTextOut,
    WordOpOut,
    no_nul,
)

# The portal's days are Bishkek's (UTC+6 all year, no daylight saving).
BISHKEK = dt.timezone(dt.timedelta(hours=6), "Asia/Bishkek")
MAX_LIST = 200


def now_local() -> dt.datetime:
    return dt.datetime.now(BISHKEK)


def rules_of(ctx: AppContext) -> Rules:
    return Rules(min_discussion_days=ctx.settings.min_discussion_days)


@dataclass(frozen=True, slots=True)
class DraftFilters:
    stage: DraftStage | None = None
    agency: str | None = None
    area: str | None = None
    kind: str | None = None
    open_now: bool = False
    closing_within_days: int | None = None
    limit: int = 50
    offset: int = 0


def visible(draft: Draft, caller: Caller) -> bool:
    """Public once its discussion opened; before, its agency's developers and admins only."""
    return draft.published_at is not None or caller.acts_for_agency(draft.agency)


def _load(s: Session, draft_id: int, caller: Caller) -> Draft:
    draft = s.get(Draft, draft_id)
    if draft is None or not visible(draft, caller):
        raise NotFoundError("Нет такого проекта")
    return draft


def _state(draft: Draft) -> DraftState:
    changed = draft.stage_changed_at
    return DraftState(
        stage=DraftStage(draft.stage),
        opens=draft.opens,
        closes=draft.closes,
        changed_at=_aware(changed).astimezone(BISHKEK) if changed else None,
    )


def _aware(at: dt.datetime) -> dt.datetime:
    """SQLite gives times back naive (they were stored as UTC)."""
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


@lru_cache(maxsize=64)
def _parsed(text: str) -> Structure:
    return parse_structure(text)


def _plan_item_id(s: Session, draft_id: int) -> int | None:
    return s.scalar(select(PlanItemRecord.id).where(PlanItemRecord.draft_id == draft_id))


def _out(s: Session, d: Draft, today: dt.date) -> DraftOut:
    return DraftOut(
        id=d.id,
        title=d.title,
        act_kind=d.act_kind,  # type: ignore[arg-type]
        agency=d.agency,
        area=d.area,
        summary=d.summary,
        stage=DraftStage(d.stage),
        opens=d.opens,
        closes=d.closes,
        open_for_comments=is_open_for_comments(_state(d), today),
        published_at=_aware(d.published_at) if d.published_at else None,
        versions=len(d.versions),
        plan_item_id=_plan_item_id(s, d.id),
    )


def _version_out(v: DraftVersion) -> VersionOut:
    st = _parsed(v.text)
    out = VersionOut(
        number=v.number,
        kind=VersionKind(v.kind),
        party=v.party,
        note=v.note,
        file_name=v.file_name,
        format=v.format,
        created_at=_aware(v.created_at),
        chars=len(v.text),
        units=len(st.by_id),
        warnings=st.warnings,
    )
    return out


def draft_url(draft_id: int) -> str:
    return f"/drafts/{draft_id}"


def practice_url(norm_id: str) -> str:
    return "/practice?norm=" + quote(norm_id, safe="/")


@lru_cache(maxsize=256)
def _amendments(text: str, day: dt.date) -> tuple[UnitAmendment, ...]:
    return tuple(amended_norms(_parsed(text), day))


def amended_of(d: Draft) -> tuple[UnitAmendment, ...]:
    """What the draft's latest main version would change (the engine's operations)."""
    mains = [v for v in d.versions if v.kind == VersionKind.MAIN]
    if not mains:
        return ()
    return _amendments(mains[-1].text, _aware(mains[-1].created_at).date())


def amended_out(d: Draft, only: Callable[[str], bool] | None = None) -> list[AmendedNormOut]:
    """The draft's operations for the API (those on norms `only` accepts, if given)."""
    mains = [v for v in d.versions if v.kind == VersionKind.MAIN]
    if not mains:
        return []
    st = _parsed(mains[-1].text)
    return [
        AmendedNormOut(
            unit_id=a.unit_id,
            unit_label=unit_label(st, a.unit_id) if a.unit_id else "проект в целом",
            operation=str(a.kind),
            norm_id=a.norm_id,
            practice_url=practice_url(a.norm_id),
        )
        for a in amended_of(d)
        if only is None or only(a.norm_id)
    ]


def _event_out(e: DraftEventRecord) -> EventOut:
    return EventOut(
        kind=e.kind,
        at=_aware(e.at),
        from_stage=DraftStage(e.from_stage),
        to_stage=DraftStage(e.to_stage),
        reason=e.reason,
        closes_before=e.closes_before,
        closes_after=e.closes_after,
    )


def attachment_url(draft_id: int, attachment_id: int) -> str:
    return f"/api/v1/drafts/{draft_id}/attachments/{attachment_id}"


def draft_detail(
    ctx: AppContext, caller: Caller, draft_id: int, today: dt.date | None = None
) -> DraftDetailOut:
    today = today or now_local().date()
    with ctx.db.session() as s:
        d = _load(s, draft_id, caller)
        base = _out(s, d, today)
        return DraftDetailOut(
            **base.model_dump(),
            next_stages=sorted(allowed_next(DraftStage(d.stage))),
            events=[_event_out(e) for e in d.events],
            version_list=[_version_out(v) for v in d.versions],
            attachments=[
                AttachmentOut(
                    id=a.id,
                    kind=AttachmentKind(a.kind),
                    title=a.title,
                    file_name=a.file_name,
                    size=a.size,
                    url=attachment_url(d.id, a.id),
                )
                for a in d.attachments
            ],
            amended_norms=amended_out(d),
        )


def list_drafts(
    ctx: AppContext, caller: Caller, f: DraftFilters, today: dt.date | None = None
) -> DraftListOut:
    """Public drafts (and the caller's agency's own), newest first, filtered."""
    today = today or now_local().date()
    q = select(Draft)
    if f.stage is not None:
        q = q.where(Draft.stage == f.stage)
    if f.agency:
        q = q.where(Draft.agency_key == court_key(f.agency))
    if f.area:
        q = q.where(Draft.area == f.area)
    if f.kind:
        q = q.where(Draft.act_kind == f.kind)
    if f.open_now or f.closing_within_days is not None:
        q = q.where(
            Draft.stage == DraftStage.DISCUSSION,
            Draft.opens <= today,
            Draft.closes >= today,
        )
    if f.closing_within_days is not None:
        q = q.where(Draft.closes <= today + dt.timedelta(days=f.closing_within_days))
    with ctx.db.session() as s:
        rows = [d for d in s.scalars(q.order_by(Draft.id.desc())) if visible(d, caller)]
        page = rows[f.offset : f.offset + min(f.limit, MAX_LIST)]
        return DraftListOut(total=len(rows), drafts=[_out(s, d, today) for d in page])


def list_by_ids(ctx: AppContext, caller: Caller, ids: list[int], today: dt.date) -> list[DraftOut]:
    """The drafts of `ids` the caller may see, in the order given (a search's order)."""
    with ctx.db.session() as s:
        found = {d.id: d for d in s.scalars(select(Draft).where(Draft.id.in_(ids)))}
        return [_out(s, found[i], today) for i in ids if i in found and visible(found[i], caller)]


def _linkable(s: Session, caller: Caller, item_id: int, agency: str) -> PlanItemRecord:
    """The plan item a draft of `agency` may carry out: the same agency's, not yet taken."""
    item = s.get(PlanItemRecord, item_id)
    if item is None or not caller.acts_for_agency(item.agency):
        raise NotFoundError("Нет такого пункта плана")
    if item.agency_key != court_key(agency):
        raise DraftError(
            DraftErrorCode.PLAN_ITEM_AGENCY,
            f"Пункт плана — ведомства «{item.agency}», а проект — «{agency}».",
        )
    if item.draft_id is not None:
        raise DraftError(
            DraftErrorCode.PLAN_ITEM_TAKEN,
            f"По этому пункту плана уже есть проект № {item.draft_id}.",
        )
    return item


def create_draft(ctx: AppContext, caller: Caller, body: DraftIn) -> DraftOut:
    """A new draft in the `planned` stage, linked to its plan item when one is named."""
    caller.require_agency(body.agency)
    with ctx.db.session() as s:
        item = None
        if body.plan_item_id is not None:
            item = _linkable(s, caller, body.plan_item_id, body.agency)
        d = Draft(
            title=" ".join(body.title.split()),
            act_kind=body.act_kind,
            agency=body.agency.strip(),
            agency_key=court_key(body.agency),
            area=body.area.strip(),
            summary=body.summary.strip(),
            stage=DraftStage.PLANNED,
        )
        s.add(d)
        s.flush()
        if item is not None:
            item.draft_id = d.id
        s.flush()
        return _out(s, d, now_local().date())


def link_plan_item(ctx: AppContext, caller: Caller, item_id: int, draft_id: int) -> None:
    """Link a plan item to a draft made without it (same agency; an item has one draft)."""
    with ctx.db.session() as s:
        d = _load(s, draft_id, caller)
        caller.require_agency(d.agency)
        if _plan_item_id(s, draft_id) is not None:
            raise DraftError(DraftErrorCode.PLAN_ITEM_TAKEN, "Проект уже связан с пунктом плана.")
        _linkable(s, caller, item_id, d.agency).draft_id = draft_id


def add_version(
    ctx: AppContext,
    caller: Caller,
    draft_id: int,
    data: bytes,
    file_name: str,
    *,
    kind: VersionKind = VersionKind.MAIN,
    party: str = "",
    note: str = "",
) -> VersionOut:
    """Read the file's text (DraftError when unreadable) and store it as the next version."""
    with ctx.db.session() as s:
        d = _load(s, draft_id, caller)
        caller.require_agency(d.agency)
        if DraftStage(d.stage) in FINAL_STAGES:
            raise DraftError(
                DraftErrorCode.FINAL_STAGE,
                "Проект в окончательной стадии: новые версии не принимаются.",
            )
    read = read_text(data, file_name, ctx.settings)
    key = ctx.blobs.put_bytes(data)
    with ctx.db.session() as s:
        number = (
            s.scalar(select(func.max(DraftVersion.number)).where(DraftVersion.draft_id == draft_id))
            or 0
        ) + 1
        v = DraftVersion(
            draft_id=draft_id,
            number=number,
            kind=kind,
            party=party.strip() if kind == VersionKind.ALTERNATIVE else "",
            note=note.strip(),
            text=read.text,
            file_name=no_nul(file_name)[:500],
            format=read.kind,
            sha256=key,
            created_by=caller.actor,
        )
        s.add(v)
        s.flush()
        out = _version_out(v)
    reindex_draft(ctx, draft_id)
    return out


def list_versions(ctx: AppContext, caller: Caller, draft_id: int) -> list[VersionOut]:
    with ctx.db.session() as s:
        return [_version_out(v) for v in _load(s, draft_id, caller).versions]


def version_text(ctx: AppContext, caller: Caller, draft_id: int, number: int) -> VersionTextOut:
    with ctx.db.session() as s:
        for v in _load(s, draft_id, caller).versions:
            if v.number == number:
                return VersionTextOut(**_version_out(v).model_dump(), text=v.text)
    raise NotFoundError(f"У проекта нет версии {number}")


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    unit_id: str | None  # the unit whose heading starts this line (an anchor on the page)


def text_lines(text: str) -> list[TextLine]:
    """The version's lines, each marked with the unit that starts on it: the page gives
    every article, part and point an anchor by its id (what comments will point at)."""
    starts: dict[int, str] = {}
    for u in sorted(_parsed(text).walk(), key=lambda u: (u.start, -(u.end - u.start))):
        starts.setdefault(u.start, u.id)
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = len(line) - len(line.lstrip())
        out.append(TextLine(line, starts.get(pos + stripped, starts.get(pos))))
        pos += len(line) + 1
    return out


def _change_out(c: UnitChange, old: Structure, new: Structure) -> UnitChangeOut:
    return UnitChangeOut(
        kind=str(c.kind),
        unit_kind=str(c.unit_kind),
        old_id=c.old_id,
        new_id=c.new_id,
        old_label=unit_label(old, c.old_id) if c.old_id else "",
        new_label=unit_label(new, c.new_id) if c.new_id else "",
        similarity=round(c.similarity, 3),
        text_changed=c.text_changed,
        moved=c.moved,
        words=[WordOpOut(op=str(w.op), old=w.old, new=w.new) for w in c.words]
        if c.text_changed
        else [],
        children=[_change_out(ch, old, new) for ch in c.children],
    )


def diff(ctx: AppContext, caller: Caller, draft_id: int, old_n: int, new_n: int) -> DiffOut:
    """Article by article (drafts.diff_versions): any two versions, main or alternative."""
    with ctx.db.session() as s:
        by_number = {v.number: v.text for v in _load(s, draft_id, caller).versions}
    for n in (old_n, new_n):
        if n not in by_number:
            raise NotFoundError(f"У проекта нет версии {n}")
    old, new = _parsed(by_number[old_n]), _parsed(by_number[new_n])
    vd = diff_versions(old, new, old_version=str(old_n), new_version=str(new_n))
    return DiffOut(
        draft_id=draft_id,
        from_version=old_n,
        to_version=new_n,
        counts={str(k): n for k, n in vd.counts().items()},
        changes=[_change_out(c, old, new) for c in vd.changes],
        containers=[_change_out(c, old, new) for c in vd.containers],
        mapping=vd.mapping,
    )


def _store(s: Session, d: Draft, state: DraftState, event: DraftEvent, caller: Caller) -> None:
    d.stage = state.stage
    d.opens = state.opens
    d.closes = state.closes
    # Stored as UTC: SQLite keeps no offset and gives times back as UTC (``_aware``).
    d.stage_changed_at = state.changed_at.astimezone(dt.UTC) if state.changed_at else None
    if state.stage == DraftStage.DISCUSSION and d.published_at is None:
        d.published_at = utcnow()
    s.add(
        DraftEventRecord(
            draft_id=d.id,
            kind=event.kind,
            at=event.at.astimezone(dt.UTC),
            from_stage=event.from_stage,
            to_stage=event.to_stage,
            reason=event.reason,
            closes_before=event.closes_before,
            closes_after=event.closes_after,
            actor=caller.actor,
            key_id=caller.key_id,
        )
    )


def unanswered_comments(s: Session, draft_id: int) -> int:
    """Published comments without the developer's answer: they block the report."""
    return (
        s.scalar(
            select(func.count())
            .select_from(DraftComment)
            .where(
                DraftComment.draft_id == draft_id,
                DraftComment.status == "approved",
                DraftComment.answer.is_(None),
            )
        )
        or 0
    )


def change_stage(
    ctx: AppContext, caller: Caller, draft_id: int, body: StageIn, at: dt.datetime
) -> DraftDetailOut:
    """Move the draft (``at`` in Bishkek time); DraftError with the engine's code if refused."""
    with ctx.db.session() as s:
        d = _load(s, draft_id, caller)
        caller.require_agency(d.agency)
        facts = Facts(
            has_text=any(v.kind == VersionKind.MAIN for v in d.versions),
            unanswered_comments=unanswered_comments(s, d.id),
        )
        state, event = apply_transition(
            _state(d),
            body.stage,
            at,
            facts=facts,
            closes=body.closes,
            reason=body.reason,
            rules=rules_of(ctx),
        )
        _store(s, d, state, event, caller)
    reindex_draft(ctx, draft_id)
    return draft_detail(ctx, caller, draft_id, at.date())


def extend(
    ctx: AppContext, caller: Caller, draft_id: int, body: ExtendIn, at: dt.datetime
) -> DraftDetailOut:
    """Move the closing date later, with its reason, while the discussion runs."""
    with ctx.db.session() as s:
        d = _load(s, draft_id, caller)
        caller.require_agency(d.agency)
        state, event = extend_discussion(_state(d), body.closes, body.reason, at)
        _store(s, d, state, event, caller)
    reindex_draft(ctx, draft_id)
    return draft_detail(ctx, caller, draft_id, at.date())


def add_attachment(
    ctx: AppContext,
    caller: Caller,
    draft_id: int,
    kind: AttachmentKind,
    data: bytes,
    file_name: str,
    title: str = "",
) -> AttachmentOut:
    """A justification note, impact analysis or comparative table, read like a version."""
    with ctx.db.session() as s:
        caller.require_agency(_load(s, draft_id, caller).agency)
    read = read_text(data, file_name, ctx.settings)
    key = ctx.blobs.put_bytes(data)
    with ctx.db.session() as s:
        a = DraftAttachment(
            draft_id=draft_id,
            kind=kind,
            title=no_nul(title).strip()[:500],
            file_name=no_nul(file_name)[:500],
            format=read.kind,
            sha256=key,
            size=len(data),
            text=read.text,
            created_by=caller.actor,
        )
        s.add(a)
        s.flush()
        return AttachmentOut(
            id=a.id,
            kind=kind,
            title=a.title,
            file_name=a.file_name,
            size=a.size,
            url=attachment_url(draft_id, a.id),
        )


@dataclass(frozen=True, slots=True)
class AttachmentFile:
    data: bytes
    file_name: str
    format: str | None


def attachment_file(
    ctx: AppContext, caller: Caller, draft_id: int, attachment_id: int
) -> AttachmentFile:
    with ctx.db.session() as s:
        _load(s, draft_id, caller)
        a = s.get(DraftAttachment, attachment_id)
        if a is None or a.draft_id != draft_id:
            raise NotFoundError("Нет такого приложения")
        return AttachmentFile(ctx.blobs.get(a.sha256), a.file_name, a.format)
