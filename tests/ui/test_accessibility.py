"""Issue #18, item 8: WCAG 2.1 AA on every page type of the reading room, in Debian's chromium.

axe-core (vendored, tests/ui/vendor/) is injected into each page of the demo data and no
serious or critical violation may remain; at 360 px no page scrolls sideways; the keyboard
reaches the search box and the main controls and shows where it is; every control has an
accessible name; and no request leaves the application's host (the room may be offline).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page

from core.auth import Role, create_key
from core.models import Person, PersonSource
from core.settings import Settings
from indices.context import AppContext
from persons import registry
from persons.index import TantivyPersons
from tests.ui.conftest import serving

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
NAME_RULES = ["label", "select-name", "button-name", "input-button-name", "link-name"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@dataclass(frozen=True, slots=True)
class Site:
    url: str
    archivist_key: str
    person_id: int
    docs: tuple[int, int, int]  # a scan, two court decisions


@pytest.fixture(scope="module")
def site(demo_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A copy of the demo data with a small persons registry and an archivist's key: the
    demo corpus names no real person, and the copy leaves the shared demo data as it was."""
    data = tmp_path_factory.mktemp("a11y") / "data"
    shutil.copytree(demo_settings.data_dir, data)
    settings = Settings(data_dir=data, workers=2)
    ctx = AppContext.create(settings)
    try:
        with ctx.db.session() as s:
            ids = []
            for surname, given, year, state in (
                ("Исаков", "Шабдан", 1874, "published"),
                ("Касымов", "Эсенгул", 1900, "proposed"),
            ):
                p = Person(
                    surname=surname, given=given, birth_year=year, state=state, sentence="death"
                )
                s.add(p)
                s.flush()
                ids.append(p.id)
                s.add(
                    PersonSource(
                        person_id=p.id,
                        origin_person_id=p.id,
                        field="name",
                        value=f"{surname} {given}",
                        quote=surname.upper() + " " + given,
                        archival_ref="Ф. 1. Оп. 1. Д. 1",
                    )
                )
            s.flush()
            TantivyPersons(settings.index_dir / "persons").index(
                [registry.to_doc(p, s) for p in s.query(Person).all()]
            )
        key = create_key(ctx, Role.ARCHIVIST).key
    finally:
        ctx.close()
    with serving(settings) as url:
        yield Site(url, key, ids[0], documents(url))


def documents(url: str) -> tuple[int, int, int]:
    """A scan (the viewer with its image) and two court decisions (to compare)."""

    def ids(**params: str) -> list[int]:
        hits = httpx.get(f"{url}/api/v1/search", params={**params, "size": 2}).json()["hits"]
        return [int(h["id"]) for h in hits]

    scan = ids(q="трибунал")[0]
    a, b = ids(q="суд", doc_type="court_decision")
    return scan, a, b


def open_review_queue(page: Page, site: Site) -> None:
    page.fill("#key", site.archivist_key)
    page.click("#review-key button")
    page.locator("#proposed tbody tr", has_text="Касымов Эсенгул").wait_for()


def open_editor(page: Page, site: Site) -> None:
    page.fill("#key", site.archivist_key)
    page.click("#correct-key button")
    page.locator("#lines input").first.wait_for()


def open_corrections_queue(page: Page, site: Site) -> None:
    page.fill("#key", site.archivist_key)
    page.click("#queue-key button")
    page.locator("#status:not(:empty)").wait_for()


# Every page type: (name, address, what to do once it is open).
PAGES: list[tuple[str, Callable[[Site], str], Callable[[Page, Site], None] | None]] = [
    ("home", lambda s: "/", None),
    ("results", lambda s: "/?q=суд", None),
    ("results-norm", lambda s: "/?q=&norm=ч. 2 ст. 168 УК КР", None),
    ("document", lambda s: f"/documents/{s.docs[0]}?q=суд", None),
    ("compare", lambda s: f"/compare?a={s.docs[1]}&b={s.docs[2]}", None),
    ("compare-form", lambda s: "/compare", None),
    ("practice", lambda s: "/practice?norm=ч. 2 ст. 168 УК КР", None),
    ("upload", lambda s: "/upload", None),
    ("persons", lambda s: "/persons", None),
    ("persons-ky", lambda s: "/persons?lang=ky", None),
    ("person", lambda s: f"/persons/{s.person_id}", None),
    ("review", lambda s: "/persons/review", open_review_queue),
    ("correct", lambda s: f"/documents/{s.docs[0]}/pages/1/correct", open_editor),
    ("corrections-queue-ky", lambda s: "/corrections/reports?lang=ky", open_corrections_queue),
    ("error-404", lambda s: "/no-such-page", None),
    # The demo's drafts (service/drafts_demo.py): the plan's table, and the richest draft
    # page (2 amends the UK: timeline, amended-norms table, versions, compare form).
    ("plan", lambda s: "/plan", None),
    ("draft", lambda s: "/drafts/2", None),
    # With comments (service/drafts_demo_comments.py): a version's text with the comments
    # under its articles and the comment form, and the published report with its charts.
    ("draft-version-ky", lambda s: "/drafts/1/versions/2?lang=ky", None),
    ("draft-report", lambda s: "/drafts/4/report", None),
    ("draft-moderation-ky", lambda s: "/drafts/1/moderation?lang=ky", None),
    ("drafts-search", lambda s: "/drafts?q=закон&open_now=true", None),
    ("drafts-calendar-ky", lambda s: "/drafts/calendar?lang=ky", None),
    ("deepzoom", lambda s: f"/documents/{s.docs[0]}/deepzoom?q=трибунал", None),
    ("mirador", lambda s: f"/documents/{s.docs[0]}/mirador", None),
    # the demo finding aid (ingest/demo/finding_aid.py): archives, and a delo in Kyrgyz
    ("archive", lambda s: "/archive", None),
    ("archive-delo-ky", lambda s: "/archive/ЦГА КР/1254/1/237?lang=ky", None),
]
IDS = [name for name, _, _ in PAGES]


