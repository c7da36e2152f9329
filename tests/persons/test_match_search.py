"""Matching with evidence, clustering that never crosses birth years, and search ranking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from persons import PersonFacts, PersonIndex, cluster, compare, evaluate, render_report

DEV = Path(__file__).resolve().parents[2].parent / "shared/data/persons-dev.jsonl"


def _p(surname: str | None, given: str, year: int | None = 1900, **kw: object) -> PersonFacts:
    return PersonFacts(surname=surname, given=given, birth_year=year, **kw)  # type: ignore[arg-type]


def test_same_person_from_two_sources_scores_high_with_evidence() -> None:
    a = _p("Токтосунов", "Бекбол", arrest_date="1937-10-02", birthplace="с. Нарын")
    b = _p("Токтосунов", "Бекбол", arrest_date="1937-10-02", birthplace="Нарын", father="Токтосун")
    m = compare(a, b)
    assert m.score >= 0.8
    assert {"фамилия", "имя", "год рождения", "дата ареста", "место рождения"} <= set(m.evidence)


def test_different_birth_years_never_merge_automatically() -> None:
    a = _p("Токтосунов", "Бекбол", 1899, arrest_date="1937-10-02")
    b = _p("Токтосунов", "Бекбол", 1900, arrest_date="1937-10-02")
    m = compare(a, b)
    assert m.birth_years_differ and not m.auto
    assert cluster([a, b], threshold=0.0) == [0, 1]


def test_cluster_does_not_chain_across_birth_years() -> None:
    a = _p("Асанов", "Асан", 1899, arrest_date="1937-10-02")
    b = _p("Асанов", "Асан", None, arrest_date="1937-10-02")
    c = _p("Асанов", "Асан", 1901, arrest_date="1937-10-02")
    labels = cluster([a, b, c], threshold=0.3)
    assert labels[0] != labels[2]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            _p("Козлов", "Михаил", patronymic="Алексеевич"),
            _p("Козлов", "Михаил", patronymic="Иванович"),
        ),
        (_p("Асанов", "Асан"), _p("Асанов", "Бакыт")),
        (
            _p("Асанов", "Асан", arrest_date="1937-01-01"),
            _p("Асанов", "Асан", arrest_date="1938-05-05"),
        ),
    ],
)
def test_conflicting_records_stay_apart(a: PersonFacts, b: PersonFacts) -> None:
    assert compare(a, b).score < 0.8
    assert cluster([a, b]) == [0, 1]


def test_father_name_links_to_surname() -> None:
    a = _p("Бекназаров", "Жапар", father="Бекназар", arrest_date="1938-02-03")
    b = _p("Бекназаров", "Жапар", arrest_date="1938-02-03")
    assert cluster([a, b]) == [0, 0]


@pytest.fixture()
def index() -> PersonIndex:
    idx = PersonIndex()
    idx.add("isakov", [_p("Исаков", "Шабдан", father="Исак")])
    idx.add("ysakov", [_p("Ысаков", "Шабдан")])
    idx.add("isakova", [_p("Исакова", "Бүбүсара")])
    idx.add("jumabaev", [_p("Жумабаев", "Асан")])
    idx.add("djumabaev", [_p("Джумабаев", "Асан")])
    idx.add("duishoev", [_p("Дүйшөев", "Торокул")])
    idx.add("zaitsev", [_p("Зайцев", "Григорий", patronymic="Николаевич")])
    idx.add("other", [_p("Касымов", "Эсенгул")])
    return idx


@pytest.mark.parametrize(
    ("q", "first", "also"),
    [
        ("Исаков Шабдан", "isakov", {"ysakov"}),  # exact spelling first, variant after
        ("Ысаков Шабдан", "ysakov", {"isakov"}),
        ("Джумабаев Асан", "djumabaev", {"jumabaev"}),
        ("Жумабаев Асан", "jumabaev", {"djumabaev"}),
        ("Шабдан Исак уулу", "isakov", {"ysakov"}),
        ("Isakov Shabdan", "isakov", set()),
        ("Dyjşɵev Torokul", "duishoev", set()),
        ("Дуйшоев Торокул", "duishoev", set()),
        ("Исаковой Бүбүсара", "isakova", set()),
        ("Bybysara Isakova", "isakova", set()),
        ("Зайцев Г.Н.", "zaitsev", set()),
        ("Зайцева Григорий", "zaitsev", set()),
        ("Дуйшеев Торокул", "duishoev", set()),  # one OCR letter off
    ],
)
def test_search_finds_every_spelling_exact_first(
    index: PersonIndex, q: str, first: str, also: set[str]
) -> None:
    hits = [h.record_id for h in index.search(q)]
    assert hits[0] == first
    assert also <= set(hits)
    assert "other" not in hits


def test_search_of_nothing(index: PersonIndex) -> None:
    assert index.search("") == []
    assert index.search("...") == []


def test_dev_set_meets_targets() -> None:
    assert DEV.is_file(), f"dev set missing: {DEV} (shared/ must sit beside the repository)"
    r = evaluate(DEV)
    assert r["overall"]["f1"] >= 0.95, render_report(r)
    assert r["merge"]["precision"] >= 0.99 and r["merge"]["recall"] >= 0.9, render_report(r)
    by = r["search"]["by_variant"]
    assert by["all"]["recall@10"] >= 0.98, render_report(r)
    assert all(v["recall@10"] >= 0.95 for v in by.values()), render_report(r)


def test_report_counts_on_a_small_file(tmp_path: Path) -> None:
    gold = {
        "person_key": "k1",
        "surname": "Асанов",
        "given": "Токтогул",
        "patronymic": None,
        "father": None,
        "birth_year": 1895,
        "birthplace": "с. Нарын",
        "occupation": "единоличник",
        "arrest_date": "1937-09-02",
        "sentence_date": None,
        "sentenced_by": None,
        "charge": ["58-10"],
        "sentence": "death",
        "camp_years": None,
        "execution_date": None,
        "rehabilitation_date": None,
        "rehabilitated_by": None,
    }
    rows = [
        {
            "type": "source",
            "id": "s1",
            "lang": "ru",
            "text": "АСАНОВ Токтогул, 1895 г. р., уроженец с. Нарын, единоличник. Арестован "
            "02.09.1937. Осужден по ст. 58-10 УК РСФСР к ВМН.",
            "persons": [gold],
        },
        {
            "type": "source",
            "id": "s2",
            "lang": "ru",
            "text": "АСАНОВ Токтогул, 1895 г. р., уроженец с. Нарын, единоличник. Арестован "
            "02.09.1937.",
            "persons": [dict(gold, charge=None, sentence=None)],
        },
        {"type": "query", "q": "Asanov Toktogul", "variant": "latin", "expect": ["k1"]},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    r = evaluate(path)
    assert r["overall"]["fp"] == 0 and r["overall"]["fn"] == 0
    assert r["fields"]["charge"]["tp"] == 1
    assert (r["merge"]["precision"], r["merge"]["recall"]) == (1.0, 1.0)
    assert r["search"]["by_variant"]["latin"] == {"recall@10": 1.0, "mrr": 1.0, "queries": 1}


def test_bad_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"type": "source"\n', "utf-8")
    with pytest.raises(ValueError, match="строка 1"):
        evaluate(path)
