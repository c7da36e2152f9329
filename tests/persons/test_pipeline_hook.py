"""The pipeline proposes persons from archival documents, and only from those."""

from __future__ import annotations

from pathlib import Path

from core.models import Person, PersonSource
from indices.context import AppContext
from ingest.intake import receive
from ingest.runner import process_documents

TEXT = (
    "СПРАВКА № 12\nГражданка Абдыкадырова Сабира, 1905 года рождения, уроженка г. Талас, "
    "до ареста — учительница, арестована 03.02.1938. Постановлением Особого совещания при "
    "НКВД СССР от 10.04.1938 по ст. 58-10 УК РСФСР осуждена к 5 годам лишения свободы в "
    "ИТЛ. Определением прокуратуры Киргизской ССР от 22.05.1989 дело прекращено за "
    "отсутствием состава преступления, Абдыкадырова Сабира реабилитирована.\n"
)


def test_archival_document_proposes_its_person(ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "spravka.txt"
    path.write_text(TEXT, encoding="utf-8")
    intake = receive(ctx, [path], "archive", kind="archive")
    assert list(process_documents(ctx, intake.new_ids).values()) == ["published"]
    with ctx.db.session() as s:
        (p,) = s.query(Person).all()
        assert (p.surname, p.given, p.birth_year, p.state) == (
            "Абдыкадырова",
            "Сабира",
            1905,
            "proposed",
        )
        src = s.query(PersonSource).filter_by(field="name").first()
        assert src is not None and src.document_id == intake.new_ids[0] and src.page == 1


def test_court_documents_propose_no_one(ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "act.txt"
    path.write_text(TEXT, encoding="utf-8")
    intake = receive(ctx, [path], "court", kind="court")
    process_documents(ctx, intake.new_ids)
    with ctx.db.session() as s:
        assert s.query(Person).count() == 0
