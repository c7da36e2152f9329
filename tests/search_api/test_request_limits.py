"""Request limits through every caller: norm expansion and query cost are 400s with a
Russian message (API and UI), and the expensive routes are rate limited per client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from core.auth import Role, create_key
from core.settings import Settings
from indices.context import AppContext
from search_api.ratelimit import TokenBuckets
from server.app import create_app
from tests.court_samples import ingest_decisions

HOSTILE_NORM = "п. 1-30 ч. 1-30 ст. 1-30 УК КР"


@pytest.fixture(scope="module")
def court(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, dict[str, int]]]:
    root = tmp_path_factory.mktemp("limits")
    ctx = AppContext.create(Settings(data_dir=root / "data", workers=2))
    ids = ingest_decisions(ctx, root)
    yield ctx, ids
    ctx.close()


@pytest.fixture
def client(court: tuple[AppContext, dict[str, int]]) -> Iterator[TestClient]:
    with TestClient(create_app(court[0])) as c:
        yield c


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/norms/resolve", {"citation": HOSTILE_NORM}),
        ("/api/v1/search", {"norm": HOSTILE_NORM}),
        ("/api/v1/search", {"q": f'norm:"{HOSTILE_NORM}"'}),
        ("/api/v1/practice", {"norm": HOSTILE_NORM}),
        ("/", {"norm": HOSTILE_NORM}),
        ("/practice", {"norm": HOSTILE_NORM}),
    ],
)
def test_norm_expansion_over_the_limit_is_a_400(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    r = client.get(path, params=params)
    assert r.status_code == 400, r.text
    assert "27000 норм" in r.text and "не больше 200" in r.text


def test_norm_limit_is_a_setting(court: tuple[AppContext, dict[str, int]], tmp_path: Path) -> None:
    ctx = AppContext.create(court[0].settings.model_copy(update={"norm_expansion_max": 2}))
    try:
        with TestClient(create_app(ctx)) as c:
            r = c.get("/api/v1/norms/resolve", params={"citation": "ст.ст. 200-202 ГПК КР"})
            assert r.status_code == 400 and "3 норм" in r.json()["detail"]
            ok = c.get("/api/v1/norms/resolve", params={"citation": "ст.ст. 200-201 ГПК КР"})
            assert ok.status_code == 200 and len(ok.json()["ids"]) == 2
    finally:
        ctx.close()


def test_a_legitimate_range_still_works(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"norm": "ст.ст. 200-202 ГПК КР"})
    assert r.status_code == 200 and r.json()["total"] == 1


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("а" * 40 + "~2", "не длиннее 24 букв"),
        ("(" * 30 + "суд" + ")" * 30, "глубоко вложен"),
        (" OR ".join(f"w{i}" for i in range(100)), "100 условий"),
        ("суд* закон* приговор* иск* жалоба*", "5 шаблонов"),
        ("*суд", r"в конце слова"),
    ],
)
def test_expensive_query_is_a_400_on_api_and_ui(client: TestClient, q: str, message: str) -> None:
    for path in ("/api/v1/search", "/"):
        r = client.get(path, params={"q": q})
        assert r.status_code == 400, (path, r.text[:200])
    assert re.search(message, client.get("/api/v1/search", params={"q": q}).json()["detail"])


def test_page_hits_refuse_expensive_queries(
    client: TestClient, court: tuple[AppContext, dict[str, int]]
) -> None:
    doc = court[1]["p1"]
    r = client.get(f"/api/v1/documents/{doc}/hits", params={"q": "а" * 40 + "~2"})
    assert r.status_code == 400


# -- rate limit ---------------------------------------------------------------------


def test_token_bucket_refills_at_the_rate() -> None:
    b = TokenBuckets(per_minute=60, burst=2)
    assert b.take("a", now=0.0) == 0 and b.take("a", now=0.0) == 0
    assert b.take("a", now=0.0) == pytest.approx(1.0)
    assert b.take("b", now=0.0) == 0  # another client, another bucket
    assert b.take("a", now=1.0) == 0  # one token back after a second


@pytest.fixture
def limited(court: tuple[AppContext, dict[str, int]]) -> Iterator[tuple[TestClient, str]]:
    settings = court[0].settings.model_copy(
        update={"rate_limit_per_minute": 1, "rate_limit_burst": 3}
    )
    ctx = AppContext.create(settings)
    key = create_key(ctx, Role.RESEARCHER).key
    try:
        with TestClient(create_app(ctx)) as c:
            yield c, key
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/search", {"q": "телефон"}),
        ("/api/v1/practice", {"norm": "ч. 2 ст. 168 УК КР"}),
        ("/api/v1/norms/resolve", {"citation": "ч. 2 ст. 168 УК КР"}),
        ("/api/v1/norms/suggest", {"q": "ук"}),
        ("/", {"q": "телефон"}),
    ],
)
def test_expensive_routes_are_rate_limited_per_client(
    limited: tuple[TestClient, str], path: str, params: dict[str, Any]
) -> None:
    c, key = limited
    for _ in range(3):
        assert c.get(path, params=params).status_code == 200
    r = c.get(path, params=params)
    assert r.status_code == 429
    assert int(r.headers["retry-after"]) >= 1 and "Слишком много запросов" in r.json()["detail"]
    # a key is another client; cheap routes are not limited
    assert c.get(path, params=params, headers={"Authorization": f"Bearer {key}"}).status_code == 200
    assert c.get("/api/v1/health").status_code == 200


def test_similar_and_page_hits_are_rate_limited(
    limited: tuple[TestClient, str], court: tuple[AppContext, dict[str, int]]
) -> None:
    c, _ = limited
    doc = court[1]["p1"]
    paths = [
        f"/api/v1/documents/{doc}/similar",
        f"/api/v1/documents/{doc}/hits?q=суд",
        f"/api/v1/documents/{doc}/pages/1/hits?q=суд",
    ]
    codes = [c.get(p).status_code for p in paths * 2]
    assert codes[:3] == [200, 200, 200] and set(codes[3:]) == {429}


BIG = "36893488147419103232"  # 2**65: past every integer the database and engines store


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"/api/v1/documents/{BIG}", 422),
        (f"/api/v1/documents/1/pages/{BIG}/image", 422),
        (f"/api/v1/documents/{BIG}/similar", 422),
        (f"/api/v1/documents/{BIG}/hits?q=суд", 422),
        (f"/api/v1/pages?offset={BIG}", 422),
        (f"/api/v1/search?year_from={BIG}", 422),
        (f"/api/v1/search?page={BIG}", 422),
        (f"/api/v1/search?q=year:[0 TO {BIG}]", 400),
        (f"/api/v1/search?q=id:{BIG}", 400),
        (f"/documents/{BIG}", 422),
    ],
)
def test_huge_integers_are_refused_not_overflowed(
    client: TestClient, path: str, status: int
) -> None:
    """Found by the API fuzzing: a 2**65 id reached SQLite and the engines (500/503)."""
    assert client.get(path).status_code == status


def test_a_huge_page_of_the_search_page_is_clamped_not_overflowed(client: TestClient) -> None:
    """The UI answers a page past the last with the last page (issue #20), never a 5xx."""
    r = client.get(f"/?q=суд&page={BIG}")
    assert r.status_code == 200 and r.history and r.history[0].status_code == 303
    assert f"page={BIG}" not in str(r.url)


def test_feed_and_anonymous_subscriptions_are_rate_limited(
    limited: tuple[TestClient, str],
) -> None:
    """Subscribing needs no key, so it shares the limit of the expensive routes (and so
    does the feed, which runs searches): nobody floods mailboxes through the form."""
    c, _ = limited
    answers = [
        c.get("/api/v1/search/feed.atom", params={"q": "суд"}),
        c.post("/api/v1/subscriptions", json={"email": "a@example.kg", "query": {"q": "суд"}}),
        c.post("/subscribe", data={"email": "b@example.kg", "q": "суд"}),
        c.post("/api/v1/subscriptions", json={"email": "c@example.kg", "query": {"q": "суд"}}),
        c.post("/subscribe", data={"email": "d@example.kg", "q": "суд"}),
    ]
    codes = [r.status_code for r in answers]
    assert codes[:3] == [200, 202, 200] and set(codes[3:]) == {429}, codes


def test_misreading_reports_are_rate_limited(
    limited: tuple[TestClient, str], court: tuple[AppContext, dict[str, int]]
) -> None:
    """Reporting a misreading needs no key either: the API route and the document page's
    form share the same per-client limit, so the archivists' queue cannot be flooded."""
    c, _ = limited
    doc = court[1]["p1"]
    api = f"/api/v1/documents/{doc}/pages/1/reports"
    answers = [
        c.post(api, json={"line": 0, "suggested": "Решение"}),
        c.post(f"/documents/{doc}/report", data={"page": "1", "suggested": "Решение"}),
        c.post(api, json={"line": 0, "suggested": "Решение"}),
        c.post(api, json={"line": 0, "suggested": "Решение"}),
        c.post(f"/documents/{doc}/report", data={"page": "1", "suggested": "Решение"}),
    ]
    codes = [r.status_code for r in answers]
    assert codes[:3] == [201, 200, 201] and set(codes[3:]) == {429}, codes
