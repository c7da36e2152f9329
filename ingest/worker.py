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


@worker_process_init.connect
def _die_with_main_process(**_kw: object) -> None:
    """A pool child whose worker died must stop too: its unacked task is redelivered."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


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
    app = configure(settings)
    reconcilers: list[Reconciler] = []

    def start_reconciler(**_kw: object) -> None:
        if reconcile:
            reconcilers.append(Reconciler(AppContext.create(settings), enqueue))
            reconcilers[0].start()

    def stop_reconciler(**_kw: object) -> None:
        for r in reconcilers:
            r.stop.set()

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
    # Connected for this worker only (not at import): the reconciler's state is this call's.
    worker_ready.connect(start_reconciler, weak=False)
    worker_shutdown.connect(stop_reconciler, weak=False)
    try:
        app.worker_main(argv)
    finally:
        worker_ready.disconnect(start_reconciler)
        worker_shutdown.disconnect(stop_reconciler)
