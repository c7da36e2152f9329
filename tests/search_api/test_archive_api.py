"""The archival hierarchy end to end on SQLite and tantivy: a finding aid imported (CSV,
then EAD 3 back), documents linked to their dela on import and on intake, counts that
hold published readable documents only, breadcrumbs, search within a fond, and
all-or-nothing imports with per-row errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import func, select, update

from core.auth import Role, create_key
from core.models import ArchiveUnit, Collection, Document
from core.settings import Settings
from core.types import DocState
from indices.context import AppContext
from ingest.intake import DocMeta, receive
from ingest.runner import process_documents
from server.app import create_app
from service.archive_ead import NS, parse_ead
from service.archive_findingaid import parse_csv
from service.archive_store import import_aid

AID = Path(__file__).with_name("archive_aid.csv")
E = f"{{{NS}}}"


def _ref(fond: str, opis: str, delo: str, sheets: str) -> dict[str, Any]:
    return {"archive_ref": {"fond": fond, "opis": opis, "delo": delo, "list": sheets}}


def _receive(
    ctx: AppContext, root: Path, collection: str, docs: dict[str, tuple[str, dict[str, Any]]]
) -> dict[str, int]:
    files, meta = [], {}
    for name, (text, extra) in docs.items():
        p = root / f"{name}.txt"
        p.write_text(text, encoding="utf-8")
        files.append(p)
        meta[p] = DocMeta(title=text.split(".")[0], date=dt.date(1937, 3, 12), extra=extra)
    got = receive(ctx, files, collection, kind="archive", meta=meta)
    return dict(zip(docs, got.new_ids, strict=True))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("archive")
    ctx = AppContext.create(Settings(data_dir=root / "data", workers=2))
    ids = _receive(
        ctx,
        root,
        "archive",
        {
            "a": ("Справка трибунала о выселении семьи.", _ref("1", "2", "34", "5-7")),
            "b": ("Выписка из протокола трибунала.", _ref("1", "2", "35", "3")),
            "hidden": ("Черновик трибунала ЗАСЕКРЕЧЕНО.", _ref("1", "2", "34", "9")),
        },
    )
    ids |= _receive(
        ctx,
        root,
        "closed",
        {"r": ("Справка трибунала закрытая.", _ref("1", "2", "34", "11"))},
    )
    with ctx.db.session() as s:
        s.execute(update(Collection).where(Collection.name == "closed").values(access="restricted"))
        s.commit()
    result = import_aid(ctx, AID.read_bytes(), AID.name)  # links a, b, hidden and r
    assert not result.errors and result.created == 8
    assert sorted(result.linked) == sorted([ids["a"], ids["b"], ids["hidden"], ids["r"]])
    # a document ingested after the finding aid is linked on intake
    ids |= _receive(
        ctx, root, "archive", {"c": ("Протокол Президиума трибунала.", _ref("2", "1", "7", "1"))}
    )
    assert set(process_documents(ctx, list(ids.values())).values()) == {"published"}
    with ctx.db.session() as s:  # one linked document that is not published (any more)
        s.execute(
            update(Document).where(Document.id == ids["hidden"]).values(state=DocState.WITHDRAWN)
        )
        s.commit()
    ctx.search.delete([ids["hidden"]])
    keys = {role: create_key(ctx, role) for role in (Role.RESEARCHER, Role.ARCHIVIST, Role.READER)}
    with TestClient(create_app(ctx)) as client:
        yield {"client": client, "ctx": ctx, "ids": ids, "keys": keys}
    ctx.close()


def _auth(world: dict[str, Any], role: Role) -> dict[str, str]:
    return {"Authorization": f"Bearer {world['keys'][role].key}"}


def _unit(world: dict[str, Any], *codes: str) -> dict[str, Any]:
    """GET /api/v1/archive/{id} of the unit at a place, found through the API itself."""
    c = world["client"]
    body = c.get("/api/v1/archive").json()
    (arch,) = [a for a in body["archives"] if a["archive"]["code"] == codes[0]]
    unit = arch["archive"]
    for code in codes[1:]:
        detail = c.get(f"/api/v1/archive/{unit['id']}").json()
        (unit,) = [u for u in detail["children"] if u["code"] == code]
    return c.get(f"/api/v1/archive/{unit['id']}").json()


def test_archives_and_fonds_count_published_readable_documents(world: dict[str, Any]) -> None:
    c = world["client"]
    (arch,) = c.get("/api/v1/archive").json()["archives"]
    assert arch["archive"]["title"].startswith("Центральный государственный архив")
    assert arch["archive"]["documents"] == 3  # a, b, c: not the withdrawn, not the restricted
    assert [(f["code"], f["documents"], f["children"]) for f in arch["fonds"]] == [
        ("1", 2, 1),
        ("2", 1, 1),
    ]
    (arch,) = c.get("/api/v1/archive", headers=_auth(world, Role.RESEARCHER)).json()["archives"]
    assert [f["documents"] for f in arch["fonds"]] == [3, 1]  # the restricted one too


def test_a_delo_lists_its_documents_with_breadcrumbs(world: dict[str, Any]) -> None:
    ids = world["ids"]
    d = _unit(world, "ЦГА КР", "1", "2", "34")
    u = d["unit"]
    assert (u["level"], u["ref"], u["reference_code"]) == (
        "delo",
        "1/2/34",
        "ЦГА КР. Ф. 1. Оп. 2. Д. 34",
    )
    assert (u["date_from"], u["date_to"], u["extent"]) == ("1937-01", "1937-12", "120 л.")
    assert [(b["level"], b["code"]) for b in d["breadcrumbs"]] == [
        ("archive", "ЦГА КР"),
        ("fond", "1"),
        ("opis", "2"),
    ]
    assert [(i["id"], i["sheets"]) for i in d["items"]] == [(ids["a"], "5-7")]
    assert d["search_url"] == "/?archive=1%2F2%2F34"
    fond = _unit(world, "ЦГА КР", "1")
    assert fond["unit"]["creator"] == "Военный трибунал Киргизской ССР"
    assert fond["unit"]["scope_content"] == (
        "Протоколы заседаний и приговоры.\n\nВыписки из протоколов закрытых заседаний."
    )
    assert [(ch["code"], ch["documents"]) for ch in fond["children"]] == [("2", 2)]
    assert world["client"].get("/api/v1/archive/999999").status_code == 404


def test_search_within_a_fond_opis_and_delo(world: dict[str, Any]) -> None:
    c, ids = world["client"], world["ids"]

    def hits(**params: str) -> set[int]:
        r = c.get("/api/v1/search", params={"q": "трибунала", "size": 50, **params})
        assert r.status_code == 200, r.text
        return {h["id"] for h in r.json()["hits"]}

    assert hits(archive="1") == {ids["a"], ids["b"]}
    assert hits(archive="2") == {ids["c"]}
    assert hits(archive="1/2/35") == {ids["b"]}
    assert hits(archive="9") == set()
    page = c.get("/", params={"q": "трибунала", "archive": "1/2/35"}).text
    assert f"/documents/{ids['b']}" in page and f"/documents/{ids['a']}" not in page
    assert "Ф. 1. Оп. 2. Д. 35" in page  # the chip of the filter


def test_ead_export_has_the_isad_elements_and_round_trips(
    world: dict[str, Any], tmp_path: Path
) -> None:
    c = world["client"]
    (arch,) = c.get("/api/v1/archive").json()["archives"]
    r = c.get(f"/api/v1/archive/{arch['archive']['id']}/ead.xml")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/xml")
    root = etree.fromstring(r.content)
    assert root.tag == E + "ead"
    for path in (
        "control/recordid",
        "control/filedesc/titlestmt/titleproper",
        "control/maintenanceagency/agencyname",
        "archdesc/did/unittitle",
        "archdesc/dsc",
    ):
        assert root.find("/".join(E + p for p in path.split("/"))) is not None, path
    fonds = root.findall(f"{E}archdesc/{E}dsc/{E}c")
    assert [f.get("level") for f in fonds] == ["fonds", "fonds"]
    delo = fonds[0].find(f"{E}c/{E}c")
    assert delo is not None and delo.get("level") == "file"
    assert (
        delo.findtext(f"{E}did/{E}unitid[@localtype='reference']") == "ЦГА КР. Ф. 1. Оп. 2. Д. 34"
    )
    assert (
        delo.find(f"{E}did/{E}unitdatestructured/{E}daterange/{E}fromdate").get("standarddate")
        == "1937-01"
    )
    assert (
        fonds[0].findtext(f"{E}did/{E}origination/{E}corpname/{E}part")
        == "Военный трибунал Киргизской ССР"
    )
    assert len(fonds[0].findall(f"{E}scopecontent/{E}p")) == 2
    assert fonds[0].findtext(f"{E}accessrestrict/{E}p") == "Открытый доступ"
    # import(export(x)) == x: the rows read back equal the CSV's, and a fresh database
    # loaded from the export exports the same rows again
    exported = parse_ead(r.content)
    assert not exported.errors and exported.rows == parse_csv(AID.read_bytes()).rows
    other = AppContext.create(Settings(data_dir=tmp_path / "data", workers=1))
    try:
        assert import_aid(other, r.content, "aid.xml").created == 8
        with TestClient(create_app(other)) as c2:
            (a2,) = c2.get("/api/v1/archive").json()["archives"]
            again = c2.get(f"/api/v1/archive/{a2['archive']['id']}/ead.xml").content
        assert parse_ead(again).rows == exported.rows
    finally:
        other.close()
    # a delo's export carries its archive and the units above it, nothing beside it
    delo_id = _unit(world, "ЦГА КР", "1", "2", "35")["unit"]["id"]
    branch = parse_ead(c.get(f"/api/v1/archive/{delo_id}/ead.xml").content).rows
    assert [r.path for r in branch] == [
        ("ЦГА КР",),
        ("ЦГА КР", "1"),
        ("ЦГА КР", "1", "2"),
        ("ЦГА КР", "1", "2", "35"),
    ]


def test_an_ead_of_one_fond_names_its_archive_in_repository() -> None:
    xml = f"""<?xml version="1.0"?><ead xmlns="{NS}"><control/><archdesc level="fonds">
      <did><unitid>5</unitid><unittitle>Фонд</unittitle>
        <repository><corpname><part>ЦГА КР</part></corpname></repository></did>
      <dsc><c level="series"><did><unitid>1</unitid></did>
        <c level="file"><did><unitid>3</unitid><unitdatestructured>
          <datesingle standarddate="1930">1930</datesingle></unitdatestructured></did></c>
      </c></dsc></archdesc></ead>""".encode()
    parsed = parse_ead(xml)
    assert not parsed.errors
    assert [(r.path, r.date_from, r.date_to) for r in parsed.rows] == [
        (("ЦГА КР", "5"), None, None),
        (("ЦГА КР", "5", "1"), None, None),
        (("ЦГА КР", "5", "1", "3"), "1930", "1930"),
    ]


BAD_CSV = (
    "archive,fond,opis,delo,title,date_from,date_to\n"
    "ЦГА КР,3,,,Новый фонд,1940,1945\n"  # good
    "ЦГА КР,3,1,,Опись,1945,1940\n"  # dates reversed
    "ЦГА КР,4,1,,Опись фонда без описания,,\n"  # no fond 4
    "ЦГА КР,3,,9,Дело без описи,,\n"  # a gap
    "ЦГА КР,3,2,,Опись,1940-13,\n"  # no month 13
)


def test_a_wrong_finding_aid_stores_nothing_and_says_why(world: dict[str, Any]) -> None:
    c, ctx = world["client"], world["ctx"]
    with ctx.db.session() as s:
        before = s.scalar(select(func.count(ArchiveUnit.id)))
    files = {"file": ("aid.csv", BAD_CSV.encode(), "text/csv")}
    r = c.post(
        "/api/v1/archive/import",
        params={"dry_run": "false"},
        files=files,
        headers=_auth(world, Role.ARCHIVIST),
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] is False and body["created"] == 0
    assert [e["line"] for e in body["errors"]] == [3, 5, 6, 4]
    assert "раньше даты начала" in body["errors"][0]["message"]
    assert "«опись»" in body["errors"][1]["message"]
    with ctx.db.session() as s:
        assert s.scalar(select(func.count(ArchiveUnit.id))) == before
    refused = c.post("/api/v1/archive/import", files=files, headers=_auth(world, Role.READER))
    assert refused.status_code == 403
    xml = c.post(
        "/api/v1/archive/import",
        files={"file": ("x.xml", b"<ead", "text/xml")},
        headers=_auth(world, Role.ARCHIVIST),
    )
    assert xml.status_code == 422 and "не XML" in xml.json()["detail"]

    def send(data: bytes) -> Any:
        files = {"file": ("x.csv", data, "text/csv")}
        return c.post("/api/v1/archive/import", files=files, headers=_auth(world, Role.ARCHIVIST))

    nul = send(b"archive,title\n\x00,a\n")  # a control character is no code
    assert nul.status_code == 200 and nul.json()["errors"][0]["line"] == 2
    huge = send(b"archive,title\nA," + b"x" * 200_000 + b"\n")  # over the csv module's limit
    assert huge.status_code == 422 and "не CSV" in huge.json()["detail"]


def test_reimporting_the_same_aid_changes_nothing(world: dict[str, Any]) -> None:
    files = {"file": ("aid.csv", AID.read_bytes(), "text/csv")}
    r = world["client"].post(
        "/api/v1/archive/import",
        params={"dry_run": "false"},
        files=files,
        headers=_auth(world, Role.ARCHIVIST),
    )
    body = r.json()
    assert (body["stored"], body["created"], body["updated"], body["linked"]) == (True, 0, 8, 0)


def test_pages_browse_in_russian_and_kyrgyz_with_breadcrumbs(world: dict[str, Any]) -> None:
    c, ids = world["client"], world["ids"]
    index = c.get("/archive", params={"lang": "ky"})
    assert index.status_code == 200 and 'lang="ky"' in index.text and "Архивдер" in index.text
    assert "Военный трибунал Киргизской ССР" in index.text
    delo = c.get("/archive/ЦГА КР/1/2/34")
    assert delo.status_code == 200 and f"/documents/{ids['a']}" in delo.text
    assert 'name="archive" value="1/2/34"' in delo.text  # search within this delo
    assert "ЗАСЕКРЕЧЕНО" not in delo.text and f"/documents/{ids['hidden']}" not in delo.text
    assert c.get("/archive/ЦГА КР/1/7").status_code == 404
    doc = c.get(f"/documents/{ids['a']}").text
    assert "data-breadcrumbs" in doc
    for link in ("/archive", "/archive/%D0%A6%D0%93%D0%90%20%D0%9A%D0%A0/1/2/34", "Л. 5-7"):
        assert link in doc


def test_ead_errors_name_the_unit_in_document_order() -> None:
    xml = f"""<ead xmlns="{NS}"><control/><archdesc level="otherlevel" otherlevel="archive">
      <did><unitid>ЦГА КР</unitid></did><dsc>
        <c level="fonds"><did><unittitle>без шифра</unittitle></did></c>
        <c level="item"><did><unitid>2</unitid></did></c>
        <c level="file"><did><unitid>3</unitid></did></c>
      </dsc></archdesc></ead>""".encode()
    errors = [(e.line, e.message) for e in parse_ead(xml).errors]
    assert [line for line, _ in errors] == [2, 3, 4]
    assert (
        "<unitid>" in errors[0][1]
        and "item" in errors[1][1]
        and "не на своём месте" in errors[2][1]
    )
