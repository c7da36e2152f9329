"""EAD 3 (https://www.loc.gov/ead/) in and out: the hierarchy as <archdesc> and nested <c>.

Written: the archive is the <archdesc> (level "otherlevel", otherlevel "archive"); under
it, in <dsc>, fonds (level "fonds"), opisi ("series") and dela ("file"), each with the
ISAD(G) elements we keep: reference code (<unitid>: the unit's own code, and the full
reference with localtype "reference"), title (<unittitle>), dates
(<unitdatestructured>), level (@level), extent (<physdesc>), creator (<origination>),
scope and content (<scopecontent>), access conditions (<accessrestrict>), language
(<langmaterial>). Exporting a unit below the archive writes the archive and the branch
leading down to the unit, so every file names its units' full place.

Read: the same structure; an <archdesc> at fonds level with the archive named in
<repository> is read too (the usual shape of one fond's finding aid). The parser resolves
no entities, loads no DTD and touches no network.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from core.types import ArchiveLevel
from service.archive_findingaid import (
    FindingAidError,
    ParsedAid,
    RowError,
    UnitRow,
    make_row,
)
from service.citation import archival_reference

NS = "http://ead3.archivists.org/schema/"
E = f"{{{NS}}}"
LEVEL_OUT: dict[ArchiveLevel, tuple[str, str | None]] = {
    ArchiveLevel.ARCHIVE: ("otherlevel", "archive"),
    ArchiveLevel.FOND: ("fonds", None),
    ArchiveLevel.OPIS: ("series", None),
    ArchiveLevel.DELO: ("file", None),
}
LEVEL_IN = {
    "fonds": ArchiveLevel.FOND,
    "series": ArchiveLevel.OPIS,
    "subfonds": ArchiveLevel.OPIS,
    "file": ArchiveLevel.DELO,
}
DEPTH = {ArchiveLevel.ARCHIVE: 1, ArchiveLevel.FOND: 2, ArchiveLevel.OPIS: 3, ArchiveLevel.DELO: 4}
MAX_BYTES = 50 * 1024 * 1024


def reference_code(path: tuple[str, ...]) -> str:
    """ISAD(G) 3.1.1 as an archive cites it: «ЦГА КР. Ф. 67. Оп. 9. Д. 108»."""
    ref = archival_reference(dict(zip(("fond", "opis", "delo"), path[1:], strict=False)))
    return ". ".join(p for p in (path[0], ref) if p)


# -- writing -------------------------------------------------------------------------


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, E + tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _paras(parent: etree._Element, tag: str, text: str) -> None:
    if text:
        box = _sub(parent, tag)
        for p in text.split("\n\n"):
            _sub(box, "p", p)


def _describe(el: etree._Element, row: UnitRow) -> etree._Element:
    """The unit's <did> and descriptive elements; answers where children go."""
    level, other = LEVEL_OUT[row.level]
    el.set("level", level)
    if other:
        el.set("otherlevel", other)
    did = _sub(el, "did")
    _sub(did, "unitid", row.path[-1])
    _sub(did, "unitid", reference_code(row.path), localtype="reference")
    if row.title:
        _sub(did, "unittitle", row.title)
    if row.date_from or row.date_to:
        rng = _sub(_sub(did, "unitdatestructured"), "daterange")
        if row.date_from:
            _sub(rng, "fromdate", row.date_from, standarddate=row.date_from)
        if row.date_to:
            _sub(rng, "todate", row.date_to, standarddate=row.date_to)
    if row.extent:
        _sub(did, "physdesc", row.extent)
    if row.creator:
        _sub(_sub(_sub(did, "origination"), "corpname"), "part", row.creator)
    if row.language:
        _sub(_sub(did, "langmaterial"), "language", row.language)
    _paras(el, "scopecontent", row.scope_content)
    _paras(el, "accessrestrict", row.access_conditions)
    return el


