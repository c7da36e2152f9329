"""A historian browses the demo archive from /archive down a fond to a scan's page, and
finds the way back up by its breadcrumbs (Debian's chromium through Playwright)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser


def test_browse_a_fond_to_a_document_and_back_by_the_breadcrumbs(
    demo_site: str, browser: Browser
) -> None:
    page = browser.new_page()
    page.goto(demo_site + "/archive")
    expect(page.get_by_role("heading", level=1)).to_have_text("Архивы")
    fond = page.locator("tr", has=page.get_by_role("link", name="Фонд 1254"))
    expect(fond.locator("[data-count]")).to_have_text("1")  # the 1938 tribunal extract
    fond.get_by_role("link", name="Фонд 1254").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Военный трибунал")
    page.get_by_role("link", name="Опись 1").click()
    page.get_by_role("link", name="Дело 237").click()
    expect(page.locator("[data-isad]")).to_contain_text("ЦГА КР. Ф. 1254. Оп. 1. Д. 237")
    page.locator("[data-item] a").first.click()
    page.wait_for_url(f"{demo_site}/documents/**")
    crumbs = page.get_by_role("navigation", name="Место в архиве")
    expect(crumbs.get_by_role("link")).to_have_text(
        [
            "Архивы",
            "Центральный государственный архив Кыргызской Республики",
            "Фонд 1254",
            "Опись 1",
            "Дело 237",
        ]
    )
    expect(crumbs.locator("[aria-current=page]")).to_have_text("Л. 140")
    crumbs.get_by_role("link", name="Фонд 1254").click()
    # search within the fond from its page, by keyboard
    page.get_by_label("Искать в пределах").fill("трибунал")
    page.keyboard.press("Enter")
    expect(page.locator("[data-archive-filter]")).to_contain_text("Ф. 1254")
    expect(page.locator("#total")).to_have_text("1")
    page.goto(demo_site + "/archive?lang=ky")
    expect(page.get_by_role("heading", level=1)).to_have_text("Архивдер")
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    page.close()
