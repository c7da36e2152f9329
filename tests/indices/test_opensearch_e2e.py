"""The distributed setup as a user drives it: `achyk --search-url URL ingest`, `search`,
`reindex`, and the API's health, on a real OpenSearch node with real OCR.

The same records are then reindexed into the embedded index (`reindex` without
--search-url) and must answer the same query with the same JSON, scores aside.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch

from core.settings import Settings
from indices.context import AppContext
from indices.opensearch_indices import mapping_version
from server.app import create_app

pytestmark = pytest.mark.opensearch


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def _unscored(body: dict[str, Any]) -> dict[str, Any]:
    hits = sorted(
        ({k: v for k, v in h.items() if k != "score"} for h in body["hits"]), key=lambda h: h["id"]
    )
    return {**body, "hits": hits}


def test_ingest_search_reindex_and_health(
    tmp_path: Path, sample_dir: Path, opensearch_url: str, opensearch_prefix: str
) -> None:
    prefix = f"{opensearch_prefix}-e2e"
    data = tmp_path / "data"
    src = tmp_path / "upload"
    src.mkdir()
    for name in ("protocol.png", "law.docx", "ky.txt"):
        shutil.copy(sample_dir / name, src / name)
    env = {**os.environ, "ACHYK_INDEX_PREFIX": prefix, "ACHYK_WORKERS": "2", "COLUMNS": "200"}
    remote = ["--search-url", opensearch_url, "--data-dir", str(data)]

    r = _run(env, *remote, "ingest", *(str(p) for p in sorted(src.iterdir())), "-c", "archive")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "загружено: 3" in r.stdout

    found = _run(env, *remote, "search", "трибуналом", "--json")
    assert found.returncode == 0, found.stderr
    body = json.loads(found.stdout)
    assert body["total"] == 1 and body["hits"][0]["title"] == "protocol.png"
    assert any("<mark>трибунала</mark>" in s for s in body["hits"][0]["snippets"])
    assert body["hits"][0]["pages"][0]["number"] == 1
    ky = json.loads(_run(env, *remote, "search", "өкүм", "--json").stdout)
    assert ky["total"] == 1 and ky["hits"][0]["format"] == "txt"

    # the same records, reindexed into the embedded index, answer alike
    local = _run(env, "--data-dir", str(data), "reindex")
    assert local.returncode == 0, local.stdout + local.stderr
    assert "Проиндексировано документов: 3" in local.stdout
    for q in ("трибуналом", "суд OR архив*", "", '"военного трибунала"', "трибунла~"):
        a = json.loads(_run(env, *remote, "search", q, "--json").stdout)
        b = json.loads(_run(env, "--data-dir", str(data), "search", q, "--json").stdout)
        assert _unscored(a) == _unscored(b), q

    # reindex on OpenSearch: the next generation behind the alias, the old one gone
    again = _run(env, *remote, "reindex")
    assert again.returncode == 0, again.stdout + again.stderr
    client = OpenSearch(hosts=[opensearch_url])
    # the persons registry's index (filled when ingest proposes records) and the drafts
    # index (rebuilt by reindex, docs/drafts.md) have no generations
    generations = [
        i
        for i in client.indices.get_alias(index=f"{prefix}-*")
        if i not in (f"{prefix}-persons", f"{prefix}-drafts")
    ]
    assert sorted(generations) == [
        f"{prefix}-documents-v{mapping_version('documents')}-2",
        f"{prefix}-pages-v{mapping_version('pages')}-2",
    ]
    client.close()
    assert _unscored(
        json.loads(_run(env, *remote, "search", "трибуналом", "--json").stdout)
    ) == _unscored(body)

    ctx = AppContext.create(Settings(data_dir=data, search_url=opensearch_url, index_prefix=prefix))
    try:
        with TestClient(create_app(ctx)) as api:
            health = api.get("/api/v1/health").json()
            assert (health["search"], health["documents"]) == ("opensearch", 3)
            got = api.get("/api/v1/search", params={"q": "трибуналом"}).json()
            assert _unscored(got) == _unscored(body)
    finally:
        ctx.close()


def test_an_unreachable_search_url_fails_the_index_stage_clearly(
    tmp_path: Path, sample_dir: Path
) -> None:
    # no waiting out the pipeline's retries of an unavailable engine
    env = {**os.environ, "COLUMNS": "200", "ACHYK_TASK_RETRIES": "0", "ACHYK_RETRY_BACKOFF": "0.01"}
    r = _run(
        env,
        "--search-url",
        "http://127.0.0.1:9",
        "--data-dir",
        str(tmp_path / "d"),
        "ingest",
        str(sample_dir / "ky.txt"),
        "-c",
        "archive",
    )
    assert r.returncode == 1
    assert "index" in r.stdout and "Поисковый индекс недоступен" in r.stdout
