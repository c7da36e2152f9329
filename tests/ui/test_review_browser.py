"""Issue #20: what a historian, a lawyer and an archivist ran into in Chromium, on the demo.

Each test is one defect of the review, driven through Debian's chromium at the sizes the
review used (1366×900 and 390×844) on the demo corpus loaded as `achyk demo` loads it.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def open_page(browser: Browser, url: str, viewport: dict[str, int] = DESKTOP) -> Page:
    page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
    page.goto(url)
    return page


def submit_search(page: Page) -> int:
    """Press «Найти»; the HTTP status of the page it loads."""
    with page.expect_response(lambda r: r.request.resource_type == "document") as info:
        page.get_by_role("button", name="Найти").click()
    page.wait_for_load_state()
    return info.value.status


def rect(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


# -- 1. The norm box: citations as typed, in Russian and Kyrgyz, or ids -------------------


@pytest.mark.parametrize(
    ("typed", "chip", "at_least"),
    [
        ("ч. 2 ст. 168 УК КР", "ч. 2 ст. 168 УК КР (ред. 2021)", 1),
        ("Кылмыш-жаза кодексинин 168-беренеси", "ст. 168 УК КР (ред. 2021)", 2),
        ("uk-kr-2021/168", "ст. 168 УК КР (ред. 2021)", 2),
    ],
)
def test_norm_box_takes_a_citation_as_typed(
    demo_site: str, browser: Browser, typed: str, chip: str, at_least: int
) -> None:
    page = open_page(browser, demo_site + "/")
    page.get_by_label("Норма права").fill(typed)
    assert submit_search(page) == 200
    expect(page.locator(".chip")).to_have_count(1)
    expect(page.locator(".chip")).to_contain_text(chip)
    assert int(page.locator("#total").inner_text()) >= at_least
    # the filter stays (as its id) when the next query is typed
    page.get_by_label("Поисковый запрос").fill("суд")
    assert submit_search(page) == 200
    expect(page.locator(".chip")).to_contain_text(chip)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("абв", "Не удалось распознать ссылку на норму: «абв»"),
        ("168-берене 2-бөлүк", "не указан кодекс или закон"),
        ("uk-kr-2099/168", "Не удалось распознать ссылку на норму"),
        ("<b>ст. 1</b>", "не указан кодекс или закон"),
        ("ст. 0 УК КР", "не распознан номер статьи"),  # was the whole code, silently
    ],
)
def test_norm_box_explains_what_it_cannot_read(
    demo_site: str, browser: Browser, typed: str, says: str
) -> None:
    page = open_page(browser, demo_site + "/")
    page.get_by_label("Норма права").fill(typed)
    assert submit_search(page) == 400
    expect(page.get_by_role("alert")).to_contain_text(says)
    expect(page.get_by_label("Норма права")).to_have_value(typed)  # kept to be corrected
    expect(page.locator(".chip")).to_have_count(0)
    assert page.locator("b").count() == 0  # the text is shown, never interpreted


def test_a_bare_kyrgyz_citation_works_with_an_edition(demo_site: str, browser: Browser) -> None:
    page = open_page(browser, demo_site + "/")
    page.get_by_label("Норма права").fill("168-берене 2-бөлүк")
    page.get_by_label("Редакция кодекса для нормы без названия кодекса").fill("uk-kr-2021")
    assert submit_search(page) == 200
    expect(page.locator(".chip")).to_contain_text("ч. 2 ст. 168 УК КР (ред. 2021)")


# -- 3. Query errors in Russian, a bounded search box, /compare without parameters ---------


@pytest.mark.parametrize(
    ("q", "says"),
    [
        ("(суд", "Не закрыта скобка"),
        ("суд AND", "Запрос обрывается"),
        ("суд)", "Лишняя закрывающая скобка"),
        ("</script>", "Символ «/» в запросе не поддерживается"),
        ("AND суд", "Оператор AND стоит не на месте"),
        ("year:[1930 TO", "Не закрыт диапазон"),
    ],
)
def test_query_errors_are_in_russian(demo_site: str, browser: Browser, q: str, says: str) -> None:
    page = open_page(browser, demo_site + "/")
    page.get_by_label("Поисковый запрос").fill(q)
    assert submit_search(page) == 400
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(says)
    text = alert.inner_text()
    for leak in ("Syntax", "Illegal", "position", "unexpected", "script"):
        assert leak not in text, text


def test_search_box_is_bounded_and_the_server_says_why(demo_site: str, browser: Browser) -> None:
    page = open_page(browser, demo_site + "/")
    box = page.get_by_label("Поисковый запрос")
    expect(box).to_have_attribute("maxlength", "1000")
    box.focus()
    page.keyboard.insert_text("а" * 1500)  # a paste: the browser keeps what fits
    assert len(box.input_value()) == 1000
    r = httpx.get(demo_site + "/", params={"q": "суд " * 300})
    assert r.status_code == 400
    assert "Запрос слишком длинный (1200 символов), допускается не более 1000" in r.text


def test_compare_without_parameters_is_a_page(demo_site: str, browser: Browser) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[arg-type]
    response = page.goto(demo_site + "/compare")
    assert response is not None and response.status == 200
    assert "text/html" in response.headers["content-type"]
    expect(page.locator("h1")).to_have_text("Сравнение решений")
    page.get_by_label("Документ №").fill("1")
    page.get_by_label("и №").fill("4")
    page.get_by_role("button", name="Сравнить").click()
    expect(page.locator(".compare-col")).to_have_count(2)
    bad = page.goto(demo_site + "/compare?a=x&b=")
    assert bad is not None and bad.status == 400
    expect(page.get_by_role("alert")).to_contain_text("целые числа")


# -- 4. Similar decisions, hit pages, the pager ---------------------------------------------


def shared_counts(page: Page) -> list[int]:
    metas = page.locator(".similar li .meta").all_inner_texts()
    return [int(m.group(1)) for t in metas if (m := re.search(r"общих норм: (\d+)", t))]


def test_similar_decisions_share_the_most_norms_first(demo_site: str, browser: Browser) -> None:
    hits = httpx.get(
        demo_site + "/api/v1/search", params={"doc_type": "court_decision", "size": 50}
    ).json()["hits"]
    assert len(hits) >= 6
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[arg-type]
    lists = {}
    for hit in hits:
        page.goto(f"{demo_site}/documents/{hit['id']}")
        lists[hit["id"]] = shared_counts(page)
    assert any(c and c[0] > 0 for c in lists.values()), lists
    for doc_id, counts in lists.items():
        assert counts == sorted(counts, reverse=True), (doc_id, lists)


def test_hit_pages_are_listed_in_reading_order(demo_site: str, browser: Browser) -> None:
    page = open_page(browser, demo_site + "/?q=суд")
    lists = [
        [int(n) for n in re.findall(r"\d+", t.split(":", 1)[1])]
        for t in page.locator(".hit .pages").all_inner_texts()
    ]
    assert any(len(pages) > 1 for pages in lists), lists
    assert all(pages == sorted(pages) for pages in lists), lists


def test_a_page_past_the_end_goes_to_the_last(demo_site: str, browser: Browser) -> None:
    page = open_page(browser, demo_site + "/?q=суд&page=99999")
    pager = page.locator(".pager span")
    expect(pager).to_have_text(re.compile(r"страница (\d+) из \1$"))
    assert "99999" not in page.content()
    assert page.url.endswith(f"page={pager.inner_text().split()[1]}")
    expect(page.locator(".hit").first).to_be_visible()
    assert httpx.get(demo_site + "/", params={"q": "суд", "page": "abc"}).status_code == 200


# -- 5. A phone, contrast, a skip link, a favicon -------------------------------------------


def test_on_a_phone_results_come_before_collapsed_facets(
    demo_site: str, browser: Browser, tmp_path: Path
) -> None:
    page = open_page(browser, demo_site + "/?q=суд", PHONE)
    first_hit, facets = rect(page, ".hit"), rect(page, ".facets")
    assert first_hit["y"] < PHONE["height"] / 2, first_hit
    assert first_hit["y"] < facets["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    panel = page.locator("[data-facets]")
    expect(panel).not_to_have_attribute("open", "")
    expect(page.locator('[data-facet="format"]')).to_be_hidden()
    page.get_by_role("link", name="фильтры ↓").click()
    expect(page.locator('[data-facet="format"]')).to_be_visible()
    page.screenshot(path=str(tmp_path / "search-390.png"), full_page=True)
    wide = open_page(browser, demo_site + "/?q=суд")  # a desktop still shows them open
    expect(wide.locator('[data-facet="format"]')).to_be_visible()
    assert rect(wide, ".facets")["x"] < rect(wide, ".hit")["x"]


def test_on_a_phone_the_viewer_bar_is_compact_and_hides_no_heading(
    demo_site: str, browser: Browser, tmp_path: Path
) -> None:
    hit = httpx.get(demo_site + "/api/v1/search", params={"q": "суд"}).json()["hits"][0]
    page = open_page(browser, f"{demo_site}/documents/{hit['id']}?q=суд", PHONE)
    expect(page.locator("[data-viewer]")).to_have_attribute("data-ready", "1")
    bar = rect(page, "[data-viewer]")
    assert bar["height"] <= 0.1 * PHONE["height"], bar
    assert bar["width"] <= PHONE["width"]
    hit_pages = page.locator(".page.has-hits")
    assert hit_pages.count() >= 2
    page.get_by_role("button", name="След. совпадение →").click()
    page.get_by_role("button", name="След. совпадение →").click()
    current = page.locator(".page.current-hit")
    expect(current).to_have_count(1)
    page.wait_for_timeout(200)  # let the scroll settle before measuring
    heading, bar = current.locator("h2").bounding_box(), rect(page, "[data-viewer]")
    assert heading is not None
    assert heading["y"] >= bar["y"] + bar["height"], (heading, bar)
    assert heading["y"] + heading["height"] <= PHONE["height"]
    page.screenshot(path=str(tmp_path / "viewer-390.png"))


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", css)[:3])


def _luminance(rgb: tuple[float, ...]) -> float:
    def ch(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (ch(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[float, ...], bg: tuple[float, ...]) -> float:
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_disabled_viewer_buttons_are_readable(demo_site: str, browser: Browser) -> None:
    hit = httpx.get(demo_site + "/api/v1/search", params={"q": "трибунал"}).json()["hits"][0]
    page = open_page(browser, f"{demo_site}/documents/{hit['id']}")  # no query: disabled
    for name in ("← Пред. совпадение", "След. совпадение →"):
        button = page.get_by_role("button", name=name)
        expect(button).to_be_disabled()
        style = button.evaluate("""el => { const s = getComputedStyle(el);
            const bar = getComputedStyle(el.parentElement);
            return [s.color, s.backgroundColor, s.opacity, bar.backgroundColor]; }""")
        fg, bg, opacity, under = _rgb(style[0]), _rgb(style[1]), float(style[2]), _rgb(style[3])
        mix = [
            tuple(opacity * a + (1 - opacity) * u for a, u in zip(c, under, strict=True))
            for c in (fg, bg)
        ]
        assert contrast(mix[0], mix[1]) >= 4.5, (style, contrast(mix[0], mix[1]))


def test_skip_link_leads_to_the_content(demo_site: str, browser: Browser) -> None:
    page = open_page(browser, demo_site + "/upload")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Перейти к содержимому")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is inside the content, past the header
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_favicon_is_served_locally(demo_site: str, browser: Browser) -> None:
    page = open_page(browser, demo_site + "/")
    hrefs = page.locator('link[rel="icon"]').evaluate_all("els => els.map(e => e.href)")
    assert hrefs and all(h.startswith(demo_site) for h in hrefs)
    for href in [*hrefs, demo_site + "/favicon.ico"]:
        r = httpx.get(href)
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/"), href
        assert len(r.content) > 100


def test_upload_form_fits_a_phone(demo_site: str, browser: Browser, tmp_path: Path) -> None:
    page = open_page(browser, demo_site + "/upload", PHONE)
    form = rect(page, "form.upload")
    assert form["x"] >= 0 and form["x"] + form["width"] <= PHONE["width"], form
    for label in ("API-ключ", "Файлы или ZIP", "Манифест (CSV)", "Коллекция"):
        field = page.get_by_label(label).bounding_box()
        assert field is not None and field["x"] + field["width"] <= PHONE["width"], label
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "upload-390.png"), full_page=True)


# -- 6. Demo scans carry their archival reference -------------------------------------------


def test_demo_scans_show_their_archival_reference(demo_site: str, browser: Browser) -> None:
    hits = httpx.get(
        demo_site + "/api/v1/search", params={"collection": "archive", "size": 50}
    ).json()["hits"]
    assert len(hits) >= 5
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[arg-type]
    for hit in hits:
        page.goto(f"{demo_site}/documents/{hit['id']}")
        cipher = page.locator(".docmeta dd.citation")
        expect(cipher).to_have_text(re.compile(r"^Ф\. \d+\. Оп\. \d+\. Д\. \d+\. Л\. \d+(–\d+)?$"))
        # the numbers the title cites («ф. 67, оп. 3, д. 120, л. 45», «л. 7–8», «45-барак»)
        fond, opis, delo, *sheets = re.findall(r"\d+", cipher.inner_text())
        assert f"ф. {fond}, оп. {opis}, д. {delo}" in hit["title"]
        cited = re.search(r"(?:л\. )?(\d+)(?:–(\d+))?(?:-барак)?\)$", hit["title"])
        assert cited is not None and sheets == [g for g in cited.groups() if g], hit["title"]