def visit(browser: Browser, site: Site, entry: tuple, viewport: dict[str, int]) -> Page:
    _, path, then = entry
    # The page's CSP forbids inline scripts (as it should): axe goes in past it.
    page = browser.new_page(viewport=viewport, bypass_csp=True)  # type: ignore[arg-type]
    page.goto(site.url + path(site))
    page.wait_for_load_state("networkidle")
    if then is not None:
        then(page, site)
    return page


def axe(page: Page, options: dict[str, object]) -> list[dict[str, object]]:
    page.add_script_tag(content=AXE)
    result = page.evaluate("(o) => axe.run(document, o)", options)
    return list(result["violations"])


def describe(violations: list[dict]) -> str:
    """Rule id, impact, where (up to five targets) and the rule's help, one line each."""
    lines = []
    for v in violations:
        where = json.dumps([n["target"] for n in v["nodes"]][:5], ensure_ascii=False)
        lines.append(f"{v['impact']}: {v['id']} at {where} — {v['help']} ({v['helpUrl']})")
    return "\n".join(lines)


@pytest.mark.parametrize("entry", PAGES, ids=IDS)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_no_serious_wcag_violation(
    site: Site, browser: Browser, entry: tuple, viewport: dict[str, int]
) -> None:
    page = visit(browser, site, entry, viewport)
    found = axe(page, {"runOnly": {"type": "tag", "values": WCAG_AA}})
    page.close()
    blocking = [v for v in found if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


@pytest.mark.parametrize("entry", PAGES, ids=IDS)
def test_every_control_has_an_accessible_name(site: Site, browser: Browser, entry: tuple) -> None:
    page = visit(browser, site, entry, DESKTOP)
    found = axe(page, {"runOnly": {"type": "rule", "values": NAME_RULES}})
    page.close()
    assert not found, describe(found)


@pytest.mark.parametrize("entry", PAGES, ids=IDS)
def test_no_page_scrolls_sideways_at_360_px(site: Site, browser: Browser, entry: tuple) -> None:
    page = visit(browser, site, entry, PHONE)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
        " > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className)]"
    )
    page.close()
    scroll, inner, wide = widths
    assert scroll <= inner, f"{scroll} px wide in a {inner} px window: {wide}"


@pytest.mark.parametrize("entry", PAGES, ids=IDS)
def test_no_request_leaves_the_host(site: Site, browser: Browser, entry: tuple) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[arg-type]
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    _, path, then = entry
    page.goto(site.url + path(site))
    page.wait_for_load_state("networkidle")
    if then is not None:
        then(page, site)
    page.close()
    assert hosts == {urlsplit(site.url).netloc}


FOCUS = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
            || (s.boxShadow && s.boxShadow !== 'none');
  return {tag: e.tagName, name: e.getAttribute('name') || '', text: (e.textContent || '').trim(),
          label: e.getAttribute('aria-label') || '', ring: ring,
          outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor};
}"""


def from_the_top(page: Page) -> None:
    """Start keyboard navigation at the top of the page, as on arrival without autofocus."""
    page.evaluate(
        "() => { document.activeElement?.blur(); const b = document.body;"
        " b.tabIndex = -1; b.focus(); b.removeAttribute('tabindex'); }"
    )


def tab_through(page: Page, steps: int) -> list[dict[str, object]]:
    seen = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUS))
    return seen


@pytest.mark.parametrize(
    ("path", "must_reach"),
    [
        ("/", [("INPUT", "q"), ("INPUT", "norm"), ("BUTTON", "Найти")]),
        ("/?q=суд", [("INPUT", "q"), ("BUTTON", "Найти"), ("SUMMARY", "Синтаксис запроса")]),
        ("/persons", [("INPUT", "q"), ("SELECT", "sentence"), ("BUTTON", "Найти")]),
        ("/practice", [("INPUT", "norm"), ("BUTTON", "Показать")]),
        ("/upload", [("INPUT", "key"), ("INPUT", "files"), ("BUTTON", "Загрузить")]),
    ],
)
def test_keyboard_reaches_the_controls_and_shows_focus(
    site: Site, browser: Browser, path: str, must_reach: list[tuple[str, str]]
) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[arg-type]
    page.goto(site.url + path)
    from_the_top(page)
    seen = tab_through(page, 40)
    page.close()
    reached = {(f["tag"], f["name"] or f["text"]) for f in seen}
    assert set(must_reach) <= reached, f"reached {sorted(reached)}"
    unseen = [f for f in seen if not f["ring"] and f["tag"] != "BODY"]
    assert not unseen, f"focus not visible on {unseen}"


def test_skip_link_is_the_first_stop_and_leads_to_the_content(site: Site, browser: Browser) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[arg-type]
    page.goto(site.url + "/?q=суд")
    from_the_top(page)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS)
    assert (first["tag"], first["text"], first["ring"]) == ("A", "Перейти к содержимому", True)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.close()


def test_api_docs_work_offline(site: Site, browser: Browser) -> None:
    """Swagger UI comes from the application: the page renders with no request elsewhere."""
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[arg-type]
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    page.goto(site.url + "/api/v1/docs")
    page.locator(".swagger-ui .info .title", has_text="Achyk API").wait_for()
    page.locator(".opblock-summary-path", has_text="/api/v1/search").first.wait_for()
    page.wait_for_load_state("networkidle")
    page.close()
    assert hosts == {urlsplit(site.url).netloc}
