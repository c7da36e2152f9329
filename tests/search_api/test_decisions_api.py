"""Court publishing end to end: publish, resubmit, replace, withdraw; the clerk's court."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from core.models import Decision, Document

COURT = "Ленинский районный суд г. Бишкек"
PARTY = "Асанов"


def meta(case: str, **more: str) -> str:
    return json.dumps(
        {
            "court": COURT,
            "case_number": case,
            "decision_date": "2023-05-12",
            "instance": "first",
            "category": "civil",
            "judge": "Бекова А. Т.",
            **more,
        },
        ensure_ascii=False,
    )


def decision_text(mark: str) -> bytes:
    return (
        f"РЕШЕНИЕ\nИменем Кыргызской Республики\n{COURT} в составе председательствующего "
        f"судьи Бековой А. Т. рассмотрел гражданское дело по иску {PARTY}а Бакыта "
        f"Жумабековича, проживающего по адресу г. Бишкек, ул. Ахунбаева, д. 12, кв. 5, "
        f"к ОсОО «Текстиль» о взыскании долга. Истец {PARTY} Б. Ж. требования "
        f"поддержал. Суд решил: иск удовлетворить. {mark}"
    ).encode()


def post(
    env: Any,
    case: str,
    body: bytes,
    who: str = "clerk",
    name: str = "d.txt",
    wait: float = 90,
    **more: str,
) -> Any:
    return env.client.post(
        "/api/v1/decisions",
        params={"wait": wait},
        files={"file": (name, body, "application/octet-stream")},
        data={"metadata": meta(case, **more)},
        headers=env.auth(who),
    )


def assert_depersonified(env: Any, doc_id: int, name: str) -> None:
    """The party's name is neither findable nor readable in the published decision."""
    assert doc_id not in env.hits(name), f"«{name}» is findable in document {doc_id}"
    doc = env.client.get(f"/api/v1/documents/{doc_id}").json()
    text = " ".join(p["text"] for p in doc["pages"])
    assert name not in text, f"«{name}» is in the public text of document {doc_id}"


