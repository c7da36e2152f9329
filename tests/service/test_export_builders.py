"""The citation, ALTO, hOCR and spreadsheet builders on hand-made pages (pure logic)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from core.types import WordBox
from service import citation as cite
from service.document_formats import PublishedPage, alto, hocr, page_lines, txt
from service.export import csv_chunks, json_chunks, safe_cell

pytestmark = pytest.mark.unit

ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize(
    ("archive", "ref", "expected"),
    [
        (
            "ЦГА КР",
            {"fond": "1", "opis": "2", "delo": "34", "list": "5-7"},
            "ЦГА КР. Ф. 1. Оп. 2. Д. 34. Л. 5–7.",
        ),
        ("ЦГА КР.", {"fond": "1", "opis": "2", "delo": "34"}, "ЦГА КР. Ф. 1. Оп. 2. Д. 34."),
        ("", {"fond": "Р-12", "list": "3 - 4"}, "Ф. Р-12. Л. 3–4."),
        ("ЦГА КР", {}, "ЦГА КР."),
    ],
)
def test_archival_form(archive: str, ref: dict[str, str], expected: str) -> None:
    assert cite.archival(archive, ref) == expected


@pytest.mark.parametrize(
    ("court", "expected"),
    [
        ("Ленинский районный суд города Бишкек", "Ленинского районного суда города Бишкек"),
        ("Верховный суд Кыргызской Республики", "Верховного суда Кыргызской Республики"),
        ("Бишкекский городской суд", "Бишкекского городского суда"),
        ("Ошский областной суд", "Ошского областного суда"),
        ("Бишкек шаарынын Ленин райондук соту", "Бишкек шаарынын Ленин райондук соту"),
    ],
)
def test_court_in_the_genitive(court: str, expected: str) -> None:
    assert cite.court_genitive(court) == expected


def test_court_act_form() -> None:
    text = cite.court_act(
        "приговор", "Ленинский районный суд города Бишкек", dt.date(2021, 3, 12), "1-263/21"
    )
    assert text == "Приговор Ленинского районного суда города Бишкек от 12.03.2021 № 1-263/21."
    assert cite.court_act("решение", "Ошский городской суд", None, None) == (
        "Решение Ошского городского суда."
    )


VERDICT = cite.CitedDocument(
    id=9,
    title="Приговор по делу 1-263/21",
    url="http://x/documents/9",
    date=dt.date(2021, 3, 12),
    language="ru",
    act="приговор",
    court="Ленинский районный суд города Бишкек",
    case_number="1-263/21",
)
SCAN = cite.CitedDocument(
    id=1,
    title="Протокол",
    url="http://x/documents/1",
    year=1937,
    archive="ЦГА КР",
    archive_ref={"fond": "1", "opis": "2", "delo": "34", "list": "5"},
)


def test_ris_and_csl_json() -> None:
    ris = cite.ris(VERDICT).split("\r\n")
    assert ris[0] == "TY  - CASE" and "DA  - 2021/03/12/" in ris and "M1  - 1-263/21" in ris
    assert ris[-2] == "ER  - "
    (item,) = json.loads(cite.render(SCAN, cite.CitationFormat.CSL_JSON))
    assert item["type"] == "manuscript" and item["archive"] == "ЦГА КР"
    assert item["archive_location"] == "Ф. 1. Оп. 2. Д. 34. Л. 5"
    assert item["issued"] == {"date-parts": [[1937]]}
    assert cite.csl_json(VERDICT)[0]["authority"] == VERDICT.court


def test_meta_tags() -> None:
    tags = dict(cite.meta_tags(SCAN))
    assert tags["citation_title"] == "Протокол" and tags["citation_date"] == "1937"
    assert tags["citation_publisher"] == "ЦГА КР"
    assert tags["citation_archive_id"] == "Ф. 1. Оп. 2. Д. 34. Л. 5"
    assert dict(cite.meta_tags(VERDICT))["citation_date"] == "2021/03/12"


def box(text: str, left: int, top: int = 10) -> list[object]:
    return WordBox(text, left, top, 40, 20, 91.0).to_json()


# Three words on one line; the middle one was removed (None) and is not in the public text.
WORDS = [box("Протокол", 10), None, box("трибунала", 200), box("заседания", 10, 60)]
LINES = [[10, 10, 230, 20, 0, 3], [10, 60, 40, 20, 3, 1]]
PUBLIC = "Протокол [ФИО] трибунала\nзаседания"


def test_lines_keep_only_published_words_and_their_box() -> None:
    lines = page_lines(WORDS, PUBLIC, LINES)
    assert [[w.text for w in ln] for ln in lines] == [["Протокол", "трибунала"], ["заседания"]]
    # a stored word the public text does not hold is dropped as well
    assert page_lines([box("Иванов", 5)], PUBLIC, None) == []


def page() -> PublishedPage:
    return PublishedPage(1, PUBLIC, 300, 100, page_lines(WORDS, PUBLIC, LINES))


def test_alto_structure() -> None:
    root = ET.fromstring(alto(7, [page(), PublishedPage(2, "текст", None, None, [])]))
    assert root.tag == f"{ALTO}alto"
    pages = root.findall(f"{ALTO}Layout/{ALTO}Page")
    assert [p.get("ID") for p in pages] == ["P1", "P2"]
    assert pages[0].get("WIDTH") == "300" and pages[0].get("HEIGHT") == "100"
    lines = pages[0].findall(f"{ALTO}PrintSpace/{ALTO}TextBlock/{ALTO}TextLine")
    assert len(lines) == 2
    first = lines[0]
    assert [s.get("CONTENT") for s in first.findall(f"{ALTO}String")] == ["Протокол", "трибунала"]
    assert len(first.findall(f"{ALTO}SP")) == 1
    assert (first.get("HPOS"), first.get("WIDTH")) == ("10", "230")  # around shown words only
    assert first.find(f"{ALTO}String").get("WC") == "0.91"  # type: ignore[union-attr]
    assert pages[1].find(f"{ALTO}PrintSpace/{ALTO}TextBlock") is None


def test_hocr_structure() -> None:
    root = ET.fromstring(hocr(7, "Протокол", "ru", [page()]))
    assert root.tag == f"{XHTML}html" and root.get("lang") == "ru"
    classes = [e.get("class") for e in root.iter() if e.get("class")]
    assert classes[:4] == ["ocr_page", "ocr_carea", "ocr_par", "ocr_line"]
    words = [e for e in root.iter(f"{XHTML}span") if e.get("class") == "ocrx_word"]
    assert [w.text for w in words] == ["Протокол", "трибунала", "заседания"]
    assert words[1].get("title") == "bbox 200 10 240 30; x_wconf 91"


def test_txt_and_spreadsheet_cells() -> None:
    assert txt("Т", [page()]) == f"Т\n\n— страница 1 —\n{PUBLIC}\n"
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe_cell("суд") == "суд"
    out = b"".join(csv_chunks(["a", "b"], [{"a": "=1+1", "b": 2}])).decode("utf-8")
    assert out == "\ufeffa,b\r\n'=1+1,2\r\n"
    body = json.loads(b"".join(json_chunks({"total": 1}, [{"a": 1}, {"a": 2}])))
    assert body == {"total": 1, "rows": [{"a": 1}, {"a": 2}]}
    assert json.loads(b"".join(json_chunks({}, []))) == {"rows": []}
