"""Back up, wipe, restore: the same documents, pages, page images and search results.

Runs on the embedded default (SQLite, local blobs, tantivy; on PostgreSQL in the suite's
second pass, where ACHYK_DATABASE_URL points each test at its own database) and on
PostgreSQL + OpenSearch. Everything is real: the pipeline ingests a mixed set (an OCR'd
scan, a PDF, DOCX, RTF and two TXT files), pg_dump/pg_restore and tesseract run.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from rich.console import Console
from rich.progress import Progress

from cli.actions import ingest_files
from core.settings import Settings
from indices.context import AppContext
from server.app import create_app
from service.backup import BackupError, backup, existing_data, restore
from service.backup_manifest import MANIFEST

MIXED = ["protocol.png", "decision.pdf", "law.docx", "order.rtf", "note.txt", "ky.txt"]
QUERIES = ["трибунала", "суд", "архив*", "решение", "кодекси", "колхоза OR справка"]


@pytest.fixture
def mixed_dir(sample_dir: Path, tmp_path: Path) -> Path:
    d = tmp_path / "mixed"
    d.mkdir()
    for name in MIXED:
        shutil.copy(sample_dir / name, d / name)
    return d


def ingest(settings: Settings, folder: Path) -> None:
    ctx = AppContext.create(settings)
    console = Console(file=io.StringIO())
    try:
        ok = ingest_files(
            ctx,
            [folder],
            "archive",
            kind="archive",
            progress=lambda: Progress(console=console),
            out=console,
        )
    finally:
        ctx.close()
    assert ok, console.file.getvalue()  # type: ignore[attr-defined]


def observe(settings: Settings) -> dict[str, Any]:
    """What readers get through the API: hits, documents with pages, page image bytes."""
    ctx = AppContext.create(settings)
    try:
        client = TestClient(create_app(ctx))
        seen: dict[str, Any] = {"search": {}, "documents": {}, "images": {}}
        ids: set[int] = set()
        for q in QUERIES:
            r = client.get("/api/v1/search", params={"q": q, "size": 50})
            assert r.status_code == 200, r.text
            seen["search"][q] = r.json()
            ids.update(h["id"] for h in r.json()["hits"])
        for doc_id in sorted(ids):
            r = client.get(f"/api/v1/documents/{doc_id}")
            assert r.status_code == 200, r.text
            doc = r.json()
            seen["documents"][doc_id] = doc
            for page in doc["pages"]:
                if page["image_url"]:
                    img = client.get(f"/api/v1/documents/{doc_id}/pages/{page['number']}/image")
                    assert img.status_code == 200
                    seen["images"][(doc_id, page["number"])] = hashlib.sha256(
                        img.content
                    ).hexdigest()
        return seen
    finally:
        ctx.close()


def wipe(settings: Settings) -> None:
    """Lose everything: the data dir, the database's tables, the search indices."""
    shutil.rmtree(settings.data_dir)
    if settings.database_url:
        engine = sa.create_engine(settings.database_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    if settings.search_url:
        from opensearchpy import OpenSearch

        client = OpenSearch(hosts=[settings.search_url])
        client.indices.delete(
            index=f"{settings.index_prefix}-*", ignore_unavailable=True, allow_no_indices=True
        )
        client.close()


def without_scores(seen: dict[str, Any]) -> dict[str, Any]:
    """The same hits in the same order, scores left out: OpenSearch's BM25 statistics count
    deleted versions of documents until segments merge, so an index grown by updates and
    the same records loaded afresh rank alike but score a little differently."""
    return {
        **seen,
        "search": {
            q: {**r, "hits": [{k: v for k, v in h.items() if k != "score"} for h in r["hits"]]}
            for q, r in seen["search"].items()
        },
    }


def round_trip(
    settings: Settings, mixed_dir: Path, folder: Path, *, exact_scores: bool = True
) -> dict[str, Any]:
    ingest(settings, mixed_dir)
    before = observe(settings)
    assert before["search"]["трибунала"]["total"] >= 1  # found only on the OCR'd scan
    assert before["images"], "the scan's page image must be part of what is compared"
    steps: list[str] = []
    report = backup(settings, folder, on_progress=lambda s, d, t: steps.append(s))
    assert report.documents == len(MIXED) and report.published == len(MIXED)
    assert not report.missing_blobs and not report.corrupt_blobs
    assert "Копирование файлов" in steps
    wipe(settings)
    restored = restore(settings, folder)
    assert restored.published == restored.indexed == len(MIXED)
    after = observe(settings)
    if not exact_scores:
        before, after = without_scores(before), without_scores(after)
    assert after == before
    return before


def test_embedded_backup_restores_the_same_results(
    settings: Settings, mixed_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backup"
    round_trip(settings, mixed_dir, folder)

    # A target holding data is refused, and left as it was; --force replaces it.
    with pytest.raises(BackupError, match="--force"):
        restore(settings, folder)
    assert existing_data(settings)
    report = restore(settings, folder, force=True)
    assert report.indexed == len(MIXED)

    # A damaged file is refused before anything is touched.
    blob = next(p for p in (folder / "blobs").rglob("*") if p.is_file())
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0xFF
    blob.write_bytes(bytes(data))
    fresh = Settings(data_dir=tmp_path / "other", workers=1)
    with pytest.raises(BackupError, match="контрольная сумма"):
        restore(fresh, folder)
    assert not fresh.data_dir.exists()

    # An interrupted backup (no manifest) is refused; so is writing into a full folder.
    (folder / MANIFEST).unlink()
    with pytest.raises(BackupError, match=MANIFEST):
        restore(fresh, folder)
    with pytest.raises(BackupError, match="не пуста"):
        backup(settings, folder)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A database of its own on the test PostgreSQL (`scripts/postgres-test-server`)."""
    admin = os.environ.get("ACHYK_TEST_DATABASE_URL") or os.environ.get("PG_ADMIN_URL", "")
    if not admin:
        pytest.fail(
            "No PostgreSQL: set ACHYK_TEST_DATABASE_URL or PG_ADMIN_URL to the URL "
            "`scripts/postgres-test-server start` prints (make test does it).",
            pytrace=False,
        )
    name = f"achyk_backup_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield admin.rsplit("/", 1)[0] + f"/{name}"
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.mark.opensearch
def test_distributed_backup_restores_the_same_results(
    postgres_url: str,
    search_node_url: str,
    search_node_prefix: str,
    mixed_dir: Path,
    tmp_path: Path,
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        workers=2,
        database_url=postgres_url,
        search_url=search_node_url,
        index_prefix=f"{search_node_prefix}-bk",
    )
    folder = tmp_path / "backup"
    round_trip(settings, mixed_dir, folder, exact_scores=False)
    assert (folder / "database" / "achyk.pgdump").is_file()
    with pytest.raises(BackupError, match="--force"):
        restore(settings, folder)
    # An empty database beside an index that holds documents is refused too.
    engine = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    shutil.rmtree(settings.data_dir)
    with pytest.raises(BackupError, match="в индексе"):
        restore(settings, folder)
    assert restore(settings, folder, force=True).indexed == len(MIXED)
