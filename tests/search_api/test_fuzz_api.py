"""API fuzzing with schemathesis against the OpenAPI document, anonymously and with each
role's key: no 5xx, and every documented response matches its schema and media type.

The app runs behind a real uvicorn (real HTTP) over the authorization world. The suite
runs a short, bounded pass (ACHYK_FUZZ_EXAMPLES examples per operation, each sent as
every caller; 3 by default); `make fuzz` runs the long one.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from tests.search_api.authz_world import CALLERS, World
from tests.ui.conftest import free_port

EXAMPLES = int(os.environ.get("ACHYK_FUZZ_EXAMPLES", "3"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture(scope="session")
def fuzz_schema(authz_world: World) -> Iterator[Any]:
    port = free_port()
    # lifespan off: the world's app is already started (its pipeline runs) by its client
    srv = uvicorn.Server(
        uvicorn.Config(
            authz_world.client.app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
        )
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield schemathesis.openapi.from_url(f"http://127.0.0.1:{port}/api/v1/openapi.json")
    finally:
        srv.should_exit = True
        thread.join(30)


def test_api_fuzz(fuzz_schema: Any, authz_world: World) -> None:
    """Every operation of the OpenAPI document, each generated request sent as every
    caller; all failures are collected and reported together."""
    failures: list[str] = []
    operations = [r.ok() for r in fuzz_schema.get_all_operations()]
    assert len(operations) >= 20
    for op in operations:

        @given(case=op.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            for who in CALLERS:
                case.call_and_validate(headers=authz_world.headers(who), checks=CHECKS, timeout=120)

        try:
            run()
        except (Exception, BaseExceptionGroup) as e:  # one report for all operations
            failures.append(f"{op.label}: {e}"[:3000])
    assert not failures, "\n\n".join(failures)
