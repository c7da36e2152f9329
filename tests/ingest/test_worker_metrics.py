"""`achyk worker` with ACHYK_METRICS_PORT serves the stage figures of its pool children.

A real worker process (Celery prefork) on the test Redis: the stages run in forked
children, so the figures only reach the exporter through prometheus_client's
multiprocess mode, which the command must switch on before anything imports it.
"""

from __future__ import annotations

import io
import socket
import urllib.request
from pathlib import Path
from typing import Any

from prometheus_client.parser import text_string_to_metric_families
from rich.console import Console
from rich.progress import Progress

from cli.actions import ingest_files
from core.settings import Settings
from indices.context import AppContext


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_worker_serves_stage_metrics(
    tmp_path: Path, redis_url: str, workers: Any, sample_dir: Path
) -> None:
    port = free_port()
    settings = Settings(
        data_dir=tmp_path / "data",
        workers=1,
        metrics_port=port,
        broker_url=workers.redis_db(redis_url),
    )
    proc = workers.start(settings, concurrency=1)
    try:
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "note.txt").write_bytes((sample_dir / "note.txt").read_bytes())
        ctx = AppContext.create(settings)
        console = Console(file=io.StringIO())
        try:
            assert ingest_files(
                ctx,
                [folder],
                "archive",
                kind="archive",
                progress=lambda: Progress(console=console),
                out=console,
            )
        finally:
            ctx.close()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:
            text = r.read().decode()
    finally:
        workers.stop(proc)
    counts = {
        s.labels["stage"]: s.value
        for fam in text_string_to_metric_families(text)
        for s in fam.samples
        if s.name == "achyk_stage_duration_seconds_count" and s.labels.get("outcome") == "ok"
    }
    assert counts == {"extract": 1, "enrich": 1, "anonymize": 1, "index": 1}
    assert (settings.data_dir / "metrics").is_dir()
