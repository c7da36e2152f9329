"""One person, one pseudonym, in every form: on every multi-mention document of the dev
set and of our own check sets (gold person groups: `data/*-persons.json`, reviewed by
hand; the portal decisions carry a `person` id on each PERSON span), and on a table of
the forms the issue names (Kyrgyz «уулу/кызы», initials in both orders, cases, Latin)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from anonymize import anonymize_text

DATA = Path(__file__).resolve().parent / "data"
DEV = Path(__file__).resolve().parents[2].parent / "shared/data/anonymize-dev.jsonl"
SETS = [
    (DEV, DATA / "dev-persons.json"),
    (DATA / "extra-check.jsonl", DATA / "extra-check-persons.json"),
    (DATA / "portal-decisions.jsonl", None),
]


def _records(path: Path) -> list[dict]:
    assert path.is_file(), f"labelled set missing: {path}"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _groups(rec: dict, persons: dict | None) -> list[list[int]]:
    if persons is not None:
        return persons.get(rec["id"], [])
    by_id: dict[str, list[int]] = {}
    for i, span in enumerate(rec["spans"]):
        if span["label"] == "PERSON":
            by_id.setdefault(span["person"], []).append(i)
    return list(by_id.values())


def _pseudonyms(rec: dict) -> list[set[str]]:
    """The pseudonym (without its dot) on each span of the record."""
    result = anonymize_text(
        rec["text"], lang=rec["lang"], doc_date=datetime.date.fromisoformat(rec["doc_date"])
    )
    return [
        {
            f.replacement.rstrip(".")
            for f in result.findings
            if f.label == "PERSON" and f.start < span["end"] and f.end > span["start"]
        }
        for span in rec["spans"]
    ]


def _cases() -> list[tuple[str, dict, list[list[int]]]]:
    out = []
    for path, persons_file in SETS:
        persons = json.loads(persons_file.read_text(encoding="utf-8")) if persons_file else None
        for rec in _records(path):
            groups = _groups(rec, persons)
            if sum(len(g) for g in groups) > 1:
                out.append((rec["id"], rec, groups))
    return out


CASES = _cases()


def test_every_multi_mention_document_is_covered():
    dev_ids = {
        r["id"] for r in _records(DEV) if sum(s["label"] == "PERSON" for s in r["spans"]) > 1
    }
    assert dev_ids <= {rid for rid, _r, _g in CASES}
    assert sum(rid.startswith("portal-") for rid, _r, _g in CASES) >= 10


@pytest.mark.parametrize(("rid", "rec", "groups"), CASES, ids=[c[0] for c in CASES])
def test_one_pseudonym_per_person(rid, rec, groups):
    found = _pseudonyms(rec)
    letters = []
    for group in groups:
        seen = set().union(*(found[i] for i in group))
        surfaces = [rec["text"][rec["spans"][i]["start"] : rec["spans"][i]["end"]] for i in group]
        assert len(seen) == 1, f"{rid}: one person, pseudonyms {sorted(seen)}: {surfaces}"
        letters.append(seen.pop())
    assert len(letters) == len(set(letters)), f"{rid}: two persons share a pseudonym {letters}"


FORMS = [
    # the issue's case: a Kyrgyz name with «уулу» in three orders and a case suffix
    (
        "ky",
        "Айыпталуучу Улугбек уулу Ажымухамед 1990-жылы туулган. Сот А. Улугбек уулуну "
        "күнөөлүү деп тапты. Ажымухамед Улугбек уулу макул болду. Улугбек уулу "
        "Ажымухамедге жаза дайындалды.",
        4,
    ),
    (
        "ru",
        "Подсудимый Улугбек уулу Ажымухамед вину признал. А. Улугбек уулу пояснил, что "
        "Ажымухамед ранее не судим. Улугбек уулу А. раскаялся.",
        4,
    ),
    (
        "ru",
        "Потерпевшая Марат кызы Айгерим пояснила. Марат кызы А. подтвердила. "
        "Айгерим Марат кызы просила.",
        3,
    ),
    (
        "ru",
        "Подсудимый Асанов Бакыт Кубанычбекович вину признал. Асанова Б.К. допросили; "
        "Б.К. Асанов раскаялся. Асановым возмещён ущерб, Асанову назначен штраф.",
        5,
    ),
    (
        "ru",
        "Потерпевший Asanov Bakyt (Асанов Бакыт) пояснил. Асанов Б. показал, что Asanov ушёл.",
        4,
    ),
    ("ru", "совершил наезд на пешехода Kim Olga (Ким Ольга). Потерпевшая Ким О. пояснила.", 3),
    (
        "ky",
        "Доогер Асанова Жылдыз Маратовнанын жоопкер Асанов Бекзат Таалайбековичке карата "
        "доосу. Асановдун телефону бар.",
        0,
    ),
]


@pytest.mark.parametrize(("lang", "text", "mentions"), FORMS)
def test_forms_of_one_person(lang, text, mentions):
    result = anonymize_text(text, lang=lang)
    persons = [f for f in result.findings if f.label == "PERSON"]
    if mentions:
        assert len(persons) == mentions, [(f.text, f.replacement) for f in persons]
        assert len({f.replacement.rstrip(".") for f in persons}) == 1, [
            (f.text, f.replacement) for f in persons
        ]
    else:  # `Асановдун` is his (a masculine form), not hers
        by_text = {f.text: f.replacement for f in persons}
        assert by_text["Асановдун"] == by_text["Асанов Бекзат Таалайбековичке"]
        assert by_text["Асановдун"] != by_text["Асанова Жылдыз Маратовнанын"]


def test_issue_cases_across_pages():
    """The two cases of issue #14 end to end on a multi-page decision: the portal header
    word stays, and «Улугбек уулу Ажымухамед» / «А. Улугбек уулу» / «Ажымухамед» get one
    pseudonym on every page (they used to get «Б.» and «В.»)."""
    from anonymize import anonymize_pages

    pages = [
        "Деперсонифицированные данные\nПРИГОВОР\nПодсудимый Улугбек уулу Ажымухамед, "
        "1990 года рождения, вину признал. Потерпевшая Марат кызы Айгерим пояснила.",
        "Суд считает, что А. Улугбек уулу совершил кражу. Марат кызы А. подтвердила.",
        "Признать Улугбек уулу А. виновным. Ажымухамед раскаялся. Айгерим претензий не имеет.",
    ]
    out = anonymize_pages(pages)
    assert out[0].text.startswith("Деперсонифицированные данные\n")
    public = "\n".join(p.text for p in out)
    for word in ("Улугбек", "Ажымухамед", "Айгерим", "Марат"):
        assert word not in public, public
    by_page = [
        {f.text: f.replacement.rstrip(".") for f in p.findings if f.label == "PERSON"} for p in out
    ]
    him = {
        by_page[0]["Улугбек уулу Ажымухамед"],
        by_page[1]["А. Улугбек уулу"],
        by_page[2]["Улугбек уулу А."],
        by_page[2]["Ажымухамед"],
    }
    her = {by_page[0]["Марат кызы Айгерим"], by_page[1]["Марат кызы А."], by_page[2]["Айгерим"]}
    assert len(him) == 1 and len(her) == 1 and him != her, by_page
