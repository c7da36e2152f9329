"""`achyk archive import|export|link`: a wrong finding aid stores nothing and names its
lines; a good one is stored, exported as EAD 3 and read back; link files a document
ingested before its finding aid under its delo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import Result
from sqlalchemy import func, select
from typer.testing import CliRunner

from cli import app
from core.models import ArchiveUnit, Document
from core.settings import Settings
from indices.context import AppContext
from ingest.intake import DocMeta, receive
from service.archive_ead import parse_ead
from service.archive_findingaid import parse_csv

AID = Path(__file__).parents[1] / "search_api" / "archive_aid.csv"


def achyk(settings: Settings, *args: str) -> Result:
    """In process (a fresh interpreter costs seconds per call)."""
    env = {"ACHYK_DATA_DIR": str(settings.data_dir), "COLUMNS": "200"}
    return CliRunner().invoke(app, ["archive", *args], env=env)


def test_import_export_and_link(settings: Settings, tmp_path: Path) -> None:
    ctx = AppContext.create(settings)
    try:
        note = tmp_path / "note.txt"
        note.write_text("Справка трибунала.", encoding="utf-8")
        ref = {"fond": "2", "opis": "1", "delo": "7", "list": "4"}
        meta = {
            note: DocMeta(title="Справка", date=dt.date(1921, 5, 1), extra={"archive_ref": ref})
        }
        (doc_id,) = receive(ctx, [note], "archive", kind="archive", meta=meta).new_ids
    finally:
        ctx.close()
    bad = tmp_path / "bad.csv"
    bad.write_text(AID.read_text(encoding="utf-8") + "ЦГА КР,5,1,,Опись без фонда,,,,,,,\n")
    wrong = achyk(settings, "import", str(bad))
    assert wrong.exit_code == 1 and "строка 12:" in wrong.output, wrong.output
    assert "ничего не записано" in wrong.output
    assert achyk(settings, "import", str(AID), "--dry-run").exit_code == 0
    ctx = AppContext.create(settings)
    try:
        with ctx.db.session() as s:
            assert s.scalar(select(func.count(ArchiveUnit.id))) == 0
        stored = achyk(settings, "import", str(AID))
        assert stored.exit_code == 0 and "новых: 8" in stored.output, stored.output
        assert "связано документов: 1" in stored.output
        with ctx.db.session() as s:
            s.execute(Document.__table__.update().values(archive_unit_id=None))
            s.commit()
        linked = achyk(settings, "link")
        assert "Связано документов: 1" in linked.output, linked.output
        with ctx.db.session() as s:
            unit = s.get(ArchiveUnit, s.get_one(Document, doc_id).archive_unit_id)
            assert unit is not None and (unit.level, unit.ref) == ("delo", "2/1/7")
    finally:
        ctx.close()
    out = tmp_path / "aid.xml"
    assert achyk(settings, "export", "ЦГА КР", "--out", str(out)).exit_code == 0
    assert parse_ead(out.read_bytes()).rows == parse_csv(AID.read_bytes()).rows
    assert achyk(settings, "export", "Нет такого").exit_code == 1
