"""Exports through the real pipeline (SQLite, tantivy, tesseract): search and practice as
CSV/JSON/XLSX, a document's TXT, ALTO and hOCR, and its citation, with the access rules
of the document routes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from core.auth import Role, create_key
from core.models import Collection
from core.settings import Settings
from indices.context import AppContext
from ingest.intake import DocMeta, receive
from ingest.runner import process_documents
from server.app import create_app
from tests.conftest import render_scan

ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
XHTML = "{http://www.w3.org/1999/xhtml}"
VERDICT = (
    "ПРИГОВОР\nИменем Кыргызской Республики\nДело № 1-263/21\n"
    "Ленинский районный суд города Бишкек в составе председательствующего судьи "
    "Абдрахманова К.Т. рассмотрел уголовное дело по ч. 1 ст. 201 УК КР.\n"
    "Суд приговорил: назначить наказание в виде штрафа."
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("export")
    ctx = AppContext.create(Settings(data_dir=root / "data", workers=2, export_max_hits=5))
    scan = root / "protocol.png"
    render_scan(["ПРОТОКОЛ № 7", "заседания военного трибунала", "от 12 марта 1937"]).save(scan)
    notes = []
    for i in range(7):
        p = root / f"note{i}.txt"
        p.write_text(f"Справка трибунала номер {i} о выселении.", encoding="utf-8")
        notes.append(p)
    ref = {"fond": "1", "opis": "2", "delo": "34", "list": "5-7"}
    meta = {
        scan: DocMeta(
            title="Протокол заседания трибунала",
            date=dt.date(1937, 3, 12),
            extra={"archive_ref": ref},
        )
    }
    arch = receive(ctx, [scan, *notes], "archive", kind="archive", meta=meta)
    verdict = root / "verdict.txt"
    verdict.write_text(VERDICT, encoding="utf-8")
    court = receive(
        ctx,
        [verdict],
        "court",
        kind="court",
        meta={verdict: DocMeta(title="Приговор по делу 1-263/21", date=dt.date(2021, 3, 12))},
    )
    secret_file = root / "secret.txt"
    secret_file.write_text("Секретная справка трибунала.", encoding="utf-8")
    secret = receive(ctx, [secret_file], "secret", kind="archive")
    with ctx.db.session() as s:
        s.execute(update(Collection).where(Collection.name == "secret").values(access="restricted"))
    ids = arch.new_ids + court.new_ids + secret.new_ids
    assert set(process_documents(ctx, ids).values()) == {"published"}
    with TestClient(create_app(ctx)) as client:
        yield {
            "client": client,
            "ctx": ctx,
            "scan": arch.new_ids[0],
            "verdict": court.new_ids[0],
            "secret": secret.new_ids[0],
        }
    ctx.close()


def test_search_export_csv_pages_up_to_the_cap(world: dict[str, Any]) -> None:
    r = world["client"].get("/api/v1/search/export", params={"q": "трибунала", "format": "csv"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="achyk-search.csv"' in r.headers["content-disposition"]
    total, exported = int(r.headers["x-total-count"]), int(r.headers["x-exported-count"])
    assert total == 8 and exported == 5  # the cap of this world (ACHYK_EXPORT_MAX_HITS=5)
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == exported
    assert list(rows[0]) == ["id", "title", "collection", "date", "reference", "url"]
    assert all(row["url"].endswith(f"/documents/{row['id']}") for row in rows)
    assert str(world["secret"]) not in {row["id"] for row in rows}


def test_search_export_json_and_xlsx_hold_the_same_rows(world: dict[str, Any]) -> None:
    c = world["client"]
    params = {"q": "протокол", "collection": "archive"}
    js = c.get("/api/v1/search/export", params={**params, "format": "json"})
    body = json.loads(js.content)
    assert body["total"] == 1 and body["exported"] == 1
    (row,) = body["rows"]
    assert row["id"] == world["scan"]
    assert row["reference"] == "ЦГА КР. Ф. 1. Оп. 2. Д. 34. Л. 5–7."
    assert row["date"] == "1937-03-12"
    xl = c.get("/api/v1/search/export", params={**params, "format": "xlsx"})
    assert xl.status_code == 200
    assert xl.headers["x-exported-count"] == "1"
    with zipfile.ZipFile(io.BytesIO(xl.content)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        shared = (
            z.read("xl/sharedStrings.xml").decode()
            if "xl/sharedStrings.xml" in z.namelist()
            else ""
        )
    assert "Ф. 1. Оп. 2. Д. 34. Л. 5–7" in sheet + shared
    assert "<f>" not in sheet  # values, never formulas


def test_search_export_refuses_a_bad_query_and_format(world: dict[str, Any]) -> None:
    c = world["client"]
    assert c.get("/api/v1/search/export", params={"q": '"unclosed'}).status_code == 400
    assert c.get("/api/v1/search/export", params={"format": "pdf"}).status_code == 422


def test_restricted_collection_is_exported_to_researchers_only(world: dict[str, Any]) -> None:
    c, ctx = world["client"], world["ctx"]
    researcher = {"Authorization": f"Bearer {create_key(ctx, Role.RESEARCHER).key}"}
    q = {"q": "секретная", "format": "json"}
    assert json.loads(c.get("/api/v1/search/export", params=q).content)["rows"] == []
    rows = json.loads(c.get("/api/v1/search/export", params=q, headers=researcher).content)
    assert [r["id"] for r in rows["rows"]] == [world["secret"]]
    for suffix in ("text", "alto", "hocr", "citation"):
        url = f"/api/v1/documents/{world['secret']}/{suffix}"
        assert c.get(url).status_code == 404, url
        assert c.get(url, headers=researcher).status_code == 200, url


def test_practice_export(world: dict[str, Any]) -> None:
    c = world["client"]
    for fmt in ("csv", "json", "xlsx"):
        r = c.get("/api/v1/practice/export", params={"norm": "uk-kr-2017/201", "format": fmt})
        assert r.status_code == 200, (fmt, r.text)
        assert r.headers["x-total-count"] == "1"
    r = c.get("/api/v1/practice/export", params={"norm": "uk-kr-2017/201", "format": "json"})
    rows = json.loads(r.content)["rows"]
    assert {"facet": "category", "value": "criminal", "count": 1}.items() <= next(
        x for x in rows if x["facet"] == "category"
    ).items()
    assert all(row["count"] == 1 and row["search_url"].startswith("http") for row in rows)


def test_document_text_alto_hocr(world: dict[str, Any]) -> None:
    c, doc = world["client"], world["scan"]
    public = " ".join(p["text"] for p in c.get(f"/api/v1/documents/{doc}").json()["pages"])
    text = c.get(f"/api/v1/documents/{doc}/text")
    assert text.headers["content-type"].startswith("text/plain")
    assert "— страница 1 —" in text.text and "трибунала" in text.text
    alto = ET.fromstring(c.get(f"/api/v1/documents/{doc}/alto").content)
    assert alto.tag == f"{ALTO}alto"
    assert alto.find(f"{ALTO}Description/{ALTO}MeasurementUnit").text == "pixel"  # type: ignore[union-attr]
    page = alto.find(f"{ALTO}Layout/{ALTO}Page")
    assert page is not None and page.get("PHYSICAL_IMG_NR") == "1"
    strings = page.findall(f".//{ALTO}TextBlock/{ALTO}TextLine/{ALTO}String")
    assert len(strings) >= 5
    for s in strings:
        assert (s.get("CONTENT") or "\0") in public
        assert 0.0 <= float(s.get("WC") or -1) <= 1.0
        assert all(int(s.get(a) or -1) >= 0 for a in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
    hocr = ET.fromstring(c.get(f"/api/v1/documents/{doc}/hocr").content)
    words = [w for w in hocr.iter(f"{XHTML}span") if w.get("class") == "ocrx_word"]
    assert [w.text for w in words] == [s.get("CONTENT") for s in strings]
    assert all(
        w.get("title", "").startswith("bbox ") and "x_wconf" in w.get("title", "") for w in words
    )
    pages = [d for d in hocr.iter(f"{XHTML}div") if d.get("class") == "ocr_page"]
    assert len(pages) == 1 and "ppageno 0" in pages[0].get("title", "")


def test_citations(world: dict[str, Any]) -> None:
    c = world["client"]
    scan = c.get(f"/api/v1/documents/{world['scan']}/citation")
    assert scan.text == "ЦГА КР. Ф. 1. Оп. 2. Д. 34. Л. 5–7."
    verdict = c.get(f"/api/v1/documents/{world['verdict']}/citation").text
    assert verdict == ("Приговор Ленинского районного суда города Бишкек от 12.03.2021 № 1-263/21.")
    ris = c.get(f"/api/v1/documents/{world['verdict']}/citation", params={"format": "ris"})
    assert ris.text.startswith("TY  - CASE\r\n") and "ER  - " in ris.text
    assert "attachment" in ris.headers["content-disposition"]
    csl = c.get(f"/api/v1/documents/{world['scan']}/citation", params={"format": "csl-json"})
    (item,) = csl.json()
    assert item["type"] == "manuscript"
    assert item["archive_location"] == "Ф. 1. Оп. 2. Д. 34. Л. 5–7"
    assert item["issued"] == {"date-parts": [[1937, 3, 12]]}
    assert c.get("/api/v1/documents/999999/citation").status_code == 404


def test_new_routes_are_described_in_openapi(world: dict[str, Any]) -> None:
    paths = world["client"].get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/search/export",
        "/api/v1/practice/export",
        "/api/v1/documents/{doc_id}/text",
        "/api/v1/documents/{doc_id}/alto",
        "/api/v1/documents/{doc_id}/hocr",
        "/api/v1/documents/{doc_id}/citation",
    ):
        assert paths[path]["get"]["summary"], path
