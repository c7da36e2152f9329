"""Crashes in the distributed mode: real `achyk worker` processes on a real Redis.

A worker killed with SIGKILL in the middle of a batch and restarted, or Redis restarted
(without persistence: it forgets every queued message) in the middle of a batch, must
leave every document processed exactly once: one record, its pages once, one index
entry, findable once.
"""

from __future__ import annotations

import random
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
import redis
from sqlalchemy import func, select

from core.models import Document, IngestItem, Page
from core.settings import Settings
from core.types import IN_PROGRESS, TERMINAL, DocState
from indices.context import AppContext
from ingest.batches import Upload, create_batch
from ingest.dispatch import CeleryDispatcher
from service.search import SearchParams, search

BACKENDS = ["tantivy", pytest.param("opensearch", marks=pytest.mark.opensearch)]
WORDS = "бвгджзклмн"


def word(i: int, prefix: str) -> str:
    return prefix + "".join(WORDS[int(d)] for d in f"{i:03d}") + "т"


def inputs(
    root: Path, sample_dir: Path, prefix: str, n_text: int = 8
) -> tuple[list[Upload], dict[str, int]]:
    """Text documents with a unique word each, and scans: (uploads, expected pages)."""
    root.mkdir(parents=True, exist_ok=True)
    uploads, pages = [], {}
    for i in range(n_text):
        token = word(i, prefix)
        if i % 2:
            p = root / f"t{i}.txt"
            p.write_text(f"Справка № {i}. Выдана архивом. {token}", encoding="utf-8")
        else:
            p = root / f"t{i}.docx"
            d = docx.Document()
            d.add_paragraph(f"Приказ № {i} по архиву. {token}")
            d.save(str(p))
        uploads.append(Upload(p.name, p))
        pages[p.name] = 1
    for name, n in (("protocol.png", 1), ("case.tiff", 2)):
        uploads.append(Upload(name, sample_dir / name))
        pages[name] = n
    return uploads, pages


def settings_for(request: pytest.FixtureRequest, root: Path, broker: str, backend: str) -> Settings:
    extra: dict[str, Any] = {}
    if backend == "opensearch":
        extra = {
            "search_url": request.getfixturevalue("search_node_url"),
            "index_prefix": f"{request.getfixturevalue('search_node_prefix')}-{root.name}",
        }
    # Short leases and visibility timeout, so that a dead worker's tasks come back fast.
    return Settings(
        data_dir=root / "data",
        workers=2,
        broker_url=broker,
        task_timeout=6,
        retry_backoff=0.5,
        reconcile_interval=1.0,
        **extra,
    )


def states(ctx: AppContext) -> dict[int, str]:
    with ctx.db.session() as s:
        return {int(i): str(st) for i, st in s.execute(select(Document.id, Document.state))}


def wait_for(ctx: AppContext, done: Any, timeout: float = 150) -> dict[int, str]:
    deadline = time.monotonic() + timeout
    while True:
        st = states(ctx)
        if done(st):
            return st
        assert time.monotonic() < deadline, f"timed out; states: {st}"
        time.sleep(0.05)


def started_not_finished(st: dict[int, str]) -> bool:
    """Mid-batch: some document has passed a stage and some is still on its way.

    Stages run breadth-first (every document is extracted before the first one is
    indexed), so «some published» first holds only in the last fraction of a second of a
    batch; a poll can miss that window entirely. Progress past `received` is reached early
    and lasts for most of the batch.
    """
    return any(s != DocState.RECEIVED for s in st.values()) and any(
        s in IN_PROGRESS for s in st.values()
    )


def all_done(st: dict[int, str]) -> bool:
    return bool(st) and all(s in TERMINAL for s in st.values())


