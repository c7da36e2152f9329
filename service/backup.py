"""`achyk backup DIR` / `achyk restore DIR`: the records, the originals, and the index.

What a backup holds: a consistent dump of the database (service.backup_database), every
blob of the content-addressed store (originals, page images, redacted renditions), and a
manifest with the sha256 of each file. The search index is not copied: a restore
rebuilds it from the restored records with the same code as `achyk reindex`. The records
are the source of truth, so the rebuilt index matches them by construction; a snapshot
of tantivy or OpenSearch taken beside a database dump could never be taken at the same
instant, needs a snapshot repository on every OpenSearch node, and would tie a backup to
one search backend, while a rebuilt one restores into either.

Order matters for consistency while the system runs: the database is dumped first and
the blobs copied after. A blob is always stored before the row that names it and never
deleted, so every blob the dump refers to is in the store when the copy starts.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from core.blobs import BlobStore
from core.models import Document, Page
from core.settings import Settings
from core.types import DocState
from indices.context import AppContext
from indices.factory import open_backend
from ingest.reindex import reindex
from service import backup_database as database
from service.backup_manifest import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    BackupError,
    FileEntry,
    Progress,
    copy_hashed,
    entries,
    hash_file,
    verify,
    write_manifest,
)
from service.drafts_search import reindex_all as reindex_drafts

BLOBS = "blobs"
APP_VERSION = "0.1.0"
# Settings a restored system must share with the one backed up to read its data the
# same way; recorded for the operator, never secrets.
RECORDED_SETTINGS = (
    "index_prefix",
    "ocr_languages",
    "ocr_dpi",
    "page_image_dpi",
    "decisions_collection",
    "ocr_preprocess",
)


@dataclass(frozen=True, slots=True)
class BackupReport:
    folder: Path
    documents: int
    published: int
    blobs: int
    bytes: int
    missing_blobs: list[str] = field(default_factory=list)  # named by records, not in store
    corrupt_blobs: list[str] = field(default_factory=list)  # in store, content != key


@dataclass(frozen=True, slots=True)
class RestoreReport:
    documents: int
    published: int
    pages: int
    blobs: int
    indexed: int


def search_kind(settings: Settings) -> str:
    return "opensearch" if settings.search_url else "tantivy"


def _blob_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(key, path) of every stored blob; temporary files of writes in flight left out."""
    if not root.is_dir():
        return
    for first in sorted(root.iterdir()):
        if not first.is_dir() or len(first.name) != 2:
            continue
        for second in sorted(first.iterdir()):
            if not second.is_dir():
                continue
            for f in sorted(second.iterdir()):
                if (
                    f.is_file()
                    and len(f.name) == 64
                    and f.name.startswith(first.name + second.name)
                ):
                    yield f.name, f


def _referenced_keys(ctx: AppContext) -> set[str]:
    with ctx.db.session() as s:
        keys = set(s.scalars(select(Document.sha256)))
        for image, public in s.execute(select(Page.image_key, Page.public_image_key)):
            keys.update(k for k in (image, public) if k)
    return keys


def _counts(ctx: AppContext) -> dict[str, int]:
    with ctx.db.session() as s:
        docs = s.scalar(select(func.count()).select_from(Document)) or 0
        published = (
            s.scalar(
                select(func.count())
                .select_from(Document)
                .where(Document.state == DocState.PUBLISHED)
            )
            or 0
        )
        pages = s.scalar(select(func.count()).select_from(Page)) or 0
    return {"documents": docs, "published": published, "pages": pages}


def _settings_record(settings: Settings) -> dict[str, Any]:
    rec: dict[str, Any] = {k: getattr(settings, k) for k in RECORDED_SETTINGS}
    rec["database_url"] = database.redacted(settings.sqlalchemy_url)
    rec["search"] = search_kind(settings)
    if settings.search_url:
        rec["search_url"] = database.redacted(settings.search_url)
    return rec


