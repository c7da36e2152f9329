"""The person page in Debian's chromium: each fact is boxed on the scan, over its words."""

from __future__ import annotations

import io
from collections.abc import Iterator

import httpx
import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser

from core.models import Collection, Document, Page, Person
from core.settings import Settings
from core.types import WordBox
from indices.context import AppContext
from persons import registry
from tests.ui.conftest import serving

pytestmark = pytest.mark.browser

TEXT = (
    "ЖУМАБАЕВ Асан, 1882 г. р., уроженец с. Кочкорка. Арестован 15 апреля 1933 г. "
    "Осужден Военной коллегией Верховного суда СССР 4 апреля 1934 г. к ВМН."
)
W, H = 1000, 400
SEEDED: dict[str, int] = {}


def _words() -> list[WordBox]:
    return [
        WordBox(w, 20 + 120 * (i % 8), 20 + 40 * (i // 8), 110, 28, 90.0)
        for i, w in enumerate(TEXT.split())
    ]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("person-scan") / "data")
    ctx = AppContext.create(settings)
    img = Image.new("L", (W, H), 255)
    draw = ImageDraw.Draw(img)
    for w in _words():  # a dark bar where each word is, as on a typed page
        draw.rectangle((w.left, w.top + 8, w.left + w.width - 10, w.top + w.height - 4), fill=40)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    key = ctx.blobs.put_bytes(buf.getvalue())
    with ctx.db.session() as s:
        col = Collection(name="arch", kind="archive")
        s.add(col)
        s.flush()
        doc = Document(
            collection_id=col.id,
            sha256="a" * 64,
            original_name="p.png",
            size=1,
            state="published",
            language="ru",
            page_count=1,
            meta={"archive_ref": {"fond": "9", "opis": "1", "delo": "7", "list": "2"}},
        )
        s.add(doc)
        s.flush()
        words = [w.to_json() for w in _words()]
        s.add(
            Page(
                document_id=doc.id,
                number=1,
                source="ocr",
                text=TEXT,
                public_text=TEXT,
                words=words,
                public_words=words,
                width=W,
                height=H,
                image_key=key,
                public_image_key=key,
            )
        )
        s.flush()
        (found,) = registry.propose_from_document(s, doc.id)
        p = s.get_one(Person, found.person.id)
        p.state = "published"
        SEEDED["person"] = p.id
    ctx.close()
    with serving(settings) as url:
        yield url


def test_the_name_is_boxed_over_its_words_on_the_scan(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server}/persons/{SEEDED['person']}")
    scan = page.locator("figure.fact-scan svg")
    scan.wait_for()
    href = page.locator("figure.fact-scan svg image").get_attribute("href")
    assert href and httpx.get(f"{server}{href}").status_code == 200
    boxes = page.locator("rect.fact-box[data-field=name]")
    assert boxes.count() == 2
    assert [boxes.nth(i).get_attribute("data-text") for i in range(2)] == ["ЖУМАБАЕВ", "Асан,"]
    svg = scan.bounding_box()
    assert svg is not None
    scale = svg["width"] / W
    # each box sits on its word (3 px around it, and half the 3 px stroke), at any size
    for i, word in enumerate(_words()[:2]):
        box = boxes.nth(i).bounding_box()
        assert box is not None
        assert abs(box["x"] - (svg["x"] + (word.left - 4.5) * scale)) < 1
        assert abs(box["y"] - (svg["y"] + (word.top - 4.5) * scale)) < 1
        assert abs(box["width"] - (word.width + 9) * scale) < 1
        assert abs(box["height"] - (word.height + 9) * scale) < 1
    arrest = page.locator("rect.fact-box[data-field=arrest_date]")
    assert {arrest.nth(i).get_attribute("data-text") for i in range(arrest.count())} >= {
        "15",
        "апреля",
        "1933",
    }
    assert "Ф. 9. Оп. 1. Д. 7. Л. 2." in page.locator("table.sources").inner_text()
    page.close()
