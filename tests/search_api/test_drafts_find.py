"""Finding and following drafts on the demo's drafts, on the real app, database and
embedded index: full-text search with filters and facets, the drafts that would change a
norm on the practice and search pages, the Atom feeds, the calendar, the bulk export, and
a follower's mail in the outbox after a stage change.

One seeded portal for the module (seeding runs the real life cycle: ~2 s); the test that
changes a draft's stage runs last and changes a draft no other test counts on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from core.auth import LOCAL_ADMIN
from core.settings import Settings
from drafts import DraftStage
from indices.context import AppContext
from indices.drafts_index import DraftQuery, OpenSearchDrafts
from server.app import create_app
from service.alerts import run_alerts
from service.drafts import change_stage, now_local
from service.drafts_demo import seed_drafts
from service.drafts_search import index_doc, query_of
from service.schemas_drafts import StageIn

ATOM = "{http://www.w3.org/2005/Atom}"
UK = "О внесении изменений в Уголовный кодекс Кыргызской Республики"
OPEN_DATA = "Об открытых данных государственных органов"
MEDIATION = "О медиации"  # the demo's draft still `planned`: never public
YOUTH = "Жаштар саясаты жөнүндө"  # in discussion, in Kyrgyz


@pytest.fixture(scope="module")
def portal(
    tmp_path_factory: pytest.TempPathFactory, _migrated_sqlite: Path
) -> Iterator[tuple[AppContext, TestClient]]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("find") / "data", workers=1)
    settings.data_dir.mkdir(parents=True)
    shutil.copyfile(_migrated_sqlite, settings.data_dir / _migrated_sqlite.name)
    ctx = AppContext.create(settings)
    today = now_local().date()
    seed_drafts(ctx, today)
    app = create_app(ctx)
    app.dependency_overrides[now_local] = lambda: dt.datetime.combine(
        today, dt.time(12), tzinfo=now_local().tzinfo
    )
    with TestClient(app) as client:
        yield ctx, client
    ctx.close()


def _search(client: TestClient, **params: object) -> dict:
    r = client.get("/api/v1/drafts/search", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def _titles(found: dict) -> set[str]:
    return {d["title"] for d in found["drafts"]}


def test_search_words_filters_and_facets(portal: tuple[AppContext, TestClient]) -> None:
    _, client = portal
    everything = _search(client)
    # Ten public drafts; the two planned ones are in no index.
    assert everything["total"] == 10 and MEDIATION not in _titles(everything)
    facets = {k: {b["value"]: b["count"] for b in v} for k, v in everything["facets"].items()}
    assert facets["stage"] == {
        "discussion": 3,
        "discussion_closed": 2,
        "report_published": 1,
        "submitted": 1,
        "adopted": 1,
        "rejected": 1,
        "withdrawn": 1,
    }
    assert facets["act_kind"] == {"law": 8, "government_decree": 2}
    assert facets["agency"]["Министерство финансов"] == 2
    # Words are stemmed, in the text of the current version: «мошенничества» → ст. 168.
    assert _titles(_search(client, q="мошенничества")) == {UK}
    assert _titles(_search(client, q="наборов открытых данных")) == {OPEN_DATA}
    assert _search(client, q="открытых мошенничество")["total"] == 0  # every word must occur
    # Filters, and the facets follow them.
    fin = _search(client, agency="министерство  ФИНАНСОВ")
    assert fin["total"] == 2
    assert {b["value"] for b in fin["facets"]["stage"]} == {"adopted", "withdrawn"}
    assert _search(client, kind="government_decree", stage="adopted")["total"] == 1
    assert _search(client, area="бюджет", stage="discussion")["total"] == 0
    assert _titles(_search(client, open_now=True)) == {UK, OPEN_DATA, YOUTH}
    # The UK draft opened 25 days ago for 30 days: it closes within a week, the other not.
    assert _titles(_search(client, closing_within_days=7)) == {UK}
    # The page: words, a facet link, the feed of the selection.
    page = client.get("/drafts", params={"q": "мошенничества", "lang": "ky"})
    assert page.status_code == 200 and UK in page.text and OPEN_DATA not in page.text
    assert 'id="total">1<' in page.text and 'type="application/atom+xml"' in page.text
    # The documents' search page points to the drafts holding its words.
    main = client.get("/", params={"q": "мошенничества"})
    assert main.status_code == 200 and "data-drafts-found" in main.text
    assert "data-drafts-found" not in client.get("/", params={"q": "мошенничества OR суд"}).text


def test_drafts_that_would_change_a_norm(portal: tuple[AppContext, TestClient]) -> None:
    _, client = portal
    for norm, ops in (
        ("uk-kr-2021/168", {("amend", "uk-kr-2021/168")}),
        ("ч. 2 ст. 168 УК КР", {("amend", "uk-kr-2021/168")}),  # the article's new wording
        ("uk-kr-2021/171", {("repeal", "uk-kr-2021/171")}),
    ):
        r = client.get("/api/v1/practice", params={"norm": norm})
        assert r.status_code == 200, r.text
        [draft] = r.json()["drafts"]
        assert draft["title"] == UK and draft["stage"] == "discussion"
        assert {(o["operation"], o["norm_id"]) for o in draft["operations"]} == ops
    assert client.get("/api/v1/practice", params={"norm": "uk-kr-2021/200"}).json()["drafts"] == []
    page = client.get("/practice", params={"norm": "uk-kr-2021/168"})
    assert "Проекты, которые изменят эту норму" in page.text and UK in page.text
    search = client.get("/", params={"norm": "uk-kr-2021/168"})
    assert search.status_code == 200 and 'href="/drafts/' in search.text and UK in search.text
    # And back: the draft's page links each norm to its practice.
    uk_id = _search(client, q="мошенничества")["drafts"][0]["id"]
    assert 'href="/practice?norm=uk-kr-2021/168"' in client.get(f"/drafts/{uk_id}").text


def test_feeds_and_calendar(portal: tuple[AppContext, TestClient]) -> None:
    _, client = portal

    def entries(url: str, **params: str) -> list[str]:
        r = client.get(url, params=params)
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
        feed = ET.fromstring(r.content)
        assert feed.find(f"{ATOM}title") is not None and feed.find(f"{ATOM}updated") is not None
        return [e.findtext(f"{ATOM}title") or "" for e in feed.iter(f"{ATOM}entry")]

    assert set(entries("/drafts.atom", stage="discussion")) == {UK, OPEN_DATA, YOUTH}
    assert len(entries("/drafts.atom", agency="Министерство финансов")) == 2
    assert entries("/drafts.atom", area="образование") == [
        "Мамлекеттик тил жөнүндө мыйзамга өзгөртүүлөр"
    ]
    assert MEDIATION not in entries("/drafts.atom")
    plan = entries("/plan.atom")
    assert len(plan) == 12 and MEDIATION in plan  # the plan item is public, its draft not
    cal = client.get("/drafts/calendar", params={"days": 10})
    assert cal.status_code == 200 and UK in cal.text and OPEN_DATA not in cal.text
    assert OPEN_DATA in client.get("/drafts/calendar", params={"days": 60, "lang": "ky"}).text


def test_bulk_export(portal: tuple[AppContext, TestClient]) -> None:
    _, client = portal
    data = client.get("/api/v1/drafts/export", params={"format": "json"}).json()
    assert data["schema_version"] == 1 and len(data["drafts"]) == 10
    uk = next(d for d in data["drafts"] if d["title"] == UK)
    assert [v["number"] for v in uk["version_list"]] == [1, 2]
    assert "Мошенничество" in uk["version_list"][-1]["text"]
    r = client.get("/api/v1/drafts/export", params={"format": "csv", "table": "versions"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == sum(len(d["version_list"]) for d in data["drafts"])
    drafts_csv = client.get("/api/v1/drafts/export", params={"format": "csv"}).text
    assert MEDIATION not in drafts_csv and UK in drafts_csv
    assert (
        client.get("/api/v1/drafts/export", params={"table": "x", "format": "csv"}).status_code
        == 422
    )


def test_follow_mails_on_stage_change(portal: tuple[AppContext, TestClient]) -> None:
    ctx, client = portal
    draft = _search(client, q="наборов открытых данных")["drafts"][0]["id"]
    r = client.post(f"/drafts/{draft}/follow", data={"email": "reader@example.org"})
    assert r.status_code == 200, r.text
    outbox = ctx.settings.outbox_dir
    [confirm_mail] = list(outbox.glob("*.eml"))
    body = BytesParser(policy=policy.default).parsebytes(confirm_mail.read_bytes())
    token = re.search(r"confirm\?token=([\w-]+)", body.get_content()).group(1)  # type: ignore[union-attr]
    assert client.get("/api/v1/subscriptions/confirm", params={"token": token}).status_code == 200
    assert run_alerts(ctx).mailed == 0  # nothing new yet
    change_stage(
        ctx,
        LOCAL_ADMIN,
        draft,
        StageIn(stage=DraftStage.WITHDRAWN, reason="Разработан новый проект"),
        now_local() + dt.timedelta(seconds=1),
    )
    assert run_alerts(ctx).mailed == 1
    [news] = [p for p in outbox.glob("*.eml") if p != confirm_mail]
    text = BytesParser(policy=policy.default).parsebytes(news.read_bytes()).get_content()
    assert "Новая стадия:" in text and "Разработан новый проект" in text
    assert f"/drafts/{draft}" in text and "unsubscribe?token=" in text
    # Reindexed on the stage change: the index now has it withdrawn.
    assert _search(client, q="наборов открытых данных")["drafts"][0]["stage"] == "withdrawn"
    # A planned draft cannot be followed: it is not public.
    assert client.post("/drafts/999999/follow", data={"email": "a@example.org"}).status_code == 404


@pytest.mark.opensearch
def test_opensearch_drafts_index_finds_as_tantivy(
    portal: tuple[AppContext, TestClient], search_node_url: str, search_node_prefix: str
) -> None:
    ctx, _ = portal
    from core.models import Draft

    with ctx.db.session() as s:
        docs = [d for d in (index_doc(x) for x in s.query(Draft).all()) if d is not None]
    os_index = OpenSearchDrafts(search_node_url, prefix=search_node_prefix)
    try:
        os_index.clear()
        os_index.index(docs)
        today = now_local().date()
        cases = [
            DraftQuery(),
            query_of("мошенничества", today=today),
            query_of("", agency="Министерство финансов", today=today),
            query_of("", open_now=True, today=today),
            query_of("", closing_within_days=7, today=today),
            DraftQuery(norms=("uk-kr-2021/168",)),
        ]
        for q in cases:
            ours, theirs = ctx.drafts_search.search(q, limit=50), os_index.search(q, limit=50)
            assert (set(theirs.ids), theirs.total) == (set(ours.ids), ours.total), q
            assert theirs.facets == ours.facets, q
    finally:
        os_index.client.indices.delete(index=os_index.name, ignore_unavailable=True)
        os_index.close()
