"""The draft-law portal through the API, end to end on the real app and database: plan →
draft → versions (TXT and DOCX through the ingest handlers) → diff → stage changes with
the life-cycle rules' refusals and the developer-agency scoping.

The clock is the app's `now_local` dependency, set by the test: a discussion lasts 30
days and cannot be closed before its last day, so the test moves time instead of waiting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from core.auth import Role, create_key
from indices.context import AppContext
from server.app import create_app
from service.drafts import BISHKEK, now_local
from tests.search_api.conftest import docx_bytes

DATA = Path(__file__).parents[1] / "drafts" / "data"
JUSTICE = "Министерство юстиции"
FINANCE = "Министерство финансов"
PLAN_CSV = (
    "agency,year,title,act_kind,area,quarter,responsible\n"
    f"{JUSTICE},2026,О внесении изменений в Уголовный кодекс,закон,уголовное право,I,\n"
    f"{JUSTICE},2026,Об открытых данных государственных органов,law,цифровое развитие,2,\n"
)


class Portal:
    def __init__(self, ctx: AppContext) -> None:
        self.now = dt.datetime(2026, 3, 2, 10, 0, tzinfo=BISHKEK)
        app = create_app(ctx)
        app.dependency_overrides[now_local] = lambda: self.now
        self.client = TestClient(app)
        self.keys = {
            "dev_a": create_key(ctx, Role.DEVELOPER, agency=JUSTICE).key,
            "dev_b": create_key(ctx, Role.DEVELOPER, agency=FINANCE).key,
            "reader": create_key(ctx, Role.READER).key,
            "admin": create_key(ctx, Role.ADMIN).key,
        }

    def call(self, who: str, method: str, url: str, **kw: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.keys[who]}"} if who != "anon" else {}
        return self.client.request(method, "/api/v1" + url, headers=headers, **kw)

    def ok(self, who: str, method: str, url: str, status: int = 200, **kw: Any) -> Any:
        r = self.call(who, method, url, **kw)
        assert r.status_code == status, r.text
        return r.json()

    def refused(self, who: str, method: str, url: str, status: int, code: str, **kw: Any) -> None:
        r = self.call(who, method, url, **kw)
        assert (r.status_code, r.json().get("code")) == (status, code), r.text

    def upload(self, who: str, draft: int, name: str, data: bytes, **form: str) -> Any:
        return self.call(
            who, "POST", f"/drafts/{draft}/versions", files={"file": (name, data)}, data=form
        )


@pytest.fixture
def portal(ctx: AppContext) -> Iterator[Portal]:
    p = Portal(ctx)
    with p.client:
        yield p


def test_plan_draft_versions_diff_and_life_cycle(portal: Portal) -> None:
    p = portal
    plan = {"file": ("plan.csv", PLAN_CSV.encode())}
    # The plan: only a developer imports, only its own agency's rows, all or nothing.
    assert p.call("anon", "POST", "/plan", files=plan).status_code == 401
    assert p.call("reader", "POST", "/plan", files=plan).status_code == 403
    foreign = p.ok("dev_b", "POST", "/plan", files=plan, params={"dry_run": False})
    assert foreign["created"] == 0 and [e["line"] for e in foreign["errors"]] == [2, 3]
    dry = p.ok("dev_a", "POST", "/plan", files=plan)
    assert (dry["dry_run"], dry["read"], dry["created"], dry["errors"]) == (True, 2, 0, [])
    assert p.ok("anon", "GET", "/plan") == []
    assert p.ok("dev_a", "POST", "/plan", files=plan, params={"dry_run": False})["created"] == 2
    again = p.ok("dev_a", "POST", "/plan", files=plan, params={"dry_run": False})
    assert (again["created"], again["updated"]) == (0, 2)
    items = {i["title"]: i for i in p.ok("anon", "GET", "/plan", params={"agency": JUSTICE})}
    item = items["Об открытых данных государственных органов"]

    # A draft of the plan item: the agency's own developer only; not public while planned.
    body = {
        "title": "Об открытых данных государственных органов",
        "act_kind": "law",
        "agency": JUSTICE,
        "area": "цифровое развитие",
        "plan_item_id": item["id"],
    }
    assert p.call("dev_b", "POST", "/drafts", json=body).status_code == 403
    draft = p.ok("dev_a", "POST", "/drafts", 201, json=body)
    d = draft["id"]
    assert (draft["stage"], draft["plan_item_id"]) == ("planned", item["id"])
    p.refused("dev_a", "POST", "/drafts", 409, "plan_item_taken", json=body)
    for who in ("anon", "reader", "dev_b"):
        assert p.call(who, "GET", f"/drafts/{d}").status_code == 404
    assert p.ok("anon", "GET", "/drafts")["total"] == 0
    assert {i["draft_id"] for i in p.ok("anon", "GET", "/plan")} == {None}
    assert d in {i["draft_id"] for i in p.ok("dev_a", "GET", "/plan")}

    # Versions: TXT, then DOCX through the ingest handlers; an image is not a text.
    p.refused("dev_a", "POST", f"/drafts/{d}/stage", 409, "no_text", json={"stage": "discussion"})
    v1 = (DATA / "ru-v1.txt").read_text()
    v2 = (DATA / "ru-v2.txt").read_text()
    r = p.upload("dev_a", d, "v1.txt", v1.encode())
    assert r.status_code == 201 and r.json()["number"] == 1, r.text
    r = p.upload("dev_a", d, "v2.docx", docx_bytes(*v2.split("\n")))
    assert (r.status_code, r.json()["number"], r.json()["format"]) == (201, 2, "docx"), r.text
    r = p.upload(
        "dev_a",
        d,
        "alt.txt",
        v1.replace("открытых", "общедоступных").encode(),
        kind="alternative",
        party="Ассоциация юристов",
    )
    assert (r.json()["number"], r.json()["kind"], r.json()["party"]) == (
        3,
        "alternative",
        "Ассоциация юристов",
    )
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    r = p.upload("dev_a", d, "scan.png", png)
    assert (r.status_code, r.json()["code"]) == (422, "unsupported_file"), r.text

    # Open the discussion: 30 days, both ends counted, at least.
    short = {"stage": "discussion", "closes": "2026-03-30"}
    p.refused("dev_a", "POST", f"/drafts/{d}/stage", 422, "window_too_short", json=short)
    assert p.call("dev_b", "POST", f"/drafts/{d}/stage", json=short).status_code == 404
    opened = p.ok("dev_a", "POST", f"/drafts/{d}/stage", json={**short, "closes": "2026-03-31"})
    assert (opened["stage"], opened["opens"], opened["open_for_comments"]) == (
        "discussion",
        "2026-03-02",
        True,
    )
    # Now public; still written by its agency only.
    assert p.ok("anon", "GET", f"/drafts/{d}")["plan_item_id"] == item["id"]
    assert d in {i["draft_id"] for i in p.ok("anon", "GET", "/plan")}
    assert p.call("anon", "POST", f"/drafts/{d}/stage", json=short).status_code == 401
    for who in ("reader", "dev_b"):
        assert p.call(who, "POST", f"/drafts/{d}/stage", json=short).status_code == 403
        assert p.upload(who, d, "x.txt", "Статья 1. Текст".encode()).status_code == 403

    def listed(**params: Any) -> list[int]:
        return [x["id"] for x in p.ok("anon", "GET", "/drafts", params=params)["drafts"]]

    assert listed(open_now=True) == listed(stage="discussion") == listed(kind="law") == [d]
    assert listed(closing_within_days=10) == listed(stage="planned") == listed(kind="code") == []
    assert listed(closing_within_days=40) == listed(agency=JUSTICE.upper()) == [d]

    # The diff, article by article: an inserted article renumbers the next three.
    diff = p.ok("anon", "GET", f"/drafts/{d}/diff", params={"from": 1, "to": 2})
    kinds = {(c["kind"], c["old_id"], c["new_id"]) for c in diff["changes"]}
    assert {("renumbered", "art-4", "art-5"), ("removed", "art-7", None)} <= kinds
    assert diff["mapping"]["art-4"] == "art-5" and diff["counts"]["added"] >= 1
    renumbered = next(c for c in diff["changes"] if c["old_id"] == "art-4")
    assert (renumbered["old_label"], renumbered["text_changed"]) == ("статья 4", False)
    alt = p.ok("anon", "GET", f"/drafts/{d}/diff", params={"from": 1, "to": 3})
    assert alt["counts"]["changed"] >= 1 and alt["counts"]["renumbered"] == 0
    assert p.call("anon", "GET", f"/drafts/{d}/diff?from=1&to=9").status_code == 404
    assert [v["number"] for v in p.ok("anon", "GET", f"/drafts/{d}/versions")] == [1, 2, 3]
    assert p.ok("anon", "GET", f"/drafts/{d}/versions/1")["text"].startswith("ПРОЕКТ")

    # Extension: later only, with a reason; closing: not before the last day.
    p.refused(
        "dev_a",
        "POST",
        f"/drafts/{d}/extension",
        422,
        "extension_not_later",
        json={"closes": "2026-03-20", "reason": "просьба ассоциации"},
    )
    p.ok(
        "dev_a",
        "POST",
        f"/drafts/{d}/extension",
        json={"closes": "2026-04-10", "reason": "просьба ассоциации"},
    )
    p.now = dt.datetime(2026, 4, 10, 18, 0, tzinfo=BISHKEK)
    p.refused(
        "dev_a",
        "POST",
        f"/drafts/{d}/stage",
        409,
        "discussion_not_over",
        json={"stage": "discussion_closed"},
    )
    p.now = dt.datetime(2026, 4, 11, 9, 0, tzinfo=BISHKEK)
    assert p.ok("anon", "GET", f"/drafts/{d}")["open_for_comments"] is False
    for stage in ("discussion_closed", "report_published", "submitted", "adopted"):
        assert p.ok("dev_a", "POST", f"/drafts/{d}/stage", json={"stage": stage})["stage"] == stage
    p.refused(
        "dev_a",
        "POST",
        f"/drafts/{d}/stage",
        409,
        "transition_not_allowed",
        json={"stage": "withdrawn", "reason": "поздно"},
    )
    r = p.upload("dev_a", d, "v4.txt", v2.encode())
    assert (r.status_code, r.json()["code"]) == (409, "final_stage")

    # The audit of the life cycle, with who made each change.
    detail = p.ok("anon", "GET", f"/drafts/{d}")
    assert [(e["kind"], e["to_stage"]) for e in detail["events"]] == [
        ("stage_changed", "discussion"),
        ("discussion_extended", "discussion"),
        ("stage_changed", "discussion_closed"),
        ("stage_changed", "report_published"),
        ("stage_changed", "submitted"),
        ("stage_changed", "adopted"),
    ]
    assert detail["events"][1]["closes_before"] == "2026-03-31"
    audit = p.ok("admin", "GET", "/audit", params={"limit": 100})
    assert sum(e["action"] == "draft.stage" and e["outcome"] == "ok" for e in audit) == 5


def test_amending_draft_links_its_norms_to_practice(portal: Portal) -> None:
    p = portal
    d = p.ok(
        "admin",
        "POST",
        "/drafts",
        201,
        json={"title": "О внесении изменений\x00 в УК", "act_kind": "law", "agency": JUSTICE},
    )["id"]
    assert p.ok("dev_a", "GET", f"/drafts/{d}")["title"] == "О внесении изменений в УК"  # no NUL
    p.refused(
        "dev_a", "POST", f"/drafts/{d}/stage", 422, "reason_required", json={"stage": "withdrawn"}
    )
    assert p.upload("dev_a", d, "a.txt", (DATA / "ru-amending.txt").read_bytes()).status_code == 201
    norms = p.ok("dev_a", "GET", f"/drafts/{d}")["amended_norms"]
    assert [(n["unit_id"], n["operation"], n["norm_id"]) for n in norms] == [
        ("art-1/1", "amend", "uk-kr-2021/168"),
        ("art-1/2", "amend", "uk-kr-2021/170/2"),
        ("art-1/3", "repeal", "uk-kr-2021/171"),
    ]
    assert norms[0]["practice_url"] == "/practice?norm=uk-kr-2021/168"
    assert norms[0]["unit_label"].startswith("статья 1")
