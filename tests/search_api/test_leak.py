"""Nothing the policy removes reaches the public: search, snippets, documents, page images.

The dev set of depersonification is ingested as a court collection through the real
pipeline (TXT, and three records as typewritten scans through tesseract); every gold
span labelled for removal is then looked for through every public surface.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytesseract
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from core.context import AppContext
from core.settings import Settings
from ingest.intake import DocMeta, receive
from ingest.runner import process_documents
from search_api.app import create_app
from tests.conftest import render_scan

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "anonymize-dev.jsonl"
KEEP = {"OFFICIAL", "NORM", "ORG"}
SCANNED = 3  # records also rendered as scans (OCR is the slow part)
SCAN_CHARS = 700


def records() -> list[dict[str, Any]]:
    assert DEV.exists(), f"the dev set is missing: {DEV}"
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]


def scan_of(text: str) -> Image.Image:
    lines = [piece for para in text.split("\n") for piece in textwrap.wrap(para, 58) or [""]]
    return render_scan(lines, width=1900, size=40)


@pytest.fixture(scope="module")
def court(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, dict[int, Any]]]:
    root = tmp_path_factory.mktemp("leak")
    ctx = AppContext.create(Settings(data_dir=root / "data", workers=2))
    files: list[Path] = []
    meta: dict[Path, DocMeta] = {}
    by_file: dict[Path, tuple[dict[str, Any], str]] = {}
    for i, rec in enumerate(records()):
        date = dt.date.fromisoformat(rec["doc_date"])
        txt = root / f"{rec['id']}.txt"
        txt.write_text(rec["text"], encoding="utf-8")
        files.append(txt)
        meta[txt] = DocMeta(title=rec["id"], date=date, language=rec["lang"])
        by_file[txt] = (rec, "txt")
        if i < SCANNED:
            png = root / f"{rec['id']}.png"
            scan_of(rec["text"][:SCAN_CHARS]).save(png)
            files.append(png)
            meta[png] = DocMeta(title=rec["id"] + "-scan", date=date, language=rec["lang"])
            by_file[png] = (rec, "scan")
    intake = receive(ctx, files, "court-dev", kind="court")
    states = process_documents(ctx, intake.new_ids)
    assert set(states.values()) == {"published"}, states
    docs = {item.document_id: by_file[Path(item.source)] for item in intake.items
            if item.document_id}
    yield ctx, docs
    ctx.close()


def removed_spans(rec: dict[str, Any], limit: int | None = None) -> list[tuple[str, str]]:
    text = rec["text"]
    return [(s["label"], text[s["start"]:s["end"]]) for s in rec["spans"]
            if s["label"] not in KEEP and (limit is None or s["end"] <= limit)]


def norm(s: str) -> str:
    return " ".join(s.split())


def contains(text: str, span: str) -> bool:
    """The span as written, as whole words («Эркин» is a name, «эркиндигинен» is not;
    «Ли» is a name, «знал ли» is not)."""
    return re.search(rf"(?<!\w){re.escape(norm(span))}(?!\w)", norm(text)) is not None


def words_of(span: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]{4,}|\d{4,}", span)]


def test_no_removed_string_in_documents_or_snippets(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    ctx, docs = court
    with TestClient(create_app(ctx)) as client:
        for doc_id, (rec, kind) in docs.items():
            if kind != "txt":
                continue
            body = client.get(f"/api/v1/documents/{doc_id}").json()
            raw = " ".join(p["text"] for p in body["pages"])
            kept_words = {w.lower() for s in rec["spans"] if s["label"] in KEEP
                          for w in words_of(rec["text"][s["start"]:s["end"]])}
            for label, span in removed_spans(rec):
                assert not contains(raw, span), (rec["id"], label, span)
                for w in words_of(span) if label == "PERSON" else ():
                    if w.lower() in kept_words:
                        continue  # the same word is also a kept official's or an org's name
                    # As a name: capitalised as written («любовь к профессии» is no name).
                    m = re.search(rf"\b{re.escape(w)}\b", raw)
                    assert m is None, (rec["id"], label, span, raw[m.start() - 80:m.end() + 40])


def test_no_removed_string_is_findable_by_search(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    ctx, docs = court
    with TestClient(create_app(ctx)) as client:
        for doc_id, (rec, _kind) in docs.items():
            body = client.get(f"/api/v1/documents/{doc_id}").json()
            public_words = " ".join(re.findall(r"[^\W_]+", " ".join(
                p["text"] for p in body["pages"]).lower()))
            for label, span in removed_spans(rec):
                words = re.findall(r"[^\W_]+", span)
                if not words or f" {' '.join(words).lower()} " in f" {public_words} ":
                    continue  # the same words stand in the public text as common words («ли»)
                q = '"' + " ".join(words) + '"'
                res = client.get("/api/v1/search", params={"q": f"{q} id:{doc_id}"}).json()
                assert res["total"] == 0, (rec["id"], label, span)
            # Snippets of the document itself, around words next to the removed data.
            for q in ("суд OR сот OR судья", "подсудимый OR истец OR ответчик OR доогер"):
                res = client.get("/api/v1/search", params={"q": f"({q}) id:{doc_id}"}).json()
                for hit in res["hits"]:
                    text = re.sub(r"</?mark>", "", " ".join(hit["snippets"]))
                    for label, span in removed_spans(rec):
                        assert not contains(text, span), (rec["id"], label, span)


def test_scanned_pages_are_redacted(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    ctx, docs = court
    scans = [(doc_id, rec) for doc_id, (rec, kind) in docs.items() if kind == "scan"]
    assert len(scans) == SCANNED
    with TestClient(create_app(ctx)) as client:
        for doc_id, rec in scans:
            page = client.get(f"/api/v1/documents/{doc_id}").json()["pages"][0]
            assert page["image_url"], f"{rec['id']}: the scan has no public image"
            png = client.get(page["image_url"]).content
            seen = pytesseract.image_to_string(Image.open(io.BytesIO(png)), lang="rus+kir")
            for label, span in removed_spans(rec, limit=SCAN_CHARS):
                assert not contains(seen, span), (rec["id"], label, span)
                for w in words_of(span) if label == "PERSON" else ():
                    assert not contains(seen, w), (rec["id"], label, span, w)
            with ctx.db.session() as s:
                from core.models import Document
                original = ctx.blobs.get(s.get_one(Document, doc_id).pages[0].image_key or "")
            raw = pytesseract.image_to_string(Image.open(io.BytesIO(original)), lang="rus+kir")
            names = [w for label, span in removed_spans(rec, limit=SCAN_CHARS)
                     if label == "PERSON" for w in words_of(span)]
            assert any(contains(raw, n) for n in names), "the private original must keep them"


def test_findings_log_is_for_admins_only(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    from core.auth import Role, create_key

    ctx, docs = court
    doc_id, (rec, _kind) = next((i, v) for i, v in docs.items() if v[1] == "txt")
    url = f"/api/v1/admin/documents/{doc_id}/findings"
    with TestClient(create_app(ctx)) as client:
        assert client.get(url).status_code == 401
        reader = create_key(ctx, Role.READER).key
        assert client.get(url, headers={"Authorization": f"Bearer {reader}"}).status_code == 403
        admin = create_key(ctx, Role.ADMIN).key
        rows = client.get(url, headers={"Authorization": f"Bearer {admin}"}).json()
    removed = {span for label, span in removed_spans(rec) if label == "PERSON"}
    logged = {r["text"] for r in rows if r["label"] == "PERSON"}
    assert removed & logged, "the private log names what was removed"
    assert all(r["replacement"] and r["recognizer"] for r in rows)
