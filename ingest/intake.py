"""Intake: files and folders become stored originals and RECEIVED documents.

The original is stored (content-addressed) before anything can fail on it, so a bad
file is kept with its reason, and the same bytes arriving again are a duplicate. A
batch and all its records are written in one transaction: it exists whole or not at
all, and an upload sent twice (same fingerprint) finds the first batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.archive_links import link_document
from core.errors import ErrorCode
from core.models import Batch, Collection, Document, IngestItem
from core.types import AccessLevel, CollectionKind, IntakeOutcome
from indices.context import AppContext

KINDS = tuple(CollectionKind)
POLICY_BY_KIND = {
    CollectionKind.ARCHIVE: "archive",
    CollectionKind.COURT: "court",
    CollectionKind.LEGISLATION: "public",
}
ACCESS_LEVELS = tuple(AccessLevel)


@dataclass(frozen=True, slots=True)
class DocMeta:
    """Metadata known before extraction (from a manifest); it wins over what enrich guesses."""

    title: str | None = None
    date: dt.date | None = None
    language: str | None = None
    year: int | None = None  # when only a year or a date range is known
    extra: Mapping[str, Any] = field(default_factory=dict)  # goes to Document.meta


@dataclass(frozen=True, slots=True)
class IntakeFile:
    path: Path
    source: str  # the name the sender knows it by: upload name or ZIP member path
    collection_id: int
    meta: DocMeta = DocMeta()


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input refused before intake (unsafe ZIP member, bad manifest row): reported only."""

    source: str
    code: str
    message: str


@dataclass
class ItemResult:
    source: str
    outcome: str  # an IntakeOutcome
    document_id: int | None = None
    error_code: str | None = None
    message: str | None = None


@dataclass
class IntakeResult:
    batch_id: int
    items: list[ItemResult] = field(default_factory=list)
    existing: bool = False  # the batch was already there: the same upload was sent before

    @property
    def new_ids(self) -> list[int]:
        return [
            i.document_id for i in self.items if i.outcome == IntakeOutcome.NEW and i.document_id
        ]