def assert_exactly_once(ctx: AppContext, pages: dict[str, int], prefix: str, n_text: int) -> None:
    with ctx.db.session() as s:
        docs = {d.original_name: d for d in s.scalars(select(Document))}
        assert sorted(docs) == sorted(pages)
        assert {d.state for d in docs.values()} == {"published"}, {
            n: (d.state, d.error_message) for n, d in docs.items()
        }
        for name, n in pages.items():
            stored = s.scalar(
                select(func.count()).select_from(Page).where(Page.document_id == docs[name].id)
            )
            assert stored == n == docs[name].page_count, name
        assert s.scalar(select(func.count()).select_from(IngestItem)) == len(pages)
        ids = {name: d.id for name, d in docs.items()}
    assert ctx.search.count() == len(pages)
    for i in range(n_text):
        hits = search(ctx, SearchParams(q=word(i, prefix))).hits
        assert [h.id for h in hits] == [next(v for k, v in ids.items() if k.startswith(f"t{i}."))]


@pytest.mark.parametrize("backend", BACKENDS)
def test_worker_killed_mid_batch_then_restarted(
    request: pytest.FixtureRequest,
    backend: str,
    tmp_path: Path,
    sample_dir: Path,
    redis_url: str,
    workers: Any,
) -> None:
    prefix = "кил" if backend == "tantivy" else "кло"
    settings = settings_for(request, tmp_path, workers.redis_db(redis_url), backend)
    ctx = AppContext.create(settings)
    uploads, pages = inputs(tmp_path / "in", sample_dir, prefix)
    first = workers.start(settings, name="killed")
    create_batch(
        ctx, uploads, manifest=None, collection="archive", dispatcher=CeleryDispatcher(ctx)
    )
    at_kill = wait_for(ctx, started_not_finished)
    workers.kill(first)
    assert not all_done(states(ctx)), at_kill
    workers.start(settings, name="restarted")
    wait_for(ctx, all_done)
    assert_exactly_once(ctx, pages, prefix, 8)
    ctx.close()


def free_port() -> int:
    """A free port below Linux's ephemeral range (32768-60999 by default): the Redis of the
    restart test stops and starts again on its port, and in the gap an outgoing connection
    of any process could be given a port from the ephemeral range, so it is not taken
    from there."""
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(20000, 32000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 20000-32000")


class RedisServer:
    """A dedicated, non-persistent redis-server that a test can stop and start again."""

    def __init__(self, root: Path) -> None:
        self.port, self.root = free_port(), root
        self.proc: subprocess.Popen[bytes] | None = None
        root.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.root),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.mark.parametrize("backend", BACKENDS)
def test_redis_restarted_mid_batch(
    request: pytest.FixtureRequest,
    backend: str,
    tmp_path: Path,
    sample_dir: Path,
    own_redis: RedisServer,
    workers: Any,
) -> None:
    prefix = "рес" if backend == "tantivy" else "рос"
    settings = settings_for(request, tmp_path, own_redis.url, backend)
    ctx = AppContext.create(settings)
    uploads, pages = inputs(tmp_path / "in", sample_dir, prefix)
    worker = workers.start(settings, name="redis-restart")
    create_batch(
        ctx, uploads, manifest=None, collection="archive", dispatcher=CeleryDispatcher(ctx)
    )
    at_stop = wait_for(ctx, started_not_finished)  # Redis goes down mid-batch
    own_redis.stop()
    time.sleep(1.0)
    own_redis.start()  # empty: every queued message is gone
    wait_for(ctx, all_done)
    assert_exactly_once(ctx, pages, prefix, 8)
    # The reconciler notices the emptied broker (the first notice is the worker's start);
    # whatever was queued and lost by then, it queued again.
    log_path = workers.root / f"redis-restart-{workers.procs.index(worker)}.log"
    deadline = time.monotonic() + 20
    while log_path.read_text().count("a new or emptied broker") < 2:
        assert time.monotonic() < deadline, (at_stop, log_path.read_text()[-3000:])
        time.sleep(0.2)
    ctx.close()
