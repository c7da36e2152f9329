"""Roles: a write by the wrong role or court is refused (401/403), audited, and leaves
nothing behind; anonymous callers read public data only; admins read the audit trail."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from core.models import ApiKey, Batch, Collection, Decision, Document, IngestItem

COURT_A = "Ленинский районный суд г. Бишкек"


def snapshot(env: Any) -> dict[str, int]:
    """Everything a write could leave: records, stored files, index entries."""
    env.idle()
    with env.ctx.db.session() as s:
        rows = {
            m.__tablename__: int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Batch, IngestItem, Document, Decision, Collection)
        }
    rows["blobs"] = sum(1 for p in env.ctx.blobs.root.rglob("*") if p.is_file())
    rows["index"] = env.ctx.search.count()
    return rows


def upload(env: Any, who: str | None, token: str) -> Any:
    headers = env.auth(who) if who in env.keys else ({"Authorization": who} if who else {})
    return env.client.post(
        "/api/v1/batches",
        headers=headers,
        files=[("files", ("x.txt", f"Справка {token}".encode(), "text/plain"))],
        data={"collection": f"coll-{token}"},
    )


def decision(env: Any, who: str, court: str, token: str) -> Any:
    meta = {"court": court, "case_number": f"1-{token}", "decision_date": "2024-01-10"}
    return env.client.post(
        "/api/v1/decisions",
        headers=env.auth(who),
        files={"file": ("d.txt", f"Решение {token}".encode(), "text/plain")},
        data={"metadata": json.dumps(meta, ensure_ascii=False)},
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("Bearer achyk_not-a-key", 401),
        ("Basic dXNlcjpwdw==", 401),
        ("reader", 403),
        ("researcher", 403),
        ("clerk", 403),
    ],
)
def test_batch_upload_by_the_wrong_role(write_env: Any, who: str | None, status: int) -> None:
    env = write_env
    before = snapshot(env)
    r = upload(env, who, env.token())
    assert r.status_code == status, r.text
    assert r.json()["detail"]
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer"
    assert snapshot(env) == before


@pytest.mark.parametrize(
    ("who", "court"),
    [
        ("archivist", COURT_A),
        ("researcher", COURT_A),
        ("reader", COURT_A),
        ("clerk_b", COURT_A),
        ("clerk", "Ошский городской суд"),
    ],
)
def test_decision_by_the_wrong_role_or_court(write_env: Any, who: str, court: str) -> None:
    env = write_env
    before = snapshot(env)
    assert decision(env, who, court, env.token()).status_code == 403
    assert snapshot(env) == before


def test_refusals_are_audited_and_the_audit_is_for_admins(write_env: Any) -> None:
    env = write_env
    upload(env, "reader", env.token())
    events = env.client.get("/api/v1/audit", params={"limit": 5}, headers=env.auth("admin")).json()
    denied = next(e for e in events if e["outcome"] == "denied")
    assert denied["role"] == "reader" and denied["action"] == "POST /api/v1/batches"
    assert denied["client"] == "testclient" and denied["actor"].startswith("achyk_")
    for who in ("reader", "researcher", "archivist", "clerk"):
        assert env.client.get("/api/v1/audit", headers=env.auth(who)).status_code == 403
    assert env.client.get("/api/v1/audit").status_code == 401


def test_allowed_writes_are_audited(write_env: Any) -> None:
    env = write_env
    r = upload(env, "archivist", env.token())
    assert r.status_code == 202
    events = env.client.get(
        "/api/v1/audit", params={"action": "batch.create"}, headers=env.auth("admin")
    ).json()
    assert events[0]["target"] == f"batch:{r.json()['id']}" and events[0]["outcome"] == "ok"
    assert events[0]["role"] == "archivist" and events[0]["detail"]["new"] == 1
    env.wait_batch(r.json()["id"])


def test_keys_are_stored_hashed_and_revocable(write_env: Any) -> None:
    from core.auth import revoke_key

    env = write_env
    with env.ctx.db.session() as s:
        stored = {(k.prefix, k.key_hash) for k in s.scalars(select(ApiKey))}
    for key in env.keys.values():
        assert all(key != h and key != p and key[:20] != h[:20] for p, h in stored)
    from core.auth import Role, create_key

    new = create_key(env.ctx, Role.ARCHIVIST)
    assert (
        env.client.get("/api/v1/search", headers={"Authorization": f"Bearer {new.key}"}).status_code
        == 200
    )
    revoke_key(env.ctx, new.prefix)
    r = env.client.get("/api/v1/search", headers={"Authorization": f"Bearer {new.key}"})
    assert r.status_code == 401


def test_openapi_documents_the_write_api(write_env: Any) -> None:
    spec = write_env.client.get("/api/v1/openapi.json").json()
    new = {
        "/api/v1/batches": "post",
        "/api/v1/batches/{batch_id}": "get",
        "/api/v1/batches/{batch_id}/events": "get",
        "/api/v1/batches/{batch_id}/retry": "post",
        "/api/v1/decisions": "post",
        "/api/v1/decisions/{decision_id}": "put",
        "/api/v1/audit": "get",
    }
    for path, method in new.items():
        op = spec["paths"][path][method]
        assert op["summary"], path
        for p in op.get("parameters", []):
            if p["in"] == "query":
                assert p.get("description"), (path, p["name"])
    schemes = spec["components"]["securitySchemes"]
    assert schemes["ApiKey"]["scheme"] == "bearer"
    body = spec["components"]["schemas"]["Body_post_batch_api_v1_batches_post"]["properties"]
    assert all(v.get("description") for v in body.values())
