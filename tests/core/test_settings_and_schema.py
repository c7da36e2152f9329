"""Settings are documented; the Alembic migrations build exactly the models' schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from core.db import upgrade
from core.models import Base
from core.settings import Settings


def test_every_setting_has_help_text() -> None:
    undocumented = [n for n, f in Settings.model_fields.items() if not f.description]
    assert undocumented == []


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ACHYK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ACHYK_WORKERS", "3")
    s = Settings()
    assert s.data_dir == tmp_path and s.workers == 3
    assert s.sqlalchemy_url.endswith("achyk.sqlite3") and s.search_url is None


def test_migrations_match_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
        assert {"collections", "documents", "pages", "ingest_items", "batches"} <= set(
            inspect(conn).get_table_names())


def test_every_setting_is_in_the_docs() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "settings.md").read_text()
    missing = [n for n in Settings.model_fields if f"`ACHYK_{n.upper()}`" not in doc]
    assert missing == []
