"""Nothing the policy removes reaches the public, on both search backends.

The dev set of depersonification is ingested as a court collection through the real
pipeline (TXT, and three records as typewritten scans through tesseract), beside court
decisions built so that a person's name stands where the text is not: in a DOCX core
title and author, a PDF info dictionary, the first line used as title, the uploaded file
name, and a picture embedded in a text-layer PDF. Then, as an anonymous client, every
gold removed string is looked for through every public surface: search (plain, phrase,
prefix, fuzzy), snippets, facets, norm suggestions, similar decisions, practice,
document JSON, page text, page hits, page OCR details, page images (OCR'd with
tesseract), the flagged pages list, a page's text line by line (also after an admin's
correction retyped the names), the Atom feed of a search, the alert mail, the
persons registry, every UI page and error answers, and every export (search as CSV, JSON
and XLSX; a document's TXT, ALTO and hOCR; its citation as text, RIS and CSL-JSON). Zero
occurrences is the pass. (There is no download of originals or renditions to check: the
API has none.)
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import textwrap
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytesseract
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from PIL import Image
from sqlalchemy import update

from core.auth import Role, create_key
from core.models import Subscription
from core.settings import Settings
from indices.context import AppContext
from ingest.intake import DocMeta, receive
from ingest.runner import process_documents
from server.app import create_app
from service.alerts import run_alerts
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


BACKENDS = ["tantivy", pytest.param("opensearch", marks=pytest.mark.opensearch)]


@pytest.fixture(scope="module", params=BACKENDS)
def court(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[AppContext, dict[int, Any]]]:
    root = tmp_path_factory.mktemp(f"leak-{request.param}")
    extra: dict[str, Any] = {}
    if request.param == "opensearch":
        extra = {
            "search_url": request.getfixturevalue("search_node_url"),
            "index_prefix": f"{request.getfixturevalue('search_node_prefix')}-leak",
        }
    ctx = AppContext.create(Settings(data_dir=root / "data", workers=2, **extra))
    files: list[Path] = []
    meta: dict[Path, DocMeta] = {}
    by_file: dict[Path, tuple[dict[str, Any], str]] = {}
    for path, doc_meta in constructed(root).items():
        files.append(path)
        if doc_meta is not None:
            meta[path] = doc_meta
        by_file[path] = ({"id": path.name, "text": "", "spans": []}, "built")
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
    docs = {
        item.document_id: by_file[Path(item.source)] for item in intake.items if item.document_id
    }
    yield ctx, docs
    ctx.close()


# Persons of the built decisions: invented names that no other text of the test holds
# (the dev set has none of these stems). Each is only in
# the place its comment says (and, for some, in the body as well).
BUILT_NAMES = {
    "Бекбоотаев Кайратбек Жолдошбекович": "DOCX core title, author and body",
    "Сарымсакова Бурулкан Тентимишовна": "the uploaded file name of a scan (only there)",
    "Дооронбеков Мелисбек Асанович": "a picture inside a text-layer PDF (only there)",
    "Кудайбергенов Темирлан Асылбекович": "PDF info dictionary and the PDF's body",
    "Чолпонкулова Гулнарида Садырбековна": "the first line of a TXT (its title) and its body",
    "Тынчтыкбеков Эрмекбай Абылкасымович": "the manifest title given at intake, and the body",
}
STEMS = [
    "Бекбоотаев",
    "Кайратбек",
    "Сарымсаков",
    "Бурулкан",
    "Дооронбеков",
    "Мелисбек",
    "Кудайберген",
    "Темирлан",
    "Чолпонкулов",
    "Гулнарид",
    "Тынчтыкбеков",
    "Эрмекбай",
]
COURT = (
    "Ленинский районный суд города Бишкек в составе председательствующего судьи "
    "Абдрахманова К.Т., при секретаре Исаковой Н.Б.,"
)


def body(who: str) -> str:
    return (
        f"ПРИГОВОР\nИменем Кыргызской Республики\n{COURT} рассмотрел уголовное дело в "
        f"отношении {who}, обвиняемого по ч. 1 ст. 201 УК КР.\nПодсудимый вину признал. "
        f"Суд приговорил: признать {who} виновным и назначить наказание в виде штрафа."
    )


def constructed(root: Path) -> dict[Path, DocMeta | None]:
    """Court decisions whose persons' names stand outside the body text too."""
    import docx
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from tests.conftest import register_fonts

    out: dict[Path, DocMeta | None] = {}
    d = docx.Document()
    d.core_properties.title = "Приговор в отношении Бекбоотаева Кайратбека Жолдошбековича"
    d.core_properties.author = "Бекбоотаев Кайратбек Жолдошбекович"
    d.core_properties.subject = "Дело Бекбоотаева К.Ж."
    for para in body("подсудимого Бекбоотаева Кайратбека Жолдошбековича").split("\n"):
        d.add_paragraph(para)
    out[root / "decision-1.docx"] = None
    d.save(str(root / "decision-1.docx"))

    scan = root / "Приговор в отношении Сарымсаковой Бурулкан Тентимишовны.png"
    render_scan(
        [
            "ПРИГОВОР",
            "Суд рассмотрел уголовное дело",
            "по ч. 1 ст. 201 УК КР",
            "и признал подсудимую виновной.",
        ],
        width=1500,
    ).save(scan)
    out[scan] = None

    register_fonts()
    pdf = root / "decision-3.pdf"
    c = canvas.Canvas(str(pdf))
    c.setTitle("Дело Кудайбергенова Темирлана Асылбековича")
    c.setAuthor("Кудайбергенов Темирлан Асылбекович")
    c.setSubject("Приговор Кудайбергенову Т.А.")
    c.setFont("DejaVu", 10)
    for i, line in enumerate(
        textwrap.wrap(
            body("подсудимого Кудайбергенова Темирлана Асылбековича").replace("\n", " "), 90
        )
    ):
        c.drawString(40, 800 - i * 14, line)
    picture = render_scan(["Свидетель Дооронбеков Мелисбек", "Асанович"], width=1500, size=60)
    c.drawImage(
        ImageReader(picture), 40, 300, width=480, height=480 * picture.height / picture.width
    )
    c.showPage()
    c.save()
    out[pdf] = None

    txt = root / "decision-4.txt"
    txt.write_text(
        "Решение по иску Чолпонкуловой Гулнариды Садырбековны к ОсОО «Бишкек-Сервис»\n"
        + body("истицы Чолпонкуловой Гулнариды Садырбековны"),
        encoding="utf-8",
    )
    out[txt] = None

    titled = root / "decision-5.txt"
    titled.write_text(body("подсудимого Тынчтыкбекова Эрмекбая Абылкасымовича"), encoding="utf-8")
    out[titled] = DocMeta(title="Приговор в отношении Тынчтыкбекова Эрмекбая Абылкасымовича")
    return out


