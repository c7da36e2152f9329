"""`achyk backup` / `achyk restore` as an operator runs them: exit codes and messages.

Two data dirs are restored into, so each needs a database of its own: these runs use the
embedded SQLite even in the suite's PostgreSQL pass; the PostgreSQL dump and restore are
tested in tests/service/test_backup.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ACHYK = [sys.executable, "-m", "cli"]


def achyk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ACHYK_DATABASE_URL"}
    env.update({"COLUMNS": "200", "ACHYK_WORKERS": "1"})
    return subprocess.run(
        [*ACHYK, "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_backup_verify_restore_commands(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Протокол заседания военного трибунала", encoding="utf-8")
    (src / "b.txt").write_text("Решение районного суда о взыскании долга", encoding="utf-8")
    data, copy = tmp_path / "data", tmp_path / "backup"
    assert achyk(data, "ingest", str(src), "-c", "archive", "--kind", "archive").returncode == 0

    made = achyk(data, "backup", str(copy))
    assert made.returncode == 0, made.stderr
    assert "документов 2 (опубликовано 2), файлов 2" in made.stdout
    assert "Копирование файлов" in made.stderr  # progress goes to stderr
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["database"]["kind"] == "sqlite" and manifest["index"]["method"] == "rebuild"

    checked = achyk(data, "restore", str(copy), "--verify-only")
    assert checked.returncode == 0 and "Копия цела: 3 файлов" in checked.stdout

    refused = achyk(data, "restore", str(copy))
    assert refused.returncode == 1 and "--force" in refused.stderr

    other = tmp_path / "other"
    restored = achyk(other, "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    assert "документов 2 (опубликовано 2, в индексе 2)" in restored.stdout
    found = achyk(other, "search", "трибунал", "--json")
    assert found.returncode == 0 and json.loads(found.stdout)["total"] == 1

    db = copy / manifest["database"]["file"]
    db.write_bytes(db.read_bytes()[:-100])
    broken = achyk(tmp_path / "third", "restore", str(copy))
    assert broken.returncode == 1
    assert "повреждена" in broken.stderr and manifest["database"]["file"] in broken.stderr
    assert not (tmp_path / "third").exists()

    again = achyk(data, "backup", str(copy))
    assert again.returncode == 1 and "не пуста" in again.stderr
