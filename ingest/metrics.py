"""Stage figures for Prometheus: how long each stage takes and how often it fails.

Observed in the process that runs the stage (the API's pool, a Celery worker). The
metrics are registered in no registry here: the /metrics endpoint of the API and the
`achyk worker --metrics-port` exporter pick them up, directly or, with prometheus_client's
multiprocess mode (PROMETHEUS_MULTIPROC_DIR), from every process of the machine.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

STAGE_SECONDS = Histogram(
    "achyk_stage_duration_seconds",
    "Time one pipeline stage took on one document",
    ["stage", "outcome"],
    registry=None,
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 1800),
)
STAGE_FAILURES = Counter(
    "achyk_stage_failures_total",
    "Stage runs that failed, by error code (`unavailable` runs are retried)",
    ["stage", "code"],
    registry=None,
)
