"""The archivist's CSV manifest: separators, BOM, Russian headers, dates, row errors."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import ManifestError
from ingest.manifest import parse, parse_period

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

EXAMPLE = """\ufefffile;collection;title;date;fond;opis;delo;list;language;access
box1/001.tif;nkvd-1937;Протокол № 7;1937-03-12;1;2;45;12-14;ru;restricted
box1/002.tif;nkvd-1937;Акт;1937-1938;1;2;46;;ky;public
003.pdf;;;12.05.1938;;;;;;
"""


def test_example_rows() -> None:
    m = parse(EXAMPLE.encode("utf-8"))
    assert m.errors == []
    a = m.lookup("upload.zip/box1/001.tif")
    assert a is not None and a.collection == "nkvd-1937" and a.access == "restricted"
    assert a.meta.title == "Протокол № 7" and a.meta.date == dt.date(1937, 3, 12)
    assert a.meta.language == "ru"
    assert a.meta.extra["archive_ref"] == {"fond": "1", "opis": "2", "delo": "45", "list": "12-14"}
    assert a.meta.extra["citation"] == "Ф. 1. Оп. 2. Д. 45. Л. 12-14"
    b = m.lookup("box1/002.tif")
    assert b is not None and b.meta.date is None and b.meta.year == 1937
    assert b.meta.extra["year_to"] == 1938 and b.meta.language == "ky"
    c = m.lookup("scans/003.pdf")
    assert c is not None and c.collection is None and c.meta.date == dt.date(1938, 5, 12)
    assert m.lookup("004.pdf") is None


def test_comma_and_russian_headers_without_bom() -> None:
    text = (
        "Файл,Коллекция,Название,Дата с,Дата по,Доступ\n"
        "a.png,arch,Опись,1930-01-01,1931-06-30,ограниченный\n"
    )
    [row] = parse(text.encode()).rows.values()
    assert (row.file, row.collection, row.access) == ("a.png", "arch", "restricted")
    assert row.meta.year == 1930 and row.meta.extra["date_to"] == "1931-06-30"


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("a.png;x;;31.02.1937;", "непонятная дата"),
        ("a.png;x;;1939-1937;", "начало периода позже конца"),
        (";x;;1937;", "не указан файл"),
        ("a.png;x;;1937;fr", "неизвестное значение language"),
    ],
)
def test_bad_row_is_reported_with_its_line(line: str, fragment: str) -> None:
    m = parse(f"file;collection;title;date;language\nok.png;x;;;\n{line}\n".encode())
    assert list(m.rows) == ["ok.png"]
    [err] = m.errors
    assert err.line == 3 and fragment in err.message and err.message.startswith("строка 3")


def test_duplicate_row_and_error_lookup() -> None:
    m = parse(b"file;date\na.png;1937\na.png;1938\nb.png;x\n")
    assert [e.line for e in m.errors] == [3, 4]
    err = m.error_for("upload.zip/b.png")
    assert err is not None and err.line == 4


@pytest.mark.parametrize("data", [b"", b"title;date\nx;1937\n", "файл;дата".encode("cp1251")])
def test_unreadable_manifest_is_an_error_as_a_whole(data: bytes) -> None:
    with pytest.raises(ManifestError):
        parse(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1937", (None, 1937, 1937)),
        ("1937 - 1941", (None, 1937, 1941)),
        ("01.03.1937..15.04.1938", (None, 1937, 1938)),
        ("1937-03-01 – 1937-04-01", (None, 1937, 1937)),
        ("1937-03-01", (dt.date(1937, 3, 1), 1937, 1937)),
    ],
)
def test_periods(text: str, expected: tuple[object, ...]) -> None:
    assert parse_period(text) == expected
