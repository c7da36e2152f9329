"""IIIF over the real pipeline: Image API 3, Presentation 3 manifests, Content Search 2.

One scan (protocol.png, tesseract-read) in a public collection and one in a restricted
one; every answer is checked against what the page-image route serves, and each
manifest against the official Presentation 3 JSON schema (vendor/iiif_3_0.json)."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema_rs
import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageChops
from sqlalchemy import select, update

from core.auth import Role, create_key
from core.models import Collection, Document
from core.settings import Settings
from indices.context import AppContext
from server.app import create_app

SCHEMA = Path(__file__).with_name("vendor") / "iiif_3_0.json"
ARCHIVE_REF = {"fond": "1", "opis": "2", "delo": "34", "list": "5-7"}


@dataclass
class World:
    ctx: AppContext
    client: TestClient
    public: int  # the document id of protocol.png (public collection)
    restricted: int
    researcher: str


def _ingest(ctx: AppContext, src: Path, collection: str) -> int:
    from rich.console import Console
    from rich.progress import Progress

    from cli.actions import ingest_files

    console = Console(file=io.StringIO())
    ok = ingest_files(
        ctx,
        [src],
        collection,
        kind="archive",
        progress=lambda: Progress(console=console),
        out=console,
    )
    assert ok, console.file.getvalue()  # type: ignore[attr-defined]
    with ctx.db.session() as s:
        return int(s.scalars(select(Document.id).order_by(Document.id.desc())).first() or 0)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Iterator[World]:
    root = tmp_path_factory.mktemp("iiif")
    ctx = AppContext.create(Settings(data_dir=root / "data", workers=2))
    ids = {}
    for name, coll, sample in (
        ("public", "archive", "protocol.png"),
        ("restricted", "secret", "scanned.pdf"),
    ):
        src = root / name
        src.mkdir()
        shutil.copy(sample_dir / sample, src / f"{name}-{sample}")
        ids[name] = _ingest(ctx, src, coll)
    with ctx.db.session() as s:
        s.execute(update(Collection).where(Collection.name == "secret").values(access="restricted"))
        doc = s.get_one(Document, ids["public"])
        doc.meta = {**(doc.meta or {}), "archive_ref": ARCHIVE_REF}
    researcher = create_key(ctx, Role.RESEARCHER).key
    with TestClient(create_app(ctx)) as client:
        yield World(ctx, client, ids["public"], ids["restricted"], researcher)
    ctx.close()


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def page_png(world: World, doc_id: int, headers: dict[str, str] | None = None) -> Image.Image:
    r = world.client.get(f"/api/v1/documents/{doc_id}/pages/1/image", headers=headers or {})
    assert r.status_code == 200
    return Image.open(io.BytesIO(r.content))


def test_info_json(world: World) -> None:
    c, ident = world.client, f"{world.public}-p1"
    r = c.get(f"/iiif/3/{ident}/info.json")
    assert r.status_code == 200, r.text
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["content-type"] == "application/json"
    assert r.headers["link"] == '<http://iiif.io/api/image/3/level1.json>;rel="profile"'
    assert r.headers["cache-control"] == "public, max-age=3600"
    body = r.json()
    assert body["@context"] == "http://iiif.io/api/image/3/context.json"
    assert body["id"] == f"http://testserver/iiif/3/{ident}"
    assert (body["type"], body["protocol"], body["profile"]) == (
        "ImageService3",
        "http://iiif.io/api/image",
        "level1",
    )
    assert (body["width"], body["height"]) == page_png(world, world.public).size
    assert body["tiles"][0]["width"] == 512 and body["tiles"][0]["scaleFactors"][0] == 1
    ld = c.get(f"/iiif/3/{ident}/info.json", headers={"Accept": "application/ld+json"})
    assert ld.headers["content-type"] == (
        'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
    )
    base = c.get(f"/iiif/3/{ident}", follow_redirects=False)
    assert base.status_code == 303 and base.headers["location"] == f"/iiif/3/{ident}/info.json"


# (region, size, rotation, quality.format) → the answer's (width, height). The public
# image of the 1800 × 564 scan is 1400 × 439 (ACHYK viewer width); IIIF serves that one.
OUTPUTS = [
    ("full", "max", "0", "default.jpg", (1400, 439)),
    ("full", "700,", "0", "default.jpg", (700, 220)),
    ("full", ",100", "0", "gray.png", (319, 100)),
    ("full", "pct:25", "0", "default.png", (350, 110)),
    ("full", "!400,400", "0", "default.jpg", (400, 125)),
    ("full", "^max", "0", "default.jpg", (2800, 878)),
    ("square", "max", "0", "default.jpg", (439, 439)),
    ("0,0,512,512", "512,", "0", "default.jpg", (512, 439)),
    ("1024,0,512,512", "188,", "0", "default.jpg", (188, 220)),  # an edge tile
    ("pct:50,0,50,100", "max", "0", "default.jpg", (700, 439)),
    ("0,0,600,200", "max", "90", "default.png", (200, 600)),
    ("0,0,600,200", "300,", "!270", "bitonal.png", (100, 300)),
    ("full", "350,", "180", "color.jpg", (350, 110)),
]


@pytest.mark.parametrize(("region", "size", "rotation", "qf", "wh"), OUTPUTS)
def test_image_outputs(
    world: World, region: str, size: str, rotation: str, qf: str, wh: tuple[int, int]
) -> None:
    r = world.client.get(f"/iiif/3/{world.public}-p1/{region}/{size}/{rotation}/{qf}")
    assert r.status_code == 200, r.text
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["content-type"] == ("image/png" if qf.endswith("png") else "image/jpeg")
    assert 'rel="canonical"' in r.headers["link"] and "level1.json" in r.headers["link"]
    img = Image.open(io.BytesIO(r.content))
    assert img.size == wh
    assert img.format == ("PNG" if qf.endswith("png") else "JPEG")
    if qf.startswith("gray"):
        assert img.mode == "L"
    if qf.startswith("bitonal"):
        hist = img.convert("L").histogram()
        assert {i for i, n in enumerate(hist) if n} <= {0, 255}


def test_full_image_is_the_public_page_image_pixel_for_pixel(world: World) -> None:
    """The IIIF image is the public image (redaction boxes and all: the leak test checks a
    redacted court scan through IIIF), never another rendition."""
    r = world.client.get(f"/iiif/3/{world.public}-p1/full/max/0/default.png")
    served = Image.open(io.BytesIO(r.content))
    public = page_png(world, world.public)
    assert ImageChops.difference(served.convert("L"), public.convert("L")).getbbox() is None


def test_rotation_and_mirroring_move_the_pixels(world: World) -> None:
    get = world.client.get
    base = f"/iiif/3/{world.public}-p1/0,0,600,200/max"
    plain = Image.open(io.BytesIO(get(f"{base}/0/default.png").content)).convert("L")
    turned = Image.open(io.BytesIO(get(f"{base}/90/default.png").content)).convert("L")
    mirrored = Image.open(io.BytesIO(get(f"{base}/!0/default.png").content)).convert("L")
    # 90° clockwise: the top-left pixel goes to the top-right
    assert turned.getpixel((turned.width - 1, 0)) == plain.getpixel((0, 0))
    assert ImageChops.difference(turned, plain.rotate(-90, expand=True)).getbbox() is None
    assert mirrored.getpixel((599, 100)) == plain.getpixel((0, 100))


def test_derived_images_are_cached_on_disk(world: World) -> None:
    url = f"/iiif/3/{world.public}-p1/0,0,300,300/150,/0/default.jpg"
    first = world.client.get(url)
    second = world.client.get(url)
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    assert first.content == second.content
    # the same image asked another way (pct) is the same canonical request: a hit
    same = world.client.get(f"/iiif/3/{world.public}-p1/0,0,300,300/pct:50/0/default.jpg")
    assert same.headers["x-cache"] == "hit"
    cached = list((world.ctx.settings.data_dir / "iiif-cache").glob("*/*"))
    assert any(f.read_bytes() == first.content for f in cached)


@pytest.mark.parametrize(
    "path",
    [
        "0,0,0,10/max/0/default.jpg",
        "5000,0,10,10/max/0/default.jpg",
        "full/5000,/0/default.jpg",
        "full/max/45/default.jpg",
        "full/max/0/default.gif",
        "full/max/0/sepia.jpg",
        "full/full/0/default.jpg",
        "full/max/0/default",
    ],
)
def test_bad_parameters_are_400(world: World, path: str) -> None:
    r = world.client.get(f"/iiif/3/{world.public}-p1/{path}")
    assert r.status_code == 400, (path, r.status_code)
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.json()["detail"]


def test_unknown_restricted_and_unpublished_are_404(world: World) -> None:
    c, pub, res = world.client, world.public, world.restricted
    researcher = bearer(world.researcher)
    for url in (
        "/iiif/3/999999-p1/info.json",
        f"/iiif/3/{pub}-p9/info.json",
        f"/iiif/3/{pub}~1/info.json",
        f"/iiif/3/{pub}-p9/full/max/0/default.jpg",
        "/iiif/3/999999/manifest.json",
        f"/iiif/3/{res}-p1/info.json",
        f"/iiif/3/{res}-p1/full/max/0/default.jpg",
        f"/iiif/3/{res}/manifest.json",
        f"/iiif/3/{res}/search?q=трибунал",
    ):
        r = c.get(url)
        assert r.status_code == 404, (url, r.status_code)
        assert r.headers["access-control-allow-origin"] == "*"
    # a researcher reads the restricted collection, and no shared cache keeps it
    ok = c.get(f"/iiif/3/{res}-p1/full/max/0/default.png", headers=researcher)
    assert ok.status_code == 200 and ok.headers["cache-control"] == "private, no-store"
    served = Image.open(io.BytesIO(ok.content)).convert("L")
    public = page_png(world, res, researcher).convert("L")
    assert ImageChops.difference(served, public).getbbox() is None
    assert c.get(f"/iiif/3/{res}/manifest.json", headers=researcher).status_code == 200
    # unpublished (withdrawn, anonymized but not indexed): nobody, even from the cache
    warmed = f"/iiif/3/{pub}-p1/full/max/0/default.jpg"
    assert c.get(warmed).status_code == 200
    admin = bearer(create_key(world.ctx, Role.ADMIN).key)
    try:
        for state in ("withdrawn", "anonymized"):
            with world.ctx.db.session() as s:
                s.execute(update(Document).where(Document.id == pub).values(state=state))
            for who in ({}, researcher, admin):
                for url in (
                    warmed,
                    f"/iiif/3/{pub}-p1/info.json",
                    f"/iiif/3/{pub}/manifest.json",
                    f"/iiif/3/{pub}/search?q=трибунал",
                ):
                    r = c.get(url, headers=who)
                    assert r.status_code == 404, (state, url, r.status_code)
    finally:
        with world.ctx.db.session() as s:
            s.execute(update(Document).where(Document.id == pub).values(state="published"))


def test_manifest_validates_and_carries_the_document(world: World) -> None:
    r = world.client.get(f"/iiif/3/{world.public}/manifest.json")
    assert r.status_code == 200, r.text
    assert r.headers["access-control-allow-origin"] == "*"
    m = r.json()
    validator = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text()))
    errors = [e.message for e in validator.iter_errors(m)]
    assert errors == []
    assert m["id"] == f"http://testserver/iiif/3/{world.public}/manifest.json"
    meta = {row["label"]["ru"][0]: row["value"]["none"][0] for row in m["metadata"]}
    assert {k: meta[k] for k in ("Фонд", "Опись", "Дело", "Листы")} == {
        "Фонд": "1",
        "Опись": "2",
        "Дело": "34",
        "Листы": "5-7",
    }
    assert meta["Архив"] == "ЦГА КР"
    assert m["requiredStatement"]["value"]["none"][0].startswith(
        "ЦГА КР. Ф. 1. Оп. 2. Д. 34. Л. 5–7"
    )
    assert m["rights"].startswith("http://rightsstatements.org/vocab/")
    assert m["service"] == [
        {"id": f"http://testserver/iiif/3/{world.public}/search", "type": "SearchService2"}
    ]
    [canvas] = m["items"]
    image = canvas["items"][0]["items"][0]
    assert image["motivation"] == "painting"
    assert image["body"]["service"][0]["id"] == f"http://testserver/iiif/3/{world.public}-p1"
    assert (
        world.client.get(image["body"]["id"].removeprefix("http://testserver")).status_code == 200
    )
    lines = [a["body"]["value"] for a in canvas["annotations"][0]["items"]]
    assert "заседания военного трибунала" in lines
    assert all(a["motivation"] == "supplementing" for a in canvas["annotations"][0]["items"])
    assert all("#xywh=" in a["target"] for a in canvas["annotations"][0]["items"])
    # the schema is no rubber stamp: a canvas without its size is refused
    broken = json.loads(r.text)
    del broken["items"][0]["width"]
    assert list(validator.iter_errors(broken))


def test_content_search_finds_inflected_forms_on_the_canvas(world: World) -> None:
    c = world.client
    r = c.get(f"/iiif/3/{world.public}/search", params={"q": "трибуналом"})
    assert r.status_code == 200, r.text
    assert r.headers["access-control-allow-origin"] == "*"
    body = r.json()
    assert body["@context"] == "http://iiif.io/api/search/2/context.json"
    assert body["type"] == "AnnotationPage"
    [hit] = body["items"]
    assert hit["motivation"] == "highlighting" and hit["body"]["value"] == "трибунала"
    api = c.get(f"/api/v1/documents/{world.public}/pages/1/hits", params={"q": "трибуналом"})
    box = api.json()["hits"][0]
    xywh = f"{box['left']},{box['top']},{box['width']},{box['height']}"
    assert hit["target"] == f"http://testserver/iiif/3/{world.public}/canvas/1#xywh={xywh}"
    assert c.get(f"/iiif/3/{world.public}/search", params={"q": "колхоз"}).json()["items"] == []
    bad = c.get(f"/iiif/3/{world.public}/search", params={"q": '"незакрытая'})
    assert bad.status_code == 400 and bad.headers["access-control-allow-origin"] == "*"
