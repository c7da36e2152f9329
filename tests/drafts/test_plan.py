"""Legislative plan CSV import: what spreadsheets write, and an error per bad row."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from drafts import ActKind, PlanItem, parse_plan_csv
from drafts.plan import MAX_ROWS

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

DATA = Path(__file__).parent / "data"
TODAY = datetime.date(2026, 12, 4)


def test_utf8_comma_file() -> None:
    got = parse_plan_csv((DATA / "plan-ok.csv").read_bytes(), today=TODAY)
    assert got.ok
    assert got.items[0] == PlanItem(
        agency="Министерство цифрового развития",
        year=2026,
        title="Об открытых данных государственных органов",
        act_kind=ActKind.LAW,
        quarter=2,
        area="цифровое развитие",
        responsible="Управление цифровой политики",
    )
    assert got.items[1].title.endswith("(в части мошенничества)")
    assert (got.items[1].act_kind, got.items[1].quarter) == (ActKind.LAW, 3)
    assert (got.items[2].act_kind, got.items[2].responsible) == (ActKind.GOVERNMENT_DECREE, "")


def test_cp1251_semicolon_file_with_russian_headings() -> None:
    got = parse_plan_csv((DATA / "plan-cp1251.csv").read_bytes(), today=TODAY)
    assert got.ok
    assert [(i.agency, i.year, i.act_kind, i.quarter) for i in got.items] == [
        ("Министерство образования и науки", 2027, ActKind.LAW, 1),
        ("Государственная налоговая служба", 2027, ActKind.CODE, 2),
    ]


def test_bad_rows_are_reported_and_good_rows_kept() -> None:
    got = parse_plan_csv((DATA / "plan-bad.csv").read_bytes(), today=TODAY)
    assert [i.title for i in got.items] == [
        "Об электронной подписи",
        "О государственно-частном партнёрстве",
    ]
    assert [(e.line, e.column) for e in got.errors] == [
        (3, "agency"),
        (4, "year"),
        (5, "year"),
        (6, "act_kind"),
        (7, "quarter"),
        (8, "title"),
    ]
    messages = [e.message for e in got.errors]
    assert "Пустое обязательное поле" in messages[0]
    assert "не число" in messages[1]
    assert "вне допустимого диапазона 2000–2036" in messages[2]
    assert "«распоряжение»" in messages[3] and "закон" in messages[3]
    assert "1–4" in messages[4]
    assert "строки 2" in messages[5]
    assert not got.ok


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "пуст"),
        (b"   \n", "пуст"),
        ("Название,Срок\nX,1\n".encode(), "Нет обязательных столбцов"),
        (b"agency,year,title,act_kind\nA,2026,T,law\n", "quarter"),
    ],
)
def test_unusable_files(data: bytes, words: str) -> None:
    got = parse_plan_csv(data, today=TODAY)
    assert got.items == [] and not got.ok
    assert words in got.errors[0].message


def test_row_limit() -> None:
    head = "agency,year,title,act_kind,quarter\n"
    rows = "".join(f"Ведомство,2026,Проект {k},law,1\n" for k in range(MAX_ROWS + 5))
    got = parse_plan_csv((head + rows).encode(), today=TODAY)
    assert len(got.items) == MAX_ROWS
    assert "Больше" in got.errors[-1].message


def test_broken_csv_stops_with_a_line_number() -> None:
    huge = "x" * 200_000  # over the csv module's field limit
    data = f"agency,year,title,act_kind,quarter\nA,2026,T,law,1\nB,2026,{huge},law,1\n"
    got = parse_plan_csv(data.encode(), today=TODAY)
    assert [i.agency for i in got.items] == ["A"]
    assert got.errors and got.errors[0].line == 3
    assert "не читается" in got.errors[0].message


def test_long_field_is_a_row_error() -> None:
    data = "agency,year,title,act_kind,quarter\nA,2026," + "т" * 3000 + ",law,1\n"
    got = parse_plan_csv(data.encode(), today=TODAY)
    assert got.items == [] and [(e.line, e.column) for e in got.errors] == [(2, "title")]
