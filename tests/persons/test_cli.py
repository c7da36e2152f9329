"""`achyk eval persons`, run as a user runs it."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from core.db import Database
from core.models import Person
from core.settings import Settings
from persons.index import PersonFilters, TantivyPersons

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/persons-dev.jsonl"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", "eval", "persons", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )


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


def _database_env() -> dict[str, str]:
    """The PostgreSQL run's database for this test (tests/conftest.py), if there is one."""
    url = os.environ.get("ACHYK_DATABASE_URL")
    return {"ACHYK_DATABASE_URL": url} if url else {}


def test_persons_reindex_loads_every_live_record(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = Database(Settings(data_dir=data).sqlalchemy_url)
    with db.session() as s:
        s.add(Person(surname="Исаков", given="Шабдан", state="published", surname_key="исаков"))
        # written under the old rules: a stale merge key and no norm ids for its article
        gone = Person(
            surname="Ƶumabaev",
            given="Asan",
            state="published",
            surname_key="ƶумабаев",
            charge=["67"],
            sentence_date=dt.date(1970, 1, 1),
        )
        s.add(gone)
        s.flush()
        gone = Person(surname="Ысаков", given="Шабдан", state="published")
        s.add(gone)
        s.flush()
        s.add(Person(surname="Исаков", given="Шабдан", state="published", merged_into_id=gone.id))
    db.dispose()
    r = subprocess.run(
        [sys.executable, "-m", "cli", "--data-dir", str(data), "persons-reindex"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", **_database_env()},
    )
    assert r.returncode == 0, r.stderr
    assert "записей реестра: 3" in r.stdout
    index = TantivyPersons(Settings(data_dir=data).index_dir / "persons")
    hits = index.search("Ysakov Shabdan", PersonFilters()).hits
    assert [i for i, _ in hits] == [3, 1]
    db = Database(Settings(data_dir=data).sqlalchemy_url)
    with db.session() as s:
        p = s.get_one(Person, 2)
        assert (p.surname_key, p.norm_ids) == ("жумабаев", ["uk-kirssr-1960/67"])
    db.dispose()
