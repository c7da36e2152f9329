"""The write API against a real pipeline, in each deployment mode.

`write_env` (one per mode for the whole session: a server and its workers are started
once) runs the same tests on: the embedded default (background thread + process
pool, tantivy), Celery workers on Redis with tantivy, and Celery workers with OpenSearch.
Redis and OpenSearch come from the environment and their absence fails the tests.
"""

from __future__ import annotations

import io
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
import pytest
from fastapi.testclient import TestClient

from core.auth import Role, create_key
from core.settings import Settings
from indices.context import AppContext
from server.app import create_app

MODES = [
    pytest.param(("embedded", "tantivy"), id="embedded-tantivy"),
    pytest.param(("celery", "tantivy"), id="celery-tantivy"),
    pytest.param(("celery", "opensearch"), id="celery-opensearch", marks=pytest.mark.opensearch),
]
_n = itertools.count(1)
LETTERS = "бвгджзклмн"


def token(prefix: str = "ксп") -> str:
    """A made-up word unique in this session, that no stemmer shortens."""
    return prefix + "".join(LETTERS[int(d)] for d in f"{next(_n):04d}") + "т"


def docx_bytes(*paragraphs: str) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@dataclass
class WriteEnv:
    client: TestClient
    ctx: AppContext
    keys: dict[str, str]
    mode: str

    token = staticmethod(token)
    docx = staticmethod(docx_bytes)

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    def wait_batch(
        self, batch_id: int, who: str = "archivist", timeout: float = 120
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            r = self.client.get(f"/api/v1/batches/{batch_id}", headers=self.auth(who))
            assert r.status_code == 200, r.text
            body: dict[str, Any] = r.json()
            if body["finished"]:
                return body
            assert time.monotonic() < deadline, f"batch {batch_id} not finished: {body}"
            time.sleep(0.3)

    def idle(self, timeout: float = 120) -> None:
        """Wait until no document is being processed (earlier tests may leave some)."""
        from sqlalchemy import func, select

        from core.models import Document
        from core.types import IN_PROGRESS

        deadline = time.monotonic() + timeout
        while True:
            with self.ctx.db.session() as s:
                busy = s.scalar(
                    select(func.count())
                    .select_from(Document)
                    .where(Document.state.in_(IN_PROGRESS))
                )
            if not busy:
                return
            assert time.monotonic() < deadline, f"{busy} documents still in progress"
            time.sleep(0.2)

    def hits(self, q: str, who: str | None = None) -> list[int]:
        r = self.client.get(
            "/api/v1/search", params={"q": q}, headers=self.auth(who) if who else {}
        )
        assert r.status_code == 200, r.text
        return [h["id"] for h in r.json()["hits"]]


@pytest.fixture(scope="session", params=MODES)
def write_env(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, workers: Any
) -> Iterator[WriteEnv]:
    mode, backend = request.param
    root = tmp_path_factory.mktemp(f"write-{mode}-{backend}")
    overrides: dict[str, Any] = {
        "data_dir": root / "data",
        "workers": 2,
        "task_timeout": 30,
        "retry_backoff": 0.5,
        "reconcile_interval": 1.0,
    }
    if backend == "opensearch":
        overrides["search_url"] = request.getfixturevalue("search_node_url")
        overrides["index_prefix"] = f"{request.getfixturevalue('search_node_prefix')}-{mode}"
    if mode == "celery":
        overrides["broker_url"] = workers.redis_db(request.getfixturevalue("redis_url"))
    settings = Settings(**overrides)
    ctx = AppContext.create(settings)
    keys = {
        r.value: create_key(
            ctx,
            r,
            court="Ленинский районный суд г. Бишкек" if r is Role.CLERK else None,
            agency="Министерство юстиции" if r is Role.DEVELOPER else None,
        ).key
        for r in Role
    }
    keys["clerk_b"] = create_key(ctx, Role.CLERK, court="Ошский городской суд").key
    proc = workers.start(settings, name=f"api-{backend}") if mode == "celery" else None
    try:
        with TestClient(create_app(ctx)) as client:
            yield WriteEnv(client, ctx, keys, mode)
    finally:
        if proc is not None:
            workers.stop(proc)
        ctx.close()


@pytest.fixture(scope="session")
def authz_world(tmp_path_factory: pytest.TempPathFactory, sample_dir: Any) -> Iterator[Any]:
    """One world (tests/search_api/authz_world.py) for the authorization matrix and the
    API fuzzing; tantivy and the embedded pipeline."""
    from tests.search_api.authz_world import build_world, close_world

    world = build_world(tmp_path_factory.mktemp("authz"), sample_dir, {})
    yield world
    close_world(world)
