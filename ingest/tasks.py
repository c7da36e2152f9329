"""The pipeline as Celery tasks, for the distributed deployment (ACHYK_BROKER_URL).

Payloads are JSON and carry ids only: a reachable broker must never mean code
execution (no pickle). Each stage is its own task so that OCR-heavy extraction can
be routed to its own queue; `process_document` chains them. The task bodies are the
same `run_stage` calls the embedded runner makes.
"""

from __future__ import annotations

from functools import lru_cache

from celery import Celery, chain

from core.context import AppContext
from core.settings import Settings
from core.types import Stage
from ingest.pipeline import run_stage

app = Celery("achyk")
app.conf.update(
    task_serializer="json", accept_content=["json"], result_serializer="json",
    task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
    task_routes={"achyk.extract": {"queue": "ocr"}},
)


def configure(settings: Settings) -> Celery:
    if settings.broker_url:
        app.conf.broker_url = settings.broker_url
        app.conf.result_backend = settings.broker_url
    return app


@lru_cache(maxsize=1)
def _ctx() -> AppContext:
    """Built once per worker process from its environment (the worker's entry point)."""
    return AppContext.create(Settings())


def _stage_task(stage: Stage) -> object:
    @app.task(name=f"achyk.{stage.value}")
    def task(doc_id: int) -> int:
        run_stage(_ctx(), doc_id, stage)
        return doc_id

    return task


extract = _stage_task(Stage.EXTRACT)
enrich = _stage_task(Stage.ENRICH)
anonymize = _stage_task(Stage.ANONYMIZE)
index = _stage_task(Stage.INDEX)


def process_document_signature(doc_id: int) -> chain:
    """extract | enrich | anonymize | index, each passing the id on (stages skip when not ready)."""
    return chain(extract.s(doc_id), enrich.s(), anonymize.s(), index.s())  # type: ignore[attr-defined]
