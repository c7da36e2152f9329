"""Per-page OCR decisions reach the user: Page.ocr_info, the page's /ocr JSON and
`achyk status --ocr` (real ingestion of the sample scans, real tesseract)."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from rich.console import Console

from cli.ocr import print_ocr_decisions
from core.models import Document, Page
from indices.context import AppContext
from server.app import create_app


def _doc(ctx: AppContext, name: str) -> int:
    with ctx.db.session() as s:
        return next(d.id for d in s.query(Document) if d.original_name == name)


def test_decisions_are_stored_shown_in_page_json_and_by_status(loaded_ctx: AppContext) -> None:
    doc = _doc(loaded_ctx, "protocol.png")
    with loaded_ctx.db.session() as s:
        page = s.query(Page).filter(Page.document_id == doc).one()
        info = page.ocr_info or {}
    decisions = info["decisions"]
    assert decisions["tone"]["binary"] in (True, False)
    assert decisions["layout"]["glyph"] > 10
    assert info["applied"] == decisions["applied"] and "crop" in info["applied"]
    with TestClient(create_app(loaded_ctx)) as c:
        r = c.get(f"/api/v1/documents/{doc}/pages/1/ocr")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["applied"] == decisions["applied"] and body["source"] == "ocr"
        assert body["tone"] == decisions["tone"] and body["layout"] == decisions["layout"]
        assert body["chosen"] in ("prepared", "wider", "plain")
        assert set(body["allowed"]) >= set(body["applied"]) - {
            "sheet",
            "flatten",
            "smooth",
            "specks",
        }
        assert c.get(f"/api/v1/documents/{doc}/pages/99/ocr").status_code == 404
        assert c.get("/api/v1/documents/999999/pages/1/ocr").status_code == 404
    console = Console(file=io.StringIO(), width=200)
    assert print_ocr_decisions(loaded_ctx, console, doc)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Страница 1" in text and "замеры:" in text and "шаги:" in text
    assert "оставлено чтение" in text
    assert not print_ocr_decisions(loaded_ctx, Console(file=io.StringIO()), 999999)