def backup(
    settings: Settings, folder: Path, *, on_progress: Progress | None = None
) -> BackupReport:
    """Write a backup of the system `settings` describe into the new or empty `folder`."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(f"Папка {folder} не пуста: копия пишется только в новую или пустую папку")
    kind = database.kind_of(settings.sqlalchemy_url)
    folder.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC)
    ctx = AppContext.create(settings)
    try:
        if on_progress:
            on_progress("Выгрузка базы данных", 0, 1)
        db_rel = database.DUMP_FILE[kind]
        database.dump(settings.sqlalchemy_url, folder / db_rel)
        if on_progress:
            on_progress("Выгрузка базы данных", 1, 1)
        counts = _counts(ctx)
        referenced = _referenced_keys(ctx)
    finally:
        ctx.close()
    files = [FileEntry(db_rel, *_hash_and_size(folder / db_rel))]
    stored = list(_blob_files(settings.blob_dir))
    copied: set[str] = set()
    corrupt: list[str] = []
    total_bytes = files[0].size
    for i, (key, path) in enumerate(stored, 1):
        rel = f"{BLOBS}/{key[:2]}/{key[2:4]}/{key}"
        digest, size = copy_hashed(path, folder / rel)
        if digest != key:  # damaged in the live store: never pass it on as good
            (folder / rel).unlink()
            corrupt.append(key)
        else:
            files.append(FileEntry(rel, digest, size))
            copied.add(key)
            total_bytes += size
        if on_progress:
            on_progress("Копирование файлов", i, len(stored))
    missing = sorted(referenced - copied)
    write_manifest(
        folder,
        {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "app_version": APP_VERSION,
            "created_at": started.isoformat(),
            "finished_at": dt.datetime.now(dt.UTC).isoformat(),
            "database": {"kind": kind.value, "file": db_rel},
            "index": {
                "method": "rebuild",
                "backend": search_kind(settings),
                "note": "rebuilt from the records on restore (achyk reindex)",
            },
            "settings": _settings_record(settings),
            "counts": {**counts, "blobs": len(copied)},
            "missing_blobs": missing,
            "corrupt_blobs": corrupt,
            "files": [f.to_json() for f in files],
        },
    )
    return BackupReport(
        folder=folder,
        documents=counts["documents"],
        published=counts["published"],
        blobs=len(copied),
        bytes=total_bytes,
        missing_blobs=missing,
        corrupt_blobs=corrupt,
    )


def _hash_and_size(path: Path) -> tuple[str, int]:
    return hash_file(path), path.stat().st_size


def existing_data(settings: Settings) -> list[str]:
    """What the target already holds, in words; empty when a restore replaces nothing."""
    found: list[str] = []
    rows = database.rows_held(settings.sqlalchemy_url)
    held = {t: n for t, n in rows.items() if n}
    if held:
        found.append("записи в базе (" + ", ".join(f"{t}: {n}" for t, n in held.items()) + ")")
    blobs = sum(1 for _ in _blob_files(settings.blob_dir))
    if blobs:
        found.append(f"файлов в хранилище: {blobs}")
    if (
        not settings.search_url
        and settings.index_dir.exists()
        and any(settings.index_dir.iterdir())
    ):
        found.append(f"индекс в {settings.index_dir}")
    elif settings.search_url:
        backend = open_backend(settings)
        try:
            if indexed := backend.count():
                found.append(f"документов в индексе {settings.index_prefix}: {indexed}")
        finally:
            backend.close()
    return found


def restore(
    settings: Settings, folder: Path, *, force: bool = False, on_progress: Progress | None = None
) -> RestoreReport:
    """Verify the backup in `folder`, then put it in place and rebuild the index.

    Nothing is touched before every file has passed its checksum; a target holding data
    is refused unless `force`, which replaces the database, the blob store and the index.
    """
    body = verify(folder, on_progress=on_progress)
    kind = database.kind_of(settings.sqlalchemy_url)
    saved = body.get("database", {})
    if saved.get("kind") != kind.value:
        raise BackupError(
            f"Копия сделана с базой {saved.get('kind')}, а настроена {kind}: "
            "восстанавливайте в базу того же вида (ACHYK_DATABASE_URL)"
        )
    if not force and (held := existing_data(settings)):
        raise BackupError(
            "Восстановление заменит имеющиеся данные ("
            + "; ".join(held)
            + "). Остановите сервер и обработчики и повторите с --force"
        )
    if on_progress:
        on_progress("Восстановление базы данных", 0, 1)
    database.load(settings.sqlalchemy_url, folder / saved["file"])
    if on_progress:
        on_progress("Восстановление базы данных", 1, 1)
    blob_entries = [f for f in entries(body) if f.path.startswith(BLOBS + "/")]
    store = BlobStore(settings.blob_dir)
    wanted = {f.sha256 for f in blob_entries}
    for i, f in enumerate(blob_entries, 1):
        if not store.exists(f.sha256):
            key, _ = store.put_file(folder / f.path)
            if key != f.sha256:
                raise BackupError(f"{f.path} изменился во время восстановления")
        if on_progress:
            on_progress("Восстановление файлов", i, len(blob_entries))
    if force:  # the store must hold what the backup held, not also what was there before
        for key, path in list(_blob_files(settings.blob_dir)):
            if key not in wanted:
                path.unlink()
    if not settings.search_url:
        shutil.rmtree(settings.index_dir, ignore_errors=True)
    ctx = AppContext.create(settings)  # migrates a backup of an older schema to head
    try:
        reindex(
            ctx,
            on_progress=(lambda d, t: on_progress("Индексирование", d, t)) if on_progress else None,
        )
        reindex_drafts(ctx)  # the drafts index is derived from the records too
        counts = _counts(ctx)
        indexed = ctx.search.count()
    finally:
        ctx.close()
    if indexed != counts["published"]:
        raise BackupError(
            f"После восстановления в индексе {indexed} документов, а "
            f"опубликовано {counts['published']}: запустите achyk reindex"
        )
    return RestoreReport(
        documents=counts["documents"],
        published=counts["published"],
        pages=counts["pages"],
        blobs=len(wanted),
        indexed=indexed,
    )


def describe(folder: Path) -> dict[str, Any]:
    """The manifest of a verified backup (for `achyk restore --verify-only`)."""
    return verify(folder)


__all__ = [
    "MANIFEST",
    "BackupError",
    "BackupReport",
    "RestoreReport",
    "backup",
    "describe",
    "existing_data",
    "restore",
]
