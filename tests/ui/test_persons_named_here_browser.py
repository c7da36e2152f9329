"""«Persons named here» (issue #16, item 5) in Debian's chromium: a document search hit
offers the published persons its document names, the count leads to their list, and the
document page lists them; a court act offers none. The corpus is ingested through the real
pipeline (tests/persons/named_corpus.py)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser

from tests.persons.named_corpus import Corpus, build_corpus
from tests.ui.conftest import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp("named-here"))


@pytest.fixture(scope="module")
def site(corpus: Corpus) -> Iterator[str]:
    with serving(corpus.settings) as url:
        yield url


def test_search_hit_offers_the_published_persons_named_in_it(
    site: str, corpus: Corpus, browser: Browser
) -> None:
    doc = corpus.docs["archive"]
    page = browser.new_page()
    page.goto(f"{site}/?q=Кочкорка")
    hit = page.locator("article.hit", has=page.locator(f"a[href^='/documents/{doc}?']"))
    link = hit.locator("p.persons-named a")
    assert link.inner_text() == "Лица в документе: 1"  # Касымов is only proposed
    link.click()
    page.wait_for_url(f"**/persons?document_id={doc}")
    assert page.locator("h2.named-in").inner_text() == f"Лица, упомянутые в документе №{doc}"
    names = page.locator("ol.hits li a strong").all_inner_texts()
    assert names == ["Жумабаев Асан"]
    assert "Касымов" not in page.content()

    page.click("text=← к документу")
    page.wait_for_url(f"**/documents/{doc}")
    section = page.locator("section.persons-named")
    assert section.locator("h2").inner_text() == "Лица, упомянутые в документе"
    items = section.locator("li").all_inner_texts()
    assert items == ["Жумабаев Асан 1882–1937"]
    assert "Касымов" not in section.inner_text()
    assert section.locator("a.named-all").count() == 0  # one person: the list is all of it
    section.locator("a", has_text="Жумабаев Асан").click()
    page.wait_for_url(f"**/persons/{corpus.persons['Жумабаев']}")
    assert page.locator("h1").inner_text() == "Жумабаев Асан"

    page.goto(f"{site}/persons?document_id={doc}&lang=ky")
    assert page.locator("h2.named-in").inner_text() == f"№{doc} документте аталган адамдар"
    assert page.locator("ol.hits li a strong").all_inner_texts() == ["Жумабаев Асан"]
    page.close()


def test_a_court_act_offers_no_persons(site: str, corpus: Corpus, browser: Browser) -> None:
    """A published registry record cites the court act (the on-demand extraction ran on
    it), yet neither its search hit nor its page names anyone."""
    doc = corpus.docs["court"]
    page = browser.new_page()
    page.goto(f"{site}/?q=пенсионер")
    hit = page.locator("article.hit", has=page.locator(f"a[href^='/documents/{doc}?']"))
    assert hit.count() == 1
    assert hit.locator("p.persons-named").count() == 0
    page.goto(f"{site}/documents/{doc}")
    assert page.locator("h1").count() == 1
    assert page.locator("section.persons-named").count() == 0
    page.goto(f"{site}/persons?document_id={doc}")
    assert page.locator("ol.hits li a").count() == 0
    api = httpx.get(f"{site}/api/v1/persons", params={"document_id": doc}).json()
    assert (api["total"], api["hits"]) == (0, [])
    hits = httpx.get(f"{site}/api/v1/search", params={"q": "пенсионер"}).json()["hits"]
    assert [h["persons_named"] for h in hits if h["id"] == doc] == [0]
    page.close()
