"""A corpus for «persons named here» (issue #16, item 5), ingested through the real pipeline
(intake, extraction, enrich with its person proposals, the search index): an archival
document naming a published and a proposed person, a restricted and a withdrawn document
each naming a published person, and a court act a published record cites (as one made
before the extraction refused court acts would). Used by tests/persons/test_named_here.py
and the browser test tests/ui/test_persons_named_here_browser.py."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from sqlalchemy import select

from cli.actions import ingest_files
from core.auth import Role, create_key
from core.models import Collection, Document, Person
from core.settings import Settings
from indices.context import AppContext
from persons import registry

# A protocol extract naming two persons: Жумабаев is published, Касымов stays proposed (an
# archivist has not confirmed him).
ARCHIVE = (
    "Выписка из протокола заседания тройки НКВД Киргизской ССР от 4 ноября 1937 г.\n\n"
    "ЖУМАБАЕВ Асан, 1882 г. р., уроженец с. Кочкорка, киргиз, учитель. "
    "Арестован 15 августа 1937 г. Расстрелян 9 ноября 1937 г.\n\n"
    "КАСЫМОВ Эсенгул, 1900 г. р., уроженец с. Ат-Баши, киргиз, колхозник. "
    "Арестован 20 августа 1937 г. Осужден к 10 годам ИТЛ.\n"
)
# Documents the public may not read, each naming a published person.
RESTRICTED = (
    "Выписка из протокола заседания тройки НКВД Киргизской ССР от 2 декабря 1937 г.\n\n"
    "ТОКТОГУЛОВ Бейше, 1895 г. р., уроженец с. Талас, киргиз, счетовод. "
    "Арестован 1 октября 1937 г. Расстрелян 5 декабря 1937 г.\n"
)
WITHDRAWN = (
    "Выписка из протокола заседания тройки НКВД Киргизской ССР от 7 декабря 1937 г.\n\n"
    "ОСМОНОВ Курман, 1889 г. р., уроженец с. Кара-Кол, киргиз, кузнец. "
    "Арестован 3 октября 1937 г. Расстрелян 11 декабря 1937 г.\n"
)
# A court act whose raw text happens to read like a memorial entry: its parties' names
# must never be offered beside it, whatever the registry holds.
COURT = (
    "ПРИГОВОР. Свердловский районный суд города Бишкек рассмотрел дело о краже.\n\n"
    "ИСАКОВ Шабдан, 1874 г. р., уроженец с. Нарын, пенсионер. "
    "Арестован 12 мая 1937 г. Расстрелян 20 мая 1937 г.\n"
)


@dataclass
class Corpus:
    settings: Settings
    docs: dict[str, int]  # archive, restricted, withdrawn, court
    persons: dict[str, int]  # surname → record id
    researcher: str  # an API key that may read restricted collections


def _ingest(ctx: AppContext, root: Path, name: str, text: str, collection: str, kind: str) -> int:
    folder = root / name
    folder.mkdir()
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    console = Console(file=io.StringIO())
    ok = ingest_files(
        ctx,
        [folder],
        collection,
        kind=kind,
        progress=lambda: Progress(console=console),
        out=console,
    )
    assert ok, console.file.getvalue()  # type: ignore[attr-defined]
    with ctx.db.session() as s:
        return s.scalars(select(Document.id).where(Document.original_name == f"{name}.txt")).one()


def build_corpus(root: Path) -> Corpus:
    settings = Settings(data_dir=root / "data", workers=1)
    ctx = AppContext.create(settings)
    try:
        docs = {
            "archive": _ingest(ctx, root, "archive", ARCHIVE, "arch", "archive"),
            "restricted": _ingest(ctx, root, "restricted", RESTRICTED, "closed", "archive"),
            "withdrawn": _ingest(ctx, root, "withdrawn", WITHDRAWN, "arch", "archive"),
            "court": _ingest(ctx, root, "court", COURT, "courts", "court"),
        }
        with ctx.db.session() as s:
            s.query(Collection).filter_by(name="closed").one().access = "restricted"
            s.get_one(Document, docs["withdrawn"]).state = "withdrawn"
            # The extraction refuses a court act; a record citing one can still exist (made
            # before that guard, or edited by hand), so the pages must hide it all the same.
            court = s.get_one(Document, docs["court"])
            registry.propose_from_text(
                s, court.pages[0].text or "", lang="ru", document_id=court.id, page=1
            )
            s.flush()
            persons = {p.surname: p.id for p in s.query(Person).all()}
            for surname in ("Жумабаев", "Токтогулов", "Осмонов", "Исаков"):
                s.get_one(Person, persons[surname]).state = "published"
        researcher = create_key(ctx, Role.RESEARCHER).key
    finally:
        ctx.close()
    assert set(persons) == {"Жумабаев", "Касымов", "Токтогулов", "Осмонов", "Исаков"}
    return Corpus(settings, docs, persons, researcher)