def test_publish_resubmit_replace_withdraw(write_env: Any, sample_dir: Path) -> None:
    env = write_env
    case = f"2-{env.token('')}/23"
    v1, v2 = env.token(), env.token()
    r = post(env, case, decision_text(v1))
    assert r.status_code == 201, r.text
    d = r.json()
    assert d["state"] == "published" and d["version"] == 1 and d["created"] is True
    assert d["public_url"] == f"/decisions/{d['id']}" and d["versions"][0]["state"] == "published"
    first_doc = d["document_id"]
    assert env.hits(v1) == [first_doc]
    page = env.client.get(d["public_url"], follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == f"/documents/{first_doc}"
    public = env.client.get(d["api_url"]).json()
    assert public["versions"] is None and public["document_id"] == first_doc
    assert env.client.get(f"/api/v1/documents/{first_doc}").json()["doc_type"] == "court_decision"

    again = post(env, case.replace("2-", "№ 2-"), decision_text(v1), court=COURT.upper())
    assert again.status_code == 200 and again.json()["id"] == d["id"]
    assert again.json()["created"] is False
    clash = post(env, case, decision_text(env.token()))
    assert clash.status_code == 409 and clash.json()["existing_id"] == d["id"]

    docx = env.docx("РЕШЕНИЕ", f"{COURT}. Исправленная редакция. {v2}")
    r = env.client.put(
        d["api_url"],
        params={"wait": 90},
        headers=env.auth("clerk"),
        files={"file": ("d2.docx", docx, "application/octet-stream")},
        data={"metadata": meta(case, category="civil-appeal")},
    )
    assert r.status_code == 201, r.text
    d2 = r.json()
    assert d2["version"] == 2 and d2["state"] == "published" and d2["category"] == "civil-appeal"
    assert d2["document_id"] != first_doc
    assert [(v["version"], v["state"]) for v in d2["versions"]] == [
        (1, "superseded"),
        (2, "published"),
    ]
    assert env.hits(v1) == [] and env.hits(v2) == [d2["document_id"]]
    assert env.client.get(f"/api/v1/documents/{first_doc}").status_code == 404
    same = env.client.put(
        d["api_url"],
        headers=env.auth("clerk"),
        files={"file": ("d2.docx", docx, "application/octet-stream")},
    )
    assert same.status_code == 200 and same.json()["created"] is False

    gone = env.client.delete(d["api_url"], headers=env.auth("clerk"))
    assert gone.status_code == 200 and gone.json()["state"] == "withdrawn"
    assert env.hits(v2) == []
    assert env.client.get(f"/api/v1/documents/{d2['document_id']}").status_code == 404
    assert env.client.get(d["api_url"]).status_code == 404
    assert env.client.get(d["public_url"]).status_code == 404
    kept = env.client.get(d["api_url"], headers=env.auth("clerk")).json()
    assert [v["state"] for v in kept["versions"]] == ["superseded", "withdrawn"]
    with env.ctx.db.session() as s:  # kept privately: the records and the originals
        docs = s.scalars(
            select(Document).where(Document.id.in_([first_doc, d2["document_id"]]))
        ).all()
        assert len(docs) == 2 and all(env.ctx.blobs.exists(x.sha256) for x in docs)

    audit = env.client.get("/api/v1/audit", headers=env.auth("admin")).json()
    mine = [(e["action"], e["target"]) for e in audit if e["target"] == f"decision:{d['id']}"]
    assert mine == [
        ("decision.withdraw", f"decision:{d['id']}"),
        ("decision.replace", f"decision:{d['id']}"),
        ("decision.publish", f"decision:{d['id']}"),
    ]
    assert {e["client"] for e in audit if e["target"] == f"decision:{d['id']}"} == {"testclient"}


def test_formats(write_env: Any, sample_dir: Path) -> None:
    env = write_env
    for name in ("decision.pdf", "order.rtf", "law.docx"):
        r = post(
            env, f"{name}-{env.token('')}", (sample_dir / name).read_bytes(), name=name, wait=0
        )
        assert r.status_code == 201, (name, r.text)
    r = post(
        env,
        f"png-{env.token('')}",
        (sample_dir / "protocol.png").read_bytes(),
        name="x.png",
        wait=0,
    )
    assert r.status_code == 415
    r = env.client.post(
        "/api/v1/decisions",
        headers=env.auth("clerk"),
        files={"file": ("x.txt", b"text", "text/plain")},
        data={"metadata": '{"court": "x"}'},
    )
    assert r.status_code == 422


def test_published_decision_is_depersonified(write_env: Any) -> None:
    env = write_env
    r = post(env, f"2-{env.token('')}/23", decision_text(env.token()))
    assert r.status_code == 201 and r.json()["state"] == "published", r.text
    assert_depersonified(env, r.json()["document_id"], PARTY)
    assert_depersonified(env, r.json()["document_id"], "Ахунбаева")


def test_clerk_acts_for_own_court_only(write_env: Any) -> None:
    env = write_env
    case = f"5-{env.token('')}/24"
    r = post(env, case, decision_text(env.token()), wait=0)
    assert r.status_code == 201
    url = r.json()["api_url"]
    env.idle()
    with env.ctx.db.session() as s:
        before = (s.query(Decision).count(), s.query(Document).count())
    other = post(env, f"7-{env.token('')}/24", decision_text(env.token()), who="clerk_b")
    assert other.status_code == 403 and "Ошский" in other.json()["detail"]
    put = env.client.put(
        url,
        headers=env.auth("clerk_b"),
        files={"file": ("d.txt", decision_text("x"), "text/plain")},
    )
    assert put.status_code == 403
    assert env.client.delete(url, headers=env.auth("clerk_b")).status_code == 403
    assert env.client.get(url, headers=env.auth("clerk_b")).json().get("versions") is None
    with env.ctx.db.session() as s:
        assert (s.query(Decision).count(), s.query(Document).count()) == before
