"""`achyk eval persons`, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/persons-dev.jsonl"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "core.cli", "eval", "persons", *args],
                          capture_output=True, text=True, timeout=300, check=False,
                          env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})


def test_eval_persons_json_and_table() -> None:
    r = _run(str(DEV), "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["sources"] == 92 and report["queries"] == 120
    assert set(report["search"]["by_variant"]) >= {"latin", "yanalif", "uulu", "ocr", "all"}
    table = _run(str(DEV))
    assert table.returncode == 0 and "recall@10" in table.stdout and "всего" in table.stdout


def test_eval_persons_missing_file(tmp_path: Path) -> None:
    r = _run(str(tmp_path / "none.jsonl"))
    assert r.returncode == 2
    assert "none.jsonl" in r.stdout + r.stderr
