"""Outages are retried, not failed; a held stage is not run twice; lost work is requeued."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from sqlalchemy import update

from core.errors import TransientError
from core.models import Document, utcnow
from core.settings import Settings
from core.types import DocState, Stage
from indices.base import SearchBackend
from indices.context import AppContext
from ingest import tasks
from ingest.intake import receive
from ingest.pipeline import Leased, run_document, run_stage
from ingest.reconcile import EPOCH_KEY, lost_documents, reconcile_once
from ingest.transient import is_transient


class FlakyBackend:
    """The real backend behind a switch: down for the first `failures` index calls."""

    def __init__(self, real: SearchBackend, failures: int) -> None:
        self.real, self.failures, self.calls = real, failures, 0

    def index(self, docs: list[Any]) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise OSConnectionError("N/A", "connection refused", Exception("down"))
        self.real.index(docs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def with_backend(ctx: AppContext, failures: int) -> FlakyBackend:
    flaky = FlakyBackend(ctx.search, failures)
    ctx.__dict__["search"] = flaky  # replaces the cached property for this context
    return flaky


@pytest.fixture
def quick(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", workers=1, task_retries=2, retry_backoff=0.01)


def test_outage_is_retried_then_the_document_published(quick: Settings, sample_dir: Path) -> None:
    ctx = AppContext.create(quick)
    flaky = with_backend(ctx, failures=2)
    [doc_id] = receive(ctx, [sample_dir / "note.txt"], "archive").new_ids
    assert run_document(ctx, doc_id) == DocState.PUBLISHED
    assert flaky.calls == 3
    ctx.close()


def test_outage_longer_than_the_retries_fails_with_unavailable(
    quick: Settings, sample_dir: Path
) -> None:
    ctx = AppContext.create(quick)
    with_backend(ctx, failures=99)
    [doc_id] = receive(ctx, [sample_dir / "note.txt"], "archive").new_ids
    assert run_document(ctx, doc_id) == DocState.FAILED
    with ctx.db.session() as s:
        doc = s.get_one(Document, doc_id)
        assert (doc.failed_stage, doc.error_code, doc.lease_until) == ("index", "unavailable", None)
        assert "3 попыток" in (doc.error_message or "")
    ctx.close()


def test_celery_task_retries_an_outage(quick: Settings, sample_dir: Path) -> None:
    tasks.configure(quick)
    ctx = tasks.app.context()  # the context the tasks run with, built from these settings
    flaky = with_backend(ctx, failures=1)
    [doc_id] = receive(ctx, [sample_dir / "ky.txt"], "archive").new_ids
    tasks.app.conf.task_always_eager = True
    try:
        assert tasks.process_document_signature(doc_id).apply().get() == doc_id
        assert flaky.calls == 2
        with ctx.db.session() as s:
            assert s.get_one(Document, doc_id).state == DocState.PUBLISHED
    finally:
        tasks.app.conf.task_always_eager = False
        tasks.app.reset()


def test_a_held_stage_is_not_run_twice(ctx: AppContext, sample_dir: Path) -> None:
    [doc_id] = receive(ctx, [sample_dir / "note.txt"], "archive").new_ids
    held = utcnow() + dt.timedelta(seconds=60)
    with ctx.db.session() as s:
        s.execute(update(Document).where(Document.id == doc_id).values(lease_until=held))
    with pytest.raises(Leased) as e:
        run_stage(ctx, doc_id, Stage.EXTRACT)
    assert 55 < e.value.retry_in <= 62
    with ctx.db.session() as s:  # the claim of a dead worker runs out
        s.execute(
            update(Document)
            .where(Document.id == doc_id)
            .values(lease_until=utcnow() - dt.timedelta(seconds=1))
        )
    assert run_stage(ctx, doc_id, Stage.EXTRACT) is True
    assert run_stage(ctx, doc_id, Stage.EXTRACT) is False  # a redelivery: nothing to do
    with ctx.db.session() as s:
        doc = s.get_one(Document, doc_id)
        assert (doc.state, doc.attempts, doc.lease_until, len(doc.pages)) == (
            DocState.EXTRACTED,
            1,
            None,
            1,
        )


def test_a_withdrawal_during_a_stage_wins(
    ctx: AppContext, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stage finishes, but the document stays withdrawn and out of the index."""
    from ingest.stages import STAGES

    [doc_id] = receive(ctx, [sample_dir / "note.txt"], "archive").new_ids
    for stage in (Stage.EXTRACT, Stage.ENRICH, Stage.ANONYMIZE):
        assert run_stage(ctx, doc_id, stage)
    real = STAGES[Stage.INDEX].run

    def index_then_withdrawn(c: AppContext, i: int) -> None:
        real(c, i)
        with c.db.session() as s:
            s.execute(update(Document).where(Document.id == i).values(state=DocState.WITHDRAWN))

    monkeypatch.setattr(STAGES[Stage.INDEX], "run", index_then_withdrawn)
    assert run_stage(ctx, doc_id, Stage.INDEX) is False
    with ctx.db.session() as s:
        assert s.get_one(Document, doc_id).state == DocState.WITHDRAWN
    assert ctx.search.count() == 0


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (OSConnectionError("N/A", "refused", Exception()), True),
        (ConnectionRefusedError(), True),
        (TimeoutError(), True),
        (ValueError("corrupt"), False),
    ],
)
def test_transient_classification(exc: Exception, transient: bool) -> None:
    assert is_transient(exc) is transient
    try:
        raise RuntimeError("wrapped") from exc
    except RuntimeError as wrapped:
        assert is_transient(wrapped) is transient


def test_sqlite_locked_is_transient_and_a_missing_column_is_not() -> None:
    from sqlalchemy.exc import OperationalError

    assert is_transient(OperationalError("x", {}, Exception("database is locked")))
    assert not is_transient(OperationalError("x", {}, Exception("no such column: y")))
    assert isinstance(Leased(1.0), TransientError)


def test_reconciler_requeues_what_the_broker_lost(
    tmp_path: Path, sample_dir: Path, redis_url: str, workers: Any
) -> None:
    import redis

    broker = workers.redis_db(redis_url)
    settings = Settings(data_dir=tmp_path / "data", broker_url=broker, reconcile_interval=1)
    ctx = AppContext.create(settings)
    ids = receive(ctx, [sample_dir / "note.txt", sample_dir / "ky.txt"], "archive").new_ids
    old = utcnow() - dt.timedelta(minutes=5)
    with ctx.db.session() as s:  # one never queued, one queued before the broker restarted
        s.execute(update(Document).where(Document.id == ids[0]).values(created_at=old))
        s.execute(
            update(Document).where(Document.id == ids[1]).values(created_at=old, queued_at=old)
        )
    assert lost_documents(ctx, broker_fresh=False) == {ids[0]}
    queued: list[int] = []

    def enqueue(_c: AppContext, doc_ids: Any) -> list[int]:
        queued.extend(doc_ids)
        return list(doc_ids)

    assert reconcile_once(ctx, enqueue) == ids  # a fresh broker: everything unfinished
    assert redis.Redis.from_url(broker).get(EPOCH_KEY)
    assert reconcile_once(ctx, enqueue) == [ids[0]]  # same broker: the unqueued one only
    ctx.close()
