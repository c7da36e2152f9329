"""A wrong address shows a Russian page, not the framework's English JSON (issue #20).

Before: /nonexistent answered `{"detail":"Not Found"}`, /documents/abc a 422 JSON list
(«Input should be a valid integer…»), a crash the plain text «Internal Server Error».
The API under /api/ keeps its JSON answers for programs.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, expect

from core.settings import Settings
from indices.context import AppContext
from server.app import create_app
from tests.ui.conftest import serving

pytestmark = pytest.mark.browser

ENGLISH = re.compile(r"[A-Za-z]{3,}")  # «Not Found», «Input should be…», «Internal Server Error»


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("errors") / "data")
    AppContext.create(settings).close()
    with serving(settings) as url:
        yield url


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/nonexistent", 404, "Такой страницы нет"),
        ("/static/nope.css", 404, "Такой страницы нет"),
        ("/documents/abc", 422, "Ошибка в адресе страницы"),
        ("/documents/0", 422, "Ошибка в адресе страницы"),
        ("/decisions/abc", 422, "Ошибка в адресе страницы"),
        ("/persons/abc", 422, "Ошибка в адресе страницы"),
        ("/documents/999999", 404, "Документ №999999 не найден"),
    ],
)
def test_a_wrong_address_is_a_russian_page(
    site: str, browser: Browser, path: str, status: int, says: str
) -> None:
    page = browser.new_page()
    response = page.goto(site + path)
    assert response is not None and response.status == status
    assert response.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(says)
    assert not ENGLISH.search(alert.inner_text()), alert.inner_text()
    expect(page.get_by_role("link", name="К поиску")).to_be_visible()


def test_a_wrong_method_is_a_russian_page(site: str) -> None:
    r = httpx.post(site + "/")
    assert r.status_code == 405 and r.headers["content-type"].startswith("text/html")
    assert "Эту страницу нельзя открыть таким запросом" in r.text
    assert "Method Not Allowed" not in r.text


def test_the_api_keeps_its_json(site: str) -> None:
    r = httpx.get(site + "/api/v1/documents/abc")
    assert r.status_code == 422 and r.headers["content-type"] == "application/json"
    assert r.json()["detail"][0]["loc"] == ["path", "doc_id"]
    assert httpx.get(site + "/api/v1/nope").json() == {"detail": "Not Found"}


def test_a_crash_is_a_russian_page(tmp_path: Path) -> None:
    """A bug in a page handler: the person sees a Russian page, a program the usual 500."""
    ctx = AppContext.create(Settings(data_dir=tmp_path / "data"))
    app = create_app(ctx)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug that escaped")

    @app.get("/api/v1/boom")
    def api_boom() -> None:
        raise RuntimeError("a bug that escaped")

    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            r = client.get("/boom")
            assert r.status_code == 500 and r.headers["content-type"].startswith("text/html")
            assert "Внутренняя ошибка сервера" in r.text
            assert "Internal Server Error" not in r.text and "RuntimeError" not in r.text
            api = client.get("/api/v1/boom")
            assert api.status_code == 500 and api.text == "Internal Server Error"
            for answer in (r, api):  # made outside the middleware: headers added all the same
                assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
                assert answer.headers["x-content-type-options"] == "nosniff"
    finally:
        ctx.close()


def test_a_search_engine_outage_is_a_russian_page(tmp_path: Path) -> None:
    """OpenSearch down (nothing listens on its port): the search page says so on a page
    with Retry-After, as the API does in JSON — not the raw JSON body."""
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ctx = AppContext.create(
        Settings(
            data_dir=tmp_path / "data", index_prefix="outage", search_url=f"http://127.0.0.1:{port}"
        )
    )
    try:
        with TestClient(create_app(ctx), raise_server_exceptions=False) as client:
            for path in ("/?q=суд", "/practice?norm=ст. 168 УК КР"):
                r = client.get(path)
                assert r.status_code == 503 and r.headers["retry-after"] == "5", path
                assert r.headers["content-type"].startswith("text/html"), path
                assert "Поиск временно недоступен" in r.text and '{"detail"' not in r.text
            api = client.get("/api/v1/search", params={"q": "суд"})
            assert api.status_code == 503 and api.json()["detail"].startswith("Поиск")
    finally:
        ctx.close()
