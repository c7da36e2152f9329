"""Item by item of the API hardening: uploads are refused before their body is read and
counted as they arrive (a real chunked request to a real server), security headers on
every answer, private page images never cached, 409s that name only what the caller may
know, and search engine errors that fail closed (503)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import update

from core.auth import Role, create_key
from core.models import Collection
from core.settings import Settings
from indices.context import AppContext
from server.app import create_app
from tests.court_samples import ingest_decisions

COURT_A = "Ленинский районный суд г. Бишкек"
COURT_B = "Ошский городской суд"
TEMPLATES = Path(__file__).resolve().parents[2] / "ui" / "templates"


def _app_ctx(settings: Settings) -> Iterator[tuple[AppContext, dict[str, str]]]:
    ctx = AppContext.create(settings.model_copy(update={"max_upload_mb": 1, "zip_max_total_mb": 1}))
    keys = {
        r.value: create_key(
            ctx,
            r,
            court=COURT_A if r is Role.CLERK else None,
            agency="Министерство юстиции" if r is Role.DEVELOPER else None,
        ).key
        for r in Role
    }
    keys["clerk_b"] = create_key(ctx, Role.CLERK, court=COURT_B).key
    yield ctx, keys
    ctx.close()


@pytest.fixture
def app_ctx(settings: Settings) -> Iterator[tuple[AppContext, dict[str, str]]]:
    """A context of its own, for the tests that write (uploads, duplicates)."""
    yield from _app_ctx(settings)


@pytest.fixture(scope="module")
def read_app_ctx(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[AppContext, dict[str, str]]]:
    """One context for the module's tests that only read or are refused (nothing stored):
    a context and seven keys per test cost about a second each."""
    yield from _app_ctx(Settings(data_dir=tmp_path_factory.mktemp("hardening") / "data", workers=2))


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


# -- item 7: uploads ----------------------------------------------------------------


def _call(app: Any, method: str, path: str, headers: dict[str, str]) -> tuple[int, int]:
    """Drive the ASGI app directly; returns (status, times the body was asked for)."""
    asked = 0
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal asked
        asked += 1  # 64 KiB in all, so a route that reads the body comes to its end
        return {"type": "http.request", "body": b"x" * 1024, "more_body": asked < 64}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "scheme": "http",
        "http_version": "1.1",
        "client": ("203.0.113.9", 5000),
        "server": ("testserver", 80),
        "headers": [
            (k.lower().encode(), v.encode())
            for k, v in {
                "content-type": "multipart/form-data; boundary=xyz",
                "transfer-encoding": "chunked",
                **headers,
            }.items()
        ],
    }
    asyncio.run(app(scope, receive, send))
    return status, asked


@pytest.mark.parametrize(
    ("path", "who", "status"),
    [
        ("/api/v1/batches", None, 401),
        ("/api/v1/batches", "bad", 401),
        ("/api/v1/batches", "reader", 403),
        ("/api/v1/batches", "clerk", 403),
        ("/api/v1/decisions", None, 401),
        ("/api/v1/decisions", "archivist", 403),
        ("/api/v1/decisions/1", "researcher", 403),
        ("/api/v1/persons/import", None, 401),
        ("/api/v1/persons/import", "reader", 403),
        ("/api/v1/persons/import", "clerk", 403),
        ("/api/v1/persons/merge", None, 401),
        ("/api/v1/persons/merge", "researcher", 403),
        ("/api/v1/persons/1", None, 401),
    ],
)
def test_upload_body_is_not_read_before_the_caller_is_checked(
    read_app_ctx: tuple[AppContext, dict[str, str]], path: str, who: str | None, status: int
) -> None:
    ctx, keys = read_app_ctx
    headers = {} if who is None else bearer(keys.get(who, "achyk_not-a-key"))
    method = (
        "PATCH"
        if path.startswith("/api/v1/persons/1")
        else "PUT"
        if path.endswith("/1")
        else "POST"
    )
    got, asked = _call(create_app(ctx), method, path, headers)
    assert (got, asked) == (status, 0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(app_ctx: tuple[AppContext, dict[str, str]]) -> Iterator[tuple[str, dict[str, str]]]:
    """The app behind a real uvicorn (real HTTP/1.1, real chunked transfer encoding)."""
    ctx, keys = app_ctx
    port = _free_port()
    srv = uvicorn.Server(
        uvicorn.Config(
            create_app(ctx), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
        )
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", keys
    finally:
        srv.should_exit = True
        thread.join(30)


def _multipart_chunks(size: int) -> Iterator[bytes]:
    meta = json.dumps(
        {"court": COURT_A, "case_number": "1-1/24", "decision_date": "2024-01-10"},
        ensure_ascii=False,
    )
    yield (
        b'--xyz\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n'
        + meta.encode()
        + b"\r\n--xyz\r\n"
        b'Content-Disposition: form-data; name="file"; filename="d.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n"
    )
    sent = 0
    while sent < size:
        yield "Решение суда. ".encode() * 4096
        sent += len("Решение суда. ".encode()) * 4096
    yield b"\r\n--xyz--\r\n"


def test_chunked_upload_over_the_limit_is_a_413(server: tuple[str, dict[str, str]]) -> None:
    url, keys = server
    r = httpx.post(
        f"{url}/api/v1/decisions",
        content=_multipart_chunks(3 << 20),
        headers={**bearer(keys["clerk"]), "Content-Type": "multipart/form-data; boundary=xyz"},
        timeout=60,
    )
    assert r.request.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in r.request.headers
    assert r.status_code == 413, r.text
    assert "МиБ" in r.json()["detail"]


def test_chunked_batch_over_the_limit_is_a_413(server: tuple[str, dict[str, str]]) -> None:
    """A batch had no check of its total but the declared length: chunked, it was taken
    whole (and spooled to disk) whatever its size."""
    url, keys = server

    def body() -> Iterator[bytes]:
        yield (
            b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n"
        )
        for _ in range(48):  # 3 MiB against a limit of 2 (ZIP total 1 + one file 1)
            yield b"x" * (64 << 10)
        yield b"\r\n--xyz--\r\n"

    r = httpx.post(
        f"{url}/api/v1/batches",
        content=body(),
        headers={**bearer(keys["archivist"]), "Content-Type": "multipart/form-data; boundary=xyz"},
        timeout=60,
    )
    assert r.request.headers.get("transfer-encoding") == "chunked"
    assert r.status_code == 413, r.text


def test_chunked_persons_import_over_the_limit_is_a_413(server: tuple[str, dict[str, str]]) -> None:
    """The persons CSV import read its 20 MB only after the whole multipart body had been
    spooled, whatever its size: now it is counted as it arrives too."""
    url, keys = server

    def body() -> Iterator[bytes]:
        yield (
            b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="l.csv"\r\n'
            b"Content-Type: text/csv\r\n\r\nkey,surname\r\n"
        )
        for _ in range(23 * 16):  # 23 MiB against a limit of 21
            yield b"k,\xd0\x98\xd1\x81\xd0\xb0\xd0\xba\xd0\xbe\xd0\xb2\r\n" * 4096
        yield b"\r\n--xyz--\r\n"

    r = httpx.post(
        f"{url}/api/v1/persons/import",
        content=body(),
        headers={**bearer(keys["archivist"]), "Content-Type": "multipart/form-data; boundary=xyz"},
        timeout=60,
    )
    assert r.request.headers.get("transfer-encoding") == "chunked"
    assert r.status_code == 413, r.text
    # the guard's answer, while receiving, not the route's after the body was spooled
    assert r.json()["detail"] == "Запрос больше 21 МиБ"


def test_chunked_upload_under_the_limit_is_accepted(server: tuple[str, dict[str, str]]) -> None:
    url, keys = server
    r = httpx.post(
        f"{url}/api/v1/decisions",
        content=_multipart_chunks(100_000),
        headers={**bearer(keys["clerk"]), "Content-Type": "multipart/form-data; boundary=xyz"},
        timeout=60,
    )
    assert r.status_code == 201, r.text


def test_chunked_anonymous_upload_is_a_401(server: tuple[str, dict[str, str]]) -> None:
    url, _ = server
    r = httpx.post(
        f"{url}/api/v1/batches",
        content=_multipart_chunks(3 << 20),
        headers={"Content-Type": "multipart/form-data; boundary=xyz"},
        timeout=60,
    )
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


# -- item 9: 409 names only what the caller may know ----------------------------------


def _post_decision(c: TestClient, key: str, court: str, case: str, body: bytes) -> Any:
    meta = {"court": court, "case_number": case, "decision_date": "2024-01-10"}
    return c.post(
        "/api/v1/decisions",
        headers=bearer(key),
        files={"file": ("d.txt", body, "text/plain")},
        data={"metadata": json.dumps(meta, ensure_ascii=False)},
    )


def test_duplicate_file_409_hides_another_courts_document(
    app_ctx: tuple[AppContext, dict[str, str]],
) -> None:
    ctx, keys = app_ctx
    body = "Решение по делу о взыскании долга, суд решил иск удовлетворить.".encode()
    with TestClient(create_app(ctx)) as c:
        first = _post_decision(c, keys["clerk"], COURT_A, "2-1/24", body)
        assert first.status_code == 201, first.text
        doc_id = first.json()["versions"][0]["document_id"]
        other = _post_decision(c, keys["clerk_b"], COURT_B, "2-9/24", body)
        assert other.status_code == 409
        assert "existing_id" not in other.json()
        assert str(doc_id) not in other.json()["detail"]
        same = _post_decision(c, keys["clerk"], COURT_A, "2-2/24", body)
        assert same.status_code == 409
        assert same.json()["existing_id"] == doc_id
        again = _post_decision(c, keys["clerk"], COURT_A, "2-1/24", b"another text")
        assert again.status_code == 409 and again.json()["existing_id"] == first.json()["id"]


# -- item 9: security headers and CSP -------------------------------------------------


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/", {}),
        ("/practice", {}),
        ("/upload", {}),
        ("/documents/999", {}),
        ("/api/v1/search?q=суд", {}),
        ("/api/v1/documents/999", {}),
        ("/api/v1/audit", {}),
        ("/api/v1/search?q=%22x", {}),
        ("/static/style.css", {}),
        ("/api/v1/openapi.json", {}),
    ],
)
def test_security_headers_on_every_response(
    read_app_ctx: tuple[AppContext, dict[str, str]], path: str, headers: dict[str, str]
) -> None:
    with TestClient(create_app(read_app_ctx[0])) as c:
        r = c.get(path, headers=headers)
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_templates_have_no_inline_script_or_style() -> None:
    """What the CSP forbids must not be in the UI: it would silently stop working."""
    for t in TEMPLATES.glob("*.html"):
        html = t.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), t.name
        assert "<style" not in html and not re.search(r"\sstyle=", html), t.name
        assert not re.search(r"\son[a-z]+=", html), t.name


def test_api_docs_inline_script_is_allowed_by_its_hash(
    read_app_ctx: tuple[AppContext, dict[str, str]],
) -> None:
    with TestClient(create_app(read_app_ctx[0])) as c:
        r = c.get("/api/v1/docs")
    scripts = re.findall(r"<script>(.*?)</script>", r.text, flags=re.S)
    assert scripts
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in r.headers["content-security-policy"]
    assert "unsafe-inline" not in r.headers["content-security-policy"]


# -- item 9: page images of restricted documents are never cached ---------------------


def test_page_image_cache_control(sample_dir: Path, settings: Settings) -> None:
    import io

    from rich.console import Console
    from rich.progress import Progress

    from cli.actions import ingest_files

    ctx = AppContext.create(settings)
    try:
        console = Console(file=io.StringIO())
        src = settings.data_dir.parent / "scan"
        src.mkdir()
        (src / "protocol.png").write_bytes((sample_dir / "protocol.png").read_bytes())
        assert ingest_files(
            ctx,
            [src],
            "secret",
            kind="archive",
            progress=lambda: Progress(console=console),
            out=console,
        )
        researcher = create_key(ctx, Role.RESEARCHER).key
        with TestClient(create_app(ctx)) as c:
            hit = c.get("/api/v1/search", params={"q": "трибунала"}).json()["hits"][0]
            url = f"{hit['url']}/pages/1/image"
            public = c.get(url)
            assert public.status_code == 200
            assert public.headers["cache-control"] == "public, max-age=3600"
            with ctx.db.session() as s:
                s.execute(
                    update(Collection)
                    .where(Collection.name == "secret")
                    .values(access="restricted")
                )
            assert c.get(url).status_code == 404
            private = c.get(url, headers=bearer(researcher))
            assert private.status_code == 200
            assert private.headers["cache-control"] == "private, no-store"
            # an unpublished (withdrawn, anonymized but not yet indexed) page image is not
            # served at all, to anyone: nothing to cache
            from core.models import Document

            for state in ("withdrawn", "anonymized"):
                with ctx.db.session() as s:
                    s.execute(update(Document).where(Document.id == hit["id"]).values(state=state))
                for who in ({}, bearer(researcher), bearer(create_key(ctx, Role.ADMIN).key)):
                    r = c.get(url, headers=who)
                    assert r.status_code == 404, (state, r.status_code)
                    assert "public" not in r.headers.get("cache-control", "")
    finally:
        ctx.close()


# -- item 9: a search engine error fails closed ---------------------------------------


@pytest.mark.opensearch
def test_engine_error_is_a_503_never_unfiltered_data(
    tmp_path: Path, search_node_url: str, search_node_prefix: str
) -> None:
    """Real OpenSearch whose indexes vanish under the app: every read that needs the
    engine answers 503 with Retry-After, none answers with data."""
    from opensearchpy import OpenSearch

    prefix = f"{search_node_prefix}-gone"
    ctx = AppContext.create(
        Settings(
            data_dir=tmp_path / "data", workers=2, search_url=search_node_url, index_prefix=prefix
        )
    )
    try:
        ids = ingest_decisions(ctx, tmp_path)
        with TestClient(create_app(ctx)) as c:
            assert c.get("/api/v1/practice", params={"norm": "uk-kr-2021/168"}).json()["total"]
            client = OpenSearch(hosts=[search_node_url])
            client.indices.delete(index=f"{prefix}-*")
            client.close()
            doc = ids["p1"]
            for path, params in [
                ("/api/v1/search", {"q": "телефон"}),
                ("/api/v1/search", {"q": "", "facets": "true"}),
                ("/api/v1/practice", {"norm": "uk-kr-2021/168"}),
                (f"/api/v1/documents/{doc}/similar", {}),
                ("/api/v1/norms/suggest", {"q": "uk-kr-2021/"}),
                ("/", {"q": "телефон"}),
                ("/practice", {"norm": "uk-kr-2021/168"}),
            ]:
                r = c.get(path, params=params)
                assert r.status_code == 503, (path, r.status_code, r.text[:300])
                assert r.headers["retry-after"]
                assert "телефон" not in r.text.lower()
            page = c.get(f"/documents/{doc}")  # the document itself is still readable
            assert page.status_code == 200
    finally:
        ctx.close()
