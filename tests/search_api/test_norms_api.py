"""Norm filter, norm facet, practice and similar decisions through the API, both backends.

Court acts go through the real pipeline (enrich reads case metadata and norms, anonymize
applies the court policy, index); the same assertions hold for tantivy and OpenSearch.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from core.settings import Settings
from indices.context import AppContext
from server.app import create_app
from tests.court_samples import ingest_decisions

BACKENDS = ["tantivy", pytest.param("opensearch", marks=pytest.mark.opensearch)]


@pytest.fixture(scope="module", params=BACKENDS)
def env(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, dict[str, int]]]:
    root = tmp_path_factory.mktemp(f"norms-{request.param}")
    overrides: dict[str, Any] = {"data_dir": root / "data", "workers": 2}
    if request.param == "opensearch":
        overrides["search_url"] = request.getfixturevalue("search_node_url")
        overrides["index_prefix"] = f"{request.getfixturevalue('search_node_prefix')}-norms"
    ctx = AppContext.create(Settings(**overrides))
    ids = ingest_decisions(ctx, root)
    with TestClient(create_app(ctx)) as client:
        yield client, ids
    ctx.close()


def found(client: TestClient, ids: dict[str, int], **params: Any) -> set[str]:
    r = client.get("/api/v1/search", params={"size": 50, **params})
    assert r.status_code == 200, r.text
    by_id = {v: k for k, v in ids.items()}
    return {by_id[h["id"]] for h in r.json()["hits"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"norm": "ч. 2 ст. 168 УК КР"}, {"p1", "o3", "a5"}),
        ({"norm": "uk-kr-2021/168"}, {"p1", "p2", "o3", "a5"}),
        ({"q": "norm:uk-kr-2021/168"}, {"p1", "p2", "o3", "a5"}),
        ({"norm": "168-берене 2-бөлүк", "edition": "uk-kr-2021"}, {"p1", "o3", "a5"}),
        ({"norm": "uk-kr-2017/168/2"}, {"p6"}),  # the 2020 decision cites the 2017 edition
        ({"norm": "ст. 201 ГПК КР"}, {"c4"}),  # «ст.ст. 200-202» expands to each article
        ({"norm": "uk-kr-2021/168", "outcome": "acquitted"}, {"p2"}),
        ({"q": "телефон", "norm": "uk-kr-2021/168", "instance": "appeal"}, {"a5"}),
        ({"category": "civil"}, {"c4"}),
    ],
)
def test_norm_and_case_filters(
    env: tuple[TestClient, dict[str, int]], params: dict[str, str], expected: set[str]
) -> None:
    client, ids = env
    assert found(client, ids, **params) == expected


def test_norm_facet_and_bad_citation(env: tuple[TestClient, dict[str, int]]) -> None:
    client, _ = env
    body = client.get("/api/v1/search", params={"size": 20}).json()
    norms = {b["value"]: b["count"] for b in body["facets"]["norm"]}
    assert norms["uk-kr-2021/168"] == 4 and norms["uk-kr-2021/168/2"] == 3
    hit = next(h for h in body["hits"] if h["case_number"] == "1-101/23")
    assert hit["norms"] == ["uk-kr-2021/168/2"] and hit["outcome"] == "convicted"
    r = client.get("/api/v1/search", params={"norm": "абракадабра"})
    assert r.status_code == 400 and "норм" in r.json()["detail"]


def test_practice_counts_by_outcome_court_instance_year(
    env: tuple[TestClient, dict[str, int]],
) -> None:
    client, _ = env
    body = client.get("/api/v1/practice", params={"norm": "ст. 168 УК КР"}).json()
    assert body["norm"] == ["uk-kr-2021/168"] and body["total"] == 4
    count = {f: {b["value"]: b["count"] for b in bs} for f, bs in body["facets"].items()}
    assert count["outcome"] == {"convicted": 2, "acquitted": 1, "upheld": 1}
    assert count["instance"] == {"first": 3, "appeal": 1}
    assert count["year"] == {"2022": 1, "2023": 2, "2024": 1}
    assert sum(count["court"].values()) == 4
    convicted = next(b for b in body["facets"]["outcome"] if b["value"] == "convicted")
    page = client.get(convicted["search_url"])
    assert page.status_code == 200 and page.text.count('class="hit"') == 2


def test_similar_decisions_exclude_self_and_rank_shared_norms(
    env: tuple[TestClient, dict[str, int]],
) -> None:
    client, ids = env
    body = client.get(f"/api/v1/documents/{ids['p1']}/similar", params={"limit": 5}).json()
    got = [h["id"] for h in body["hits"]]
    assert ids["p1"] not in got and got
    by_id = {v: k for k, v in ids.items()}
    assert by_id[got[0]] in {"o3", "a5"}  # same article and part, and same theft
    first = body["hits"][0]
    assert "uk-kr-2021/168/2" in first["shared_norms"]
    assert first["compare_url"] == f"/compare?a={ids['p1']}&b={got[0]}"
    ranks = {by_id[h]: i for i, h in enumerate(got)}
    if "c4" in ranks:
        assert ranks["c4"] > ranks[by_id[got[0]]]


def test_norm_autocomplete_and_resolve(env: tuple[TestClient, dict[str, int]]) -> None:
    client, _ = env
    acts = client.get("/api/v1/norms/suggest", params={"q": "УК"}).json()["acts"]
    assert "uk-kr-2021" in [a["slug"] for a in acts]
    norms = client.get("/api/v1/norms/suggest", params={"q": "uk-kr-2021/16"}).json()["norms"]
    assert "uk-kr-2021/168" in norms and "uk-kr-2021/168/2" in norms
    r = client.get("/api/v1/norms/resolve", params={"citation": "п. «а» ч. 2 ст. 105 УК"})
    assert r.json()["ids"] == ["uk-kr-2021/105/2/а"]
    # an edition typed in the citation is the edition searched, a wrong one a clear 400
    r = client.get("/api/v1/norms/resolve", params={"citation": "ст. 168 УК КР 1997 года"})
    assert r.json()["ids"] == ["uk-kr-1997/168"]
    r = client.get("/api/v1/norms/resolve", params={"citation": "ст. 168 УК КР 1960 года"})
    assert r.status_code == 400 and "нет редакции 1960 года" in r.json()["detail"]
