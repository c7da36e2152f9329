"""A finding aid as rows: one archival unit each, with its place and its ISAD(G) fields.

Both readers (the CSV of docs/archive.md and EAD 3, service/archive_ead.py) produce these
rows, the store (service/archive_store.py) writes them, and the EAD writer reads them back
from the records, so a round trip compares rows. Values are normalized here, once: text
trimmed, paragraphs separated by one blank line, dates as YYYY[-MM[-DD]].
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field, fields

from core.types import ArchiveLevel

MAX_ROWS = 50_000
MAX_TEXT = 20_000
PATH_LEVELS: tuple[ArchiveLevel, ...] = (
    ArchiveLevel.ARCHIVE,
    ArchiveLevel.FOND,
    ArchiveLevel.OPIS,
    ArchiveLevel.DELO,
)
# The CSV columns (docs/archive.md): the unit's place, then its description.
PLACE_COLUMNS = ("archive", "fond", "opis", "delo")
FIELD_COLUMNS = (
    "title",
    "date_from",
    "date_to",
    "extent",
    "creator",
    "scope_content",
    "access_conditions",
    "language",
)
COLUMNS = (*PLACE_COLUMNS, *FIELD_COLUMNS)
LEVEL_NAMES = ("архив", "фонд", "опись", "дело")
FIELD_LIMITS = {
    "title": 1000,
    "extent": 300,
    "creator": 500,
    "language": 60,
    "scope_content": MAX_TEXT,
    "access_conditions": MAX_TEXT,
}
CODE_LIMIT = 100
_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


class FindingAidError(ValueError):
    """A finding aid that cannot be read at all (not CSV, not EAD, no header)."""


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One unit: `path` holds the codes from the archive down to it (its level is the
    length of the path)."""

    path: tuple[str, ...]
    title: str = ""
    date_from: str | None = None
    date_to: str | None = None
    extent: str = ""
    creator: str = ""
    scope_content: str = ""
    access_conditions: str = ""
    language: str = ""

    @property
    def level(self) -> ArchiveLevel:
        return PATH_LEVELS[len(self.path) - 1]

    def description(self) -> dict[str, str | None]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "path"}


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # the CSV line, or the position of the EAD element in document order
    message: str
    column: str | None = None


@dataclass(slots=True)
class ParsedAid:
    rows: list[UnitRow] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # where each row was read
    errors: list[RowError] = field(default_factory=list)

    def add(self, line: int, row: UnitRow) -> None:
        self.rows.append(row)
        self.lines.append(line)


def paragraphs(text: str) -> str:
    """Trimmed paragraphs separated by one blank line; lines within a paragraph kept."""
    parts = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n\n".join(
        "\n".join(line.strip() for line in p.strip().split("\n")) for p in parts if p.strip()
    )


def check_date(value: str) -> str | None:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD; None for blank; ValueError otherwise."""
    value = value.strip()
    if not value:
        return None
    if not _DATE.match(value):
        raise ValueError(f"дата «{value[:20]}» должна быть в виде ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД")
    return value


def printable(value: str) -> str:
    """Without control characters (a NUL is refused by PostgreSQL), line breaks and tabs
    kept."""
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def check_code(value: str) -> str:
    value = " ".join(printable(value).split())
    if "/" in value:
        raise ValueError(f"шифр «{value[:30]}» не может содержать «/»")
    if len(value) > CODE_LIMIT:
        raise ValueError(f"шифр длиннее {CODE_LIMIT} символов")
    return value


def make_row(place: list[str], values: dict[str, str]) -> UnitRow:
    """A row from its place (codes, archive first, blanks after the unit's level) and its
    description; ValueError with a message in Russian when something is wrong."""
    codes = [check_code(c) for c in place]
    while codes and not codes[-1]:
        codes.pop()
    if not codes:
        raise ValueError("не указан ни архив, ни фонд, ни опись, ни дело")
    if not all(codes):
        missing = LEVEL_NAMES[codes.index("")]
        raise ValueError(f"не указан шифр уровня «{missing}» над описываемой единицей")
    text: dict[str, str] = {}
    for name in ("title", "extent", "creator", "language", "scope_content", "access_conditions"):
        raw = printable(values.get(name) or "")
        value = (
            paragraphs(raw)
            if name in ("scope_content", "access_conditions")
            else " ".join(raw.split())
        )
        if len(value) > FIELD_LIMITS[name]:
            raise ValueError(f"поле {name} длиннее {FIELD_LIMITS[name]} символов")
        text[name] = value
    date_from = check_date(values.get("date_from") or "")
    date_to = check_date(values.get("date_to") or "")
    if date_from and date_to and date_to < date_from:
        raise ValueError(f"дата окончания {date_to} раньше даты начала {date_from}")
    return UnitRow(tuple(codes), date_from=date_from, date_to=date_to, **text)


def check_tree(parsed: ParsedAid, known: set[tuple[str, ...]]) -> None:
    """Every unit's parent is described in the file or already stored; no unit twice."""
    seen: dict[tuple[str, ...], int] = {}
    for i, row in enumerate(parsed.rows):
        if row.path in seen:
            parsed.errors.append(
                RowError(parsed.lines[i], f"единица {' / '.join(row.path)} описана дважды")
            )
        seen[row.path] = i
    ours = set(seen)
    for i, row in enumerate(parsed.rows):
        parent = row.path[:-1]
        if parent and parent not in ours and parent not in known:
            parsed.errors.append(
                RowError(
                    parsed.lines[i],
                    f"нет описания уровня выше ({' / '.join(parent)}): добавьте его строкой "
                    "в файл или загрузите раньше",
                )
            )


def parse_csv(data: bytes) -> ParsedAid:
    """Rows of the CSV finding aid (UTF-8, `,` or `;`, header of docs/archive.md)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FindingAidError("файл не в кодировке UTF-8") from None
    first = text.split("\n", 1)[0]  # the header names the delimiter: no sniffing of prose
    delimiter = max(",;\t", key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        return _read_rows(reader)
    except csv.Error as e:  # a NUL byte, a field over the csv module's limit
        raise FindingAidError(f"не CSV: {e}") from None


def _read_rows(reader: csv.DictReader[str]) -> ParsedAid:
    header = [h.strip().lower() for h in reader.fieldnames or []]
    unknown = [h for h in header if h and h not in COLUMNS]
    if not header or unknown or not set(PLACE_COLUMNS) & set(header):
        raise FindingAidError(
            f"неизвестные столбцы: {', '.join(unknown)}; ожидаются {', '.join(COLUMNS)}"
            if unknown
            else f"нет строки заголовков; ожидаются столбцы {', '.join(COLUMNS)}"
        )
    reader.fieldnames = header
    parsed = ParsedAid()
    start = reader.line_num + 1  # a record's first line in the file (quoted text may span several)
    for count, raw in enumerate(reader, start=1):
        n, start = start, reader.line_num + 1
        if count > MAX_ROWS:
            parsed.errors.append(RowError(n, f"больше {MAX_ROWS} строк"))
            break
        values = {k: (v or "") for k, v in raw.items() if k}
        if not any(v.strip() for v in values.values()):
            continue
        try:
            parsed.add(n, make_row([values.get(c, "") for c in PLACE_COLUMNS], values))
        except ValueError as e:
            parsed.errors.append(RowError(n, str(e)))
    return parsed
