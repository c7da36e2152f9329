"""The bench corpus (bench/corpus.py) as a served application's data dir, built once and reused.

bench/reader.py measures what a reader feels through HTTP and a browser, so the corpus has
to be in the places the application reads: published Document and Page rows in the
database, the search index built from them by the same projection as `achyk reindex`
(`ingest.reindex`), and, for the first few documents, page images as the pipeline leaves
them (a PNG per page at the viewer's resolution, with word boxes). The ingest pipeline is
not run: OCR and depersonification of 100,000 pages would take the better part of a day,
and none of it is what this bench measures.

The images are generated scans (labelled so in the figures): the page text set in a serif
face on an A4 page at `page_image_dpi`, with a paper tint and grain so that the PNG weighs
what a greyscale scan does rather than what clean synthetic text would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import corpus
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import insert, select

from core.models import Collection, Document, Page
from core.settings import Settings
from core.types import CollectionKind, DocState, PageSource
from indices.context import AppContext
from indices.types import IndexDoc
from ingest.reindex import reindex
from ocr.rasterize import png_bytes

FORMAT = 3  # bump when what is built changes: a cached dir of another format is rebuilt
MARKER = "bench-reader.json"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
A4_INCHES = (8.27, 11.69)
KINDS = {"archive": CollectionKind.ARCHIVE, "court": CollectionKind.COURT}
INSERT_BATCH = 2000


@dataclass(frozen=True, slots=True)
class Built:
    """A data dir ready to serve, and what building it took (0 when it was reused)."""

    data_dir: Path
    pages: int
    documents: int
    image_docs: list[int]  # documents whose pages have images, for the viewer
    queries: list[tuple[str, dict[str, object]]]  # bench/corpus.py's mix, drawn from this corpus
    seconds: dict[str, float]
    reused: bool


def settings_for(data_dir: Path) -> Settings:
    """The embedded default (SQLite + tantivy) in `data_dir`, whatever the environment says."""
    return Settings(data_dir=data_dir, search_url=None, database_url=None)


def scan_png(
    text: str, dpi: int, seed: int
) -> tuple[bytes, int, int, list[list[object]], list[list[int]]]:
    """A generated greyscale page scan of `text`, its word boxes and its lines (pixels of
    the image, as the OCR stage stores them)."""
    width, height = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
    img = Image.new("L", (width, height), 236)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), size=max(8, round(dpi * 11 / 72)))
    margin = round(dpi * 0.8)
    line_h = round(font.size * 1.45)
    space = draw.textlength(" ", font=font)
    x, y = float(margin), float(margin)
    words: list[list[object]] = []
    lines: list[list[int]] = []
    rng = random.Random(seed)
    for word in text.split():
        w = draw.textlength(word, font=font)
        if x + w > width - margin and x > margin:
            x, y = float(margin), y + line_h
        if y + line_h > height - margin:
            break
        draw.text((x, y), word, fill=rng.randint(20, 60), font=font)
        left, top, right, bottom = (round(v) for v in draw.textbbox((x, y), word, font=font))
        if x == margin:
            lines.append([left, top, 0, 0, len(words), 0])
        line = lines[-1]
        line[2], line[3] = right - line[0], max(line[3], bottom - line[1])
        line[5] += 1
        words.append([word, left, top, right - left, bottom - top, round(rng.uniform(70, 96), 1)])
        x += w + space
    grain = Image.effect_noise((width, height), 10)
    img = Image.blend(img, grain, 0.12)
    return png_bytes(img), width, height, words, lines


def _collections(ctx: AppContext) -> dict[str, int]:
    with ctx.db.session() as s:
        rows = {
            name: Collection(name=name, title=name, kind=kind, policy=kind)
            for name, kind in {**KINDS, "laws": CollectionKind.LEGISLATION}.items()
        }
        s.add_all(rows.values())
        s.flush()
        return {name: c.id for name, c in rows.items()}


def _doc_row(d: IndexDoc, collection_id: int, now: dt.datetime) -> dict[str, object]:
    return {
        "id": d.id,
        "collection_id": collection_id,
        "sha256": hashlib.sha256(f"bench-reader-{d.id}".encode()).hexdigest(),
        "original_name": f"bench-{d.id}.{d.format}",
        "size": sum(len(p.text.encode()) for p in d.pages),
        "format": d.format,
        "title": d.title,
        "doc_type": d.doc_type,
        "language": d.language,
        "doc_date": dt.date.fromisoformat(d.date) if d.date else None,
        "year": d.year,
        "meta": {},
        "state": DocState.PUBLISHED,
        "attempts": 1,
        "page_count": len(d.pages),
        "published_at": now,
        "created_at": now,
        "updated_at": now,
    }


def _page_rows(d: IndexDoc) -> list[dict[str, object]]:
    return [
        {
            "document_id": d.id,
            "number": p.number,
            "source": PageSource.TEXT_LAYER,
            "text": p.text,
            "public_text": p.text,
            "words": [],
            "lines": [],
        }
        for p in d.pages
    ]


def _load_rows(ctx: AppContext, docs: list[IndexDoc]) -> None:
    ids = _collections(ctx)
    # written a day ago: `reindex` then has nothing to catch up on, and the index is one
    # clean build as after `achyk reindex` on a quiet day (no re-indexed copies)
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    for i in range(0, len(docs), INSERT_BATCH):
        chunk = docs[i : i + INSERT_BATCH]
        with ctx.db.session() as s:
            s.execute(insert(Document), [_doc_row(d, ids[d.collection], now) for d in chunk])
            s.execute(insert(Page), [r for d in chunk for r in _page_rows(d)])


def _add_images(ctx: AppContext, count: int, done: list[int]) -> list[int]:
    """Scans for the pages of the first `count` documents of 2 to 4 pages (a viewer with a
    page or two to step to), as the OCR stage leaves them; returns their ids."""
    dpi = ctx.settings.page_image_dpi
    with ctx.db.session() as s:
        wanted = list(
            s.scalars(
                select(Document.id)
                .where(Document.page_count.between(2, 4))
                .order_by(Document.id)
                .limit(count)
            )
        )
        for doc_id in wanted:
            if doc_id in done:
                continue
            for page in s.scalars(select(Page).where(Page.document_id == doc_id)):
                text = page.public_text or ""
                png, width, height, words, lines = scan_png(text, dpi, doc_id * 1000 + page.number)
                key = ctx.blobs.put_bytes(png)
                page.source = PageSource.OCR
                page.confidence = 88.0
                page.words = page.public_words = words
                page.lines = lines
                page.width, page.height = width, height
                page.image_key = page.public_image_key = key
    return wanted


def build(data_dir: Path, n_pages: int, image_docs: int) -> Built:
    """The served corpus of `n_pages` pages in `data_dir`: reused when a complete build of
    the same size and format is there (scans are added when more are wanted), else made
    afresh (a half-built dir is discarded)."""
    marker = data_dir / MARKER
    want = {"format": FORMAT, "pages": n_pages}
    seen = json.loads(marker.read_text()) if marker.exists() else {}
    reused = {k: seen.get(k) for k in want} == want
    seconds: dict[str, float] = {}
    if not reused:
        shutil.rmtree(data_dir, ignore_errors=True)
        t = time.perf_counter()
        docs = corpus.corpus(n_pages).docs
        seen = {**want, "documents": len(docs), "queries": corpus.queries(docs), "images": []}
        seconds["generate"] = round(time.perf_counter() - t, 1)
    ctx = AppContext.create(settings_for(data_dir))
    try:
        if not reused:
            t = time.perf_counter()
            _load_rows(ctx, docs)
            seconds["database"] = round(time.perf_counter() - t, 1)
            t = time.perf_counter()
            reindex(ctx)  # the images change no indexed field: no reindex after them
            seconds["index"] = round(time.perf_counter() - t, 1)
        if len(seen["images"]) < image_docs:
            t = time.perf_counter()
            seen["images"] = _add_images(ctx, image_docs, seen["images"])
            seconds["images"] = round(time.perf_counter() - t, 1)
    finally:
        ctx.close()
    marker.write_text(json.dumps({**seen, "seconds": seconds}, ensure_ascii=False))
    return Built(
        data_dir,
        n_pages,
        seen["documents"],
        seen["images"][:image_docs],
        [(q, o) for q, o in seen["queries"]],
        seconds,
        reused,
    )
