"""Archivist batches: files or ZIPs plus a manifest in, per-item progress and retry out.

The same code serves POST /api/v1/batches and `achyk ingest --manifest`. Everything a
batch is made of is checked before intake: ZIP members (ingest/zipsafe.py), manifest
rows (ingest/manifest.py), the target collection's kind and access level. Each refused
input becomes a failed item with its reason; the others go on. Progress is read from
the records (each document's state), so it is the same whichever process runs the
pipeline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, or_, select

from core.blobs import sha256_file
from core.errors import ErrorCode, NotFoundError
from core.models import Batch, Document, IngestItem, utcnow
from core.types import IN_PROGRESS, DocState, IntakeOutcome
from indices.context import AppContext
from ingest.dispatch import Dispatcher
from ingest.intake import (
    CollectionInfo,
    DocMeta,
    IntakeFile,
    IntakeResult,
    Rejected,
    ensure_collection,
    find_batch,
    receive_batch,
)
from ingest.manifest import Manifest, parse
from ingest.pipeline import as_utc, reset_failed
from ingest.sniff import claimed_kind
from ingest.zipsafe import ZipLimits, is_zip_archive, path_problem, unpack


@dataclass(frozen=True, slots=True)
class Upload:
    name: str  # as the sender named it
    path: Path


def fingerprint(uploads: Sequence[Upload], manifest: bytes | None, collection: str) -> str:
    """The same files (by name and content), manifest and collection give the same value."""
    h = hashlib.sha256()
    for name, digest in sorted((u.name, sha256_file(u.path)) for u in uploads):
        h.update(f"{name}\0{digest}\n".encode())
    h.update(b"manifest\0" + hashlib.sha256(manifest or b"").digest())
    h.update(b"collection\0" + collection.encode())
    return h.hexdigest()


def _expand(
    ctx: AppContext, uploads: Sequence[Upload], work: Path
) -> tuple[list[tuple[str, Path]], list[Rejected]]:
    limits = ZipLimits.from_settings(ctx.settings)
    out: list[tuple[str, Path]] = []
    rejected: list[Rejected] = []
    for i, u in enumerate(uploads):
        if is_zip_archive(u.path) and claimed_kind(u.name) is not None:
            rejected.append(
                Rejected(
                    u.name,
                    ErrorCode.TYPE_MISMATCH,
                    (
                        f"Файл назван как «{claimed_kind(u.name)}», а содержит ZIP-архив: "
                        f"архив не распакован"
                    ),
                )
            )
        elif is_zip_archive(u.path):
            members, rej = unpack(u.path, u.name, work / f"zip-{i}", limits)
            out += [(f"{u.name}/{m.name}", m.path) for m in members]
            rejected += rej
        else:
            out.append((u.name, u.path))
    return out, rejected


class _Collections:
    """Target collections of a batch; new ones get the strictest access any row asks for."""

    def __init__(
        self, ctx: AppContext, manifest: Manifest | None, default: str, kind: str | None
    ) -> None:
        self.ctx = ctx
        self.kind = kind  # None: archive collections only (uploads through the API)
        self.cache: dict[str, CollectionInfo] = {}
        self.wanted: dict[str, str] = {}
        for row in manifest.rows.values() if manifest else ():
            name = row.collection or default
            if row.access and self.wanted.get(name) != "restricted":
                self.wanted[name] = row.access

    def get(self, name: str, access: str | None) -> CollectionInfo:
        if name not in self.cache:
            self.cache[name] = ensure_collection(
                self.ctx, name, self.kind or "archive", self.wanted.get(name, access)
            )
        info = self.cache[name]
        if self.kind is None and info.kind != "archive":
            raise ValueError(
                f"Коллекция «{name}» не архивная ({info.kind}): пакеты "
                "загружаются только в архивные коллекции"
            )
        if access == "restricted" and info.access != "restricted":
            raise ValueError(
                f"В манифесте доступ ограниченный, а коллекция «{name}» открытая: "
                "файл не загружен, чтобы не раскрыть его"
            )
        return info


def prepare(
    ctx: AppContext,
    uploads: Sequence[Upload],
    manifest: Manifest | None,
    collection: str,
    work: Path,
    kind: str | None = None,
) -> tuple[list[IntakeFile], list[Rejected]]:
    """What will be received, and what is refused with its reason.

    `kind` None limits the batch to archive collections (an archivist's upload); the
    console operator may name the kind of a new collection.
    """
    candidates, rejected = _expand(ctx, uploads, work)
    colls = _Collections(ctx, manifest, collection, kind)
    files: list[IntakeFile] = []
    used_rows: set[int] = set()
    used_errors: set[int] = set()
    for source, path in candidates:
        meta, coll, access = DocMeta(), collection, None
        if manifest is not None:
            row = manifest.lookup(source)
            if row is None:
                err = manifest.error_for(source)
                if err is not None:
                    used_errors.add(err.line)
                rejected.append(
                    Rejected(source, ErrorCode.MANIFEST_ROW, err.message)
                    if err
                    else Rejected(
                        source, ErrorCode.NOT_IN_MANIFEST, "Файла нет в манифесте: не загружен"
                    )
                )
                continue
            used_rows.add(row.line)
            meta, coll, access = row.meta, row.collection or collection, row.access
        try:
            info = colls.get(coll, access)
        except ValueError as e:
            rejected.append(Rejected(source, ErrorCode.ACCESS_CONFLICT, str(e)))
            continue
        files.append(IntakeFile(path, source, info.id, meta))
    if manifest is not None:
        rejected += [
            Rejected(
                r.file,
                ErrorCode.MISSING_FILE,
                f"Строка {r.line} манифеста: файл не найден среди загруженных",
            )
            for r in manifest.rows.values()
            if r.line not in used_rows
        ]
        rejected += [
            Rejected(e.file or f"манифест, строка {e.line}", ErrorCode.MANIFEST_ROW, e.message)
            for e in manifest.errors
            if e.line not in used_errors
        ]
    return files, rejected


def create_batch(
    ctx: AppContext,
    uploads: Sequence[Upload],
    *,
    manifest: bytes | None,
    collection: str,
    dispatcher: Dispatcher | None,
    label: str = "",
    origin: str = "api",
    key_id: int | None = None,
    idempotent: bool = True,
    kind: str | None = None,
) -> IntakeResult:
    """Receive a batch and hand its new documents to the pipeline (if a dispatcher is given).

    With `idempotent`, an upload identical to an earlier one returns that batch and
    makes nothing new. A manifest that cannot be read at all raises ManifestError.
    """
    fp = fingerprint(uploads, manifest, collection) if idempotent else None
    if fp and (found := find_batch(ctx, fp)) is not None:
        return found
    parsed = parse(manifest) if manifest is not None else None
    with tempfile.TemporaryDirectory(prefix="achyk-batch-") as tmp:
        files, rejected = prepare(ctx, uploads, parsed, collection, Path(tmp), kind)
        result = receive_batch(
            ctx, files, rejected=rejected, label=label, origin=origin, key_id=key_id, fingerprint=fp
        )
    if dispatcher is not None and not result.existing:
        dispatcher.submit(result.new_ids)
    return result


def manifest_uploads(manifest: Path, data: bytes) -> list[Upload]:
    """The files a manifest lists, beside it (for `achyk ingest --manifest` alone).

    A path that would leave the manifest's folder is skipped; its row is then reported
    as a file not found.
    """
    base = manifest.parent
    out = []
    for row in parse(data).rows.values():
        rel = row.file.replace("\\", "/")
        if path_problem(rel, 64) is None and (base / rel).is_file():
            out.append(Upload(rel, base / rel))
    return out


@dataclass(frozen=True, slots=True)
class ItemStatus:
    id: int
    source: str
    outcome: str  # new, duplicate, failed (refused at intake)
    state: str  # the document's state, or "rejected"
    document_id: int | None
    stage: str | None
    error_code: str | None
    message: str | None


@dataclass(frozen=True, slots=True)
class BatchStatus:
    id: int
    label: str
    origin: str
    created_at: dt.datetime
    total: int
    counts: dict[str, int]
    duplicates: int
    finished: bool
    eta_seconds: float | None
    failures: list[ItemStatus]
    items: list[ItemStatus] = field(default_factory=list)
    new_published: int = 0  # items first stored by this batch whose document is published

    @property
    def done(self) -> int:
        return self.total - self.counts.get("in_progress", 0)


def _item_status(item: IngestItem, doc: Document | None) -> ItemStatus:
    if doc is None:
        return ItemStatus(
            item.id,
            item.source,
            item.outcome,
            "rejected",
            None,
            "intake",
            item.error_code,
            item.message,
        )
    failed = doc.state == DocState.FAILED
    return ItemStatus(
        item.id,
        item.source,
        item.outcome,
        doc.state,
        doc.id,
        doc.failed_stage if failed else None,
        doc.error_code if failed else None,
        doc.error_message if failed else item.message,
    )


def batch_status(ctx: AppContext, batch_id: int, *, with_items: bool = True) -> BatchStatus:
    """Counts come from one grouped query; only failures (and, if asked, all items) are
    loaded row by row, so polling a batch of thousands of scans stays cheap."""
    state = func.coalesce(Document.state, "rejected")
    base = (
        select(IngestItem, Document)
        .outerjoin(Document, IngestItem.document_id == Document.id)
        .where(IngestItem.batch_id == batch_id)
        .order_by(IngestItem.id)
    )
    with ctx.db.session() as s:
        batch = s.get(Batch, batch_id)
        if batch is None:
            raise NotFoundError(f"Пакет №{batch_id} не найден")
        grouped = s.execute(
            select(IngestItem.outcome, state, func.count())
            .outerjoin(Document, IngestItem.document_id == Document.id)
            .where(IngestItem.batch_id == batch_id)
            .group_by(IngestItem.outcome, state)
        ).all()
        failing = base.where(
            or_(IngestItem.outcome == IntakeOutcome.FAILED, Document.state == DocState.FAILED)
        )
        failures = [_item_status(i, d) for i, d in s.execute(failing).all()]
        items = [_item_status(i, d) for i, d in s.execute(base).all()] if with_items else []
        label, origin, created = batch.label, batch.origin, as_utc(batch.created_at)
    counts: Counter[str] = Counter()
    new_pending = new_finished = duplicates = new_published = 0
    for outcome, st, n in grouped:
        busy = st in IN_PROGRESS
        counts["in_progress" if busy else str(st)] += n
        duplicates += n if outcome == "duplicate" else 0
        if outcome == "new":
            new_published += n if str(st) == DocState.PUBLISHED else 0
            new_pending += n if busy else 0
            new_finished += 0 if busy else n
    eta = None
    if new_pending and new_finished:
        elapsed = (utcnow() - created).total_seconds()
        eta = round(elapsed / new_finished * new_pending, 1)
    return BatchStatus(
        id=batch_id,
        label=label,
        origin=origin,
        created_at=created,
        total=sum(counts.values()),
        counts=dict(counts),
        duplicates=duplicates,
        finished=counts.get("in_progress", 0) == 0,
        eta_seconds=eta,
        failures=failures,
        items=items,
        new_published=new_published,
    )


def retry_failed(ctx: AppContext, batch_id: int, dispatcher: Dispatcher) -> list[int]:
    """Re-run this batch's failed documents from the stage that failed; nothing else."""
    st = batch_status(ctx, batch_id, with_items=False)
    ids = sorted(
        {
            it.document_id
            for it in st.failures
            if it.state == DocState.FAILED and it.document_id is not None
        }
    )
    ids = [i for i in ids if reset_failed(ctx, i)]
    dispatcher.submit(ids)
    return ids
