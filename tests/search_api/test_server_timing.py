"""Every answer says how long the server took (`Server-Timing: app;dur=`), refusals too:
bench/reader.py and a browser's Navigation Timing read the server's share from it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from core.settings import Settings
from indices.context import AppContext
from server.app import create_app

TIMING = re.compile(r"^app;dur=\d+\.\d$")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data = tmp_path_factory.mktemp("timing") / "data"
    ctx = AppContext.create(
        Settings(data_dir=data, workers=2, rate_limit_per_minute=1, rate_limit_burst=2)
    )
    try:
        with TestClient(create_app(ctx)) as c:
            yield c
    finally:
        ctx.close()


@pytest.mark.parametrize(
    "path", ["/api/v1/health", "/static/style.css", "/no-such-page", "/api/v1/documents/999"]
)
def test_an_answer_carries_the_server_time(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert TIMING.match(r.headers["server-timing"]), r.headers.get("server-timing")


def test_a_gzipped_page_and_a_rate_limit_refusal_carry_it(client: TestClient) -> None:
    """Outermost: the compressed page and the limiter's 429 are timed as sent."""
    answers = [client.get("/?q=суд", headers={"Accept-Encoding": "gzip"}) for _ in range(3)]
    assert answers[0].headers["content-encoding"] == "gzip"
    assert answers[-1].status_code == 429
    for r in answers:
        assert TIMING.match(r.headers["server-timing"])
        assert r.headers.get_list("server-timing") == [r.headers["server-timing"]]  # one, once
