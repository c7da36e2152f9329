"""Issue #18, item 8: the reading room may be offline, so every asset comes from the
application (no CDN), kept an hour by the browser and sent compressed."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from core.settings import Settings
from indices.context import AppContext
from server.app import GZIP_MIN_BYTES, create_app

STATIC = Path(__file__).parents[2] / "ui" / "static"
ASSETS = sorted(p.name for p in STATIC.iterdir() if p.is_file())
# The reading room's pages, as an anonymous reader or an archivist opens them.
PAGES = [
    "/",
    "/?q=суд",
    "/practice",
    "/practice?norm=ч. 2 ст. 168 УК КР",
    "/compare",
    "/upload",
    "/persons",
    "/persons?lang=ky",
    "/persons/review",
    "/no-such-page",
    "/api/v1/docs",  # Swagger UI, vendored in ui/static/swagger/
]
# An address to another host. Namespace names (xmlns="http://www.w3.org/2000/svg") are
# identifiers a browser never fetches, so they are not references.
EXTERNAL = re.compile(
    r"""(?:https?:)?//(?!www\.w3\.org/(?:2000|1999)/)[\w.-]+\.[a-z]{2,}[^\s"'<>)]*"""
)


@pytest.fixture(scope="module")
def app_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One empty reading room for the module (an app per test cost ~0.5 s each): every
    test here only reads (GET)."""
    data = tmp_path_factory.mktemp("assets") / "data"
    ctx = AppContext.create(Settings(data_dir=data, workers=2))
    try:
        with TestClient(create_app(ctx)) as c:
            yield c
    finally:
        ctx.close()


@pytest.fixture
def client(app_client: TestClient) -> TestClient:
    """The module's client, without cookies an earlier test was given."""
    app_client.cookies.clear()
    return app_client


def external_urls(text: str) -> list[str]:
    return EXTERNAL.findall(text)


def test_the_pattern_finds_a_cdn_and_spares_namespaces() -> None:
    assert external_urls('<script src="https://cdn.jsdelivr.net/npm/x.js"></script>') == [
        "https://cdn.jsdelivr.net/npm/x.js"
    ]
    assert external_urls("@import url(//fonts.googleapis.com/css?family=X);") == [
        "//fonts.googleapis.com/css?family=X"
    ]
    assert external_urls('<svg xmlns="http://www.w3.org/2000/svg"><a href="/persons">') == []


@pytest.mark.parametrize("path", PAGES)
def test_pages_reference_no_other_host(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.headers["content-type"].startswith("text/html")
    assert external_urls(r.text) == []
    assets = re.findall(r'(?:src|href)="(/static/[^"?#]+)"', r.text)
    assert assets, "every page loads the style sheet"
    for a in assets:
        assert client.get(a).status_code == 200, a


@pytest.mark.parametrize("name", [a for a in ASSETS if a.endswith((".css", ".js", ".svg"))])
def test_assets_reference_no_other_host(client: TestClient, name: str) -> None:
    assert external_urls(client.get(f"/static/{name}").text) == []


@pytest.mark.parametrize("name", ASSETS)
def test_static_assets_are_cached_an_hour(client: TestClient, name: str) -> None:
    r = client.get(f"/static/{name}")
    assert r.status_code == 200
    assert r.headers["cache-control"] == "public, max-age=3600"
    # a revalidation (304) says the same, so the hour starts again
    again = client.get(f"/static/{name}", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304
    assert again.headers["cache-control"] == "public, max-age=3600"


@pytest.mark.parametrize("name", ["swagger-ui-bundle.js", "swagger-ui.css"])
def test_swagger_ui_is_served_cached_and_gzipped(client: TestClient, name: str) -> None:
    r = client.get(f"/static/swagger/{name}", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers["cache-control"] == "public, max-age=3600"
    assert r.headers["content-encoding"] == "gzip"


def test_favicon_is_cached_an_hour(client: TestClient) -> None:
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["cache-control"] == "public, max-age=3600"


def test_pages_are_not_cached_as_assets(client: TestClient) -> None:
    """Search results change with every upload: a page must not be kept an hour."""
    assert "max-age=3600" not in client.get("/").headers.get("cache-control", "")


@pytest.mark.parametrize("path", ["/static/style.css", "/static/upload.js", "/", "/persons"])
def test_text_is_sent_gzipped_to_a_client_that_accepts_it(client: TestClient, path: str) -> None:
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert len(plain.content) > GZIP_MIN_BYTES
    # httpx would unpack it: read the bytes as they came over the wire
    with client.stream("GET", path, headers={"Accept-Encoding": "gzip"}) as r:
        wire = b"".join(r.iter_raw())
        assert r.headers["content-encoding"] == "gzip"
        assert "Accept-Encoding" in r.headers["vary"]
    assert len(wire) < len(plain.content)
    assert gzip.decompress(wire) == plain.content


def test_a_small_answer_is_not_compressed(client: TestClient) -> None:
    small = STATIC / "favicon.svg"
    assert small.stat().st_size < GZIP_MIN_BYTES
    r = client.get("/static/favicon.svg", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in r.headers
    assert r.content == small.read_bytes()
