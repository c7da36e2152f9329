"""`achyk keys`, `achyk audit` and `achyk ingest --manifest`, run as an operator runs them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from core.auth import LOCAL_ADMIN, authenticate
from core.settings import Settings
from indices.context import AppContext
from service.search import SearchParams, get_document, search


def achyk(
    data: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )


def test_keys_create_list_revoke_and_audit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    bad = achyk(data, "keys", "create", "--role", "clerk")
    assert bad.returncode == 2 and "--court" in bad.stderr
    r = achyk(
        data,
        "keys",
        "create",
        "--role",
        "clerk",
        "--court",
        "Ошский городской суд",
        "--label",
        "канцелярия",
    )
    assert r.returncode == 0, r.stderr
    key = r.stdout.strip().splitlines()[-1]
    assert key.startswith("achyk_") and " " not in key and len(key) > 40
    ctx = AppContext.create(Settings(data_dir=data))
    caller = authenticate(ctx, key)
    assert (caller.role, caller.court) == ("clerk", "Ошский городской суд")
    ctx.close()
    listed = achyk(data, "keys", "list")
    assert caller.prefix in listed.stdout and key not in listed.stdout
    assert achyk(data, "keys", "revoke", caller.prefix).returncode == 0
    audit = achyk(data, "audit")
    assert "key.create" in audit.stdout and "key.revoke" in audit.stdout
    assert "local:" in audit.stdout


def test_ingest_with_a_manifest(tmp_path: Path, sample_dir: Path) -> None:
    src = tmp_path / "box"
    src.mkdir()
    (src / "a.txt").write_text("Справка о реабилитации.", encoding="utf-8")
    with zipfile.ZipFile(src / "scans.zip", "w") as zf:
        zf.write(sample_dir / "note.txt", "1937/note.txt")
        zf.writestr("../escape.txt", "x")
    manifest = src / "manifest.csv"
    manifest.write_text(
        "\ufeffфайл;коллекция;название;дата;фонд;опись;дело;лист;доступ\n"
        "a.txt;fond-1;Справка;1956;1;1;7;3;restricted\n"
        "gone.txt;fond-1;;1956;;;;;\n",
        encoding="utf-8",
    )
    one = {"ACHYK_WORKERS": "1"}  # no process pool to start: these files are small
    r = achyk(tmp_path / "data", "ingest", "--manifest", str(manifest), env=one)
    assert r.returncode == 1, r.stderr  # one row names a file that is not there
    assert "Пакет №1" in r.stdout and "загружено: 1" in r.stdout
    assert "missing_file" in r.stdout and "gone.txt" in r.stdout
    assert "Обработка" in r.stderr  # the live progress bar

    zipped = achyk(tmp_path / "data", "ingest", str(src / "scans.zip"), "-c", "misc", env=one)
    assert zipped.returncode == 1
    assert "загружено: 1" in zipped.stdout and "unsafe_path" in zipped.stdout
    ctx = AppContext.create(Settings(data_dir=tmp_path / "data"))
    assert search(ctx, SearchParams(q="реабилитации")).total == 0  # restricted
    [hit] = search(ctx, SearchParams(q="реабилитации"), LOCAL_ADMIN).hits
    assert get_document(ctx, hit.id, LOCAL_ADMIN).title == "Справка"
    ctx.close()


def test_worker_needs_a_broker(tmp_path: Path) -> None:
    r = achyk(tmp_path / "data", "worker")
    assert r.returncode == 2 and "ACHYK_BROKER_URL" in r.stderr
