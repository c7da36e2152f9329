"""Sources on the scan, and sources the public must not see.

Every fact points to its document, page, words and archival reference, and the person page
boxes the words on the page image, from the page's published words. A source read from a
restricted or unpublished document is never shown publicly, in the API or the UI.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from core.auth import Role, create_key
from core.models import Collection, Document, Page
from core.settings import Settings
from core.types import WordBox
from indices.context import AppContext
from server.app import create_app

PUBLIC_TEXT = (
    "ЖУМАБАЕВ Асан, 1882 г. р., уроженец с. Кочкорка, киргиз, б/п, учитель. "
    "Арестован 15 апреля 1933 г. Осужден Военной коллегией Верховного суда СССР "
    "4 апреля 1934 г. по ст. 58-2 УК РСФСР к ВМН."
)
SECRET_TEXT = (
    "ЖУМАБАЕВ Асан, 1882 г. р., уроженец с. Кочкорка, учитель. Арестован 15 апреля "
    "1933 г. Расстрелян 9 апреля 1934 г."
)
DRAFT_TEXT = (
    "ЖУМАБАЕВ Асан, 1882 г. р., уроженец с. Кочкорка. Арестован 15 апреля 1933 г. "
    "Реабилитирован 12 мая 1958 г. Верховным судом Киргизской ССР."
)
W, H = 800, 300


@dataclass
class Site:
    client: TestClient
    ctx: AppContext
    auth: dict[str, str]
    docs: dict[str, int]


def _words(text: str) -> list[WordBox]:
    """One box per whitespace word, eight to a line, in reading order."""
    out = []
    for i, w in enumerate(text.split()):
        out.append(WordBox(w, 10 + 95 * (i % 8), 10 + 30 * (i // 8), 90, 24, 91.0))
    return out


def _png(ctx: AppContext) -> str:
    buf = io.BytesIO()
    Image.new("L", (W, H), 255).save(buf, "PNG")
    return ctx.blobs.put_bytes(buf.getvalue())


def _doc(
    ctx: AppContext,
    collection: str,
    access: str,
    text: str,
    state: str,
    ref: dict[str, str],
    hidden: tuple[str, ...] = (),
) -> int:
    """A one-page archival document with OCR words; ``hidden`` words are left out of the
    published words, as the anonymize stage leaves out a removed word."""
    with ctx.db.session() as s:
        col = s.query(Collection).filter_by(name=collection).one_or_none()
        if col is None:
            col = Collection(name=collection, kind="archive", access=access)
            s.add(col)
            s.flush()
        words = _words(text)
        doc = Document(
            collection_id=col.id,
            sha256=f"{len(ref)}{collection}{state}".ljust(64, "0")[:64],
            original_name=f"{collection}.png",
            size=1,
            state=state,
            language="ru",
            page_count=1,
            meta={"archive_ref": ref, "citation": " ".join(f"{k} {v}" for k, v in ref.items())},
        )
        s.add(doc)
        s.flush()
        s.add(
            Page(
                document_id=doc.id,
                number=1,
                source="ocr",
                text=text,
                public_text=text,
                words=[w.to_json() for w in words],
                public_words=[None if w.text.strip(",.") in hidden else w.to_json() for w in words],
                width=W,
                height=H,
                image_key=_png(ctx),
                public_image_key=_png(ctx),
            )
        )
        return doc.id


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[Site]:
    ctx = AppContext.create(Settings(data_dir=tmp_path / "data"))
    auth = {"Authorization": f"Bearer {create_key(ctx, Role.ARCHIVIST).key}"}
    docs = {
        "public": _doc(
            ctx,
            "arch",
            "public",
            PUBLIC_TEXT,
            "published",
            {"fond": "9", "opis": "1", "delo": "7", "list": "2"},
            hidden=("учитель",),
        ),
        "restricted": _doc(
            ctx,
            "secret",
            "restricted",
            SECRET_TEXT,
            "published",
            {"fond": "77", "opis": "3", "delo": "41", "list": "5"},
        ),
        "unpublished": _doc(
            ctx,
            "arch",
            "public",
            DRAFT_TEXT,
            "enriched",
            {"fond": "88", "opis": "2", "delo": "19", "list": "8"},
        ),
    }
    try:
        with TestClient(create_app(ctx)) as client:
            yield Site(client, ctx, auth, docs)
    finally:
        ctx.close()


def _record(site: Site) -> int:
    """Extract the three documents (they merge into one record) and publish it."""
    ids = set()
    for doc_id in site.docs.values():
        r = site.client.post(f"/api/v1/persons/extract/{doc_id}", headers=site.auth)
        assert r.status_code == 200, r.text
        ids |= set(r.json()["merged_into"] or r.json()["proposed"])
    (pid,) = ids
    for state in ("confirmed", "published"):
        r = site.client.post(
            f"/api/v1/persons/{pid}/state", json={"state": state}, headers=site.auth
        )
        assert r.status_code == 200, r.text
    return pid


def test_every_fact_points_to_its_words_on_the_scan(site: Site) -> None:
    pid = _record(site)
    person = site.client.get(f"/api/v1/persons/{pid}").json()
    sources = {s["field"]: s for s in person["sources"]}
    name = sources["name"]
    assert name["document_id"] == site.docs["public"] and name["page"] == 1
    assert name["archive"] == {"fond": "9", "opis": "1", "delo": "7", "list": "2"}
    assert name["image_url"] == f"/api/v1/documents/{site.docs['public']}/pages/1/image"
    assert (name["width"], name["height"]) == (W, H)
    # the boxes are those of the words «ЖУМАБАЕВ Асан,» — words 0 and 1 of the page
    assert [(b["word"], b["text"], b["left"], b["top"]) for b in name["boxes"]] == [
        (0, "ЖУМАБАЕВ", 10, 10),
        (1, "Асан,", 105, 10),
    ]
    arrest = sources["arrest_date"]
    assert " ".join(b["text"] for b in arrest["boxes"]) in arrest["quote"] + "."
    assert {b["text"] for b in arrest["boxes"]} >= {"15", "апреля", "1933"}
    # a word the publication left out has no box, though the fact is still cited
    occupation = sources["occupation"]
    assert occupation["quote"].startswith("учитель") and occupation["boxes"] == []

    html = site.client.get(f"/persons/{pid}").text
    assert f'<figure class="fact-scan" data-document="{site.docs["public"]}"' in html
    assert (
        f'data-source="{name["id"]}" data-field="name" data-word="0" data-text="ЖУМАБАЕВ" '
        'x="7" y="7" width="96" height="30"' in html
    )
    assert 'data-text="учитель"' not in html
    assert "Ф. 9. Оп. 1. Д. 7. Л. 2." in html


def test_restricted_and_unpublished_sources_are_never_public(site: Site) -> None:
    pid = _record(site)
    hidden = {site.docs["restricted"], site.docs["unpublished"]}
    full = site.client.get(f"/api/v1/persons/{pid}", headers=site.auth).json()
    assert {s["document_id"] for s in full["sources"]} >= hidden  # the archivist sees them

    public = site.client.get(f"/api/v1/persons/{pid}").json()
    shown = {s["document_id"] for s in public["sources"]}
    assert shown == {site.docs["public"]}
    responses = [
        json.dumps(public, ensure_ascii=False),
        site.client.get("/api/v1/persons", params={"q": "Жумабаев Асан"}).text,
        site.client.get("/api/v1/persons").text,
        site.client.get("/api/v1/persons", params={"q": "Жумабаев", "format": "csv"}).text,
        site.client.get(f"/persons/{pid}").text,
        site.client.get("/persons", params={"q": "Жумабаев Асан"}).text,
    ]
    for body in responses:
        for secret in (
            "Ф. 77",
            "Ф. 88",
            '"fond": "77"',
            '"fond": "88"',
            "Расстрелян",
            "Реабилитирован 12 мая",
            *(f"/documents/{d}" for d in hidden),
        ):
            assert secret not in body
    for doc_id in hidden:
        r = site.client.get("/api/v1/persons", params={"document_id": doc_id})
        assert r.status_code == 404
        assert site.client.get(f"/api/v1/documents/{doc_id}").status_code == 404
    named = site.client.get("/api/v1/persons", params={"document_id": site.docs["public"]})
    assert [h["id"] for h in named.json()["hits"]] == [pid]
