"""The authorization matrix (authz_matrix.csv): every route of the app × every kind of
caller, with the status each must get. A new route without a row fails the suite, so no
route can ship without someone deciding who may call it."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Mount, Route

from tests.search_api.authz_world import (
    AGENCY_A,
    CALLERS,
    COURT_A,
    DEVELOPERS,
    World,
    decision_form,
)

# The drafts matrix has the developer-agency callers as two more columns.
MATRICES = (
    Path(__file__).with_name("authz_matrix.csv"),
    Path(__file__).with_name("authz_matrix_drafts.csv"),
)


def rows() -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for matrix in MATRICES:
        with matrix.open(encoding="utf-8") as f:
            out += csv.DictReader(line for line in f if not line.startswith("#"))
    return out


def callers(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(who for who in (*CALLERS, *DEVELOPERS) if who in row)


def app_routes(routes: list[BaseRoute], prefix: str = "") -> set[tuple[str, str]]:
    """(method, path) of every route, through included routers and mounts."""
    out: set[tuple[str, str]] = set()
    for r in routes:
        if isinstance(r, APIRoute | Route):
            out |= {(m, prefix + r.path) for m in (r.methods or ()) if m != "HEAD"}
        elif isinstance(r, Mount):
            out.add(("GET", prefix + r.path))
        elif hasattr(r, "original_router"):  # FastAPI's included router
            inner: Any = r.original_router
            out |= app_routes(inner.routes, prefix + r.include_context.prefix)  # type: ignore[attr-defined]
        else:
            raise AssertionError(f"a route of unknown kind: {r!r}")
    return out


def test_every_route_has_a_row(authz_world: World) -> None:
    covered = {(r["method"], r["route"]) for r in rows()}
    routes = app_routes(authz_world.client.app.routes)  # type: ignore[attr-defined]
    assert routes - covered == set(), "routes without a row in authz_matrix.csv"
    assert covered - routes == set(), "rows for routes the app does not have"
    for r in rows():
        assert set(CALLERS) <= set(r), r


def _body(kind: str, who: str, ids: dict[str, Any]) -> dict[str, Any]:
    """The request body of a row; writers with a per-caller target (merge, split) get
    their own id, so the second allowed writer is not refused for the first one's work."""
    writer = "admin" if who == "admin" else "archivist"
    if kind == "batch":
        return {
            "files": [("files", (f"{who}.txt", f"Справка {who}".encode(), "text/plain"))],
            "data": {"collection": "archive"},
        }
    if kind == "decision":
        return decision_form(COURT_A, f"1-{who}/24", f"новое {who}")
    if kind == "decision_put":
        return {"files": decision_form(COURT_A, "x", f"редакция {who}")["files"]}
    if kind == "person_state":
        return {"json": {"state": "confirmed"}}
    if kind == "person_edit":
        return {"json": {"changes": {"notes": f"правка {who}"}}}
    if kind == "person_merge":
        return {"json": {"a_id": ids["merge_into"], "b_id": ids[f"merge_from_{writer}"]}}
    if kind == "person_split":
        return {"json": {"source_ids": [ids[f"split_source_{writer}"]]}}
    if kind == "persons_csv":
        return {
            "files": {"file": ("l.csv", f"key,surname\n{who},Абдрахманов\n".encode(), "text/csv")}
        }
    if kind == "archive_csv":
        return {"files": {"file": ("aid.csv", f"archive,title\nАрхив {who},А\n".encode())}}
    if kind == "subscription":  # anonymous allowed: a reader subscribes without a key
        return {"json": {"email": f"{who}@example.kg", "query": {"q": "трибунала"}}}
    if kind == "subscription_form":
        return {"data": {"email": f"{who}-form@example.kg", "q": "трибунала"}}
    if kind == "draft_follow":  # the draft page's form: the UI is anonymous, keys or not
        return {"data": {"email": f"{who}-follow@example.kg"}}
    if kind == "draft":
        return {"json": {"title": f"Проект {who}", "act_kind": "law", "agency": AGENCY_A}}
    if kind == "draft_version":
        return {"files": {"file": ("v.txt", f"Статья 1. Текст {who}".encode())}}
    if kind == "draft_stage":  # refused by the rules (409), so it changes nothing
        return {"json": {"stage": "discussion_closed"}}
    if kind == "draft_extension":  # each writer a later date than the one before
        days = 60 + 10 * (*CALLERS, *DEVELOPERS).index(who)
        closes = dt.date.today() + dt.timedelta(days=days)
        return {"json": {"closes": closes.isoformat(), "reason": f"просьба {who}"}}
    if kind == "draft_attachment":
        return {
            "files": {"file": ("t.txt", f"Таблица {who}".encode())},
            "data": {"kind": "comparative_table"},
        }
    if kind == "comment":  # anonymous allowed: a member of the public, with an address
        return {"data": {"text": f"Замечание {who}", "email": f"{who}-c@example.kg"}}
    if kind == "comment_form":
        return {"data": {"text": f"Замечание с формы {who}", "email": f"{who}-f@example.kg"}}
    if kind == "comment_confirm":
        return {"json": {"token": "nope-nope-nope"}}
    if kind == "vote":
        return {"json": {"vote": "support", "token": ids["commenter_token"]}}
    if kind == "vote_form":  # no commenter cookie: refused whoever the key (422)
        return {"data": {"vote": "oppose"}}
    if kind == "moderation":
        return {"json": {"action": "approve"}}
    if kind == "answer":
        return {"json": {"kind": "accepted"}}
    if kind == "plan_csv":
        csv_text = f"agency,year,title,act_kind,quarter\n{AGENCY_A},2026,О плане {who},law,2\n"
        return {"files": {"file": ("plan.csv", csv_text.encode())}}
    if kind == "correction":  # each writer's own text, so every save changes the page
        return {"json": {"lines": [{"index": 0, "text": f"Акт правки {who}"}]}}
    if kind == "revert":  # revision 1 is the admin's of the decision (a row before the
        # decision writes); the restricted page's row above saved the archivist's 2, admin's 3
        return {"json": {"revision": 3 if who == "admin" else 2}}
    if kind == "report":
        return {"json": {"line": 0, "suggested": f"Протокол {who}"}}
    if kind == "report_form":  # the document page's form: the UI is anonymous, keys or not
        return {"data": {"page": "1", "line": "1", "suggested": f"Протокол {who}"}}
    if kind == "report_decision":
        return {"json": {"action": "accept"}}
    assert kind == "-", kind
    return {}


def test_matrix(authz_world: World) -> None:
    """All rows in order (writes come last); every mismatch is reported at once."""
    w = authz_world
    wrong = []
    for row in rows():
        url = row["url"].format(**w.ids)
        for who in callers(row):
            r = w.client.request(
                row["method"],
                url,
                headers=w.headers(who),
                follow_redirects=False,
                **_body(row["body"], who, w.ids),
            )
            if str(r.status_code) != row[who]:
                wrong.append(
                    f"{row['method']} {url} as {who}: {r.status_code}, "
                    f"expected {row[who]} ({r.text[:120]})"
                )
    assert not wrong, "\n".join(wrong)


def test_refused_writes_are_audited(authz_world: World) -> None:
    """Every 401/403 on a write in the matrix left a `denied` audit event (runs after it)."""
    w = authz_world
    refused = sum(
        row[who] in ("401", "403")
        for row in rows()
        if row["method"] != "GET"
        for who in callers(row)
    )
    events = w.client.get(
        "/api/v1/audit", params={"limit": 1000}, headers=w.headers("admin")
    ).json()
    assert sum(e["outcome"] == "denied" for e in events) >= refused > 0
