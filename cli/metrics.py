"""Prometheus' multiprocess mode for the commands whose stages run in child processes.

`achyk serve` runs the embedded pipeline in a pool of spawned processes and `achyk worker`
in Celery's forked children; their stage figures reach /metrics only through
prometheus_client's multiprocess mode, chosen by PROMETHEUS_MULTIPROC_DIR. The library
reads that switch when it first loads and again whenever a labelled metric makes a child
(``.labels(...)``): every metric of ours is labelled, so switching here, after the modules
are imported but before any stage has run, is in time.
"""

from __future__ import annotations

import os
import shutil

import prometheus_client.multiprocess
from prometheus_client import values

from core.settings import Settings
from ingest.metrics import STAGE_FAILURES, STAGE_SECONDS
from search_api.metrics import LATENCY, REQUESTS


def _observed() -> bool:
    """Whether this process already recorded a figure (it would be lost by the switch)."""
    return any(
        family.samples
        for m in (STAGE_SECONDS, STAGE_FAILURES, REQUESTS, LATENCY)
        for family in m.collect()
    )


def prepare_multiprocess(settings: Settings, role: str) -> bool:
    """Point PROMETHEUS_MULTIPROC_DIR at a fresh folder of this process (unless set).

    False when it is too late (`achyk demo` ingested first and so recorded figures):
    /metrics then shows the stages this process ran itself.
    """
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return True
    if _observed():
        return False
    folder = (settings.data_dir / "metrics" / f"{role}-{os.getpid()}").resolve()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
    values.ValueClass = values.get_value_class()  # children made from now on write files
    return True


def serve_worker_metrics(settings: Settings) -> None:
    """`achyk worker --metrics-port`: the stages of this worker and its children."""
    if not prepare_multiprocess(settings, "worker"):
        raise RuntimeError(
            "a stage ran before prometheus_client's multiprocess mode was switched on"
        )
    registry = prometheus_client.CollectorRegistry()
    prometheus_client.multiprocess.MultiProcessCollector(registry)
    prometheus_client.start_http_server(
        settings.metrics_port, addr=settings.host, registry=registry
    )
