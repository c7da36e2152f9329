"""A small world for the authorization matrix and the API fuzzing: one of everything a
route can point at, and a key for every kind of caller.

Public and restricted scans (real tesseract), court decisions published through the API
by court A's clerk, an archivist's batch; callers: anonymous, reader, researcher,
archivist, clerk of court A, clerk of court B, admin and a revoked key.
"""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from fastapi.testclient import TestClient
from rich.console import Console
from rich.progress import Progress
from sqlalchemy import select, update

from core.auth import Role, create_key, revoke_key
from core.cli_actions import ingest_files
from core.context import AppContext
from core.models import Collection, Document
from core.settings import Settings
from search_api.app import create_app

COURT_A = "Ленинский районный суд г. Бишкек"
COURT_B = "Ошский городской суд"
CALLERS = ("anonymous", "reader", "researcher", "archivist", "clerk_a", "clerk_b", "admin",
           "revoked")
DECISION_TEXT = ("ПРИГОВОР\nИМЕНЕМ КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nЛенинский районный суд г. Бишкек "
                 "рассмотрел уголовное дело и ПРИГОВОРИЛ: признать виновным по ч. 2 ст. 168 "
                 "УК КР. {tag}")


@dataclass
class World:
    ctx: AppContext
    client: TestClient
    keys: dict[str, str]
    ids: dict[str, int] = field(default_factory=dict)

    def headers(self, who: str) -> dict[str, str]:
        return {} if who == "anonymous" else {"Authorization": f"Bearer {self.keys[who]}"}


def _ingest(ctx: AppContext, src: Path, collection: str) -> int:
    console = Console(file=io.StringIO())
    assert ingest_files(ctx, [src], collection, kind="archive",
                        progress=lambda: Progress(console=console), out=console), \
        console.file.getvalue()  # type: ignore[attr-defined]
    with ctx.db.session() as s:
        return int(s.scalars(select(Document.id).join(Collection)
                             .where(Collection.name == collection)).one())


def decision_form(court: str, case: str, tag: str) -> dict[str, object]:
    meta = {"court": court, "case_number": case, "decision_date": "2024-01-10"}
    return {"files": {"file": ("d.txt", DECISION_TEXT.format(tag=tag).encode(), "text/plain")},
            "data": {"metadata": json.dumps(meta, ensure_ascii=False)}}


def build_world(root: Path, sample_dir: Path, settings: dict[str, object]) -> World:
    ctx = AppContext.create(Settings(data_dir=root / "data", workers=2, **settings))  # type: ignore[arg-type]
    keys = {"reader": create_key(ctx, Role.READER).key,
            "researcher": create_key(ctx, Role.RESEARCHER).key,
            "archivist": create_key(ctx, Role.ARCHIVIST).key,
            "clerk_a": create_key(ctx, Role.CLERK, court=COURT_A).key,
            "clerk_b": create_key(ctx, Role.CLERK, court=COURT_B).key,
            "admin": create_key(ctx, Role.ADMIN).key}
    revoked = create_key(ctx, Role.ADMIN)
    revoke_key(ctx, revoked.prefix)
    keys["revoked"] = revoked.key
    ids: dict[str, int] = {}
    for name, coll, sample in (("public_doc", "archive", "protocol.png"),
                               ("restricted_doc", "secret", "scanned.pdf")):
        src = root / name
        src.mkdir()
        shutil.copy(sample_dir / sample, src / sample)
        ids[name] = _ingest(ctx, src, coll)
    with ctx.db.session() as s:
        s.execute(update(Collection).where(Collection.name == "secret")
                  .values(access="restricted"))
    client = TestClient(create_app(ctx))
    client.__enter__()
    auth = {"Authorization": f"Bearer {keys['clerk_a']}"}
    for name in ("decision", "decision_b"):
        r = client.post("/api/v1/decisions?wait=60", headers=auth,
                        **decision_form(COURT_A, f"1-{name}/24", name))  # type: ignore[arg-type]
        assert r.status_code == 201 and r.json()["state"] == "published", r.text
        ids[name] = r.json()["id"]
        ids[f"{name}_doc"] = r.json()["document_id"]
    r = client.post("/api/v1/batches", headers={"Authorization": f"Bearer {keys['archivist']}"},
                    files=[("files", ("note.txt", "Справка архива".encode(), "text/plain"))],
                    data={"collection": "archive"})
    assert r.status_code == 202, r.text
    ids["batch"] = r.json()["id"]
    ids["missing"] = 999_999
    return World(ctx, client, keys, ids)


def close_world(w: World) -> None:
    w.client.__exit__(None, None, None)
    w.ctx.close()