def removed_spans(rec: dict[str, Any], limit: int | None = None) -> list[tuple[str, str]]:
    text = rec["text"]
    return [
        (s["label"], text[s["start"] : s["end"]])
        for s in rec["spans"]
        if s["label"] not in KEEP and (limit is None or s["end"] <= limit)
    ]


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
            kept_words = {
                w.lower()
                for s in rec["spans"]
                if s["label"] in KEEP
                for w in words_of(rec["text"][s["start"] : s["end"]])
            }
            for label, span in removed_spans(rec):
                assert not contains(raw, span), (rec["id"], label, span)
                for w in words_of(span) if label == "PERSON" else ():
                    if w.lower() in kept_words:
                        continue  # the same word is also a kept official's or an org's name
                    # As a name: capitalised as written («любовь к профессии» is no name).
                    m = re.search(rf"\b{re.escape(w)}\b", raw)
                    assert m is None, (rec["id"], label, span, raw[m.start() - 80 : m.end() + 40])


def test_no_removed_string_is_findable_by_search(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    ctx, docs = court
    with TestClient(create_app(ctx)) as client:
        for doc_id, (rec, _kind) in docs.items():
            body = client.get(f"/api/v1/documents/{doc_id}").json()
            public_words = " ".join(
                re.findall(r"[^\W_]+", " ".join(p["text"] for p in body["pages"]).lower())
            )
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


def search_forms(span: str) -> list[str]:
    """The removed span asked for plain, as a prefix and fuzzy (the phrase is above)."""
    words = re.findall(r"[^\W\d_]+|\d+", span)
    if not words:
        return []
    out = [" ".join(words)]
    first = max(words, key=len)
    if len(first) >= 4 and first.isalpha():
        out += [first[:-1] + "*", first + "~1", first[:24] + "~2"]
    return out


def test_dev_set_removed_strings_by_every_search_form(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    """Every removed dev-set span, asked for plain, as a prefix and fuzzy over the whole
    collection: the answer (hits, titles, snippets, facets, error messages; not the echo
    of the query) holds it nowhere. A span that some document's public text holds anyway
    («Бишкек» in a court's name) is public there and not asked for."""
    ctx, docs = court
    with TestClient(create_app(ctx)) as client:
        public = " ".join(
            f"{d['title']} " + " ".join(p["text"] for p in d["pages"])
            for d in (client.get(f"/api/v1/documents/{i}").json() for i in docs)
        )
        asked = 0
        for _doc_id, (rec, kind) in docs.items():
            if kind != "txt":
                continue
            for label, span in removed_spans(rec):
                if contains(public, span):
                    continue
                for q in search_forms(span):
                    r = client.get("/api/v1/search", params={"q": q, "size": 50})
                    assert r.status_code in (200, 400), (q, r.status_code)
                    answer = {k: v for k, v in r.json().items() if k != "q"}
                    text = re.sub(r"</?mark>", "", json.dumps(answer, ensure_ascii=False))
                    assert not contains(text, span), (rec["id"], label, span, q)
                    asked += 1
        assert asked > 300, asked


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
            names = [
                w
                for label, span in removed_spans(rec, limit=SCAN_CHARS)
                if label == "PERSON"
                for w in words_of(span)
            ]
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


def leaked(text: str) -> list[str]:
    low = text.lower()
    return [s for s in STEMS if s.lower() in low]


def built_queries() -> list[str]:
    """Every way to ask for the built persons: plain, phrase, prefix, fuzzy."""
    out: list[str] = []
    for full in BUILT_NAMES:
        surname, first, _ = full.split()
        out += [
            surname,
            first,
            f'"{surname} {first}"',
            f'"{full}"',
            surname[:-2] + "*",
            f"{surname}~1",
            f"{surname}а~2",
            f"title:{surname}",
            f"{first}~1",
        ]
    return out


def built_ids(docs: dict[int, Any]) -> list[int]:
    return [i for i, (_rec, kind) in docs.items() if kind == "built"]


def test_a_correction_brings_no_removed_name_back(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    """An admin retypes built persons' names into a TXT decision and a scanned one
    (corrections go through the same depersonification as any published text); a reader
    reports a name as a misreading. Runs before the tests below, which then look for the
    names on every surface of the corrected documents too."""
    ctx, docs = court
    by_name = {rec["id"]: i for i, (rec, kind) in docs.items() if kind == "built"}
    admin = {"Authorization": f"Bearer {create_key(ctx, Role.ADMIN).key}"}
    archivist = {"Authorization": f"Bearer {create_key(ctx, Role.ARCHIVIST).key}"}
    retyped = {
        by_name["decision-5.txt"]: "Тынчтыкбеков Эрмекбай Абылкасымович",
        by_name["Приговор в отношении Сарымсаковой Бурулкан Тентимишовны.png"]: (
            "Сарымсакова Бурулкан Тентимишовна"
        ),
    }
    with TestClient(create_app(ctx)) as client:
        for doc_id, name in retyped.items():
            url = f"/api/v1/documents/{doc_id}/pages/1/text"
            page = client.get(url, headers=admin).json()
            assert page["editable"], page
            last = page["lines"][-1]
            r = client.put(
                url,
                json={"lines": [{"index": last["index"], "text": f"{last['text']} {name}"}]},
                headers=admin,
            )
            assert r.status_code == 200, r.text
            public = client.get(url).json()  # a reader's view of the corrected page
            assert not public["editable"] and leaked(json.dumps(public, ensure_ascii=False)) == []
            r = client.post(
                f"/api/v1/documents/{doc_id}/pages/1/reports", json={"line": 0, "suggested": name}
            )
            assert r.status_code == 201 and leaked(r.text) == [], r.text
            # the queue of an archivist: court pages are not theirs to correct
            queue = client.get("/api/v1/corrections/reports", headers=archivist)
            assert queue.status_code == 200 and leaked(queue.text) == [], queue.text
            for who in ({}, archivist):  # the history is the admin's only
                r = client.get(f"/api/v1/documents/{doc_id}/pages/1/revisions", headers=who)
                assert r.status_code in (401, 403) and leaked(r.text) == [], r.text
        for q in built_queries():
            res = client.get("/api/v1/search", params={"q": q, "size": 100}).json()
            assert res["total"] == 0 and leaked(json.dumps(res, ensure_ascii=False)) == [], q


def test_built_persons_are_nowhere_in_the_api(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    ctx, docs = court
    ids = built_ids(docs)
    assert len(ids) == len(BUILT_NAMES) - 1  # the file-name scan and five others
    with TestClient(create_app(ctx)) as client:
        every = client.get("/api/v1/search", params={"q": "", "size": 100}).json()
        assert every["total"] >= len(ids)
        assert leaked(json.dumps(every, ensure_ascii=False)) == []
        for q in built_queries():
            res = client.get("/api/v1/search", params={"q": q, "size": 100})
            assert res.status_code == 200, (q, res.text)
            body = res.json()
            assert body["total"] == 0, (q, [h["title"] for h in body["hits"]])
            assert leaked(json.dumps(body, ensure_ascii=False)) == [], q
            sug = client.get("/api/v1/norms/suggest", params={"q": q[:100]})
            assert leaked(sug.text) == [], q
            for url in ("/api/v1/persons", "/persons"):  # the persons registry, API and UI
                r = client.get(url, params={"q": q})
                assert r.status_code < 500, (url, q, r.status_code)
                assert leaked(unechoed(r.text, q)) == [], (url, q)
        for doc_id in ids:
            urls = [
                f"/api/v1/documents/{doc_id}",
                f"/api/v1/documents/{doc_id}/similar",
                "/api/v1/practice?norm=ч. 1 ст. 201 УК КР",
                "/api/v1/pages",
                "/api/v1/pages?low_confidence=false",
                f"/api/v1/documents/{doc_id}/pages/99/hits?q=x",
                f"/api/v1/documents/{doc_id}/pages/1/image?x=1",
                f"/api/v1/documents/{doc_id}/pages/1/ocr",
                f"/api/v1/documents/{doc_id}/pages/1/text",
                f"/documents/{doc_id}/pages/1/correct",
                f"/api/v1/decisions/{doc_id}",
                f"/decisions/{doc_id}",
                f'/api/v1/documents/{doc_id}/hits?q="unclosed',
                f"/api/v1/documents/{doc_id}/search?q=суд",
                *(f"/api/v1/documents/{doc_id}/{suffix}" for suffix in DOCUMENT_EXPORTS),
            ]
            for url in urls:
                r = client.get(url)
                assert r.status_code < 500, (url, r.status_code)
                if r.headers.get("content-type", "").startswith("image/"):
                    continue
                assert leaked(r.text) == [], (url, leaked(r.text))
            for q in built_queries():
                r = client.get(f"/api/v1/documents/{doc_id}/hits", params={"q": q})
                assert r.status_code == 200 and r.json()["total"] == 0, (doc_id, q, r.text)
                r = client.get(f"/api/v1/documents/{doc_id}/pages/1/hits", params={"q": q})
                echo_free = {k: v for k, v in r.json().items() if k != "q"}  # the query itself
                assert r.json()["hits"] == [], (doc_id, q)
                assert leaked(json.dumps(echo_free, ensure_ascii=False)) == [], (doc_id, q)
                r = client.get(f"/api/v1/documents/{doc_id}/search", params={"q": q})
                assert r.status_code == 200 and r.json()["total"] == 0, (doc_id, q, r.text)


def test_built_persons_are_not_on_any_page_image(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    ctx, docs = court
    with TestClient(create_app(ctx)) as client:
        served = 0
        for doc_id in built_ids(docs):
            for page in client.get(f"/api/v1/documents/{doc_id}").json()["pages"]:
                if not page["image_url"]:
                    continue
                png = client.get(page["image_url"]).content
                seen = pytesseract.image_to_string(Image.open(io.BytesIO(png)), lang="rus+kir")
                assert leaked(seen) == [], (doc_id, page["number"], seen)
                served += 1
        assert served >= 2, "the scans and the text-only pages keep a public image"


def test_built_persons_are_nowhere_in_the_ui(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    ctx, docs = court
    ids = built_ids(docs)
    pages = [
        "/",
        "/?q=",
        "/practice?norm=ч. 1 ст. 201 УК КР",
        "/upload",
        f"/compare?a={ids[0]}&b={ids[1]}",
        "/?q=" + "суд",
    ]
    pages += [f"/documents/{i}" for i in ids]
    pages += [f"/documents/{i}?q=" + q for i in ids for q in built_queries()[:9]]
    pages += ["/?q=" + q for q in built_queries()]
    with TestClient(create_app(ctx)) as client:
        for url in pages:
            r = client.get(url)
            assert r.status_code < 500, (url, r.status_code)
            # a query echoes itself in the search box: only the rest of the page counts
            text = unechoed(r.text, url.split("q=", 1)[-1]) if "q=" in url else r.text
            assert leaked(text) == [], (url, leaked(text))


def test_dev_set_removed_strings_not_in_hits_or_ui(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    """Page hits and the UI document page for every removed dev-set span: a box or a
    page shows only what the public text already says."""
    ctx, docs = court
    with TestClient(create_app(ctx)) as client:
        for doc_id, (rec, kind) in docs.items():
            if kind == "built":
                continue
            public = " ".join(
                p["text"] for p in client.get(f"/api/v1/documents/{doc_id}").json()["pages"]
            )
            allowed = set(re.findall(r"[^\W_]+", public.lower()))
            limit = SCAN_CHARS if kind == "scan" else None
            for label, span in removed_spans(rec, limit=limit):
                words = re.findall(r"[^\W_]+", span)
                if not words:
                    continue
                q = '"' + " ".join(words) + '"'
                hits = client.get(f"/api/v1/documents/{doc_id}/hits", params={"q": q}).json()
                for page in hits["pages"]:
                    for h in page["hits"]:
                        assert h["text"].lower().strip(".,;:()«»") in allowed or not re.findall(
                            r"[^\W_]+", h["text"]
                        ), (rec["id"], label, span, h)
                within = client.get(f"/api/v1/documents/{doc_id}/search", params={"q": q})
                for page in within.json()["pages"]:  # search within the document
                    for h in page["hits"]:
                        assert h["text"].lower() in allowed, (rec["id"], label, span, h)
                page_html = client.get(f"/documents/{doc_id}", params={"q": q}).text
                if not contains(public, span):
                    visible = re.sub(r"<[^>]+>", " ", unechoed(page_html, q))
                    assert not contains(visible, span), (rec["id"], label, span)


def unechoed(page: str, q: str) -> str:
    """The page without the echoes of the user's own query (search box, data attributes),
    however the template escaped them."""
    for form in (html.escape(q, quote=True), str(escape(q)), q):
        page = page.replace(form, "")
    return page


DOCUMENT_EXPORTS = (
    "text",
    "alto",
    "hocr",
    "citation",
    "citation?format=ris",
    "citation?format=csl-json",
)
EXPORT_FORMATS = ("csv", "json", "xlsx")


def export_text(content: bytes, content_type: str) -> str:
    """What an export says, as text: an XLSX's sheets and strings without their markup, the
    words of ALTO (CONTENT) and hOCR, JSON without the echo of the query, anything else as
    it is."""
    if content_type.startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            xml = " ".join(z.read(n).decode("utf-8") for n in z.namelist())
        return html.unescape(re.sub(r"<[^>]+>", " ", xml))
    text = content.decode("utf-8-sig")
    if content_type.startswith("application/json"):  # the echo of the query is not an answer
        body = json.loads(text)
        if isinstance(body, dict):
            body.pop("q", None)
        return json.dumps(body, ensure_ascii=False)
    if content_type.startswith(("application/xml", "application/xhtml+xml")):
        root = ET.fromstring(content)
        contents = [e.get("CONTENT") or "" for e in root.iter() if e.get("CONTENT")]
        return " ".join([*contents, *root.itertext()])
    return text


def test_exports_hold_no_removed_string(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    """Search exports of everything and every document's TXT, ALTO, hOCR and citations:
    no removed dev-set span that the public text does not hold, no built person."""
    ctx, docs = court
    with TestClient(create_app(ctx)) as client:
        every: dict[str, str] = {}
        for fmt in EXPORT_FORMATS:
            r = client.get("/api/v1/search/export", params={"q": "", "format": fmt})
            assert r.status_code == 200, (fmt, r.text)
            assert int(r.headers["x-exported-count"]) >= len(docs)
            every[fmt] = export_text(r.content, r.headers["content-type"])
            assert leaked(every[fmt]) == [], fmt
        bodies = {i: client.get(f"/api/v1/documents/{i}").json() for i in docs}
        public_all = " ".join(
            f"{b['title']} " + " ".join(p["text"] for p in b["pages"]) for b in bodies.values()
        )
        checked = 0
        for doc_id, (rec, kind) in docs.items():
            exports = {}
            for suffix in DOCUMENT_EXPORTS:
                r = client.get(f"/api/v1/documents/{doc_id}/{suffix}")
                assert r.status_code == 200, (doc_id, suffix, r.status_code)
                exports[suffix] = export_text(r.content, r.headers["content-type"])
            if kind == "built":
                for suffix, text in exports.items():
                    assert leaked(text) == [], (doc_id, suffix, leaked(text))
                continue
            body = bodies[doc_id]
            public = f"{body['title']} " + " ".join(p["text"] for p in body["pages"])
            limit = SCAN_CHARS if kind == "scan" else None
            for label, span in removed_spans(rec, limit=limit):
                if not contains(public, span):
                    for suffix, text in exports.items():
                        assert not contains(text, span), (rec["id"], label, span, suffix)
                        checked += 1
                if not contains(public_all, span):
                    for fmt, text in every.items():
                        assert not contains(text, span), (rec["id"], label, span, fmt)
        assert checked > 300, checked
        for q in built_queries():
            for fmt in EXPORT_FORMATS:
                r = client.get("/api/v1/search/export", params={"q": q, "format": fmt})
                assert r.status_code == 200, (q, fmt, r.text)
                assert r.headers["x-total-count"] == "0", (q, fmt)
                text = export_text(r.content, r.headers["content-type"])
                assert leaked(unechoed(text, q)) == [], (q, fmt)


def test_feed_and_alert_mail_hold_published_text_only(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    """The Atom feed of a search and the digest mail of a saved search: built persons
    nowhere, and no dev-set removed string in an entry unless the public text has it."""
    ctx, docs = court
    public: dict[int, str] = {}
    with TestClient(create_app(ctx)) as client:
        for doc_id in docs:
            pages = client.get(f"/api/v1/documents/{doc_id}").json()["pages"]
            public[doc_id] = " ".join(p["text"] for p in pages)
        for q in ["", "суд", *built_queries()]:
            r = client.get("/api/v1/search/feed.atom", params={"q": q})
            assert r.status_code == 200, (q, r.text)
            assert leaked(unechoed(r.text, q)) == [], q
        feed = ET.fromstring(client.get("/api/v1/search/feed.atom").content)
        entries = feed.findall(f"{ATOM}entry")
        assert entries
        for e in entries:
            doc_id = int((e.findtext(f"{ATOM}id") or "").rsplit("/", 1)[-1])
            shown = (e.findtext(f"{ATOM}title") or "") + " " + (e.findtext(f"{ATOM}summary") or "")
            _assert_published_only(docs, public, doc_id, shown)

        outbox = ctx.settings.outbox_dir
        r = client.post("/api/v1/subscriptions", json={"email": "leak@example.kg", "query": {}})
        assert r.status_code == 202, r.text
        [confirmation] = [m for m in _mails(outbox) if m["To"] == "leak@example.kg"]
        token = re.search(r"confirm\?token=([\w-]+)", _text(confirmation))
        assert token
        client.get("/api/v1/subscriptions/confirm", params={"token": token.group(1)})
    with ctx.db.session() as s:  # everything published counts as new for this reader
        s.execute(update(Subscription).values(last_notified_at=None))
    assert run_alerts(ctx).mailed == 1
    [digest] = [m for m in _mails(outbox) if "новые документы" in str(m["Subject"])]
    text = _text(digest)
    assert leaked(text) == []
    blocks = re.findall(r"• (.*)\n  \S+/documents/(\d+)\n(?:  (.*)\n)?", text)
    assert blocks
    for title, doc_id, snippet in blocks:
        _assert_published_only(docs, public, int(doc_id), f"{title} {snippet}")


ATOM = "{http://www.w3.org/2005/Atom}"


def _assert_published_only(
    docs: dict[int, Any], public: dict[int, str], doc_id: int, shown: str
) -> None:
    assert leaked(shown) == [], (doc_id, shown)
    rec, _kind = docs[doc_id]
    for label, span in removed_spans(rec):
        assert not contains(shown, span) or contains(public[doc_id], span), (doc_id, label, span)


def _mails(folder: Path) -> list[EmailMessage]:
    return [
        message_from_bytes(f.read_bytes(), policy=policy.default)
        for f in sorted(folder.glob("*.eml"))
    ]


def _text(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def test_iiif_holds_published_text_and_redacted_images_only(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    """IIIF: manifests (metadata, citation, OCR line annotations), Content Search 2 hits
    and every image: no built person, no removed dev-set span the public text does not
    hold, and each page image served through IIIF is the redacted public image, pixel for
    pixel (the OCR of those is checked above)."""
    from PIL import ImageChops

    ctx, docs = court
    with TestClient(create_app(ctx)) as client:
        images = 0
        for doc_id, (rec, kind) in docs.items():
            body = client.get(f"/api/v1/documents/{doc_id}").json()
            public = f"{body['title']} " + " ".join(p["text"] for p in body["pages"])
            allowed = set(re.findall(r"[^\W_]+", public.lower()))
            r = client.get(f"/iiif/3/{doc_id}/manifest.json")
            assert r.status_code in (200, 404), (doc_id, r.status_code)
            text = r.text if r.status_code == 200 else ""
            assert leaked(text) == [], (doc_id, leaked(text))
            limit = SCAN_CHARS if kind == "scan" else None
            for label, span in removed_spans(rec, limit=limit) if kind != "built" else ():
                if not contains(public, span):
                    assert not contains(
                        json.dumps(json.loads(text or "{}"), ensure_ascii=False), span
                    ), (
                        rec["id"],
                        label,
                        span,
                    )
                words = re.findall(r"[^\W_]+", span)
                if not words:
                    continue
                q = '"' + " ".join(words) + '"'
                hits = client.get(f"/iiif/3/{doc_id}/search", params={"q": q})
                assert hits.status_code == 200, (doc_id, q, hits.text)
                for item in hits.json()["items"]:
                    said = item["body"]["value"].lower().strip(".,;:()«»")
                    assert said in allowed or not re.findall(r"[^\W_]+", said), (
                        rec["id"],
                        span,
                        item,
                    )
            if kind == "built":
                for q in built_queries():
                    hits = client.get(f"/iiif/3/{doc_id}/search", params={"q": q})
                    assert hits.status_code == 200 and hits.json()["items"] == [], (doc_id, q)
            for page in body["pages"]:
                if not page["image_url"]:
                    continue
                ident = f"{doc_id}-p{page['number']}"
                info = client.get(f"/iiif/3/{ident}/info.json")
                assert info.status_code == 200 and leaked(info.text) == []
                served = Image.open(
                    io.BytesIO(client.get(f"/iiif/3/{ident}/full/max/0/default.png").content)
                )
                redacted = Image.open(io.BytesIO(client.get(page["image_url"]).content))
                diff = ImageChops.difference(served.convert("L"), redacted.convert("L"))
                assert diff.getbbox() is None, (doc_id, page["number"])
                images += 1
        assert images >= SCANNED + 2, images


def test_third_parties_in_comments_are_nowhere_public(ctx: AppContext) -> None:
    """A third party's name, address and phone in an approved comment (its text, the
    organisation's name, its attachment) and the commenter's address never appear on
    the public comment list, the draft and version pages, the report (page, JSON, CSV,
    PDF) or the attachment's text; the agency's moderation view is the only place."""
    import pypdfium2 as pdfium

    from tests.search_api.test_comments_api import comment, confirm_token, mails, open_draft
    from tests.search_api.test_drafts_api import Portal

    secret = ("Сыдыкова Айгуль Маратовна", "Токтогула", "555 123 456", "leak@example.kg")
    text = (
        "Статья 4 нарушит права граждан. Моя соседка Сыдыкова Айгуль Маратовна, "
        "проживающая по адресу г. Бишкек, ул. Токтогула, д. 12, тел. +996 555 123 456, "
        "не смогла получить справку."
    )
    p = Portal(ctx)
    with p.client:
        d = open_draft(p)
        first = comment(p, d, text=text, email=secret[3], unit_id="art-4").json()["id"]
        token = p.client.post(
            "/api/v1/comments/confirm", json={"token": confirm_token(mails(ctx)[0])}
        ).json()["commenter_token"]
        org = comment(
            p,
            d,
            text="Просим учесть: " + text,
            token=token,
            commenter_kind="organization",
            organization="Ассоциация жильцов, председатель Сыдыкова Айгуль Маратовна",
            files={"file": ("letter.txt", text.encode())},
        ).json()["id"]
        for cid in (first, org):
            p.ok(
                "dev_a",
                "POST",
                f"/drafts/{d}/comments/{cid}/moderation",
                json={"action": "approve"},
            )
        held = p.ok("dev_a", "GET", f"/drafts/{d}/comments")
        assert all("Сыдыкова" in c["moderation"]["text"] for c in held["comments"])
        public = p.ok("anon", "GET", f"/drafts/{d}/comments")
        assert public["total"] == 2
        surfaces = {
            "comments": json.dumps(public, ensure_ascii=False),
            "attachment": p.client.get(public["comments"][1]["attachment_url"]).text,
            "draft page": p.client.get(f"/drafts/{d}").text,
            "version page": p.client.get(f"/drafts/{d}/versions/1").text,
            "report page": p.client.get(f"/drafts/{d}/report").text,
            "moderation page": p.client.get(f"/drafts/{d}/moderation").text,
            "report json": p.client.get(f"/api/v1/drafts/{d}/report.json").text,
            "report csv": p.client.get(f"/api/v1/drafts/{d}/report?format=csv").text,
            "export json": p.client.get("/api/v1/drafts/export?format=json").text,
            "export csv": p.client.get("/api/v1/drafts/export?format=csv&table=comments").text,
        }
        pdf = pdfium.PdfDocument(p.client.get(f"/api/v1/drafts/{d}/report.pdf").content)
        surfaces["report pdf"] = "".join(
            pdf[i].get_textpage().get_text_range() for i in range(len(pdf))
        )
    assert "статья 4" in surfaces["report page"].lower()  # the comments are really there
    assert surfaces["export csv"].count("нарушит права граждан") == 2, surfaces["export csv"]
    leaks = [
        (where, s)
        for where, page in surfaces.items()
        for s in secret
        if s in html.unescape(page) or s.split()[0] in html.unescape(page)
    ]
    assert leaks == []


def test_archive_pages_and_ead_hold_public_titles_only(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    """The built decisions filed in a delo of an imported finding aid (their manifest
    would give fond/opis/delo): the archive pages, the archive API and the EAD export list
    them by their published titles, never a removed name."""
    from core.models import ArchiveUnit, Document
    from service.archive_store import import_aid

    ctx, docs = court
    ids = built_ids(docs)
    with ctx.db.session() as s:
        for n, doc in enumerate(s.query(Document).filter(Document.id.in_(ids)), start=1):
            ref = {"fond": "1", "opis": "1", "delo": "1", "list": str(n)}
            doc.meta = {**(doc.meta or {}), "archive_ref": ref}
        s.commit()
    aid = "archive,fond,opis,delo,title\nЦГА КР,,,,Архив\nЦГА КР,1,,,Суд\nЦГА КР,1,1,,Опись\n"
    aid += "ЦГА КР,1,1,1,Дело\n"
    result = import_aid(ctx, aid.encode(), "aid.csv")
    assert not result.errors and set(ids) <= set(result.linked)
    with ctx.db.session() as s:
        units = list(s.query(ArchiveUnit.id))
    urls = ["/archive", "/archive/ЦГА КР", "/archive/ЦГА КР/1", "/archive/ЦГА КР/1/1/1"]
    urls += ["/api/v1/archive"] + [f"/api/v1/archive/{u}" for (u,) in units]
    urls += [f"/api/v1/archive/{u}/ead.xml" for (u,) in units]
    urls += [f"/documents/{i}" for i in ids]  # with their breadcrumbs now
    with TestClient(create_app(ctx)) as client:
        delo = client.get("/archive/ЦГА КР/1/1/1").text
        assert all(f"/documents/{i}" in delo for i in ids)  # they are listed: the check bites
        for url in urls:
            r = client.get(url)
            assert r.status_code == 200, (url, r.status_code)
            assert leaked(r.text) == [], (url, leaked(r.text))


def test_draft_surfaces_hold_public_drafts_only(court: tuple[AppContext, dict]) -> None:  # type: ignore[type-arg]
    """The drafts' search, facets, feeds, calendar, export, follow form and the «drafts that
    would change this norm» blocks: a draft not yet public (planned, or withdrawn while
    planned) is in none of them, and no built person is either."""
    import datetime as dt

    from core.auth import LOCAL_ADMIN
    from drafts import ActKind, DraftStage
    from service.drafts import add_version, change_stage, create_draft, now_local
    from service.schemas_drafts import DraftIn, StageIn

    ctx, _docs = court
    secret = "Засекреченныйчерновик"
    amending = (
        "Статья 1.\nВнести в Уголовный кодекс Кыргызской Республики следующие изменения:\n"
        "1) статью 168 изложить в следующей редакции:\n«Статья 168. Мошенничество\n{word}»\n"
    )

    def draft(title: str, word: str) -> int:
        body = DraftIn(title=title, act_kind=ActKind.LAW, agency="Министерство юстиции")
        d = create_draft(ctx, LOCAL_ADMIN, body).id
        add_version(ctx, LOCAL_ADMIN, d, amending.format(word=word).encode(), "v1.txt")
        return d

    now = now_local()
    public = draft("Открытый проект об ответственности", "обман доверия")
    change_stage(
        ctx,
        LOCAL_ADMIN,
        public,
        StageIn(stage=DraftStage.DISCUSSION, closes=now.date() + dt.timedelta(days=35)),
        now,
    )
    draft(f"{secret} проект в работе", secret)
    gone = draft(f"{secret} отозванный проект", secret)
    change_stage(
        ctx, LOCAL_ADMIN, gone, StageIn(stage=DraftStage.WITHDRAWN, reason="не нужен"), now
    )
    surfaces = [
        ("GET", "/api/v1/drafts/search", {}),
        ("GET", "/api/v1/drafts/search", {"q": secret}),
        ("GET", "/api/v1/drafts/search", {"q": "мошенничество"}),
        ("GET", "/drafts", {"q": "мошенничество"}),
        ("GET", "/drafts", {}),
        ("GET", "/drafts.atom", {}),
        ("GET", "/drafts.atom", {"stage": "withdrawn"}),
        ("GET", "/plan.atom", {}),
        ("GET", "/drafts/calendar", {"days": 366}),
        ("GET", "/api/v1/drafts/export", {"format": "json"}),
        ("GET", "/api/v1/drafts/export", {"format": "csv"}),
        ("GET", "/api/v1/drafts/export", {"format": "csv", "table": "versions"}),
        ("GET", "/api/v1/practice", {"norm": "uk-kr-2021/168"}),
        ("GET", "/practice", {"norm": "uk-kr-2021/168"}),
        ("GET", "/", {"norm": "uk-kr-2021/168"}),
    ]
    with TestClient(create_app(ctx)) as client:
        for method, url, params in surfaces:
            r = client.request(method, url, params=params)
            assert r.status_code == 200, (url, params, r.text)
            assert secret not in r.text and leaked(r.text) == [], (url, params)
        # The public draft is there, so the surfaces were not just empty.
        assert (
            "Открытый проект об ответственности"
            in client.get("/practice", params={"norm": "uk-kr-2021/168"}).text
        )
        r = client.post(f"/drafts/{gone}/follow", data={"email": "leak@example.kg"})
        assert r.status_code == 404 and secret not in r.text
