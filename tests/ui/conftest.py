"""Browser fixtures: Debian's chromium through Playwright, and `achyk serve` on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, sync_playwright

from core.settings import Settings

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(settings: Settings, env: dict[str, str] | None = None) -> Iterator[str]:
    """`achyk serve` on the data dir in a subprocess, until the block ends."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli",
            "--data-dir",
            str(settings.data_dir),
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server died")
            time.sleep(0.1)
        else:
            raise RuntimeError("server did not answer /api/v1/health")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: make test installs it"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def server(loaded_settings: Settings) -> Iterator[str]:
    """`achyk serve` on the session's samples (`loaded_settings`), started once: the data
    is shared by the session anyway, and a start costs seconds of imports."""
    with serving(loaded_settings) as url:
        yield url


@pytest.fixture(scope="session")
def demo_settings(demo_run: Any) -> Settings:
    """The demo corpus loaded the way `achyk demo` loads it (real OCR; `demo_run` in
    tests/conftest.py, shared with tests/core/test_demo.py).

    Court decisions citing «ч. 2 ст. 168 УК КР» in several editions and both languages,
    civil debt cases, multi-page decisions and scans with an archival reference: what the
    browser review of issue #20 was done on.
    """
    assert demo_run.ok, demo_run.output
    settings: Settings = demo_run.settings
    return settings


@pytest.fixture(scope="session")
def demo_site(demo_settings: Settings) -> Iterator[str]:
    """The demo data (`demo_settings`) served by `achyk serve`."""
    with serving(demo_settings) as url:
        yield url
