"""Corrections end to end through the API, on a real OCR'd scan, tantivy and SQLite (or
PostgreSQL): an archivist corrects a line and search follows at once; revert; a reader's
misreading report goes through the queue; who may do what."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from core.audit import AuditQuery, events
from core.auth import Role, create_key
from core.models import Page, Person, PersonSource
from core.settings import Settings
from indices.context import AppContext
from ingest.intake import receive
from ingest.runner import process_documents
from server.app import create_app
from tests.conftest import render_scan

# Made-up words no stemmer shortens; the scan says the first, the archivist makes it the second.
MISREAD = "Зарубкинт"
FIXED = "Карабултон"
COURT_TEXT = (
    "ПРИГОВОР\nЛенинский районный суд г. Бишкек рассмотрел дело в отношении "
    "Асанова Бакыта Турдубековича.\nСуд приговорил признать Асанова Б.Т. виновным."
)


@dataclass
class Env:
    client: TestClient
    ctx: AppContext
    keys: dict[str, str]
    scan: int
    court: int

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"} if who != "anonymous" else {}

    def hits(self, q: str) -> list[int]:
        r = self.client.get("/api/v1/search", params={"q": q})
        assert r.status_code == 200, r.text
        return [h["id"] for h in r.json()["hits"]]

    def text(self, who: str = "archivist", doc: int | None = None) -> dict[str, Any]:
        r = self.client.get(
            f"/api/v1/documents/{doc or self.scan}/pages/1/text", headers=self.auth(who)
        )
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    root = tmp_path_factory.mktemp("corrections")
    ctx = AppContext.create(Settings(data_dir=root / "data", workers=1))
    scan = root / "list.png"
    render_scan(["Протокол заседания", f"комиссии {MISREAD} 1937 г."]).save(scan)
    court = root / "d.txt"
    court.write_text(COURT_TEXT, encoding="utf-8")
    ids = []
    for path, coll, kind in ((scan, "fond-1", "archive"), (court, "court", "court")):
        intake = receive(ctx, [Path(path)], coll, kind=kind)
        assert set(process_documents(ctx, intake.new_ids).values()) == {"published"}
        ids.append(intake.new_ids[0])
    keys = {
        r.value: create_key(
            ctx, r, agency="Министерство юстиции" if r is Role.DEVELOPER else None
        ).key
        for r in Role
        if r is not Role.CLERK
    }
    with TestClient(create_app(ctx)) as client:
        yield Env(client, ctx, keys, ids[0], ids[1])
    ctx.close()


def _line(body: dict[str, Any], word: str) -> dict[str, Any]:
    return next(ln for ln in body["lines"] if word in ln["text"])


def test_correct_a_line_then_search_follows_then_revert(env: Env) -> None:
    assert env.hits(MISREAD) == [env.scan] and env.hits(FIXED) == []
    page = env.text()
    assert page["editable"] and page["version"] == 0
    line = _line(page, MISREAD)
    assert line["box"] and len(line["box"]) == 4
    new = line["text"].replace(MISREAD, FIXED)
    r = env.client.put(
        f"/api/v1/documents/{env.scan}/pages/1/text",
        json={"lines": [{"index": line["index"], "text": new}], "reason": "опечатка", "version": 0},
        headers=env.auth("archivist"),
    )
    assert r.status_code == 200, r.text
    first = r.json()
    assert first["changes"] == [{"index": line["index"], "old": line["text"], "new": new}]
    assert env.hits(FIXED) == [env.scan] and env.hits(MISREAD) == []
    # the public document, page hits (boxes) and the editor all say the corrected word
    doc = env.client.get(f"/api/v1/documents/{env.scan}").json()
    assert FIXED in doc["pages"][0]["text"] and MISREAD not in doc["pages"][0]["text"]
    hits = env.client.get(f"/api/v1/documents/{env.scan}/pages/1/hits", params={"q": FIXED})
    assert [h["text"] for h in hits.json()["hits"]] == [FIXED]
    assert _line(env.text(), FIXED)["text"] == new and env.text()["version"] == 1
    # a save from an editor opened before this correction is refused
    stale = env.client.put(
        f"/api/v1/documents/{env.scan}/pages/1/text",
        json={"lines": [{"index": line["index"], "text": "x"}], "version": 0},
        headers=env.auth("archivist"),
    )
    assert stale.status_code == 409, stale.text
    # audited
    assert [e.target for e in events(env.ctx, AuditQuery(action="page.correct"))] == [
        f"document:{env.scan}/page:1"
    ]
    # revert: the misreading is back, recorded as a new revision
    r = env.client.post(
        f"/api/v1/documents/{env.scan}/pages/1/revert",
        json={"revision": first["id"], "reason": "ошибся"},
        headers=env.auth("archivist"),
    )
    assert r.status_code == 200, r.text
    assert r.json()["reverts_id"] == first["id"]
    assert env.hits(MISREAD) == [env.scan] and env.hits(FIXED) == []
    history = env.client.get(
        f"/api/v1/documents/{env.scan}/pages/1/revisions", headers=env.auth("archivist")
    ).json()
    assert [h["id"] for h in history] == [r.json()["id"], first["id"]]
    assert history[1]["author"].startswith("achyk_") and history[1]["reason"] == "опечатка"


def test_report_queue_accept_and_reject(env: Env) -> None:
    line = _line(env.text("anonymous"), MISREAD)
    url = f"/api/v1/documents/{env.scan}/pages/1/reports"
    r = env.client.post(
        url, json={"line": line["index"], "suggested": FIXED, "note": "на скане ясно"}
    )
    assert r.status_code == 201, r.text
    report = r.json()
    assert report["status"] == "open" and "note" not in report
    other = env.client.post(url, json={"line": 0, "suggested": "Протокол"}).json()
    assert env.client.post(url, json={"line": 999, "suggested": "x"}).status_code == 400
    queue = env.client.get("/api/v1/corrections/reports", headers=env.auth("archivist")).json()
    mine = next(q for q in queue if q["id"] == report["id"])
    assert mine["current"] == line["text"] and mine["note"] == "на скане ясно"
    assert mine["editor_url"] == f"/documents/{env.scan}/pages/1/correct?report={report['id']}"
    decide = f"/api/v1/corrections/reports/{other['id']}"
    assert (
        env.client.post(
            decide, json={"action": "reject"}, headers=env.auth("archivist")
        ).status_code
        == 400
    )  # a reason is required
    r = env.client.post(
        decide, json={"action": "reject", "reason": "верно"}, headers=env.auth("archivist")
    )
    assert r.status_code == 200 and r.json()["status"] == "rejected", r.text
    r = env.client.post(
        f"/api/v1/corrections/reports/{report['id']}",
        json={"action": "accept"},
        headers=env.auth("archivist"),
    )
    assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
    # the editor saves the suggestion, naming the report
    page = env.text()
    r = env.client.put(
        f"/api/v1/documents/{env.scan}/pages/1/text",
        json={
            "lines": [{"index": line["index"], "text": line["text"].replace(MISREAD, FIXED)}],
            "version": page["version"],
            "report_id": report["id"],
        },
        headers=env.auth("archivist"),
    )
    assert r.status_code == 200, r.text
    done = env.client.get(
        "/api/v1/corrections/reports", params={"status": "all"}, headers=env.auth("admin")
    ).json()
    assert next(q for q in done if q["id"] == report["id"])["revision_id"] == r.json()["id"]
    assert [
        q["id"]
        for q in env.client.get("/api/v1/corrections/reports", headers=env.auth("archivist")).json()
    ] == []
    assert env.hits(FIXED) == [env.scan]


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("reader", 403), ("researcher", 403), ("archivist", 403)],
)
def test_who_may_not_correct(env: Env, who: str, status: int) -> None:
    """Only admins correct a court decision: its recognized text holds the names."""
    r = env.client.put(
        f"/api/v1/documents/{env.court}/pages/1/text",
        json={"lines": [{"index": 0, "text": "ПРИГОВОР"}]},
        headers=env.auth(who),
    )
    assert r.status_code == status, r.text
    page = (
        env.text(who, env.court)
        if who != "anonymous"
        else env.client.get(f"/api/v1/documents/{env.court}/pages/1/text").json()
    )
    assert not page["editable"] and "Асанов" not in str(page)


def test_admin_correction_of_a_decision_is_depersonified(env: Env) -> None:
    """A correction that retypes a removed name publishes the pseudonym, not the name."""
    page = env.text("admin", env.court)
    assert page["editable"]
    line = _line(page, "Асанова Б.Т.")
    retyped = line["text"].replace("Асанова Б.Т.", "Асанова Бакыта Турдубековича")
    r = env.client.put(
        f"/api/v1/documents/{env.court}/pages/1/text",
        json={"lines": [{"index": line["index"], "text": retyped + " Ураамбек"}]},
        headers=env.auth("admin"),
    )
    assert r.status_code == 200, r.text
    public = env.client.get(f"/api/v1/documents/{env.court}").json()["pages"][0]["text"]
    assert "Ураамбек" in public and "Асанов" not in public and "Бакыт" not in public
    assert env.hits("Ураамбек") == [env.court] and env.hits("Асанова") == []


def test_registry_facts_stay_on_their_words(env: Env) -> None:
    """A fact of the persons registry on the page (word indices and characters) follows a
    correction that adds words to an earlier line, and comes back with the revert."""
    with env.ctx.db.session() as s:
        page = s.scalars(select(Page).where(Page.document_id == env.scan)).one()
        word = next(i for i, w in enumerate(page.words) if w[0] == "1937")
        start = page.text.index("1937")
        person = Person(surname="Проверкин", state="proposed")
        s.add(person)
        s.flush()
        src = PersonSource(
            person_id=person.id,
            document_id=env.scan,
            page=1,
            field="arrest_date",
            value="1937",
            start=start,
            end=start + 4,
            words=[word],
        )
        s.add(src)
        s.flush()
        src_id = src.id
    first = _line(env.text(), "Протокол")
    r = env.client.put(
        f"/api/v1/documents/{env.scan}/pages/1/text",
        json={"lines": [{"index": first["index"], "text": "Протокол № 7 заседания"}]},
        headers=env.auth("archivist"),
    )
    assert r.status_code == 200, r.text

    def fact() -> tuple[list[int], str]:
        with env.ctx.db.session() as s:
            src = s.get_one(PersonSource, src_id)
            page = s.scalars(select(Page).where(Page.document_id == env.scan)).one()
            assert src.start is not None and src.end is not None
            return list(src.words), page.text[src.start : src.end]

    assert fact() == ([word + 2], "1937")
    env.client.post(
        f"/api/v1/documents/{env.scan}/pages/1/revert",
        json={"revision": r.json()["id"]},
        headers=env.auth("archivist"),
    )
    assert fact() == ([word], "1937")
