"""The persons API on both search backends: public search and records, archivist writes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from core.auth import Role, create_key
from core.models import AuditEvent, Collection, Document, Page
from core.settings import Settings
from indices.context import AppContext
from server.app import create_app

CSV = (
    "key,surname,given,father,birth_year,birthplace,arrest_date,sentenced_by,sentence,"
    "camp_years,charge,rehabilitation_date,archival_ref\n"
    "a1,Исаков,Шабдан,Исак,1874,г. Ош,1937-11-10,тройка НКВД Киргизской ССР,death,,58-7,"
    "1959-12-04,Ф. 1. Оп. 2. Д. 3\n"
    "a2,Ысаков,Шабдан,,1880,с. Нарын,1938-01-02,ОСО,camp,10,58-10,,\n"
    "a3,Жумабаев,Асан,,1882,,1933-04-15,,,,,,\n"
)
PAGE = (
    "ЖУМАБАЕВ Асан, 1882 г. р., уроженец с. Кочкорка, киргиз, б/п, учитель. Арестован "
    "15 апреля 1933 г. Осужден Военной коллегией Верховного суда СССР 4 апреля 1934 г. "
    "по ст. 58-2 УК РСФСР к ВМН."
)


@dataclass
class Env:
    client: TestClient
    ctx: AppContext
    keys: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    def ids(self, q: str, who: str | None = None, **params: object) -> list[int]:
        r = self.client.get(
            "/api/v1/persons", params={"q": q, **params}, headers=self.auth(who) if who else {}
        )
        assert r.status_code == 200, r.text
        return [h["id"] for h in r.json()["hits"]]


@pytest.fixture(params=["tantivy", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Env]:
    overrides: dict[str, object] = {"data_dir": tmp_path / "data"}
    if request.param == "opensearch":
        overrides["search_url"] = request.getfixturevalue("search_node_url")
        overrides["index_prefix"] = f"achyk-test-pa{uuid.uuid4().hex[:8]}"
    ctx = AppContext.create(Settings(**overrides))  # type: ignore[arg-type]
    keys = {r.value: create_key(ctx, r).key for r in (Role.ARCHIVIST, Role.READER)}
    try:
        with TestClient(create_app(ctx)) as client:
            yield Env(client, ctx, keys)
            index = client.app.state.person_search  # type: ignore[attr-defined]
            if request.param == "opensearch" and index is not None:
                index.client.indices.delete(index=index.name, ignore_unavailable=True)
    finally:
        ctx.close()


def _import(env: Env, dry_run: bool) -> dict[str, Any]:
    r = env.client.post(
        "/api/v1/persons/import",
        params={"dry_run": dry_run},
        files={"file": ("list.csv", CSV.encode(), "text/csv")},
        headers=env.auth("archivist"),
    )
    assert r.status_code == 200, r.text
    return r.json()


def _publish(env: Env, pid: int) -> None:
    for state in ("confirmed", "published"):
        r = env.client.post(
            f"/api/v1/persons/{pid}/state", json={"state": state}, headers=env.auth("archivist")
        )
        assert r.status_code == 200, r.text


def test_import_review_publish_search(env: Env) -> None:
    dry = _import(env, True)
    assert dry["counts"] == {"created": 3, "updated": 0, "unchanged": 0, "error": 0}
    assert env.ids("Исаков", "archivist", all=True) == []  # a dry run writes nothing
    report = _import(env, False)
    ids = [row["person_id"] for row in report["rows"]]
    assert env.ids("Исаков Шабдан") == []  # proposed records are not public
    assert env.ids("Исаков Шабдан", "archivist", all=True)[:2] == [ids[0], ids[1]]
    review = env.client.get("/api/v1/persons/review", headers=env.auth("archivist")).json()
    assert {p["id"] for p in review["proposed"]} == set(ids)
    for pid in ids:
        _publish(env, pid)
    assert env.ids("Isakov Shabdan")[:2] == [ids[0], ids[1]]
    assert env.ids("Ысаков Шабдан")[:2] == [ids[1], ids[0]]  # exact spelling first
    assert env.ids("Шабдан Исак уулу")[0] == ids[0]
    assert env.ids("Шабдан", sentence="camp") == [ids[1]]
    body = env.client.get("/api/v1/persons", params={"q": "Шабдан"}).json()
    assert body["facets"]["sentence"] == {"death": 1, "camp": 1}
    person = env.client.get(f"/api/v1/persons/{ids[0]}").json()
    assert person["norm_ids"] == ["uk-rsfsr-1926/58-7"]
    assert person["sources"][0]["archival_ref"] == "Ф. 1. Оп. 2. Д. 3"
    csv_text = env.client.get("/api/v1/persons", params={"q": "Шабдан", "format": "csv"}).text
    assert csv_text.splitlines()[0].startswith("id,state,surname") and "Ысаков" in csv_text
    assert _import(env, False)["counts"]["unchanged"] == 3  # re-import: no duplicates


def test_roles_and_errors(env: Env) -> None:
    r = env.client.post(
        "/api/v1/persons/import",
        files={"file": ("l.csv", CSV.encode())},
        headers=env.auth("reader"),
    )
    assert r.status_code == 403
    assert env.client.get("/api/v1/persons", params={"all": True}).status_code in (401, 403)
    report = _import(env, False)
    pid = report["rows"][0]["person_id"]
    assert env.client.get(f"/api/v1/persons/{pid}").status_code == 404  # not published
    assert (
        env.client.get(f"/api/v1/persons/{pid}", headers=env.auth("archivist")).status_code == 200
    )
    r = env.client.post(
        f"/api/v1/persons/{pid}/state", json={"state": "published"}, headers=env.auth("archivist")
    )
    assert r.status_code == 409 and "подтвердите" in r.json()["detail"]
    r = env.client.patch(
        f"/api/v1/persons/{pid}",
        json={"changes": {"arrest_date": "x"}},
        headers=env.auth("archivist"),
    )
    assert r.status_code == 422
    assert (
        env.client.get("/api/v1/persons/999999", headers=env.auth("archivist")).status_code == 404
    )
    with env.ctx.db.session() as s:
        refused = s.query(AuditEvent).filter_by(outcome="refused").count()
        events = s.query(AuditEvent).all()
    assert refused == 2, [(e.action, e.outcome, e.detail) for e in events]


def test_merge_undo_and_extract_from_document(env: Env) -> None:
    report = _import(env, False)
    a, b, c = (row["person_id"] for row in report["rows"])
    # different birth years (1874, 1880): never without the archivist's confirmation
    r = env.client.post(
        "/api/v1/persons/merge", json={"a_id": a, "b_id": b}, headers=env.auth("archivist")
    )
    assert r.status_code == 409 and "Годы рождения различаются" in r.json()["detail"]
    r = env.client.post(
        "/api/v1/persons/merge",
        json={"a_id": a, "b_id": b, "confirm_birth_years": True},
        headers=env.auth("archivist"),
    )
    assert r.status_code == 200 and "год рождения" in r.json()["conflicts"]
    merge_id = r.json()["id"]
    assert env.ids("Ысаков Шабдан", "archivist", all=True)[0] == a
    for verb in ("accept", "reject"):  # decided once: deciding again is a conflict
        again = env.client.post(
            f"/api/v1/persons/merges/{merge_id}/{verb}",
            params={"confirm_birth_years": True},
            headers=env.auth("archivist"),
        )
        assert again.status_code == 409 and "уже выполнено" in again.json()["detail"]
    r = env.client.post(f"/api/v1/persons/merges/{merge_id}/undo", headers=env.auth("archivist"))
    assert r.status_code == 200 and r.json()["state"] == "undone"
    for verb in ("undo", "accept", "reject"):
        again = env.client.post(
            f"/api/v1/persons/merges/{merge_id}/{verb}", headers=env.auth("archivist")
        )
        assert again.status_code == 409, (verb, again.text)
    assert (
        env.client.post(
            "/api/v1/persons/merges/999999/accept", headers=env.auth("archivist")
        ).status_code
        == 404
    )
    assert env.ids("Ысаков Шабдан", "archivist", all=True)[0] == b
    with env.ctx.db.session() as s:
        col = Collection(name="arch", kind="archive")
        s.add(col)
        s.flush()
        doc = Document(
            collection_id=col.id,
            sha256="0" * 64,
            original_name="d.png",
            size=1,
            meta={"citation": "Ф. 9. Оп. 1. Д. 7. Л. 2"},
        )
        s.add(doc)
        s.flush()
        s.add(Page(document_id=doc.id, number=1, source="ocr", text=PAGE))
        doc_id = doc.id
    r = env.client.post(f"/api/v1/persons/extract/{doc_id}", headers=env.auth("archivist"))
    assert r.status_code == 200, r.text
    assert r.json()["merged_into"] == [c]  # same name, year and arrest date as row a3
    person = env.client.get(f"/api/v1/persons/{c}", headers=env.auth("archivist")).json()
    assert person["sentenced_by"] == "Военная коллегия Верховного суда СССР"
    quotes = {s["field"]: s for s in person["sources"] if s["document_id"] == doc_id}
    assert quotes["name"]["quote"] == "ЖУМАБАЕВ Асан" and quotes["name"]["page"] == 1
    assert quotes["name"]["archival_ref"] == "Ф. 9. Оп. 1. Д. 7. Л. 2"
    assert quotes["name"]["viewer_url"] == (
        f"/documents/{doc_id}?q=%D0%96%D0%A3%D0%9C%D0%90%D0%91%D0%90%D0%95%D0%92"
        "+%D0%90%D1%81%D0%B0%D0%BD#page-1"
    )
    again = env.client.post(f"/api/v1/persons/extract/{doc_id}", headers=env.auth("archivist"))
    assert again.json()["proposed"] == []  # a page is read once
    named = env.client.get(
        "/api/v1/persons",
        params={"document_id": doc_id, "all": True},
        headers=env.auth("archivist"),
    ).json()
    assert [h["id"] for h in named["hits"]] == [c] and named["total"] == 1
    public = env.client.get("/api/v1/persons", params={"document_id": doc_id})
    assert public.status_code == 404  # the document is not published: not even who is in it


def test_ui_list_search_and_person_page(env: Env) -> None:
    report = _import(env, False)
    ids = [row["person_id"] for row in report["rows"]]
    for pid in ids[:2]:
        _publish(env, pid)
    page = env.client.get("/persons")
    assert page.status_code == 200
    body = page.text
    assert body.index("Исаков Шабдан") < body.index("Ысаков Шабдан")  # alphabetical
    assert "Жумабаев Асан" not in body  # not published
    assert "Найдено записей: 2" in body
    found = env.client.get("/persons", params={"q": "Ysakov Shabdan"}).text
    assert found.index("Ысаков Шабдан") < found.index("Исаков Шабдан")
    letter = env.client.get("/persons", params={"letter": "Ы"}).text
    assert "Ысаков Шабдан" in letter and "Исаков Шабдан" not in letter
    person = env.client.get(f"/persons/{ids[0]}").text
    assert "Ф. 1. Оп. 2. Д. 3" in person and "ст. 58-7 УК РСФСР" in person
    ky = env.client.get("/persons", params={"q": "Исаков Шабдан", "lang": "ky"}).text
    assert "Репрессияланган жана акталган адамдардын реестри" in ky and "Табылган жазуулар" in ky
    assert "Туулган жылы" in env.client.get(f"/persons/{ids[0]}", params={"lang": "ky"}).text
    assert '<html lang="ky">' in ky and '<html lang="ru">' in env.client.get("/persons").text
    review = env.client.get("/persons/review", params={"lang": "ky"}).text
    assert '<html lang="ky">' in review and "Реестрди текшерүү кезеги" in review
    assert 'data-confirm="Ырастоо"' in review and "Очередь проверки" not in review
    missing = env.client.get(f"/persons/{ids[2]}")
    assert missing.status_code == 404 and "Нет опубликованной записи" in missing.text