@dataclass(frozen=True, slots=True)
class CollectionInfo:
    id: int
    name: str
    kind: str
    access: str


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Files under the given paths, recursively, in a stable order; hidden entries skipped."""
    for p in paths:
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                rel = child.relative_to(p).parts
                if child.is_file() and not any(part.startswith(".") for part in rel):
                    yield child
        else:
            yield p


def ensure_collection(
    ctx: AppContext, name: str, kind: str | None = None, access: str | None = None
) -> CollectionInfo:
    """The named collection, created with `kind` and `access` when it does not exist yet."""
    with ctx.db.session() as s:
        coll = s.scalar(select(Collection).where(Collection.name == name))
        if coll is None:
            kind = kind or "archive"
            if kind not in KINDS:
                raise ValueError(f"Неизвестный вид коллекции «{kind}»: {', '.join(KINDS)}")
            if access is not None and access not in ACCESS_LEVELS:
                raise ValueError(
                    f"Неизвестный уровень доступа «{access}»: {', '.join(ACCESS_LEVELS)}"
                )
            coll = Collection(
                name=name,
                title=name,
                kind=kind,
                policy=POLICY_BY_KIND[CollectionKind(kind)],
                access=access or AccessLevel.PUBLIC,
            )
            s.add(coll)
            s.flush()
        return CollectionInfo(coll.id, coll.name, coll.kind, coll.access)


def get_collection(ctx: AppContext, name: str, kind: str | None = None) -> int:
    return ensure_collection(ctx, name, kind).id


def receive(
    ctx: AppContext,
    files: list[Path],
    collection: str,
    *,
    kind: str | None = None,
    label: str = "",
    meta: dict[Path, DocMeta] | None = None,
) -> IntakeResult:
    coll_id = get_collection(ctx, collection, kind)
    return receive_batch(
        ctx,
        [IntakeFile(p, str(p), coll_id, (meta or {}).get(p) or DocMeta()) for p in files],
        label=label,
    )


@dataclass(frozen=True, slots=True)
class _Stored:
    file: IntakeFile
    key: str | None
    size: int
    error: Rejected | None


def _store(ctx: AppContext, f: IntakeFile) -> _Stored:
    limit = ctx.settings.max_upload_mb * 1024 * 1024
    try:
        size = f.path.stat().st_size
        if size > limit:
            return _Stored(
                f,
                None,
                size,
                Rejected(
                    f.source,
                    ErrorCode.TOO_LARGE,
                    (
                        f"Файл больше допустимого размера ({size // 1048576} МиБ > "
                        f"{ctx.settings.max_upload_mb} МиБ)"
                    ),
                ),
            )
        key, size = ctx.blobs.put_file(f.path)
        return _Stored(f, key, size, None)
    except OSError as e:
        return _Stored(
            f,
            None,
            0,
            Rejected(f.source, ErrorCode.CORRUPT_FILE, f"Не удалось прочитать файл: {e}"),
        )


def receive_batch(
    ctx: AppContext,
    files: Sequence[IntakeFile],
    *,
    rejected: Sequence[Rejected] = (),
    label: str = "",
    origin: str = "cli",
    key_id: int | None = None,
    fingerprint: str | None = None,
) -> IntakeResult:
    """Store every original, then record the batch, its documents and items at once."""
    if fingerprint and (found := find_batch(ctx, fingerprint)) is not None:
        return found
    stored = [_store(ctx, f) for f in files]
    try:
        with ctx.db.session() as s:
            batch = Batch(label=label[:300], origin=origin, key_id=key_id, fingerprint=fingerprint)
            s.add(batch)
            s.flush()
            result = IntakeResult(batch_id=batch.id)
            known = _known_ids(s, {st.key for st in stored if st.key})
            with s.no_autoflush:  # items need no flush; only a new document needs its id
                for r in rejected:
                    result.items.append(
                        _item(
                            s,
                            batch.id,
                            ItemResult(
                                r.source, IntakeOutcome.FAILED, error_code=r.code, message=r.message
                            ),
                            None,
                        )
                    )
                for st in stored:
                    result.items.append(_receive_one(s, batch.id, st, known))
    except IntegrityError:
        if fingerprint and (found := find_batch(ctx, fingerprint)) is not None:
            return found  # the same upload, received concurrently
        raise
    return result


def find_batch(ctx: AppContext, fingerprint: str) -> IntakeResult | None:
    with ctx.db.session() as s:
        batch = s.scalar(select(Batch).where(Batch.fingerprint == fingerprint))
        if batch is None:
            return None
        return IntakeResult(
            batch_id=batch.id,
            existing=True,
            items=[
                ItemResult(i.source, i.outcome, i.document_id, i.error_code, i.message)
                for i in sorted(batch.items, key=lambda i: i.id)
            ],
        )


def _item(s: Session, batch_id: int, item: ItemResult, key: str | None) -> ItemResult:
    s.add(
        IngestItem(
            batch_id=batch_id,
            source=item.source[:1000],
            document_id=item.document_id,
            sha256=key,
            outcome=item.outcome,
            error_code=item.error_code,
            message=item.message,
        )
    )
    return item


def _known_ids(s: Session, keys: set[str]) -> dict[str, int]:
    """Documents already stored under these keys, in a few queries (a ZIP of 10 000
    copies of one file must not cost 10 000 lookups)."""
    found: dict[str, int] = {}
    ordered = sorted(keys)
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        rows = s.execute(
            select(Document.sha256, Document.id).where(Document.sha256.in_(chunk))
        ).all()
        found.update({key: doc_id for key, doc_id in rows})
    return found


def _receive_one(s: Session, batch_id: int, st: _Stored, known: dict[str, int]) -> ItemResult:
    if st.error is not None or st.key is None:
        err = st.error or Rejected(st.file.source, ErrorCode.INTERNAL, "не сохранён")
        return _item(
            s,
            batch_id,
            ItemResult(
                st.file.source, IntakeOutcome.FAILED, error_code=err.code, message=err.message
            ),
            None,
        )
    item = ItemResult(source=st.file.source, outcome=IntakeOutcome.NEW)
    if st.key in known:
        item.outcome, item.document_id = IntakeOutcome.DUPLICATE, known[st.key]
        item.message = f"Уже загружен как документ №{known[st.key]}"
        return _item(s, batch_id, item, st.key)
    existing: Document | None = None
    m = st.file.meta
    doc = Document(
        collection_id=st.file.collection_id,
        sha256=st.key,
        original_name=Path(st.file.source).name[:500] or st.file.path.name,
        size=st.size,
        title=m.title or "",
        doc_date=m.date,
        year=m.date.year if m.date else m.year,
        language=m.language,
        meta=dict(m.extra),
    )
    link_document(s, doc)
    try:
        with s.begin_nested():
            s.add(doc)
            s.flush()
        item.document_id = known[st.key] = doc.id
    except IntegrityError:  # the same bytes arrived in a concurrent upload
        existing = s.scalar(select(Document).where(Document.sha256 == st.key))
        if existing is None:
            raise
    if existing is not None:
        item.outcome, item.document_id = IntakeOutcome.DUPLICATE, existing.id
        item.message = f"Уже загружен как документ №{existing.id}"
    return _item(s, batch_id, item, st.key)
