"""A record reaches the persons index when its transaction commits, with no reindex: from
the pipeline, and from any write on the database (the service hook), on both backends."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.models import Person
from core.settings import Settings
from indices.context import AppContext
from ingest.intake import receive
from ingest.runner import process_documents
from persons import registry
from persons.index import OpenSearchPersons, PersonFilters, PersonSearch, open_person_search
from persons.sync import watch_settings
from persons.types import RecordState

TEXT = (
    "СПРАВКА № 12\nГражданка Абдыкадырова Сабира, 1905 года рождения, уроженка г. Талас, "
    "до ареста — учительница, арестована 03.02.1938. Постановлением Особого совещания при "
    "НКВД СССР от 10.04.1938 по ст. 58-10 УК РСФСР осуждена к 5 годам лишения свободы в "
    "ИТЛ. Определением прокуратуры Киргизской ССР от 22.05.1989 дело прекращено за "
    "отсутствием состава преступления, Абдыкадырова Сабира реабилитирована.\n"
)
BOOK = (
    "ТОКТОСУНОВ Бекбол, 1899 г. р., уроженец с. Нарын, киргиз, б/п, мулла. Арестован "
    "2 октября 1937 г. Осужден тройкой НКВД Киргизской ССР 5 ноября 1937 г. по ст. 58-10 "
    "УК РСФСР к ВМН. Расстрелян 6 ноября 1937 г."
)
ALL = PersonFilters(public_only=False)


World = tuple[AppContext, PersonSearch]


@pytest.fixture(params=["tantivy", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    overrides: dict[str, object] = {"data_dir": tmp_path / "data", "workers": 1}
    if request.param == "opensearch":
        url = request.getfixturevalue("search_node_url")
        overrides["search_url"] = url
        overrides["index_prefix"] = f"achyk-test-pf{uuid.uuid4().hex[:8]}"
    settings = Settings(**overrides)  # type: ignore[arg-type]
    ctx = AppContext.create(settings)
    index = open_person_search(settings.search_url, settings.index_dir, settings.index_prefix)
    try:
        yield ctx, index
    finally:
        if isinstance(index, OpenSearchPersons):
            index.client.indices.delete(index=f"{settings.index_prefix}-*", ignore_unavailable=True)
        index.close()
        ctx.close()


def _ids(index: PersonSearch, q: str, filters: PersonFilters = ALL) -> list[int]:
    return [i for i, _ in index.search(q, filters).hits]


def test_the_pipeline_indexes_what_it_proposes(world: World, tmp_path: Path) -> None:
    ctx, index = world
    path = tmp_path / "spravka.txt"
    path.write_text(TEXT, encoding="utf-8")
    intake = receive(ctx, [path], "archive", kind="archive")
    assert list(process_documents(ctx, intake.new_ids).values()) == ["published"]
    with ctx.db.session() as s:
        (pid,) = s.query(Person.id).all()
    assert _ids(index, "Abdykadyrova Sabira") == [pid[0]]
    assert _ids(index, "Абдыкадырова Сабира", PersonFilters()) == []  # proposed: not public


def test_every_committed_write_reaches_the_index(world: World) -> None:
    ctx, index = world
    st = ctx.settings
    watch_settings(ctx.db, st.search_url, st.index_dir, st.index_prefix)
    with ctx.db.session() as s:
        (found,) = registry.propose_from_text(s, BOOK, lang="ru")
        pid = found.person.id
    assert _ids(index, "Токтосунов Бекбол") == [pid]
    for state in (RecordState.CONFIRMED, RecordState.PUBLISHED):
        with ctx.db.session() as s:
            registry.set_state(s, pid, state)
    assert _ids(index, "Toktosunov Bekbol", PersonFilters()) == [pid]  # published: public
    with ctx.db.session() as s:  # the pipeline's automatic merge into a published record
        (other,) = registry.propose_from_text(
            s, BOOK.replace("ТОКТОСУНОВ", "ТОКТОСУНОВУ"), lang="ru"
        )
        assert other.merged_into is not None and other.merged_into.id == pid
    assert _ids(index, "Токтосунов") == [pid]  # the absorbed record left the index
    with ctx.db.session() as s:
        registry.edit(s, pid, {"given": "Бекмамат", "birth_year": 1898})
    assert _ids(
        index, "Токтосунов Бекмамат", PersonFilters(birth_year_from=1898, birth_year_to=1898)
    ) == [pid]
    assert _ids(index, "Токтосунов", PersonFilters(birth_year_from=1899)) == []
    # a transaction that rolls back leaves the index as it was
    with pytest.raises(RuntimeError), ctx.db.session() as s:
        registry.edit(s, pid, {"given": "Жолдош"})
        s.flush()
        raise RuntimeError("abandoned")
    assert _ids(index, "Жолдош") == []
    assert _ids(index, "Токтосунов Бекмамат") == [pid]
