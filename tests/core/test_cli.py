"""The `achyk` console script, run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from core.settings import Settings
from indices.context import AppContext
from server.app import create_app

ACHYK = [sys.executable, "-m", "cli"]


def achyk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [*ACHYK, "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_ingest_search_status_reprocess(tmp_path: Path, sample_dir: Path) -> None:
    src = tmp_path / "upload"
    (src / "nested").mkdir(parents=True)
    shutil.copy(sample_dir / "protocol.png", src / "nested" / "protocol.png")
    shutil.copy(sample_dir / "law.docx", src / "law.docx")
    (src / "broken.pdf").write_bytes(b"%PDF-1.7\n% cut off")
    data = tmp_path / "data"

    r = achyk(data, "ingest", str(src), "--collection", "archive")
    assert r.returncode == 1, r.stderr
    assert "Файлов: 3  загружено: 2  дубликатов: 0  с ошибкой: 1" in r.stdout
    assert "broken.pdf" in r.stdout and "corrupt_file" in r.stdout

    again = achyk(data, "ingest", str(src / "law.docx"), "--collection", "archive")
    assert again.returncode == 0 and "дубликатов: 1" in again.stdout

    found = achyk(data, "search", "трибуналом", "--json")
    assert found.returncode == 0, found.stderr
    body = json.loads(found.stdout)
    assert body["total"] == 1 and body["hits"][0]["title"] == "protocol.png"
    ctx = AppContext.create(Settings(data_dir=data))
    with TestClient(create_app(ctx)) as client:
        assert client.get("/api/v1/search", params={"q": "трибуналом"}).json() == body
    ctx.close()

    status = achyk(data, "status")
    assert "опубликован" in status.stdout and "broken.pdf" in status.stdout

    re = achyk(data, "reprocess", "--failed")
    assert re.returncode == 1 and "с ошибкой: 1" in re.stdout


def test_bad_query_and_missing_path_are_clear_errors(tmp_path: Path) -> None:
    r = achyk(tmp_path / "d", "search", '"незакрытая')
    assert r.returncode == 2 and "Незакрытая кавычка" in r.stderr
    r = achyk(tmp_path / "d", "ingest", str(tmp_path / "nope"), "--collection", "x")
    assert r.returncode == 2 and "Нет такого файла" in r.stderr


def test_data_dir_from_environment(tmp_path: Path, sample_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ACHYK_DATABASE_URL"}
    env["ACHYK_DATA_DIR"] = str(tmp_path / "envdata")
    r = subprocess.run(
        [*ACHYK, "ingest", str(sample_dir / "note.txt"), "-c", "x"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "envdata" / "achyk.sqlite3").exists()
