"""A lawyer in the browser: practice charts under a norm, a bar to its decisions, and two
similar decisions side by side with their shared norms marked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from core.settings import Settings
from indices.context import AppContext
from tests.court_samples import ingest_decisions
from tests.ui.conftest import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def court_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int]]]:
    root = tmp_path_factory.mktemp("court-ui")
    settings = Settings(data_dir=root / "data", workers=2)
    ctx = AppContext.create(settings)
    ids = ingest_decisions(ctx, root)
    ctx.close()
    with serving(settings) as url:
        yield url, ids


def test_practice_charts_lead_to_the_decisions(
    court_site: tuple[str, dict[str, int]], browser: Browser
) -> None:
    url, _ = court_site
    page = browser.new_page()
    page.goto(url + "/practice")
    page.get_by_label("Норма права").fill("ст. 168 УК КР")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator("#total")).to_have_text("4")
    outcome = page.locator('[data-chart="outcome"] .bar', has_text="обвинительный приговор")
    expect(outcome.locator(".bar-count")).to_have_text("2")
    outcome.click()
    expect(page.locator("#total")).to_have_text("2")
    expect(page.locator(".chip")).to_contain_text("ст. 168 УК КР")


def test_similar_decisions_side_by_side(
    court_site: tuple[str, dict[str, int]], browser: Browser
) -> None:
    url, ids = court_site
    page = browser.new_page()
    page.goto(f"{url}/documents/{ids['p1']}")
    expect(page.locator(".docmeta")).to_contain_text("обвинительный приговор")
    expect(page.locator(".page-text span.norm").first).to_have_text("ч. 2 ст. 168 УК КР")
    page.locator(".similar li a", has_text="сравнить").first.click()
    expect(page.locator(".compare-col")).to_have_count(2)
    shared = page.locator(".compare-col .page-text span.norm.shared")
    expect(shared.first).to_be_visible()
    assert shared.count() >= 2  # the shared norm is marked in both texts


def test_no_content_security_policy_violation(
    court_site: tuple[str, dict[str, int]], browser: Browser
) -> None:
    """The CSP forbids inline script and style: every page and its scripts must still run
    (the norm box suggests, the charts draw, the viewer loads) with nothing refused."""
    url, ids = court_site
    page = browser.new_page()
    refused: list[str] = []
    page.on(
        "console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None
    )
    for path in (
        "/",
        "/?q=телефон",
        "/practice?norm=ст.+168+УК+КР",
        f"/documents/{ids['p1']}",
        f"/compare?a={ids['p1']}&b={ids['a5']}",
        "/upload",
    ):
        response = page.goto(url + path)
        assert response is not None and response.status == 200, path
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    page.goto(url + "/practice?norm=ст.+168+УК+КР")
    bar = page.locator('[data-chart="outcome"] progress.bar-track').first
    assert float(bar.get_attribute("value") or 0) > 0
    assert refused == []
