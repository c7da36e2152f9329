"""The archivist's manifest: one CSV row per file with its collection and description.

UTF-8 with or without BOM (Excel writes one), `;` or `,` as separator, a header row
naming the columns in English or Russian. A bad row is reported with its line number
and fails only its own file; a manifest without a file column fails as a whole.

    file;collection;title;date;fond;opis;delo;list;language;access
    box1/001.tif;nkvd-1937;Протокол № 7;1937-03-12;1;2;45;12-14;ru;restricted
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from core.errors import ManifestError
from core.types import Language
from ingest.intake import ACCESS_LEVELS, DocMeta

COLUMNS: dict[str, tuple[str, ...]] = {
    "file": ("file", "filename", "path", "файл", "имя файла", "путь"),
    "collection": ("collection", "коллекция"),
    "title": ("title", "название", "заголовок"),
    "date": ("date", "дата"),
    "date_from": ("date_from", "дата с", "с"),
    "date_to": ("date_to", "дата по", "по"),
    "fond": ("fond", "фонд"),
    "opis": ("opis", "опись"),
    "delo": ("delo", "дело"),
    "list": ("list", "листы", "лист", "sheets"),
    "language": ("language", "lang", "язык"),
    "access": ("access", "доступ"),
}
LANGUAGES: dict[str, str] = {
    "ru": Language.RU,
    "rus": Language.RU,
    "рус": Language.RU,
    "русский": Language.RU,
    "ky": Language.KY,
    "kir": Language.KY,
    "kg": Language.KY,
    "кыр": Language.KY,
    "кыргызский": Language.KY,
}
ACCESS = {
    "public": "public",
    "открытый": "public",
    "restricted": "restricted",
    "ограниченный": "restricted",
    "закрытый": "restricted",
}
_RANGE = re.compile(r"^\s*(.+?)\s*(?:\.\.|–|—|\s-\s|/)\s*(.+?)\s*$")
_YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*-\s*(\d{4})\s*$")


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    file: str
    collection: str | None
    access: str | None
    meta: DocMeta


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    file: str | None
    message: str


@dataclass
class Manifest:
    rows: dict[str, Row] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    def lookup(self, source: str) -> Row | None:
        """The row for an uploaded name: full path, path inside its ZIP, or bare file name."""
        return next((row for c in _candidates(source) if (row := self.rows.get(c))), None)

    def error_for(self, source: str) -> RowError | None:
        """The bad row that described this file, if its row could not be read."""
        by_file = {_key(e.file): e for e in self.errors if e.file}
        return next((err for c in _candidates(source) if (err := by_file.get(c))), None)


def _candidates(source: str) -> list[str]:
    """`a.zip/box/1.tif`, then `box/1.tif`, then `1.tif`: most specific first."""
    parts = PurePosixPath(_key(source)).parts
    return [str(PurePosixPath(*parts[i:])) for i in range(len(parts))]


def _key(name: str) -> str:
    return str(PurePosixPath(name.strip().replace("\\", "/").removeprefix("./")))


def parse_date(text: str) -> dt.date:
    t = text.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"непонятная дата «{t}» (ГГГГ-ММ-ДД, ДД.ММ.ГГГГ или ГГГГ)")


def parse_period(text: str) -> tuple[dt.date | None, int | None, int | None]:
    """(exact date, first year, last year) from «1937-03-12», «1937», «1937-1938» or a range."""
    t = text.strip()
    if re.fullmatch(r"\d{4}", t):
        return None, int(t), int(t)
    if m := _YEAR_RANGE.match(t):
        a, b = int(m[1]), int(m[2])
        if a > b:
            raise ValueError(f"начало периода позже конца: «{t}»")
        return None, a, b
    try:
        d = parse_date(t)
        return d, d.year, d.year
    except ValueError:
        if not (m := _RANGE.match(t)):
            raise
    start, end = parse_date(m[1]), parse_date(m[2])
    if start > end:
        raise ValueError(f"начало периода позже конца: «{t}»")
    return None, start.year, end.year


def _header(names: list[str]) -> dict[str, str]:
    aliases = {a: canon for canon, names_ in COLUMNS.items() for a in names_}
    out: dict[str, str] = {}
    for n in names:
        canon = aliases.get(n.strip().lstrip("\ufeff").casefold())
        if canon and canon not in out.values():
            out[n] = canon
    if "file" not in out.values():
        raise ManifestError("В манифесте нет столбца с именем файла (file или «файл»)")
    return out


def _sniff_delimiter(text: str) -> str:
    first = text.splitlines()[0] if text else ""
    return ";" if first.count(";") >= first.count(",") else ","


def parse(data: bytes) -> Manifest:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ManifestError("Манифест должен быть в кодировке UTF-8") from e
    if not text.strip():
        raise ManifestError("Манифест пуст")
    reader = csv.DictReader(io.StringIO(text), delimiter=_sniff_delimiter(text))
    header = _header(list(reader.fieldnames or []))
    out = Manifest()
    for raw in reader:
        line = reader.line_num
        vals = {canon: (raw.get(col) or "").strip() for col, canon in header.items()}
        if not any(vals.values()):
            continue
        try:
            row = _row(line, vals)
        except ValueError as e:
            out.errors.append(RowError(line, vals.get("file") or None, f"строка {line}: {e}"))
            continue
        key = _key(row.file)
        if key in out.rows:
            out.errors.append(
                RowError(
                    line,
                    row.file,
                    f"строка {line}: файл «{row.file}» уже описан в строке {out.rows[key].line}",
                )
            )
            continue
        out.rows[key] = row
    return out


def _dates(v: dict[str, str]) -> tuple[dt.date | None, int | None, int | None, dict[str, str]]:
    """(exact date, first year, last year, range as written) of a row."""
    if v.get("date"):
        date, first, last = parse_period(v["date"])
        return date, first, last, {}
    a = parse_date(v["date_from"]) if v.get("date_from") else None
    b = parse_date(v["date_to"]) if v.get("date_to") else None
    if a is None or b is None:
        if a is None and b is None:
            return None, None, None, {}
        one = a or b
        assert one is not None
        a = b = one
    if a > b:
        raise ValueError("дата «с» позже даты «по»")
    return None, a.year, b.year, {"date_from": a.isoformat(), "date_to": b.isoformat()}


def _choice(v: dict[str, str], column: str, table: dict[str, str], hint: str) -> str | None:
    if not v.get(column):
        return None
    value = table.get(v[column].casefold())
    if value is None:
        raise ValueError(f"неизвестное значение {column} «{v[column]}» ({hint})")
    return value


def _row(line: int, v: dict[str, str]) -> Row:
    if not v.get("file"):
        raise ValueError("не указан файл")
    date, first, last, written = _dates(v)
    language = _choice(v, "language", LANGUAGES, "ru или ky")
    access = _choice(v, "access", ACCESS, ", ".join(ACCESS_LEVELS))
    extra: dict[str, Any] = dict(written)
    ref = {k: v[k] for k in ("fond", "opis", "delo", "list") if v.get(k)}
    if ref:
        extra["archive_ref"] = ref
        extra["citation"] = citation(ref)
    if date is None and first is not None:
        extra.update({"year_from": first, "year_to": last})
    meta = DocMeta(
        title=v.get("title") or None, date=date, language=language, year=first, extra=extra
    )
    return Row(line, v["file"], v.get("collection") or None, access, meta)


def citation(ref: dict[str, str]) -> str:
    """The archival reference as historians cite it: «Ф. 1. Оп. 2. Д. 45. Л. 12–14»."""
    names = {"fond": "Ф.", "opis": "Оп.", "delo": "Д.", "list": "Л."}
    return " ".join(
        f"{names[k]} {ref[k]}." for k in ("fond", "opis", "delo", "list") if k in ref
    ).rstrip(".")
