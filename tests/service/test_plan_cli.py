"""`achyk plan import`: a dry run by default, another agency's rows are errors, --store
writes, and sending the same file again updates instead of duplicating."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result
from sqlalchemy import func, select
from typer.testing import CliRunner

from cli import app
from core.models import PlanItemRecord
from core.settings import Settings
from indices.context import AppContext

PLAN = Path(__file__).parents[1] / "drafts" / "data" / "plan-ok.csv"


def achyk(settings: Settings, *args: str) -> Result:
    """In process (a fresh interpreter costs seconds per call)."""
    env = {"ACHYK_DATA_DIR": str(settings.data_dir), "COLUMNS": "200"}
    return CliRunner().invoke(app, ["plan", "import", str(PLAN), *args], env=env)


def test_plan_import_dry_run_agency_and_store(settings: Settings) -> None:
    foreign = achyk(settings, "--agency", "Министерство юстиции", "--store")
    assert foreign.exit_code == 1, foreign.output
    assert "строка 2 [agency]" in foreign.output and "ошибок: 2" in foreign.output
    assert achyk(settings).exit_code == 0
    for expected in ("новых: 3", "обновлено: 3"):
        stored = achyk(settings, "--store")
        assert stored.exit_code == 0 and expected in stored.output, stored.output
    ctx = AppContext.create(settings)
    try:
        with ctx.db.session() as s:
            assert s.scalar(select(func.count()).select_from(PlanItemRecord)) == 3
    finally:
        ctx.close()
