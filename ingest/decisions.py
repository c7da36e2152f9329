"""Court decisions pushed by courts: publish, replace with a new version, withdraw.

A decision is identified by (court, case number, decision date), compared loosely, so
a court that sends the same decision twice gets the first one back. Its versions are
ordinary documents in one collection of kind "court" (setting decisions_collection,
depersonified by the court policy), with the court's metadata in Document.meta: one
collection keeps a single policy and a single public facet, while court, instance and
category stay searchable fields of the document. Earlier versions and withdrawn
decisions are never deleted: they leave public view (index and public reads) and stay
in the records for audit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.auth import Caller, court_key
from core.errors import AchykError, ConflictError, NotFoundError, TransientError
from core.models import Decision, DecisionVersion, Document, utcnow
from core.types import DocState
from indices.context import AppContext
from ingest.intake import ensure_collection
from ingest.transient import is_transient

KEPT_STATES = (DocState.WITHDRAWN, DocState.SUPERSEDED)


@dataclass(frozen=True, slots=True)
class DecisionMeta:
    court: str
    case_number: str
    decision_date: dt.date
    instance: str = ""
    category: str = ""
    judge: str = ""


@dataclass(frozen=True, slots=True)
class Submitted:
    decision_id: int
    version: int
    document_id: int
    created: bool  # False: nothing new was made (a resubmission of the same text)
    to_process: bool  # the document must be (re)run through the pipeline


def case_key(case_number: str) -> str:
    s = case_number.casefold().replace("№", " ").replace("n ", " ")
    return re.sub(r"\s+", "", s)


def _title(m: DecisionMeta) -> str:
    return f"{m.court}, дело № {m.case_number}, {m.decision_date:%d.%m.%Y}"


def _doc_meta(m: DecisionMeta, decision_id: int, version: int) -> dict[str, object]:
    return {
        "court": m.court,
        "case_number": m.case_number,
        "instance": m.instance,
        "category": m.category,
        "judge": m.judge,
        "decision_id": decision_id,
        "version": version,
    }


def _collection_id(ctx: AppContext) -> int:
    coll = ensure_collection(ctx, ctx.settings.decisions_collection, "court")
    if coll.kind != "court":
        raise AchykError(
            f"Коллекция «{coll.name}» не судебная: проверьте ACHYK_DECISIONS_COLLECTION"
        )
    return coll.id


def _find(s: Session, m: DecisionMeta) -> Decision | None:
    return s.scalar(
        select(Decision).where(
            Decision.court_key == court_key(m.court),
            Decision.case_key == case_key(m.case_number),
            Decision.decision_date == m.decision_date,
        )
    )


def _latest(d: Decision) -> DecisionVersion:
    return max(d.versions, key=lambda v: v.version)


def _new_version(
    s: Session, d: Decision, m: DecisionMeta, coll_id: int, key: str, size: int, name: str
) -> DecisionVersion:
    if (other := s.scalar(select(Document).where(Document.sha256 == key))) is not None:
        raise ConflictError("Этот файл уже загружен в систему", other.id, kind="document")
    number = max((v.version for v in d.versions), default=0) + 1
    doc = Document(
        collection_id=coll_id,
        sha256=key,
        original_name=name[:500],
        size=size,
        title=_title(m),
        doc_date=m.decision_date,
        year=m.decision_date.year,
        meta=_doc_meta(m, d.id, number),
    )
    s.add(doc)
    s.flush()
    v = DecisionVersion(decision_id=d.id, version=number, document_id=doc.id)
    s.add(v)
    s.flush()
    return v


def submit(ctx: AppContext, caller: Caller, m: DecisionMeta, path: Path, name: str) -> Submitted:
    """POST: a new decision, or the existing one when exactly this text was sent before."""
    caller.require_court(m.court)
    coll_id = _collection_id(ctx)
    key, size = ctx.blobs.put_file(path)
    with ctx.db.session() as s:
        d = _find(s, m)
        if d is not None:
            latest = _latest(d)
            doc = s.get_one(Document, latest.document_id)
            if doc.sha256 == key and d.withdrawn_at is None:
                return Submitted(d.id, latest.version, doc.id, False, False)
            raise ConflictError(
                f"Решение по делу № {m.case_number} от {m.decision_date:%d.%m.%Y} уже "
                f"есть (№{d.id}); новую редакцию отправляйте PUT /api/v1/decisions/{d.id}",
                d.id,
            )
        d = Decision(
            court=m.court.strip(),
            court_key=court_key(m.court),
            case_number=m.case_number.strip(),
            case_key=case_key(m.case_number),
            decision_date=m.decision_date,
            instance=m.instance,
            category=m.category,
            judge=m.judge,
        )
        s.add(d)
        s.flush()
        v = _new_version(s, d, m, coll_id, key, size, name)
        return Submitted(d.id, v.version, v.document_id, True, True)


def _load(s: Session, decision_id: int) -> Decision:
    d = s.get(Decision, decision_id)
    if d is None:
        raise NotFoundError(f"Решение №{decision_id} не найдено")
    return d


def decision_court(ctx: AppContext, decision_id: int) -> str:
    with ctx.db.session() as s:
        return _load(s, decision_id).court


def replace(
    ctx: AppContext, caller: Caller, decision_id: int, m: DecisionMeta | None, path: Path, name: str
) -> Submitted:
    """PUT: a new version; the current one stays public until the new one is published."""
    caller.require_court(decision_court(ctx, decision_id))
    coll_id = _collection_id(ctx)
    key, size = ctx.blobs.put_file(path)
    with ctx.db.session() as s:
        d = _load(s, decision_id)
        if m is not None and (court_key(m.court), case_key(m.case_number), m.decision_date) != (
            d.court_key,
            d.case_key,
            d.decision_date,
        ):
            raise ConflictError(
                "Суд, номер дела и дату решения заменить нельзя: это другое "
                "решение, отправьте его POST /api/v1/decisions",
                d.id,
            )
        if m is not None:
            d.instance, d.category, d.judge = m.instance, m.category, m.judge
        meta = DecisionMeta(
            d.court, d.case_number, d.decision_date, d.instance, d.category, d.judge
        )
        latest = _latest(d)
        doc = s.get_one(Document, latest.document_id)
        was_withdrawn = d.withdrawn_at is not None
        d.withdrawn_at = None
        if doc.sha256 == key:
            if not was_withdrawn:
                return Submitted(d.id, latest.version, doc.id, False, False)
            doc.state, doc.lease_until = DocState.RECEIVED, None  # republish the same text
            return Submitted(d.id, latest.version, doc.id, False, True)
        v = _new_version(s, d, meta, coll_id, key, size, name)
        return Submitted(d.id, v.version, v.document_id, True, True)


def withdraw(ctx: AppContext, caller: Caller, decision_id: int) -> list[int]:
    """DELETE: out of public search and reads, kept in the records; returns its documents."""
    caller.require_court(decision_court(ctx, decision_id))
    with ctx.db.session() as s:
        d = _load(s, decision_id)
        d.withdrawn_at = d.withdrawn_at or utcnow()
        ids = [v.document_id for v in d.versions]
        s.execute(
            update(Document)
            .where(Document.id.in_(ids), Document.state != DocState.SUPERSEDED)
            .values(state=DocState.WITHDRAWN, lease_until=None)
            .execution_options(synchronize_session=False)
        )
    _unindex(ctx, ids)
    return ids


def _unindex(ctx: AppContext, ids: list[int]) -> None:
    try:
        ctx.search.delete(ids)
    except Exception as e:
        if is_transient(e):  # the records already say withdrawn; a retry finishes the job
            raise TransientError(f"Поисковый индекс недоступен: {e}") from e
        raise


def retire_earlier_versions(s: Session, doc_id: int) -> list[int]:
    """Once a version is published, every other version of its decision leaves public view.

    Runs in the transaction that publishes `doc_id`; returns the documents it retired, for
    the caller to take out of the index after the commit. The newest published version
    wins even if versions finish out of order.
    """
    mine = s.scalar(select(DecisionVersion).where(DecisionVersion.document_id == doc_id))
    if mine is None:
        return []
    versions = list(
        s.scalars(select(DecisionVersion).where(DecisionVersion.decision_id == mine.decision_id))
    )
    states = {
        d.id: d.state
        for d in s.scalars(
            select(Document).where(Document.id.in_([v.document_id for v in versions]))
        )
    }
    newest = max(
        (v for v in versions if states[v.document_id] == DocState.PUBLISHED),
        key=lambda v: v.version,
        default=mine,
    )
    retired = [
        v.document_id
        for v in versions
        if v.version < newest.version and states[v.document_id] not in KEPT_STATES
    ]
    if newest.version > mine.version:
        retired.append(doc_id)
    if retired:
        s.execute(
            update(Document)
            .where(Document.id.in_(retired), Document.state != DocState.WITHDRAWN)
            .values(state=DocState.SUPERSEDED, lease_until=None)
            .execution_options(synchronize_session=False)
        )
    return retired


@dataclass(frozen=True, slots=True)
class VersionInfo:
    version: int
    document_id: int
    state: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class DecisionInfo:
    id: int
    court: str
    case_number: str
    decision_date: dt.date
    instance: str
    category: str
    judge: str
    withdrawn: bool
    public_document_id: int | None  # the published version, if any
    latest_version: int
    latest_state: str
    versions: tuple[VersionInfo, ...]


def info(ctx: AppContext, decision_id: int) -> DecisionInfo:
    with ctx.db.session() as s:
        d = _load(s, decision_id)
        docs = {
            x.id: x
            for x in s.scalars(
                select(Document).where(Document.id.in_([v.document_id for v in d.versions]))
            )
        }
        versions = tuple(
            VersionInfo(v.version, v.document_id, docs[v.document_id].state, v.created_at)
            for v in d.versions
        )
        public = [v for v in versions if v.state == DocState.PUBLISHED]
        latest = max(versions, key=lambda v: v.version)
        return DecisionInfo(
            id=d.id,
            court=d.court,
            case_number=d.case_number,
            decision_date=d.decision_date,
            instance=d.instance,
            category=d.category,
            judge=d.judge,
            withdrawn=d.withdrawn_at is not None,
            public_document_id=max(public, key=lambda v: v.version).document_id if public else None,
            latest_version=latest.version,
            latest_state=latest.state,
            versions=versions,
        )
