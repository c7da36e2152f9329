"""Archivist batches end to end: ZIP + manifest, refusals with reasons, live progress,
access levels, idempotent resubmission and retry of the failed items only."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from core.models import Batch, Document


def zip_bytes(members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return buf.getvalue()


def symlink(name: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, b"/etc/passwd"


def count(env: Any, model: type) -> int:
    with env.ctx.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def read_events(env: Any, batch_id: int) -> list[tuple[str, dict[str, Any]]]:
    """The SSE stream as a browser reads it, until its final `done` event."""
    events: list[tuple[str, dict[str, Any]]] = []
    with env.client.stream(
        "GET", f"/api/v1/batches/{batch_id}/events", headers=env.auth("archivist")
    ) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        name = ""
        for line in r.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                events.append((name, json.loads(line[6:])))
                if name == "done":
                    break
    return events


def test_zip_with_manifest_progress_refusals_and_access(write_env: Any, sample_dir: Path) -> None:
    env = write_env
    secret, pub, loose = env.token(), env.token(), env.token()
    coll = f"nkvd-{env.token('к')}"
    archive = zip_bytes(
        [
            ("box/a.txt", f"Протокол допроса. Секретно. {secret}".encode()),
            ("box/b.docx", env.docx("Приказ по архиву", f"Опись дел {pub}")),
            ("box/scan.png", (sample_dir / "protocol.png").read_bytes()),
            ("box/bad-date.txt", b"whatever"),
            ("box/extra.txt", b"not described"),
            ("../evil.txt", b"climbs out"),
            symlink("box/link.txt"),
        ]
    )
    manifest = (
        "file;collection;title;date;fond;opis;delo;list;language;access\n"
        f"box/a.txt;{coll}-r;Протокол допроса;1937-03-12;1;2;45;12;ru;restricted\n"
        f"box/b.docx;{coll};Приказ;1937-1938;1;2;46;;ru;public\n"
        f"scan.png;{coll};Протокол № 7;12.03.1937;;;;;;\n"
        f"box/bad-date.txt;{coll};;31.02.1937;;;;;;\n"
        f"c.txt;{coll};Записка;1939;;;;;;\n"
        f"missing.pdf;{coll};;1940;;;;;;\n"
    ).encode()
    files = [
        ("files", ("upload.zip", archive, "application/zip")),
        ("files", ("c.txt", f"Записка о переводе {loose}".encode(), "text/plain")),
        ("manifest", ("manifest.csv", manifest, "text/csv")),
    ]
    r = env.client.post(
        "/api/v1/batches", files=files, data={"collection": coll}, headers=env.auth("archivist")
    )
    assert r.status_code == 202, r.text
    first = r.json()
    assert r.headers["location"] == first["url"] == f"/api/v1/batches/{first['id']}"

    events = read_events(env, first["id"])
    assert events[-1][0] == "done" and all(e == "progress" for e, _ in events[:-1])
    done = [b["done"] for _, b in events]
    assert done == sorted(done)  # progress only moves forward
    final = env.wait_batch(first["id"])
    assert final["total"] == 9, final["items"]
    assert final["finished"] and final["eta_seconds"] is None
    assert final["counts"] == {"published": 4, "rejected": 5}
    reasons = {f["source"]: f["error_code"] for f in final["failures"]}
    assert reasons == {
        "upload.zip/../evil.txt": "unsafe_path",
        "upload.zip/box/link.txt": "link",
        "upload.zip/box/extra.txt": "not_in_manifest",
        "upload.zip/box/bad-date.txt": "manifest_error",
        "missing.pdf": "missing_file",
    }
    assert all(f["message"] for f in final["failures"])

    by_source = {i["source"]: i for i in final["items"]}
    a = by_source["upload.zip/box/a.txt"]["document_id"]
    assert env.hits(secret) == [] and env.hits(secret, "reader") == []
    assert env.hits(secret, "researcher") == [a] == env.hits(secret, "archivist")
    assert env.client.get(f"/api/v1/documents/{a}").status_code == 404
    doc = env.client.get(f"/api/v1/documents/{a}", headers=env.auth("researcher"))
    assert doc.status_code == 200 and doc.json()["title"] == "Протокол допроса"
    assert doc.json()["date"] == "1937-03-12"
    assert doc.json()["citation"] == "Ф. 1. Оп. 2. Д. 45. Л. 12"
    assert env.hits(pub) == [by_source["upload.zip/box/b.docx"]["document_id"]]
    assert env.hits(loose) == [by_source["c.txt"]["document_id"]]
    scan_id = by_source["upload.zip/box/scan.png"]["document_id"]
    scan = env.client.get(f"/api/v1/documents/{scan_id}")
    assert scan.json()["year"] == 1937 and "трибунала" in scan.json()["pages"][0]["text"]

    env.idle()
    docs, batches = count(env, Document), count(env, Batch)
    again = env.client.post(
        "/api/v1/batches", files=files, data={"collection": coll}, headers=env.auth("archivist")
    )
    assert again.status_code == 200 and again.json()["id"] == first["id"]
    assert (count(env, Document), count(env, Batch)) == (docs, batches)


def test_same_files_in_a_new_upload_are_duplicates(write_env: Any) -> None:
    env = write_env
    body = f"Справка {env.token()}".encode()
    one = env.client.post(
        "/api/v1/batches",
        files=[("files", ("x.txt", body, "text/plain"))],
        headers=env.auth("archivist"),
    ).json()
    env.wait_batch(one["id"])
    docs = count(env, Document)
    two = env.client.post(
        "/api/v1/batches",
        files=[("files", ("copy-of-x.txt", body, "text/plain"))],
        headers=env.auth("archivist"),
    )
    assert two.status_code == 202 and two.json()["id"] != one["id"]
    final = env.wait_batch(two.json()["id"])
    assert final["duplicates"] == 1 and final["counts"] == {"published": 1}
    assert final["items"][0]["document_id"] == one["items"][0]["document_id"]
    assert count(env, Document) == docs


def test_retry_reruns_the_failed_items_only(write_env: Any) -> None:
    env = write_env
    files = [
        (
            "files",
            ("broken.pdf", b"%PDF-1.7\n% cut off " + env.token().encode(), "application/pdf"),
        ),
        ("files", ("ok.txt", f"Акт ревизии {env.token()}".encode(), "text/plain")),
    ]
    batch = env.client.post("/api/v1/batches", files=files, headers=env.auth("archivist")).json()
    final = env.wait_batch(batch["id"])
    [failure] = final["failures"]
    assert (failure["source"], failure["stage"], failure["error_code"]) == (
        "broken.pdf",
        "extract",
        "corrupt_file",
    )
    ids = {i["source"]: i["document_id"] for i in final["items"]}

    def attempts() -> dict[str, int]:
        with env.ctx.db.session() as s:
            return {src: s.get_one(Document, i).attempts for src, i in ids.items()}

    before = attempts()
    r = env.client.post(f"/api/v1/batches/{batch['id']}/retry", headers=env.auth("archivist"))
    assert r.status_code == 200 and r.json()["retried"] == [ids["broken.pdf"]]
    again = env.wait_batch(batch["id"])
    assert again["counts"] == {"published": 1, "failed": 1}
    after = attempts()
    assert after["broken.pdf"] == before["broken.pdf"] + 1
    assert after["ok.txt"] == before["ok.txt"]


def test_bad_manifest_is_a_422_and_unknown_batch_a_404(write_env: Any) -> None:
    env = write_env
    r = env.client.post(
        "/api/v1/batches",
        files=[
            ("files", ("y.txt", b"text", "text/plain")),
            ("manifest", ("m.csv", b"title;date\nx;1937\n", "text/csv")),
        ],
        headers=env.auth("archivist"),
    )
    assert r.status_code == 422 and "столбца" in r.json()["detail"]
    assert env.client.get("/api/v1/batches/99999", headers=env.auth("archivist")).status_code == 404
