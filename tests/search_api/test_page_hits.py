"""Word boxes on page images for a query, and pages flagged as low confidence (real OCR)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image
from rich.console import Console
from rich.progress import Progress

from core.models import Document, Page
from core.types import WordBox
from indices.context import AppContext
from indices.page_hits import published_boxes, word_hits
from indices.query import highlighter, parse
from server.app import create_app


@pytest.fixture
def client(loaded_ctx: AppContext) -> Iterator[TestClient]:
    with TestClient(create_app(loaded_ctx)) as c:
        yield c


def doc_id(ctx: AppContext, name: str) -> int:
    with ctx.db.session() as s:
        return next(d.id for d in s.query(Document) if d.original_name == name)


def hits(client: TestClient, doc: int, page: int, q: str) -> dict:  # type: ignore[type-arg]
    r = client.get(f"/api/v1/documents/{doc}/pages/{page}/hits", params={"q": q})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_an_inflected_query_lights_the_word_box(client: TestClient, loaded_ctx: AppContext) -> None:
    doc = doc_id(loaded_ctx, "protocol.png")
    body = hits(client, doc, 1, "трибуналом")
    assert [h["text"] for h in body["hits"]] == ["трибунала"]
    [box] = body["hits"]
    assert body["image_url"] == f"/api/v1/documents/{doc}/pages/1/image"
    # the scan's second typed line (y ≈ 191..237 of 564 px, conftest.render_scan)
    assert 0.25 < box["top"] / body["height"] < 0.45 and box["height"] > 20
    assert 0 < box["left"] < box["left"] + box["width"] <= body["width"]
    assert box["confidence"] > 50


@pytest.mark.parametrize(
    ("q", "words"),
    [
        ('"военного трибунала"', ["военного", "трибунала"]),
        ("трибун*", ["трибунала"]),
        ("трибунала~", ["трибунала"]),
        ("суд", ["суда"]),
        ("несуществующее", []),
        ("", []),
        ("суд -трибунал", ["суда"]),  # a negated word is never drawn
    ],
)
def test_boxes_follow_the_index_analysis(
    client: TestClient, loaded_ctx: AppContext, q: str, words: list[str]
) -> None:
    body = hits(client, doc_id(loaded_ctx, "protocol.png"), 1, q)
    assert [h["text"] for h in body["hits"]] == words


def test_document_hits_list_only_pages_that_hit(client: TestClient, loaded_ctx: AppContext) -> None:
    doc = doc_id(loaded_ctx, "case.tiff")
    body = client.get(f"/api/v1/documents/{doc}/hits", params={"q": "сельсовет"}).json()
    assert [p["page"] for p in body["pages"]] == [2] and body["total"] == 1
    # «ДЕЛО» in the rendered heading reads «ВЕЛО» with plain tesseract, and so with the
    # measured pipeline (a clean binary page gets no pixel step): query the second line
    both = client.get(
        f"/api/v1/documents/{doc}/hits", params={"q": "выселении OR постановление"}
    ).json()
    assert [p["page"] for p in both["pages"]] == [1, 2]


def test_errors_are_plain(client: TestClient, loaded_ctx: AppContext) -> None:
    doc = doc_id(loaded_ctx, "protocol.png")
    assert (
        client.get(f"/api/v1/documents/{doc}/pages/1/hits", params={"q": '"открыта'}).status_code
        == 400
    )
    assert client.get(f"/api/v1/documents/{doc}/pages/9/hits", params={"q": "x"}).status_code == 404
    assert client.get("/api/v1/documents/99999/pages/1/hits", params={"q": "x"}).status_code == 404


def test_a_word_missing_from_the_public_text_is_never_boxed() -> None:
    words = [
        WordBox("Осуждён", 0, 0, 50, 10, 90),
        WordBox("Иванов", 60, 0, 50, 10, 90),
        WordBox("И.", 120, 0, 20, 10, 90),
    ]
    visible = published_boxes([w.to_json() for w in words], "Осуждён А.")
    assert visible[1] is None and visible[2] is None
    assert word_hits(highlighter(parse("Иванов")), visible) == []
    assert word_hits(highlighter(parse("осужден")), visible) == [0]
    # a phrase never bridges a hidden word
    assert word_hits(highlighter(parse('"осуждён и"')), visible) == []


def test_a_word_hyphenated_at_a_line_end_is_found_whole() -> None:
    words = [
        WordBox("военного", 0, 0, 80, 10, 90),
        WordBox("трибу-", 90, 0, 60, 10, 90),
        WordBox("нала", 0, 20, 40, 10, 90),
    ]
    lines = [[0, 0, 150, 10, 0, 2], [0, 20, 40, 10, 2, 1]]
    assert word_hits(highlighter(parse("трибунал")), words, lines) == [1, 2]


def _noise_scan(path: Path) -> Path:
    rng = np.random.default_rng(3)
    Image.fromarray((rng.random((400, 600)) * 255).astype(np.uint8)).save(path)
    return path


def test_unreadable_page_is_flagged_listed_and_reprocessed(
    ctx: AppContext, tmp_path: Path, sample_dir: Path
) -> None:
    from cli.actions import ingest_files
    from cli.ocr import print_low_confidence, reocr_documents

    console = Console(file=open(tmp_path / "out.txt", "w", encoding="utf-8"), width=200)  # noqa: SIM115
    files = [_noise_scan(tmp_path / "noise.png"), sample_dir / "protocol.png"]
    assert ingest_files(
        ctx,
        files,
        "archive",
        kind="archive",
        progress=lambda: Progress(console=console),
        out=console,
    )
    with TestClient(create_app(ctx)) as c:
        flagged = c.get("/api/v1/pages", params={"low_confidence": "true"}).json()
        assert [p["title"] for p in flagged["pages"]] == ["noise.png"]
        assert flagged["threshold"] == ctx.settings.ocr_low_confidence
        good = c.get("/api/v1/pages", params={"low_confidence": "false"}).json()
        assert [p["title"] for p in good["pages"]] == ["protocol.png"]
        found = c.get("/api/v1/search", params={"q": "", "low_confidence": "true"}).json()
        assert [h["title"] for h in found["hits"]] == ["noise.png"]
    assert print_low_confidence(ctx, console) == 1
    noise = doc_id(ctx, "noise.png")
    assert reocr_documents(
        ctx,
        doc_ids=[noise],
        languages="ru",
        progress=lambda: Progress(console=console),
        out=console,
    )
    with ctx.db.session() as s:
        page = s.query(Page).filter(Page.document_id == noise).one()
        assert page.ocr_info is not None and page.ocr_info["languages"] == "rus"
        assert s.get_one(Document, noise).ocr_languages == "rus"
        assert s.get_one(Document, noise).state == "published"
    console.file.close()
    assert "noise.png" in (tmp_path / "out.txt").read_text(encoding="utf-8")
