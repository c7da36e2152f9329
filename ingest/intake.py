"""Intake: files and folders become stored originals and RECEIVED documents.

The original is stored (content-addressed) before anything can fail on it, so a bad
file is kept with its reason, and the same bytes arriving again are a duplicate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from core.context import AppContext
from core.errors import ErrorCode
from core.models import Batch, Collection, Document, IngestItem

KINDS = ("archive", "court", "legislation")
POLICY_BY_KIND = {"archive": "archive", "court": "court", "legislation": "public"}


@dataclass(frozen=True, slots=True)
class DocMeta:
    """Metadata known before extraction (from a manifest); it wins over what enrich guesses."""

    title: str | None = None
    date: dt.date | None = None
    language: str | None = None


@dataclass
class ItemResult:
    source: str
    outcome: str  # "new", "duplicate", "failed"
    document_id: int | None = None
    error_code: str | None = None
    message: str | None = None


@dataclass
class IntakeResult:
    batch_id: int
    items: list[ItemResult] = field(default_factory=list)

    @property
    def new_ids(self) -> list[int]:
        return [i.document_id for i in self.items if i.outcome == "new" and i.document_id]


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


def get_collection(ctx: AppContext, name: str, kind: str | None = None) -> int:
    with ctx.db.session() as s:
        coll = s.scalar(select(Collection).where(Collection.name == name))
        if coll is None:
            kind = kind or "archive"
            if kind not in KINDS:
                raise ValueError(f"Неизвестный вид коллекции «{kind}»: {', '.join(KINDS)}")
            coll = Collection(name=name, title=name, kind=kind, policy=POLICY_BY_KIND[kind])
            s.add(coll)
            s.flush()
        return coll.id


def receive(ctx: AppContext, files: list[Path], collection: str, *, kind: str | None = None,
            label: str = "", meta: dict[Path, DocMeta] | None = None) -> IntakeResult:
    coll_id = get_collection(ctx, collection, kind)
    limit = ctx.settings.max_upload_mb * 1024 * 1024
    with ctx.db.session() as s:
        batch = Batch(label=label)
        s.add(batch)
        s.flush()
        result = IntakeResult(batch_id=batch.id)
    for path in files:
        m = (meta or {}).get(path) or DocMeta()
        result.items.append(_receive_one(ctx, path, coll_id, result.batch_id, limit, m))
    return result


def _receive_one(ctx: AppContext, path: Path, coll_id: int, batch_id: int,
                 limit: int, meta: DocMeta) -> ItemResult:
    item = ItemResult(source=str(path), outcome="failed")
    try:
        size = path.stat().st_size
        if size > limit:
            item.error_code, item.message = ErrorCode.TOO_LARGE, (
                f"Файл больше допустимого размера ({size // 1048576} МиБ > "
                f"{ctx.settings.max_upload_mb} МиБ)")
        else:
            key, size = ctx.blobs.put_file(path)
    except OSError as e:
        item.error_code, item.message = ErrorCode.CORRUPT_FILE, f"Не удалось прочитать файл: {e}"
    with ctx.db.session() as s:
        if item.error_code is None:
            existing = s.scalar(select(Document).where(Document.sha256 == key))
            if existing is not None:
                item.outcome, item.document_id = "duplicate", existing.id
                item.message = f"Уже загружен как документ №{existing.id}"
            else:
                doc = Document(collection_id=coll_id, sha256=key, original_name=path.name,
                               size=size, title=meta.title or "", doc_date=meta.date,
                               year=meta.date.year if meta.date else None,
                               language=meta.language)
                s.add(doc)
                s.flush()
                item.outcome, item.document_id = "new", doc.id
        s.add(IngestItem(batch_id=batch_id, source=item.source, document_id=item.document_id,
                         sha256=None if item.error_code else key, outcome=item.outcome,
                         error_code=item.error_code, message=item.message))
    return item
