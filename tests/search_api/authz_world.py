"""A small world for the authorization matrix and the API fuzzing: one of everything a
route can point at, and a key for every kind of caller.

Public and restricted scans (real tesseract), court decisions published through the API
by court A's clerk, an archivist's batch; callers: anonymous, reader, researcher,
archivist, clerk of court A, clerk of court B, admin and a revoked key.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from rich.console import Console
from rich.progress import Progress
from sqlalchemy import select, update

from cli.actions import ingest_files
from core.auth import Role, create_key, revoke_key
from core.models import ArchiveUnit, Collection, Document, PersonMerge, PersonSource
from core.settings import Settings
from indices.context import AppContext
from server.app import create_app
from service.archive_store import import_aid

COURT_A = "Ленинский районный суд г. Бишкек"
COURT_B = "Ошский городской суд"
CALLERS = (
    "anonymous",
    "reader",
    "researcher",
    "archivist",
    "clerk_a",
    "clerk_b",
    "admin",
    "revoked",
)
# Developer-agency keys, in the drafts matrix (authz_matrix_drafts.csv) only: elsewhere a
# developer may do what a reader may (core.auth.PERMISSIONS).
AGENCY_A = "Министерство юстиции"
AGENCY_B = "Министерство финансов"
DEVELOPERS = ("developer_a", "developer_b")
DECISION_TEXT = (
    "ПРИГОВОР\nИМЕНЕМ КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nЛенинский районный суд г. Бишкек "
    "рассмотрел уголовное дело и ПРИГОВОРИЛ: признать виновным по ч. 2 ст. 168 "
    "УК КР. {tag}"
)


@dataclass
class World:
    ctx: AppContext
    client: TestClient
    keys: dict[str, str]
    ids: dict[str, Any] = field(default_factory=dict)  # record ids; the commenter token

    def headers(self, who: str) -> dict[str, str]:
        return {} if who == "anonymous" else {"Authorization": f"Bearer {self.keys[who]}"}


def _ingest(ctx: AppContext, src: Path, collection: str) -> int:
    console = Console(file=io.StringIO())
    assert ingest_files(
        ctx,
        [src],
        collection,
        kind="archive",
        progress=lambda: Progress(console=console),
        out=console,
    ), console.file.getvalue()  # type: ignore[attr-defined]
    with ctx.db.session() as s:
        return int(
            s.scalars(
                select(Document.id).join(Collection).where(Collection.name == collection)
            ).one()
        )


def decision_form(court: str, case: str, tag: str) -> dict[str, object]:
    meta = {"court": court, "case_number": case, "decision_date": "2024-01-10"}
    return {
        "files": {"file": ("d.txt", DECISION_TEXT.format(tag=tag).encode(), "text/plain")},
        "data": {"metadata": json.dumps(meta, ensure_ascii=False)},
    }


def build_world(root: Path, sample_dir: Path, settings: dict[str, object]) -> World:
    ctx = AppContext.create(Settings(data_dir=root / "data", workers=2, **settings))  # type: ignore[arg-type]
    keys = {
        "reader": create_key(ctx, Role.READER).key,
        "researcher": create_key(ctx, Role.RESEARCHER).key,
        "archivist": create_key(ctx, Role.ARCHIVIST).key,
        "clerk_a": create_key(ctx, Role.CLERK, court=COURT_A).key,
        "clerk_b": create_key(ctx, Role.CLERK, court=COURT_B).key,
        "admin": create_key(ctx, Role.ADMIN).key,
        "developer_a": create_key(ctx, Role.DEVELOPER, agency=AGENCY_A).key,
        "developer_b": create_key(ctx, Role.DEVELOPER, agency=AGENCY_B).key,
    }
    revoked = create_key(ctx, Role.ADMIN)
    revoke_key(ctx, revoked.prefix)
    keys["revoked"] = revoked.key
    ids: dict[str, Any] = {}
    for name, coll, sample in (
        ("public_doc", "archive", "protocol.png"),
        ("restricted_doc", "secret", "scanned.pdf"),
    ):
        src = root / name
        src.mkdir()
        shutil.copy(sample_dir / sample, src / sample)
        ids[name] = _ingest(ctx, src, coll)
    with ctx.db.session() as s:
        s.execute(update(Collection).where(Collection.name == "secret").values(access="restricted"))
    client = TestClient(create_app(ctx))
    client.__enter__()
    auth = {"Authorization": f"Bearer {keys['clerk_a']}"}
    for name in ("decision", "decision_b"):
        r = client.post(
            "/api/v1/decisions?wait=60",
            headers=auth,
            **decision_form(COURT_A, f"1-{name}/24", name),
        )  # type: ignore[arg-type]
        assert r.status_code == 201 and r.json()["state"] == "published", r.text
        ids[name] = r.json()["id"]
        ids[f"{name}_doc"] = r.json()["document_id"]
    r = client.post(
        "/api/v1/batches",
        headers={"Authorization": f"Bearer {keys['archivist']}"},
        files=[("files", ("note.txt", "Справка архива".encode(), "text/plain"))],
        data={"collection": "archive"},
    )
    assert r.status_code == 202, r.text
    ids["batch"] = r.json()["id"]
    ids.update(_persons(client, {"Authorization": f"Bearer {keys['archivist']}"}, ctx))
    ids.update(_drafts(client, {"Authorization": f"Bearer {keys['developer_a']}"}))
    ids.update(_comments(client, {"Authorization": f"Bearer {keys['developer_a']}"}, ctx, ids))
    r = client.post(  # a reader's misreading report, for the archivists' queue
        f"/api/v1/documents/{ids['public_doc']}/pages/1/reports",
        json={"line": 0, "suggested": "Протокол"},
    )
    assert r.status_code == 201, r.text
    ids["report"] = r.json()["id"]
    aid = "archive,fond,opis,delo,title\nЦГА КР,,,,Архив\nЦГА КР,1,,,Фонд\n"
    assert not import_aid(ctx, aid.encode(), "aid.csv").errors
    with ctx.db.session() as s:
        ids["archive_unit"] = s.scalars(select(ArchiveUnit.id).order_by(ArchiveUnit.id)).first()
    ids["missing"] = 999_999
    return World(ctx, client, keys, ids)


PERSONS_CSV = (
    "key,surname,given,father,birth_year,birthplace,arrest_date,sentenced_by,sentence,"
    "charge,archival_ref\n"
    "p1,Исаков,Шабдан,Исак,1874,г. Ош,1937-11-10,тройка НКВД Киргизской ССР,death,58-7,"
    "Ф. 1. Оп. 2. Д. 3\n"
    "p2,Жумабаев,Асан,,1882,с. Кочкорка,1933-04-15,ОСО,camp,58-10,Ф. 1. Оп. 2. Д. 4\n"
    "p3,Токтогулов,Бекмат,,1890,с. Талас,1937-08-01,ОСО,camp,58-10,Ф. 1. Оп. 2. Д. 5\n"
    "p4,Токтогулов,Бекмат,,1890,с. Талас,1937-08-01,,,,Ф. 1. Оп. 2. Д. 6\n"
    "p5,Осмонов,Калык,,1895,с. Ат-Башы,1938-02-02,ОСО,exile,58-11,Ф. 1. Оп. 2. Д. 7\n"
    "p6,Осмонов,Калык,,1895,с. Ат-Башы,1938-02-02,,,,Ф. 1. Оп. 2. Д. 8\n"
    "p7,Сыдыков,Абдыкерим,,1889,г. Каракол,1937-10-01,ОСО,death,58-2,Ф. 1. Оп. 3. Д. 1\n"
    "p8,Садыков,Абдыкерим,,1889,,1937-10-01,,,,Ф. 1. Оп. 3. Д. 2\n"
    "p9,Сыдыкбеков,Абдыкерим,,1889,,,,,,Ф. 1. Оп. 3. Д. 3\n"
)


def _persons(client: TestClient, auth: dict[str, str], ctx: AppContext) -> dict[str, int]:
    """Registry records through the archivist's API: `person` published, `proposed_person`
    not; merge proposals `merge` (accepted, then undone) and `merge_2` (rejected); records
    `merge_into`, `merge_from_archivist` / `merge_from_admin` for direct merges, and one
    source of `person` per writer to split off (`split_source_archivist` / `_admin`)."""
    r = client.post(
        "/api/v1/persons/import",
        params={"dry_run": False},
        headers=auth,
        files={"file": ("list.csv", PERSONS_CSV.encode(), "text/csv")},
    )
    assert r.status_code == 200, r.text
    by_key = {row["key"]: row["person_id"] for row in r.json()["rows"]}
    assert all(by_key.values()), r.text
    for state in ("confirmed", "published"):
        r = client.post(
            f"/api/v1/persons/{by_key['p1']}/state", json={"state": state}, headers=auth
        )
        assert r.status_code == 200, r.text
    with ctx.db.session() as s:
        merges = {(m.a_id, m.b_id): m.id for m in s.scalars(select(PersonMerge))}
        for pair in ((by_key["p3"], by_key["p4"]), (by_key["p5"], by_key["p6"])):
            if pair not in merges:
                m = PersonMerge(
                    a_id=pair[0],
                    b_id=pair[1],
                    score=0.9,
                    evidence=[],
                    conflicts=[],
                    state="proposed",
                )
                s.add(m)
                s.flush()
                merges[pair] = m.id
        for year in ("1874", "1875"):  # two more documents stating the birth year
            s.add(
                PersonSource(
                    person_id=by_key["p1"],
                    origin_person_id=by_key["p1"],
                    field="birth_year",
                    value=year,
                    quote=f"{year} г. р.",
                    archival_ref=f"Ф. 2. Оп. 1. Д. {year}",
                )
            )
        s.flush()
        sources = sorted(
            s.scalars(select(PersonSource.id).where(PersonSource.person_id == by_key["p1"]))
        )
    assert len(sources) == 3, sources  # the split row moves one per writer, never all
    return {
        "person": by_key["p1"],
        "proposed_person": by_key["p2"],
        "merge": merges[(by_key["p3"], by_key["p4"])],
        "merge_2": merges[(by_key["p5"], by_key["p6"])],
        "merge_into": by_key["p7"],
        "merge_from_archivist": by_key["p8"],
        "merge_from_admin": by_key["p9"],
        "split_source_archivist": sources[0],
        "split_source_admin": sources[1],
    }


DRAFT_TEXT = "Статья 1. Предмет\nНастоящий Закон регулирует {what}.\n\nСтатья 2. Сфера\n{what}."


def _drafts(client: TestClient, auth: dict[str, str]) -> dict[str, int]:
    """Agency A's drafts: `draft_public` (in discussion, two versions, an attachment),
    `draft_planned` (not public yet); a free plan item `plan_item`."""
    csv = f"agency,year,title,act_kind,quarter\n{AGENCY_A},2026,О пробном,law,1\n"
    r = client.post(
        "/api/v1/plan",
        params={"dry_run": False},
        headers=auth,
        files={"file": ("plan.csv", csv.encode())},
    )
    assert r.status_code == 200 and r.json()["created"] == 1, r.text
    ids = {"plan_item": client.get("/api/v1/plan").json()[0]["id"]}
    for name in ("draft_public", "draft_planned"):
        body = {"title": f"Проект {name}", "act_kind": "law", "agency": AGENCY_A}
        r = client.post("/api/v1/drafts", json=body, headers=auth)
        assert r.status_code == 201, r.text
        ids[name] = r.json()["id"]
    d = ids["draft_public"]
    for what in ("отношения", "иные отношения"):
        text = DRAFT_TEXT.format(what=what).encode()
        r = client.post(
            f"/api/v1/drafts/{d}/versions", headers=auth, files={"file": ("v.txt", text)}
        )
        assert r.status_code == 201, r.text
    r = client.post(
        f"/api/v1/drafts/{d}/attachments",
        headers=auth,
        files={"file": ("note.txt", "Справка-обоснование".encode())},
        data={"kind": "justification_note"},
    )
    assert r.status_code == 201, r.text
    ids["attachment"] = r.json()["id"]
    closes = dt.date.today() + dt.timedelta(days=40)
    r = client.post(
        f"/api/v1/drafts/{d}/stage",
        headers=auth,
        json={"stage": "discussion", "closes": closes.isoformat()},
    )
    assert r.status_code == 200, r.text
    return ids


def _comments(
    client: TestClient, auth: dict[str, str], ctx: AppContext, ids: dict[str, Any]
) -> dict[str, Any]:
    """On `draft_public`: `comment` (confirmed by its mailed link, approved, with an
    attachment), `comment_pending` (in moderation) and the `commenter_token`."""
    url = f"/api/v1/drafts/{ids['draft_public']}/comments"
    r = client.post(
        url,
        data={"text": "Замечание к статье 1", "email": "world@example.kg", "unit_id": "art-1"},
        files={"file": ("n.txt", "Приложение к замечанию".encode())},
    )
    assert r.status_code == 201, r.text
    comment = r.json()["id"]
    [mail] = ctx.settings.outbox_dir.glob("*.eml")
    body = message_from_bytes(mail.read_bytes(), policy=policy.default).get_body(("plain",))
    token = body.get_content().split("token=", 1)[1].split()[0]  # type: ignore[union-attr]
    r = client.post("/api/v1/comments/confirm", json={"token": token})
    assert r.status_code == 200, r.text
    commenter = r.json()["commenter_token"]
    r = client.post(f"{url}/{comment}/moderation", headers=auth, json={"action": "approve"})
    assert r.status_code == 200, r.text
    r = client.post(url, data={"text": "Второе замечание", "token": commenter})
    assert r.status_code == 201 and r.json()["status"] == "pending", r.text
    return {"comment": comment, "comment_pending": r.json()["id"], "commenter_token": commenter}


def close_world(w: World) -> None:
    w.client.__exit__(None, None, None)
    w.ctx.close()
