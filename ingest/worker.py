"""`achyk worker`: a Celery worker for the pipeline, plus the reconciler thread.

Each worker process (prefork child) builds its own context from the configured
settings on first use. The reconciler runs in the main process with its own context;
engines are disposed in forked children (core/db.py), so no database connection is
ever shared across a fork.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket

from celery.signals import worker_process_init, worker_ready, worker_shutdown

from core.settings import Settings
from indices.context import AppContext
from ingest.dispatch import enqueue
from ingest.reconcile import Reconciler
from ingest.tasks import DEFAULT_QUEUE, OCR_QUEUE, configure


class _State:
    reconcile: bool = True
    reconciler: Reconciler | None = None
    ctx: AppContext | None = None
    settings: Settings | None = None


@worker_ready.connect
def _start_reconciler(**_kw: object) -> None:
    if not _State.reconcile or _State.settings is None:
        return
    _State.ctx = AppContext.create(_State.settings)
    _State.reconciler = Reconciler(_State.ctx, enqueue)
    _State.reconciler.start()


@worker_process_init.connect
def _die_with_main_process(**_kw: object) -> None:
    """A pool child whose worker died must stop too: its unacked task is redelivered."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


@worker_shutdown.connect
def _stop_reconciler(**_kw: object) -> None:
    if _State.reconciler is not None:
        _State.reconciler.stop.set()


def run_worker(
    settings: Settings,
    *,
    queues: list[str] | None = None,
    concurrency: int | None = None,
    loglevel: str = "INFO",
    reconcile: bool = True,
) -> None:
    if not settings.broker_url:
        raise ValueError("Для worker нужен брокер: ACHYK_BROKER_URL=redis://…")
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one tesseract per worker process
    _State.settings, _State.reconcile = settings, reconcile
    app = configure(settings)
    argv = [
        "worker",
        f"--queues={','.join(queues or [DEFAULT_QUEUE, OCR_QUEUE])}",
        f"--concurrency={concurrency or settings.workers}",
        f"--loglevel={loglevel}",
        f"--hostname=achyk-{os.getpid()}@{socket.gethostname()}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    app.worker_main(argv)
