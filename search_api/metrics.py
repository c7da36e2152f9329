"""GET /metrics for Prometheus: requests, documents per state, queues, stages.

Request counts and latency are counted per route template (`/api/v1/documents/{doc_id}`),
never per raw path, so ids cannot blow up the number of series. Document states, failures,
the index size and the broker's queue lengths are read when Prometheus scrapes, from the
database, the search backend and Redis, so they are the same whichever process answers and
cover every worker. Stage durations come from ingest.metrics (the processes on this
machine, when PROMETHEUS_MULTIPROC_DIR is set; see docs/operations.md).

Access: clients whose address is in ACHYK_METRICS_ALLOW, or any caller with an admin key;
elsewhere an unknown, revoked or malformed key is refused with 401, as on every route.
"""

from __future__ import annotations

import ipaddress
import os
import time
from collections.abc import Iterator
from typing import Any

import redis
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from core.auth import Role, authenticate
from core.models import Document
from core.types import DocState
from indices.context import AppContext
from ingest.metrics import STAGE_FAILURES, STAGE_SECONDS
from ingest.tasks import DEFAULT_QUEUE, OCR_QUEUE
from search_api.auth import bearer_key

REQUESTS = Counter(
    "achyk_http_requests_total",
    "HTTP requests answered, by route and status",
    ["method", "route", "status"],
    registry=None,
)
LATENCY = Histogram(
    "achyk_http_request_duration_seconds",
    "Time to answer an HTTP request, by route",
    ["method", "route"],
    registry=None,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
PATH = "/metrics"


class RecordsCollector(Collector):
    """Figures read at scrape time: what the database, the index and the broker hold."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily(
            "achyk_up", "1 when the component answered this scrape", labels=["component"]
        )
        yield from self._records(up)
        yield from self._index(up)
        if self.ctx.settings.broker_url:
            yield from self._queues(up)
        yield up

    def _records(self, up: GaugeMetricFamily) -> Iterator[Metric]:
        try:
            with self.ctx.db.session() as s:
                states = dict(
                    s.execute(select(Document.state, func.count()).group_by(Document.state)).all()
                )
                failed = s.execute(
                    select(Document.failed_stage, Document.error_code, func.count())
                    .where(Document.state == DocState.FAILED)
                    .group_by(Document.failed_stage, Document.error_code)
                ).all()
        except Exception:
            up.add_metric(["database"], 0)
            return
        up.add_metric(["database"], 1)
        docs = GaugeMetricFamily(
            "achyk_documents", "Documents per pipeline state", labels=["state"]
        )
        for state in DocState:
            docs.add_metric([state.value], states.get(state.value, 0))
        yield docs
        fails = GaugeMetricFamily(
            "achyk_documents_failed",
            "Documents now failed, by the stage and error code",
            labels=["stage", "code"],
        )
        for stage, code, n in failed:
            fails.add_metric([stage or "", code or ""], n)
        yield fails

    def _index(self, up: GaugeMetricFamily) -> Iterator[Metric]:
        try:
            count = self.ctx.search.count()
        except Exception:
            up.add_metric(["search"], 0)
            return
        up.add_metric(["search"], 1)
        yield GaugeMetricFamily(
            "achyk_index_documents", "Documents in the search index", value=count
        )

    def _queues(self, up: GaugeMetricFamily) -> Iterator[Metric]:
        queue = GaugeMetricFamily(
            "achyk_queue_length", "Tasks waiting in the broker's queue", labels=["queue"]
        )
        try:
            client = redis.Redis.from_url(
                str(self.ctx.settings.broker_url), socket_timeout=3, socket_connect_timeout=3
            )
            try:
                for name in (DEFAULT_QUEUE, OCR_QUEUE):
                    queue.add_metric([name], int(client.llen(name)))
            finally:
                client.close()
        except Exception:
            up.add_metric(["broker"], 0)
            return
        up.add_metric(["broker"], 1)
        yield queue


def make_registry(ctx: AppContext) -> CollectorRegistry:
    reg = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # prometheus_client's own switch
        MultiProcessCollector(reg)
    else:
        for metric in (REQUESTS, LATENCY, STAGE_SECONDS, STAGE_FAILURES):
            reg.register(metric)
        ProcessCollector(registry=reg)
    reg.register(RecordsCollector(ctx))
    return reg


def allowed_networks(spec: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [
        ipaddress.ip_network(part.strip(), strict=False) for part in spec.split(",") if part.strip()
    ]


def may_read(ctx: AppContext, request: Request) -> bool:
    """An allowed address, or an admin key from anywhere. A key that is unknown, revoked or
    malformed raises AuthError (401), as on every other route, unless the address alone
    is allowed (the scraper there sends no key)."""
    host = request.client.host if request.client else ""
    try:
        addr = ipaddress.ip_address(host)
        if any(addr in net for net in allowed_networks(ctx.settings.metrics_allow)):
            return True
    except ValueError:
        pass
    header = request.headers.get("authorization")
    if header is None:
        return False
    return authenticate(ctx, bearer_key(header), host).role is Role.ADMIN


def route_of(request: Request) -> str:
    """The matched route's template with its router's prefix; FastAPI keeps the prefixed
    one on the effective route context of an included router (tests/search_api checks)."""
    effective = request.scope.get("fastapi", {}).get("effective_route_context")
    if (path := getattr(effective, "path_format", None)) is not None:
        return str(path)
    route = request.scope.get("route")
    return str(getattr(route, "path", "unmatched"))


def install(app: FastAPI, ctx: AppContext) -> None:
    """Count every request and serve GET /metrics (left out of the OpenAPI schema)."""
    allowed_networks(ctx.settings.metrics_allow)  # a malformed setting fails at start
    registry = make_registry(ctx)

    @app.middleware("http")
    async def count_requests(request: Request, call_next: Any) -> Any:
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            route = route_of(request)
            REQUESTS.labels(request.method, route, str(status)).inc()
            LATENCY.labels(request.method, route).observe(time.perf_counter() - started)

    @app.get(PATH, include_in_schema=False)
    def metrics(request: Request) -> Response:
        if not may_read(ctx, request):  # a bad key: AuthError, the app's 401
            return JSONResponse(
                {
                    "detail": "Метрики доступны с разрешённых адресов "
                    "(ACHYK_METRICS_ALLOW) или с ключом администратора"
                },
                status_code=403,
            )
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
