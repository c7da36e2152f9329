"""The pipeline as Celery tasks, for the distributed deployment (ACHYK_BROKER_URL).

Payloads are JSON and carry ids only: a reachable broker must never mean code
execution (no pickle). Each stage is its own task so that OCR-heavy extraction can
be routed to its own queue; `process_document_signature` chains them. The task bodies
are the same `run_stage` calls the embedded runner makes.

Delivery is at least once (acks_late, reject_on_worker_lost, a visibility timeout for
messages a dead worker held) and the stages are idempotent, so a redelivered task is
harmless. Outages are retried with exponential backoff; a stage another worker holds
is retried once its lease may have run out.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Celery, Task, chain
from celery.signals import worker_process_shutdown

from core.errors import TransientError
from core.settings import Settings
from core.types import Stage
from indices.context import AppContext
from ingest.pipeline import Leased, after_outage, run_stage

log = logging.getLogger(__name__)
OCR_QUEUE = "ocr"
DEFAULT_QUEUE = "celery"


class PipelineApp(Celery):
    """The Celery app, owning what its tasks run with: the settings `configure` gave it and,
    in each worker process, the one context built from them on first use.

    The context lives on the app rather than on each task because the four stage tasks
    are four Task instances in the process: they share one database engine and one
    OpenSearch connection pool, as the embedded runner's processes do.
    """

    def __init__(self, main: str) -> None:
        super().__init__(main)
        self.pipeline_settings: Settings | None = None
        self._pipeline_ctx: AppContext | None = None

    def context(self) -> AppContext:
        """This process's context, built on first use from the configured settings (a
        process that was never configured reads them from the environment)."""
        if self._pipeline_ctx is None:
            self._pipeline_ctx = AppContext.create(self.pipeline_settings or Settings())
        return self._pipeline_ctx

    def close_context(self) -> None:
        """Close this process's context, if it built one; the next task builds it again."""
        ctx, self._pipeline_ctx = self._pipeline_ctx, None
        if ctx is not None:
            ctx.close()

    def reset(self) -> None:
        """Close the context and forget the settings (tests that run tasks in-process)."""
        self.close_context()
        self.pipeline_settings = None


class ContextTask(Task):
    """Base of the pipeline's tasks, Celery's documented way to hand tasks a per-process
    resource: a bound task reads ``self.ctx``. Celery instantiates each task once per
    worker process, and the payload carries ids only, so the context comes from the
    worker's own settings (`configure`, before the pool forks) and is closed when the
    pool process exits (`worker_process_shutdown`)."""

    @property
    def ctx(self) -> AppContext:
        app: PipelineApp = self.app
        return app.context()


app = PipelineApp("achyk")
app.conf.update(
    task_serializer="json",
    accept_content=["json"],
    result_serializer="json",
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_default_queue=DEFAULT_QUEUE,
    task_routes={"achyk.extract": {"queue": OCR_QUEUE}},
    broker_connection_retry_on_startup=True,
    broker_connection_max_retries=None,
    worker_cancel_long_running_tasks_on_connection_loss=False,
    # The next link of a chain is published from inside a task: ride out a broker restart.
    task_publish_retry_policy={
        "max_retries": 30,
        "interval_start": 0.2,
        "interval_step": 0.5,
        "interval_max": 3,
    },
    result_expires=86400,
)


def configure(settings: Settings) -> Celery:
    """Give the app its settings and point it at the broker; the worker's forked pool
    processes inherit them and build their context from them."""
    app.pipeline_settings = settings
    if settings.broker_url:
        if app.conf.broker_url and app.conf.broker_url != settings.broker_url:
            _drop_connections()
        app.conf.broker_url = settings.broker_url
        app.conf.result_backend = settings.broker_url
        app.conf.broker_transport_options = transport_options(settings)
        app.conf.result_backend_transport_options = {
            "socket_timeout": 30,
            "socket_connect_timeout": 5,
        }
    return app


def _drop_connections() -> None:
    """Celery caches its broker connections and result backend: when one process is
    pointed at another broker (tests run several deployments in one process), the
    cached ones would still publish to the first."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.backend = None


def transport_options(settings: Settings) -> dict[str, Any]:
    return {
        # A message a dead worker took comes back after this; no stage runs longer.
        "visibility_timeout": settings.task_timeout,
        "unacked_restore_interval": max(1, min(10, settings.task_timeout // 10)),
        "unacked_restore_throttle": 1,
        "socket_timeout": 30,
        "socket_connect_timeout": 5,
    }


@worker_process_shutdown.connect
def _close_context(**_kw: object) -> None:
    """A pool process that exits closes its context (database engine, OpenSearch pool)."""
    app.close_context()


def _stage_task(stage: Stage) -> Task:
    @app.task(name=f"achyk.{stage.value}", base=ContextTask, bind=True, max_retries=None)
    def task(self: ContextTask, doc_id: int, transient: int = 0) -> int:
        ctx = self.ctx
        try:
            run_stage(ctx, doc_id, stage)
        except Leased as e:
            raise self.retry(
                countdown=min(e.retry_in, ctx.settings.task_timeout),
                kwargs={"transient": transient},
            ) from e
        except TransientError as e:
            delay = after_outage(ctx, doc_id, stage, transient, e)
            if delay is None:
                return doc_id
            raise self.retry(countdown=delay, kwargs={"transient": transient + 1}) from e
        return doc_id

    return task


extract = _stage_task(Stage.EXTRACT)
enrich = _stage_task(Stage.ENRICH)
anonymize = _stage_task(Stage.ANONYMIZE)
index = _stage_task(Stage.INDEX)


def process_document_signature(doc_id: int, *, extract_queue: str = OCR_QUEUE) -> chain:
    """extract | enrich | anonymize | index, each passing the id on (stages skip when not ready).

    Text formats may extract on the default queue so that they never wait behind scans.
    """
    return chain(extract.s(doc_id).set(queue=extract_queue), enrich.s(), anonymize.s(), index.s())
