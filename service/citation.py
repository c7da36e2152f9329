"""How to cite a document: the archival form, the court-act form, RIS, CSL-JSON and the
``citation_*`` meta tags that reference managers (Zotero) read from a page.

Pure functions of the document's public metadata (title, date, archival reference, court
fields), so a citation never says more than the document page does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

ARCHIVE_KEYS = ("fond", "opis", "delo", "list")
ARCHIVE_ABBR = {"fond": "Ф.", "opis": "Оп.", "delo": "Д.", "list": "Л."}
# The act as the header writes it (ingest/enrich/case.py reads it lower-cased), in Russian
ACT_TITLES = {
    "приговор": "Приговор",
    "решение": "Решение",
    "постановление": "Постановление",
    "определение": "Определение",
    "өкүм": "Өкүм",
    "чечим": "Чечим",
    "токтом": "Токтом",
    "аныктама": "Аныктама",
}
_HARD = "гкхжшчщ"  # a stem ending in these takes -ого in the genitive as well (-кий → -кого)
_ADJ_END = re.compile(r"^(?P<stem>[А-ЯЁа-яё\-]+?)(?P<end>ый|ий|ой)$")


class CitationFormat(StrEnum):
    TEXT = "text"
    RIS = "ris"
    CSL_JSON = "csl-json"


@dataclass(frozen=True, slots=True)
class CitedDocument:
    """What a citation is built from: the published metadata of one document."""

    id: int
    title: str
    url: str  # the document page, absolute
    date: dt.date | None = None
    year: int | None = None
    language: str | None = None
    archive: str = ""  # the archive's name (ACHYK_ARCHIVE_NAME)
    archive_ref: dict[str, str] = field(default_factory=dict)  # fond, opis, delo, list
    act: str | None = None  # a court act: приговор, решение, ...
    court: str | None = None
    case_number: str | None = None

    @property
    def is_court_act(self) -> bool:
        return bool(self.act and self.court)


def sheets(value: str) -> str:
    """«5-7» as a range of sheets is written with an en dash: «5–7»."""
    return re.sub(r"\s*[-‐‑‒—]\s*", "–", value.strip())


def archival_reference(ref: dict[str, str]) -> str:
    """«Ф. 1. Оп. 2. Д. 34. Л. 5–7» (no final period: the caller ends the sentence)."""
    parts = []
    for key in ARCHIVE_KEYS:
        value = str(ref.get(key) or "").strip().rstrip(".")
        if value:
            parts.append(f"{ARCHIVE_ABBR[key]} {sheets(value) if key == 'list' else value}")
    return ". ".join(parts)


def archival(archive: str, ref: dict[str, str]) -> str:
    """«ЦГА КР. Ф. 1. Оп. 2. Д. 34. Л. 5–7.»: the archive, then fond, opis, delo, sheets."""
    reference = archival_reference(ref)
    head = archive.strip().rstrip(".")
    body = ". ".join(p for p in (head, reference) if p)
    return f"{body}." if body else ""


def _genitive_word(word: str) -> str:
    if word.lower() == "суд":
        return word + "а"
    m = _ADJ_END.match(word)
    if m is None:
        return word
    stem = m["stem"]
    if m["end"] == "ий" and stem[-1:].lower() not in _HARD:
        return stem + "его"  # «Верхний» → «Верхнего»
    return stem + "ого"


def court_genitive(court: str) -> str:
    """«Ленинский районный суд города Бишкек» → «Ленинского районного суда города Бишкек».

    The words up to «суд» (adjectives and the noun) are put in the genitive; what follows
    them («города Бишкек», «Кыргызской Республики») already is. A name without «суд» (a
    Kyrgyz one: «... райондук соту») is returned as written.
    """
    words = court.split()
    at = next((i for i, w in enumerate(words) if w.lower() == "суд"), None)
    if at is None:
        return court.strip()
    return " ".join([*(_genitive_word(w) for w in words[: at + 1]), *words[at + 1 :]])


def court_act(act: str, court: str, date: dt.date | None, case_number: str | None) -> str:
    """«Приговор Ленинского районного суда города Бишкек от 12.03.2021 № 1-263/21.»"""
    title = ACT_TITLES.get(act.strip().lower(), act.strip().capitalize())
    text = f"{title} {court_genitive(court)}"
    if date is not None:
        text += f" от {date:%d.%m.%Y}"
    if case_number:
        text += f" № {case_number}"
    return text + "."


def text(doc: CitedDocument) -> str:
    """The citation to paste: the court-act form for a court act, the archival form for a
    document with an archival reference, else the title, date and address."""
    if doc.is_court_act:
        return court_act(doc.act or "", doc.court or "", doc.date, doc.case_number)
    if doc.archive_ref:
        return archival(doc.archive, doc.archive_ref)
    when = f", {doc.date:%d.%m.%Y}" if doc.date else f", {doc.year}" if doc.year else ""
    return f"{doc.title}{when}. URL: {doc.url}"


def _issued(doc: CitedDocument) -> list[int] | None:
    if doc.date is not None:
        return [doc.date.year, doc.date.month, doc.date.day]
    return [doc.year] if doc.year else None


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def ris(doc: CitedDocument) -> str:
    """RIS (Zotero, EndNote, Mendeley): CASE for a court act, MANSCPT for an archival item."""
    lines = [_ris_line("TY", "CASE" if doc.is_court_act else "MANSCPT")]
    lines.append(_ris_line("TI", doc.title or text(doc)))
    issued = _issued(doc)
    if issued:
        lines.append(_ris_line("PY", str(issued[0])))
        if doc.date is not None:
            lines.append(_ris_line("DA", f"{doc.date:%Y/%m/%d}/"))
    if doc.is_court_act:
        lines.append(_ris_line("PB", doc.court or ""))
        if doc.case_number:
            lines.append(_ris_line("M1", doc.case_number))
    else:
        if doc.archive:
            lines.append(_ris_line("DP", doc.archive))
        if doc.archive_ref:
            lines.append(_ris_line("AV", archival_reference(doc.archive_ref)))
    if doc.language:
        lines.append(_ris_line("LA", doc.language))
    lines.append(_ris_line("N1", text(doc)))
    lines.append(_ris_line("UR", doc.url))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def csl_json(doc: CitedDocument) -> list[dict[str, Any]]:
    """CSL-JSON (an array of one item), as citeproc and Zotero import it."""
    item: dict[str, Any] = {
        "id": f"achyk-{doc.id}",
        "type": "legal_case" if doc.is_court_act else "manuscript",
        "title": doc.title or text(doc),
        "URL": doc.url,
        "note": text(doc),
    }
    issued = _issued(doc)
    if issued:
        item["issued"] = {"date-parts": [issued]}
    if doc.language:
        item["language"] = doc.language
    if doc.is_court_act:
        item["authority"] = doc.court
        if doc.case_number:
            item["number"] = doc.case_number
    else:
        if doc.archive:
            item["archive"] = doc.archive
        if doc.archive_ref:
            item["archive_location"] = archival_reference(doc.archive_ref)
    return [item]


def render(doc: CitedDocument, fmt: CitationFormat) -> str:
    if fmt is CitationFormat.RIS:
        return ris(doc)
    if fmt is CitationFormat.CSL_JSON:
        return json.dumps(csl_json(doc), ensure_ascii=False, indent=2)
    return text(doc)


MEDIA_TYPES = {
    CitationFormat.TEXT: "text/plain; charset=utf-8",
    CitationFormat.RIS: "application/x-research-info-systems; charset=utf-8",
    CitationFormat.CSL_JSON: "application/vnd.citationstyles.csl+json; charset=utf-8",
}
EXTENSIONS = {
    CitationFormat.TEXT: "txt",
    CitationFormat.RIS: "ris",
    CitationFormat.CSL_JSON: "json",
}


def meta_tags(doc: CitedDocument) -> list[tuple[str, str]]:
    """Highwire-style ``citation_*`` tags for <head>, the ones Zotero's page translator reads."""
    tags = [("citation_title", doc.title or text(doc))]
    if doc.date is not None:
        tags.append(("citation_date", f"{doc.date:%Y/%m/%d}"))
    elif doc.year:
        tags.append(("citation_date", str(doc.year)))
    publisher = doc.court if doc.is_court_act else doc.archive
    if publisher:
        tags.append(("citation_publisher", publisher))
    if doc.archive_ref:
        tags.append(("citation_archive_id", archival_reference(doc.archive_ref)))
    elif doc.case_number:
        tags.append(("citation_archive_id", doc.case_number))
    if doc.language:
        tags.append(("citation_language", doc.language))
    tags.append(("citation_public_url", doc.url))
    return tags
