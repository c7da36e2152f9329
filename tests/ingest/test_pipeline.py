"""The pipeline on real records: states, failures with reasons, resume, duplicates."""

from __future__ import annotations

import shutil
from pathlib import Path

from celery import Celery
from celery.signals import worker_process_shutdown

from core.models import Document, IngestItem
from core.settings import Settings
from core.types import DocState
from indices.context import AppContext
from ingest import tasks
from ingest.intake import receive
from ingest.pipeline import reset_failed, run_document
from ingest.runner import process_documents, work, worker_context
from service.search import SearchParams, search


def states(ctx: AppContext) -> dict[str, str]:
    with ctx.db.session() as s:
        return {d.original_name: d.state for d in s.query(Document)}


def test_a_bad_file_fails_alone_and_the_rest_is_searchable(
    ctx: AppContext, sample_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n% truncated upload")
    files = [sample_dir / "protocol.png", bad, sample_dir / "law.docx"]
    intake = receive(ctx, files, "archive")
    result = process_documents(ctx, intake.new_ids)
    assert sorted(result.values()) == ["failed", "published", "published"]
    with ctx.db.session() as s:
        failed = s.query(Document).filter_by(state=DocState.FAILED).one()
        assert (failed.original_name, failed.failed_stage, failed.error_code) == (
            "broken.pdf",
            "extract",
            "corrupt_file",
        )
        assert "PDF" in (failed.error_message or "")
        assert ctx.blobs.path(failed.sha256).read_bytes() == bad.read_bytes()  # original kept
    hits = search(ctx, SearchParams(q="трибунал")).hits
    assert [h.title for h in hits] == ["protocol.png"]


def test_a_pool_task_names_the_settings_of_its_context(ctx: AppContext, sample_dir: Path) -> None:
    """`ingest.runner.work` is handed its context's settings with every document: no
    worker-global context to initialise first, so it runs here, in this test's own."""
    [doc_id] = receive(ctx, [sample_dir / "note.txt"], "archive").new_ids
    settings_json = ctx.settings.model_dump_json()
    try:
        assert work(settings_json, doc_id) == (doc_id, DocState.PUBLISHED)
        assert worker_context(settings_json) is worker_context(settings_json)  # built once
    finally:
        worker_context(settings_json).close()
        worker_context.cache_clear()
    assert states(ctx) == {"note.txt": "published"}


def test_same_file_again_is_a_duplicate_and_changes_nothing(
    ctx: AppContext, sample_dir: Path, tmp_path: Path
) -> None:
    first = receive(ctx, [sample_dir / "note.txt"], "archive")
    process_documents(ctx, first.new_ids)
    renamed = tmp_path / "copy-of-note.txt"
    shutil.copy(sample_dir / "note.txt", renamed)
    again = receive(ctx, [renamed], "other-collection")
    assert [i.outcome for i in again.items] == ["duplicate"]
    assert again.items[0].document_id == first.new_ids[0]
    assert again.new_ids == []
    with ctx.db.session() as s:
        assert s.query(Document).count() == 1
        assert s.query(IngestItem).count() == 2
    assert search(ctx, SearchParams(q="справка")).total == 1


def test_reprocess_resumes_at_the_failed_stage(settings: Settings, sample_dir: Path) -> None:
    """An index that cannot be opened fails the index stage; the earlier stages are kept."""
    settings.data_dir.mkdir(parents=True)
    (settings.data_dir / "index").write_text("not a directory")
    ctx = AppContext.create(settings)
    [doc_id] = receive(ctx, [sample_dir / "protocol.png"], "archive").new_ids
    assert run_document(ctx, doc_id) == DocState.FAILED
    with ctx.db.session() as s:
        doc = s.get_one(Document, doc_id)
        assert (doc.failed_stage, doc.error_code) == ("index", "index_failed")
        assert doc.pages and "трибунала" in doc.pages[0].text
        attempts_before = doc.attempts
    ctx.close()

    (settings.data_dir / "index").unlink()
    ctx = AppContext.create(settings)
    assert reset_failed(ctx, doc_id)
    assert run_document(ctx, doc_id) == DocState.PUBLISHED
    with ctx.db.session() as s:
        # Only the index stage ran again: one more attempt, not four.
        assert s.get_one(Document, doc_id).attempts == attempts_before + 1
    assert search(ctx, SearchParams(q="трибуналом")).total == 1
    ctx.close()


def test_celery_tasks_carry_ids_only_and_run_the_same_stages(
    ctx: AppContext, sample_dir: Path
) -> None:
    app: Celery = tasks.app
    assert app.conf.task_serializer == "json" and app.conf.accept_content == ["json"]
    [doc_id] = receive(ctx, [sample_dir / "law.docx"], "laws", kind="legislation").new_ids
    tasks.configure(ctx.settings)  # the tasks build their own context from these settings
    try:
        app.conf.task_always_eager = True
        result = tasks.process_document_signature(doc_id).apply()
        assert result.get() == doc_id
    finally:
        app.conf.task_always_eager = False
        tasks.app.reset()
    assert states(ctx) == {"law.docx": "published"}
    hit = search(ctx, SearchParams(q="архивах")).hits[0]
    assert hit.doc_type == "draft_law" and hit.title == "Проект закона об архивах"


def test_a_worker_process_has_one_context_and_closes_it_when_it_exits(settings: Settings) -> None:
    """The four stage tasks are four Task instances: they share the process's context (one
    engine, one OpenSearch pool), built from the configured settings and closed at
    worker_process_shutdown, after which the next task would build a fresh one."""
    tasks.configure(settings)
    try:
        ctx = tasks.extract.ctx
        assert ctx.settings is settings
        assert all(t.ctx is ctx for t in (tasks.enrich, tasks.anonymize, tasks.index))
        closed: list[AppContext] = []
        real_close = ctx.close
        ctx.__dict__["close"] = lambda: (closed.append(ctx), real_close())[0]  # a spy
        worker_process_shutdown.send(sender=None, pid=0, exitcode=0)
        assert closed == [ctx]
        assert tasks.index.ctx is not ctx
    finally:
        tasks.app.reset()
