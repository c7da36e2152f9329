"""Prometheus' multiprocess mode for the commands whose stages run in child processes.

`achyk serve` runs the embedded pipeline in a pool of spawned processes and `achyk worker`
in Celery's forked children; their stage figures reach /metrics only through
prometheus_client's multiprocess mode, which is chosen by PROMETHEUS_MULTIPROC_DIR when
prometheus_client is first imported. So these helpers run before anything imports it.
"""

from __future__ import annotations

import os
import shutil
import sys

from core.settings import Settings


def prepare_multiprocess(settings: Settings, role: str) -> bool:
    """Point PROMETHEUS_MULTIPROC_DIR at a fresh folder of this process (unless set).

    False when it is too late (`achyk demo` ingested first and so imported
    prometheus_client): /metrics then shows the stages this process ran itself.
    """
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return True
    if "prometheus_client" in sys.modules:
        return False
    folder = (settings.data_dir / "metrics" / f"{role}-{os.getpid()}").resolve()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
    return True


def serve_worker_metrics(settings: Settings) -> None:
    """`achyk worker --metrics-port`: the stages of this worker and its children."""
    if not prepare_multiprocess(settings, "worker"):
        raise RuntimeError("prometheus_client was imported before its multiprocess mode "
                           "was switched on")
    # Imported only now: the multiprocess switch above must precede the first import.
    from prometheus_client import CollectorRegistry, start_http_server
    from prometheus_client.multiprocess import MultiProcessCollector

    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    start_http_server(settings.metrics_port, addr=settings.host, registry=registry)