def write_ead(rows: list[UnitRow], *, agency: str = "Achyk") -> bytes:
    """EAD 3 of one archive's rows, parents before children (the archive's row first)."""
    if not rows or len(rows[0].path) != 1:
        raise ValueError("the first row must be the archive")
    root = etree.Element(E + "ead", nsmap={None: NS})
    control = _sub(root, "control")
    _sub(control, "recordid", f"achyk-{rows[0].path[0]}")
    _sub(
        _sub(_sub(control, "filedesc"), "titlestmt"),
        "titleproper",
        rows[0].title or rows[0].path[0],
    )
    _sub(control, "maintenancestatus", value="derived")
    _sub(_sub(control, "maintenanceagency"), "agencyname", agency)
    event = _sub(_sub(control, "maintenancehistory"), "maintenanceevent")
    _sub(event, "eventtype", value="derived")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    _sub(event, "eventdatetime", now, standarddatetime=now)
    _sub(event, "agenttype", value="machine")
    _sub(event, "agent", agency)
    archdesc = _describe(_sub(root, "archdesc"), rows[0])
    if len(rows) > 1:
        # a <dsc> goes after the archive's descriptive elements
        holders: dict[tuple[str, ...], etree._Element] = {rows[0].path: _sub(archdesc, "dsc")}
        for row in rows[1:]:
            parent = holders[row.path[:-1]]
            holders[row.path] = _describe(_sub(parent, "c"), row)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# -- reading -------------------------------------------------------------------------


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _paras_in(el: etree._Element, tag: str) -> str:
    boxes = el.findall(E + tag)
    ps = [_text(p) for box in boxes for p in box.iter(E + "p")]
    return "\n\n".join(p for p in ps if p)


def _level(el: etree._Element) -> ArchiveLevel:
    level = el.get("level") or ""
    if level == "otherlevel" and (el.get("otherlevel") or "").lower() == "archive":
        return ArchiveLevel.ARCHIVE
    if level in LEVEL_IN:
        return LEVEL_IN[level]
    raise ValueError(
        f"уровень «{level[:30]}» не поддерживается: ожидаются fonds, series, file "
        "(и otherlevel=archive)"
    )


def _values(el: etree._Element) -> tuple[str, dict[str, str]]:
    did = el.find(E + "did")
    if did is None:
        raise ValueError("нет элемента <did>")
    own = [u for u in did.findall(E + "unitid") if u.get("localtype") != "reference"]
    code = _text(own[0]) if own else ""
    if not code:
        raise ValueError("нет шифра единицы (<unitid>)")
    dates = did.find(f"{E}unitdatestructured/{E}daterange")
    date_from = date_to = ""
    if dates is not None:
        f, t = dates.find(E + "fromdate"), dates.find(E + "todate")
        date_from = (f.get("standarddate") or _text(f)) if f is not None else ""
        date_to = (t.get("standarddate") or _text(t)) if t is not None else ""
    single = did.find(f"{E}unitdatestructured/{E}datesingle")
    if single is not None:
        date_from = date_to = single.get("standarddate") or _text(single)
    values = {
        "title": _text(did.find(E + "unittitle")),
        "date_from": date_from,
        "date_to": date_to,
        "extent": _text(did.find(E + "physdesc")),
        "creator": _text(did.find(E + "origination")),
        "language": _text(did.find(E + "langmaterial")),
        "scope_content": _paras_in(el, "scopecontent"),
        "access_conditions": _paras_in(el, "accessrestrict"),
    }
    return code, values


def parse_ead(data: bytes) -> ParsedAid:
    """Rows of an EAD 3 finding aid; per-element errors, numbered in document order."""
    if len(data) > MAX_BYTES:
        raise FindingAidError(f"файл больше {MAX_BYTES // 1024 // 1024} МБ")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise FindingAidError(f"не XML: {e.msg}") from None
    if root.tag != E + "ead":
        raise FindingAidError("корневой элемент не <ead> EAD 3 (" + NS + ")")
    archdesc = root.find(E + "archdesc")
    if archdesc is None:
        raise FindingAidError("нет элемента <archdesc>")
    parsed = ParsedAid()
    counter = [0]

    def walk(el: etree._Element, place: list[str]) -> None:
        counter[0] += 1
        at = counter[0]
        try:
            level = _level(el)
            code, values = _values(el)
            if DEPTH[level] != len(place) + 1:
                raise ValueError(
                    f"уровень {el.get('level')} «{code[:30]}» стоит не на своём месте "
                    f"(под {' / '.join(place) or 'корнем'})"
                )
            row = make_row([*place, code], values)
        except ValueError as e:
            parsed.errors.append(RowError(at, f"элемент №{at}: {e}"))
            return
        parsed.add(at, row)
        holder = el.find(E + "dsc") if el is archdesc else el
        for child in holder.findall(E + "c") if holder is not None else ():
            walk(child, list(row.path))

    place: list[str] = []
    if (archdesc.get("level") or "") == "fonds":
        repo = archdesc.find(f"{E}did/{E}repository")
        name = _text(repo)
        if not name:
            raise FindingAidError("описание фонда без архива: укажите архив в <did><repository>")
        place = [name]
    walk(archdesc, place)
    return parsed
