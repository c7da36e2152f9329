"""The portal's pages in Russian and Kyrgyz: plan, list, a draft with its amended norms
linked to the practice page, the article-by-article diff; a planned draft is not public."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from core.auth import LOCAL_ADMIN
from indices.context import AppContext
from server.app import create_app
from service import drafts as svc
from service.drafts_plan import import_plan
from service.schemas_drafts import DraftIn, StageIn

DATA = Path(__file__).parents[1] / "drafts" / "data"
AGENCY = "Министерство юстиции"
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=svc.BISHKEK)


def _draft(ctx: AppContext, title: str, *texts: str, open_: bool = True) -> int:
    d = svc.create_draft(
        ctx, LOCAL_ADMIN, DraftIn(title=title, act_kind="law", agency=AGENCY, area="право")
    ).id
    for n, text in enumerate(texts):
        svc.add_version(ctx, LOCAL_ADMIN, d, (DATA / text).read_bytes(), f"v{n}.txt")
    if open_:
        body = StageIn(stage="discussion", closes=dt.date(2026, 4, 30))
        svc.change_stage(ctx, LOCAL_ADMIN, d, body, NOW)
    return d


@pytest.fixture
def site(ctx: AppContext) -> Iterator[tuple[TestClient, dict[str, int]]]:
    csv = f"agency,year,title,act_kind,quarter\n{AGENCY},2026,Об открытых данных,law,2\n"
    assert import_plan(ctx, LOCAL_ADMIN, csv.encode(), dry_run=False).created == 1
    ids = {
        "law": _draft(ctx, "Об открытых данных", "ru-v1.txt", "ru-v2.txt"),
        "uk": _draft(ctx, "О внесении изменений в УК", "ru-amending.txt"),
        "planned": _draft(ctx, "Черновик ведомства", "ru-v1.txt", open_=False),
    }
    app = create_app(ctx)
    app.dependency_overrides[svc.now_local] = lambda: NOW
    with TestClient(app) as c:
        yield c, ids


def test_pages_in_both_languages(site: tuple[TestClient, dict[str, int]]) -> None:
    c, ids = site
    for lang, words in (
        ("ru", ("Проекты нормативных", "общественное обсуждение")),
        ("ky", ("Ченемдик укуктук", "коомдук талкуу")),
    ):
        page = c.get("/drafts", params={"lang": lang})
        assert page.status_code == 200 and all(w in page.text for w in words), lang
        assert f"/drafts/{ids['law']}" in page.text and "Черновик ведомства" not in page.text
        assert c.get("/plan", params={"lang": lang}).status_code == 200
    assert "Об открытых данных" in c.get("/plan").text
    assert c.get(f"/drafts/{ids['planned']}").status_code == 404
    assert "Черновик" not in c.get("/drafts", params={"stage": "planned"}).text

    uk = c.get(f"/drafts/{ids['uk']}").text
    assert 'href="/practice?norm=uk-kr-2021/168"' in uk and "ст. 168 УК КР" in uk
    assert "признание утратившей силу" in uk and "с 02.03.2026 по 30.04.2026" in uk

    law = c.get(f"/drafts/{ids['law']}", params={"lang": "ky"}).text
    assert f"/drafts/{ids['law']}/diff?from=1&to=2&lang=ky" in law
    diff = c.get(f"/drafts/{ids['law']}/diff", params={"from": 1, "to": 2})
    assert diff.status_code == 200
    assert "статья 4 → статья 5" in diff.text and "<ins>" in diff.text
    assert "жаңы номер" in c.get(f"/drafts/{ids['law']}/diff?from=1&to=2&lang=ky").text
    assert c.get(f"/drafts/{ids['law']}/diff", params={"from": 1, "to": 7}).status_code == 404
    text = c.get(f"/drafts/{ids['law']}/versions/2", params={"lang": "ky"})
    assert text.status_code == 200 and 'id="art-5"' in text.text and 'id="art-3/1"' in text.text
    assert f'href="/drafts/{ids["law"]}/versions/2?lang=ky"' in law
    assert c.get(f"/drafts/{ids['planned']}/versions/1").status_code == 404
