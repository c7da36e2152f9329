"""GET /metrics: who may read it, and that its figures are the system's own."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from rich.console import Console
from rich.progress import Progress
from sqlalchemy import func, select

from cli.actions import ingest_files
from core.auth import Role, create_key
from core.models import Document
from core.settings import Settings
from core.types import DocState
from indices.context import AppContext
from server.app import create_app


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of an exposition, keyed by name and sorted labels."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for fam in text_string_to_metric_families(text)
        for s in fam.samples
    }


def value(text: str, name: str, **labels: str) -> float:
    return samples(text).get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_refused_to_strangers_and_read_by_admins(loaded_ctx: AppContext) -> None:
    app = create_app(loaded_ctx)
    outsider = TestClient(app, client=("203.0.113.9", 40000))
    r = outsider.get("/metrics")
    assert r.status_code == 403 and "ACHYK_METRICS_ALLOW" in r.json()["detail"]
    reader = create_key(loaded_ctx, Role.RESEARCHER).key
    assert (
        outsider.get("/metrics", headers={"Authorization": f"Bearer {reader}"}).status_code == 403
    )
    admin = create_key(loaded_ctx, Role.ADMIN).key
    r = outsider.get("/metrics", headers={"Authorization": f"Bearer {admin}"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    local = TestClient(app, client=("127.0.0.1", 40000))
    assert local.get("/metrics").status_code == 200
    assert "/metrics" not in local.get("/api/v1/openapi.json").json()["paths"]


def test_metrics_report_documents_index_and_requests(loaded_ctx: AppContext) -> None:
    client = TestClient(create_app(loaded_ctx), client=("127.0.0.1", 40000))
    before = client.get("/metrics").text
    for _ in range(3):
        assert client.get("/api/v1/search", params={"q": "суд"}).status_code == 200
    assert client.get("/api/v1/documents/999999").status_code == 404
    text = client.get("/metrics").text
    with loaded_ctx.db.session() as s:
        published = s.scalar(
            select(func.count()).select_from(Document).where(Document.state == DocState.PUBLISHED)
        )
    assert published and value(text, "achyk_documents", state="published") == published
    assert value(text, "achyk_documents", state="failed") == 0
    assert value(text, "achyk_index_documents") == published
    assert value(text, "achyk_up", component="database") == 1
    assert value(text, "achyk_up", component="search") == 1
    search = {"method": "GET", "route": "/api/v1/search", "status": "200"}
    assert (
        value(text, "achyk_http_requests_total", **search)
        - value(before, "achyk_http_requests_total", **search)
        == 3
    )
    # Routes by template, never by raw path: ids do not multiply the series.
    assert (
        value(
            text,
            "achyk_http_requests_total",
            method="GET",
            route="/api/v1/documents/{doc_id}",
            status="404",
        )
        >= 1
    )
    # (a label, not a substring: a float such as 0.0999999 may hold the digits)
    assert "/api/v1/documents/999999" not in text
    assert (
        value(
            text, "achyk_http_request_duration_seconds_count", method="GET", route="/api/v1/search"
        )
        >= 3
    )


def test_metrics_report_stages_and_failures(tmp_path: Path, sample_dir: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", workers=1)  # stages run in this process
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_bytes((sample_dir / "note.txt").read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    ctx = AppContext.create(settings)
    try:
        client = TestClient(create_app(ctx), client=("127.0.0.1", 40000))
        before = client.get("/metrics").text
        console = Console(file=io.StringIO())
        ingest_files(
            ctx,
            [folder],
            "archive",
            kind="archive",
            progress=lambda: Progress(console=console),
            out=console,
        )
        text = client.get("/metrics").text
    finally:
        ctx.close()
    for stage in ("extract", "enrich", "anonymize", "index"):
        name = "achyk_stage_duration_seconds_count"
        assert (
            value(text, name, stage=stage, outcome="ok")
            - value(before, name, stage=stage, outcome="ok")
            >= 1
        )
    assert value(text, "achyk_documents_failed", stage="extract", code="corrupt_file") == 1
    assert (
        value(text, "achyk_stage_failures_total", stage="extract", code="corrupt_file")
        - value(before, "achyk_stage_failures_total", stage="extract", code="corrupt_file")
        == 1
    )


def test_metrics_report_queue_length(tmp_path: Path, redis_url: str) -> None:
    base = redis_url.rsplit("/", 1)[0]
    url = f"{base}/13"
    r = redis.Redis.from_url(url)
    r.flushdb()
    r.rpush("ocr", "a", "b")
    settings = Settings(data_dir=tmp_path / "data", broker_url=url)
    ctx = AppContext.create(settings)
    try:
        text = TestClient(create_app(ctx), client=("127.0.0.1", 1)).get("/metrics").text
    finally:
        ctx.close()
        r.flushdb()
    assert value(text, "achyk_queue_length", queue="ocr") == 2
    assert value(text, "achyk_queue_length", queue="celery") == 0
    assert value(text, "achyk_up", component="broker") == 1


@pytest.mark.parametrize("spec", ["10.0.0.0/8", "10.1.2.3", "192.168.0.0/16,10.1.2.3"])
def test_allowed_networks(tmp_path: Path, spec: str) -> None:
    ctx = AppContext.create(Settings(data_dir=tmp_path / "data", metrics_allow=spec))
    try:
        app = create_app(ctx)
        assert TestClient(app, client=("10.1.2.3", 1)).get("/metrics").status_code == 200
        assert TestClient(app, client=("127.0.0.1", 1)).get("/metrics").status_code == 403
    finally:
        ctx.close()
