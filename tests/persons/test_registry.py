"""The registry in a real SQLite database: propose, auto-merge, undo, split, states, CSV."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from core.db import Database
from core.models import Person, PersonMerge
from persons import csvio, registry
from persons.registry import AlreadyDecided, NeedsConfirmation, RegistryError
from persons.types import PersonFacts, RecordState

BOOK = (
    "ТОКТОСУНОВ Бекбол, 1899 г. р., уроженец с. Нарын, киргиз, б/п, мулла. Арестован "
    "2 октября 1937 г. Осужден тройкой НКВД Киргизской ССР 5 ноября 1937 г. по ст. 58-10 "
    "УК РСФСР к ВМН. Расстрелян 6 ноября 1937 г."
)
KY = (
    "Токтосунов Бекбол Токтосун уулу, 1899-жылы Нарын айылында туулган, молдо. 1937-жылы "
    "2-октябрында камакка алынган. НКВДнын үчтүгүнүн 1937-жылдын 5-ноябрындагы токтому "
    "менен 58-10-беренелер боюнча атууга өкүм кылынган. 1958-жылы 3-мартында акталган."
)
OTHER_YEAR = "ТОКТОСУНОВ Бекбол, 1905 г. р., уроженец с. Нарын. Арестован 2 октября 1937 г."


@pytest.fixture()
def session(tmp_path: Path) -> Iterator[Session]:
    db = Database(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    with db.session() as s:
        yield s
    db.dispose()


def test_two_sources_of_one_person_merge_and_keep_both_sources(session: Session) -> None:
    (first,) = registry.propose_from_text(session, BOOK, lang="ru", archival_ref="Ф.1 Оп.1 Д.5")
    (second,) = registry.propose_from_text(session, KY, lang="ky")
    assert second.merged_into is not None and second.merged_into.id == first.person.id
    p = registry.get(session, first.person.id)
    assert p.father == "Токтосун" and p.rehabilitation_date is not None  # filled from KY
    assert p.occupation == "мулла"  # the survivor's own value is kept
    origins = {s.origin_person_id for s in p.sources}
    assert origins == {first.person.id, second.person.id}
    name = next(s for s in p.sources if s.field == "name" and s.archival_ref)
    assert BOOK[name.start : name.end] == "ТОКТОСУНОВ Бекбол"
    assert p.norm_ids == ["uk-rsfsr-1926/58-10"]


def test_merge_can_be_undone(session: Session) -> None:
    (first,) = registry.propose_from_text(session, BOOK, lang="ru")
    (second,) = registry.propose_from_text(session, KY, lang="ky")
    pm = session.query(PersonMerge).filter_by(state="accepted").one()
    registry.undo_merge(session, pm.id, actor="archivist")
    a, b = registry.get(session, first.person.id), registry.get(session, second.person.id)
    assert b.merged_into_id is None and a.father is None and a.rehabilitation_date is None
    assert {s.origin_person_id for s in a.sources} == {a.id}
    assert {s.person_id for s in b.sources} == {b.id} and b.sources
    with pytest.raises(RegistryError):
        registry.undo_merge(session, pm.id, actor="archivist")


def test_different_birth_years_are_proposed_not_merged(session: Session) -> None:
    (first,) = registry.propose_from_text(session, BOOK, lang="ru")
    (other,) = registry.propose_from_text(session, OTHER_YEAR, lang="ru")
    assert other.merged_into is None
    assert registry.get(session, other.person.id).merged_into_id is None
    # an archivist may still merge them by hand, confirming the different years
    with pytest.raises(NeedsConfirmation):
        registry.merge_records(session, first.person.id, other.person.id, actor="archivist")
    assert registry.get(session, other.person.id).merged_into_id is None
    pm = registry.merge_records(
        session, first.person.id, other.person.id, actor="archivist", confirm_birth_years=True
    )
    assert pm.state == "accepted" and "год рождения" in pm.conflicts


def _record(session: Session, **facts: object) -> Person:
    p = Person(state="proposed")
    registry.apply_facts(p, PersonFacts(**facts))  # type: ignore[arg-type]
    session.add(p)
    session.flush()
    return p


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"surname": "Исаков", "given": "Шабдан"}, {"surname": "Ысаков", "given": "Шабдан"}),
        ({"surname": "Исаков", "given": "Шабдан"}, {"surname": "Ysakov", "given": "Shabdan"}),
        ({"surname": "Исаков", "given": "Шабдан"}, {"surname": "ИСАКОВУ", "given": "Шабдану"}),
        ({"surname": "Жумабаев", "given": "Асан"}, {"surname": "Джумабаев", "given": "Асан"}),
        ({"surname": "Жумабаев", "given": "Асан"}, {"surname": "Zhumabaev", "given": "Asan"}),
        ({"surname": "Жумабаев", "given": "Асан"}, {"surname": "Ƶumabaev", "given": "Asan"}),
        ({"surname": "Жумабаев", "given": "Асан"}, {"given": "Асан", "father": "Жумабай"}),
        ({"surname": "Токтогулов", "given": "Асан"}, {"given": "Асан", "father": "Токтогул"}),
        ({"given": "Асан", "father": "Токтогул"}, {"surname": "Токтогулов", "given": "Асан"}),
        ({"surname": "Касымов", "given": "Эсенгул"}, {"surname": "Kasьmov", "given": "Esengul"}),
        ({"surname": "Дүйшөев", "given": "Бакир"}, {"surname": "Dyjşɵev", "given": "Bakir"}),
    ],
)
def test_merge_candidates_are_found_across_spellings(
    session: Session, first: dict[str, str], second: dict[str, str]
) -> None:
    a = _record(session, birth_year=1900, arrest_date="1937-10-02", **first)
    b = _record(session, birth_year=1900, arrest_date="1937-10-02", **second)
    (pm,) = registry.propose_merges(session, b)
    assert pm.a_id == a.id and pm.score >= 0.8, (pm.score, pm.evidence, pm.conflicts)
    unrelated = _record(session, surname="Абдыкадыров", given="Асан", birth_year=1900)
    assert registry.propose_merges(session, unrelated) == []


def test_a_decided_merge_is_not_decided_again(session: Session) -> None:
    a = _record(session, surname="Исаков", given="Шабдан", birth_year=1900)
    b = _record(session, surname="Ысаков", given="Шабдан", birth_year=1900)
    (pm,) = registry.propose_merges(session, b)
    registry.reject_merge(session, pm.id, actor="archivist")
    for decide in (
        lambda: registry.merge(session, pm, actor="archivist"),
        lambda: registry.reject_merge(session, pm.id, actor="archivist"),
        lambda: registry.undo_merge(session, pm.id, actor="archivist"),
    ):
        with pytest.raises(AlreadyDecided):
            decide()
    # an archivist's explicit merge is a new decision on the same pair
    registry.merge_records(session, a.id, b.id, actor="archivist")
    assert pm.state == "accepted" and registry.get(session, b.id).merged_into_id == a.id
    with pytest.raises(AlreadyDecided):
        registry.merge(session, pm, actor="archivist")
    registry.undo_merge(session, pm.id, actor="archivist")
    assert registry.get(session, b.id).merged_into_id is None
    assert registry.get(session, a.id).variants == []


def test_split_moves_chosen_sources_to_a_new_record(session: Session) -> None:
    (first,) = registry.propose_from_text(session, BOOK, lang="ru")
    p = registry.get(session, first.person.id)
    birth = [s.id for s in p.sources if s.field == "birth_year"]
    new = registry.split(session, p.id, birth)
    assert new.birth_year == 1899 and new.state == "proposed"
    assert [s.field for s in new.sources] == ["birth_year"]
    with pytest.raises(RegistryError):
        registry.split(session, p.id, [s.id for s in registry.get(session, p.id).sources])


def test_states_run_forward_and_edits_are_checked(session: Session) -> None:
    (first,) = registry.propose_from_text(session, BOOK, lang="ru")
    pid = first.person.id
    with pytest.raises(RegistryError, match="подтвердите"):
        registry.set_state(session, pid, RecordState.PUBLISHED)
    registry.set_state(session, pid, RecordState.CONFIRMED)
    assert registry.set_state(session, pid, RecordState.PUBLISHED).state == "published"
    registry.edit(session, pid, {"occupation": "молдо", "arrest_date": "1937-10-03"})
    assert registry.get(session, pid).arrest_date.isoformat() == "1937-10-03"  # type: ignore[union-attr]
    with pytest.raises(RegistryError, match="Неизвестные поля"):
        registry.edit(session, pid, {"password": "x"})
    with pytest.raises(RegistryError, match="arrest_date"):
        registry.edit(session, pid, {"arrest_date": "вчера"})


CSV = (
    "key,surname,given,birth_year,arrest_date,sentenced_by,sentence,camp_years,charge\n"
    "1,Асанов,Токтогул,1895,02.09.1937,ОСО,camp,10,58-10; 58-11\n"
    "2,Петрова,Анна,19о1,1937-13-01,какой-то суд,prison,,\n"
    "3,,,1900,,,,,\n"
    "1,Асанов,Токтогул,1895,,,,,\n"
)


def test_csv_dry_run_reports_every_row_and_writes_nothing(session: Session) -> None:
    report = csvio.import_csv(session, CSV, dry_run=True)
    assert [(r.line, r.status.value) for r in report.rows] == [
        (2, "created"),
        (3, "error"),
        (4, "error"),
        (5, "error"),
    ]
    assert len(report.rows[1].errors) == 4  # year, date, body, sentence
    assert "повторяется" in report.rows[3].errors[0]
    assert session.query(Person).count() == 0


def test_csv_reimport_updates_instead_of_duplicating(session: Session) -> None:
    good = CSV.splitlines()[0] + "\n" + CSV.splitlines()[1] + "\n"
    r1 = csvio.import_csv(session, good, dry_run=False)
    assert r1.counts["created"] == 1
    p = session.query(Person).one()
    assert p.sentenced_by == "Особое совещание при НКВД СССР" and p.charge == ["58-10", "58-11"]
    assert csvio.import_csv(session, good, dry_run=False).counts["unchanged"] == 1
    changed = good.replace(",10,", ",8,")
    assert csvio.import_csv(session, changed, dry_run=False).counts["updated"] == 1
    assert session.query(Person).count() == 1 and session.query(Person).one().camp_years == 8


def test_csv_with_wrong_columns_is_refused(session: Session) -> None:
    report = csvio.import_csv(session, "фамилия,имя\nА,Б\n", dry_run=False)
    assert report.rows[0].status.value == "error" and "key" in report.rows[0].errors[0]


def test_export_csv_and_json(session: Session) -> None:
    registry.propose_from_text(session, BOOK, lang="ru")
    persons = session.query(Person).all()
    text = csvio.export_csv(persons)
    assert text.splitlines()[0].startswith("id,state,surname,given")
    assert "Токтосунов" in text and "58-10" in text
    assert '"surname": "Токтосунов"' in csvio.export_json(persons)


def test_charges_link_to_the_code_of_their_date(session: Session) -> None:
    (first,) = registry.propose_from_text(session, BOOK, lang="ru")
    p = registry.edit(session, first.person.id, {"charge": ["58-10", "58-11"]})
    assert p.norm_ids == ["uk-rsfsr-1926/58-10", "uk-rsfsr-1926/58-11"]
    # a record of the Kirghiz SSR code's time, and an article written with its code
    p = registry.edit(session, p.id, {"sentence_date": "1970-05-04", "charge": ["67"]})
    assert p.norm_ids == ["uk-kirssr-1960/67"]
    p = registry.edit(session, p.id, {"charge": ["58-10 УК РСФСР", "ч. 1 ст. 67 УК КиргССР"]})
    assert p.norm_ids == ["uk-rsfsr-1926/58-10", "uk-kirssr-1960/67/1"]
