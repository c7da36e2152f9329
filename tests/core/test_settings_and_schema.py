"""Settings are documented; the Alembic migrations build exactly the models' schema."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from core.db import alembic_config, upgrade
from core.models import Base
from core.settings import Settings


def test_every_setting_has_help_text() -> None:
    undocumented = [n for n, f in Settings.model_fields.items() if not f.description]
    assert undocumented == []


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ACHYK_DATABASE_URL", raising=False)  # set on the PostgreSQL run
    monkeypatch.setenv("ACHYK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ACHYK_WORKERS", "3")
    s = Settings()
    assert s.data_dir == tmp_path and s.workers == 3
    assert s.sqlalchemy_url.endswith("achyk.sqlite3") and s.search_url is None


def _database_url(tmp_path: Path) -> str:
    """The database of this test: SQLite, or on the PostgreSQL run the one made for it."""
    return os.environ.get("ACHYK_DATABASE_URL") or f"sqlite:///{tmp_path / 'm.sqlite3'}"


def _diff(url: str) -> list[object]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def test_migrations_match_models(tmp_path: Path) -> None:
    url = _database_url(tmp_path)
    upgrade(url)
    assert _diff(url) == []
    assert {"collections", "documents", "pages", "ingest_items", "batches"} <= _tables(url)


def test_migrations_go_down_and_up_again(tmp_path: Path) -> None:
    """Every migration's downgrade works, step by step, and the schema comes back whole."""
    url = _database_url(tmp_path)
    cfg = alembic_config(url)
    upgrade(url)
    revisions = [r.revision for r in ScriptDirectory.from_config(cfg).walk_revisions()]
    for _ in revisions:
        command.downgrade(cfg, "-1")
    assert _tables(url) <= {"alembic_version"}
    upgrade(url)
    assert _diff(url) == []


def test_every_setting_is_in_the_docs() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "settings.md").read_text()
    missing = [n for n in Settings.model_fields if f"`ACHYK_{n.upper()}`" not in doc]
    assert missing == []
