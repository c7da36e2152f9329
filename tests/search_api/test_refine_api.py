"""Sort, date range, year histogram and search within a document through the API and the
server-rendered pages, on the sample corpus ingested by the real pipeline (tantivy; the
engines' agreement is in tests/indices/test_conformance.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from core.settings import Settings
from indices.analysis import fold
from indices.context import AppContext
from server.app import create_app


@pytest.fixture(scope="module")
def client(loaded_settings: Settings) -> Iterator[TestClient]:
    ctx = AppContext.create(loaded_settings)
    with TestClient(create_app(ctx)) as c:
        yield c
    ctx.close()


def hits(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    r = client.get("/api/v1/search", params={"size": 100, **params})
    assert r.status_code == 200, r.text
    return list(r.json()["hits"])


def when(hit: dict[str, Any]) -> str | None:
    return hit["date"] or (f"{hit['year']}-01-01" if hit["year"] else None)


def test_sort_by_date_both_ways_undated_last(client: TestClient) -> None:
    up = hits(client, sort="date_asc")
    down = hits(client, sort="date_desc")
    dated_up = [when(h) for h in up if when(h)]
    assert len(dated_up) >= 4 and dated_up == sorted(dated_up)
    assert [when(h) for h in down if when(h)] == sorted(dated_up, reverse=True)
    for listing in (up, down):  # the undated close both lists
        flags = [when(h) is None for h in listing]
        assert flags == sorted(flags)
    assert {h["id"] for h in up} == {h["id"] for h in hits(client)}


def test_sort_by_title(client: TestClient) -> None:
    titles = [" ".join(fold(h["title"]).lower().split()) for h in hits(client, sort="title")]
    assert titles == sorted(titles)


def test_unknown_sort_is_refused(client: TestClient) -> None:
    assert client.get("/api/v1/search", params={"sort": "random"}).status_code == 422


def test_date_range_and_year_histogram(client: TestClient) -> None:
    body = client.get("/api/v1/search", params={"size": 100}).json()
    by_year: dict[int, int] = {}
    for h in body["hits"]:
        if h["year"] is not None:
            by_year[h["year"]] = by_year.get(h["year"], 0) + 1
    assert [(b["year"], b["count"]) for b in body["histogram"]] == sorted(by_year.items())
    narrowed = hits(client, date_from="1938-01-01", date_to="1999-12-31")
    assert narrowed and all("1938-01-01" <= (when(h) or "") <= "1999-12-31" for h in narrowed)
    assert len(narrowed) < len(body["hits"])
    assert client.get("/api/v1/search", params={"date_from": "12.03.1937"}).status_code == 422
    quiet = client.get("/api/v1/search", params={"facets": "false"}).json()
    assert quiet["histogram"] == []


def test_export_follows_the_search_order(client: TestClient) -> None:
    order = [h["id"] for h in hits(client, sort="date_desc")]
    r = client.get("/api/v1/search/export", params={"format": "json", "sort": "date_desc"})
    assert r.status_code == 200, r.text
    assert [row["id"] for row in json.loads(r.content)["rows"]] == order


def test_feed_takes_the_same_filters(client: TestClient) -> None:
    everything = client.get("/api/v1/search/feed.atom", params={"sort": "title"})
    assert everything.status_code == 200 and everything.text.count("<entry") >= 4
    later = client.get("/api/v1/search/feed.atom", params={"date_from": "2100-01-01"})
    assert later.status_code == 200 and "<entry" not in later.text


def test_openapi_lists_the_filters_once_per_route(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/search", "/api/v1/search/export", "/api/v1/search/feed.atom"):
        names = [p["name"] for p in paths[path]["get"]["parameters"]]
        assert len(names) == len(set(names)), (path, names)
        assert {"sort", "date_from", "date_to", "norm", "court"} <= set(names), path
    export = {p["name"] for p in paths["/api/v1/search/export"]["get"]["parameters"]}
    assert "file_format" in export and "format" in export  # filter and export's format
    within = paths["/api/v1/documents/{doc_id}/search"]["get"]
    assert "offsets" in within["description"]


def decision_id(client: TestClient) -> int:
    [hit] = hits(client, q='"может быть обжаловано"')
    return int(hit["id"])


def test_search_within_a_document_gives_pages_and_offsets(client: TestClient) -> None:
    doc_id = decision_id(client)
    pages = {
        p["number"]: p["text"] for p in client.get(f"/api/v1/documents/{doc_id}").json()["pages"]
    }
    r = client.get(f"/api/v1/documents/{doc_id}/search", params={"q": "решения"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [p["number"] for p in body["pages"]] == [1, 2]  # «РЕШЕНИЕ», «Решение»: any form
    for page in body["pages"]:
        for h in page["hits"]:
            assert pages[page["number"]][h["start"] : h["end"]] == h["text"]
            assert fold(h["text"]).lower().startswith("решени")
    assert body["total"] == sum(len(p["hits"]) for p in body["pages"])
    only_two = client.get(f"/api/v1/documents/{doc_id}/search", params={"q": "обжаловано"})
    assert [p["number"] for p in only_two.json()["pages"]] == [2]
    none = client.get(f"/api/v1/documents/{doc_id}/search", params={"q": "трибунал"}).json()
    assert none == {"q": "трибунал", "total": 0, "pages": []}
    bad = client.get(f"/api/v1/documents/{doc_id}/search", params={"q": '"незакрытая'})
    assert bad.status_code == 400


def test_results_page_sorts_and_draws_the_histogram(client: TestClient) -> None:
    page = client.get("/", params={"q": "", "sort": "date_asc"}).text
    assert re.search(r'<option value="date_asc" selected>', page)
    assert "data-histogram" in page and 'aria-label="1937 год: документов' in page
    assert client.get("/", params={"date_from": "вчера"}).status_code == 400


def test_document_page_boxes_a_permalink_region(client: TestClient) -> None:
    [scan] = hits(client, q="выселении")
    page = client.get(
        f"/documents/{scan['id']}", params={"page": "2", "region": "10,20,300,100"}
    ).text
    assert 'data-permalink data-page="2" data-region="10,20,300,100"' in page
    assert re.search(r'<rect x="10" y="20" width="300" height="100">', page)
    assert page.count("data-region-box") == 1
    outside = client.get(f"/documents/{scan['id']}", params={"page": "9", "region": "1,2,3,4"})
    assert outside.status_code == 200 and "data-region-box" not in outside.text
