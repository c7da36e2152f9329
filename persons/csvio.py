"""CSV import of existing lists and CSV/JSON export of records.

The column set is documented in docs/persons.md. A row is checked whole before anything is
written; a dry run reports every row (created, updated, error with its reasons) and writes
nothing. ``key`` identifies a row across imports: re-importing a list updates the records
it created instead of adding them again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Person, PersonSource
from persons.dates import parse_date
from persons.registry import facts_of, set_field
from persons.types import RecordState, SentenceKind, Sex
from persons.vocab import BODIES, find_bodies

COLUMNS: tuple[str, ...] = (
    "key",
    "surname",
    "given",
    "patronymic",
    "father",
    "sex",
    "birth_year",
    "birthplace",
    "nationality",
    "occupation",
    "residence",
    "arrest_date",
    "charge",
    "sentenced_by",
    "sentence_date",
    "sentence",
    "camp_years",
    "execution_date",
    "rehabilitation_date",
    "rehabilitated_by",
    "notes",
    "archival_ref",
    "state",
)
REQUIRED = ("key",)
MAX_ROWS = 100_000


class RowStatus(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass(slots=True)
class RowReport:
    line: int
    key: str
    status: RowStatus
    errors: list[str] = field(default_factory=list)
    person_id: int | None = None


@dataclass(slots=True)
class ImportReport:
    dry_run: bool
    rows: list[RowReport] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in RowStatus}
        for r in self.rows:
            out[r.status.value] += 1
        return out


def _body(value: str) -> str | None:
    by_code = (
        {b.code: b.ru for b in BODIES}
        | {b.ru.lower(): b.ru for b in BODIES}
        | {b.ky.lower(): b.ru for b in BODIES}
    )
    if value.lower() in by_code:
        return by_code[value.lower()]
    hits = find_bodies(value)
    return hits[0].body.ru if hits else None


def _row_values(row: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The row's fields in normal form, and what is wrong with it (Russian messages)."""
    values: dict[str, Any] = {}
    errors: list[str] = []
    for name in COLUMNS:
        raw = (row.get(name) or "").strip()
        if name in ("key", "archival_ref", "state") or not raw:
            continue
        if name in ("birth_year", "camp_years"):
            if not raw.isdigit():
                errors.append(f"{name}: не число «{raw}»")
                continue
            n = int(raw)
            if name == "birth_year" and not 1820 <= n <= 1953:
                errors.append(f"birth_year: год вне 1820–1953 «{raw}»")
                continue
            values[name] = n
        elif name.endswith("_date"):
            iso = parse_date(raw) or (raw if _is_iso(raw) else None)
            if iso is None:
                errors.append(f"{name}: не дата «{raw}» (ожидается ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)")
                continue
            values[name] = iso
        elif name in ("sentenced_by", "rehabilitated_by"):
            body = _body(raw)
            if body is None:
                errors.append(f"{name}: неизвестный орган «{raw}»")
                continue
            values[name] = body
        elif name == "sentence":
            if raw not in {s.value for s in SentenceKind}:
                errors.append(f"sentence: одно из death, camp, exile, other, а не «{raw}»")
                continue
            values[name] = raw
        elif name == "sex":
            if raw not in {s.value for s in Sex}:
                errors.append(f"sex: m или f, а не «{raw}»")
                continue
            values[name] = raw
        elif name == "charge":
            values[name] = [a.strip() for a in raw.replace(";", ",").split(",") if a.strip()]
        else:
            values[name] = raw
    state = (row.get("state") or "").strip()
    if state and state not in {s.value for s in RecordState}:
        errors.append(f"state: одно из proposed, confirmed, published, а не «{state}»")
    elif state:
        values["state"] = state
    if not (values.get("surname") or values.get("given")):
        errors.append("нет ни фамилии, ни имени")
    return values, errors


def _is_iso(raw: str) -> bool:
    try:
        dt.date.fromisoformat(raw)
    except ValueError:
        return False
    return True


def import_csv(
    session: Session, text: str, *, dry_run: bool, import_prefix: str = "csv"
) -> ImportReport:
    """Import a CSV list (header row with the documented columns)."""
    report = ImportReport(dry_run)
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        msg = []
        if missing:
            msg.append("нет колонок: " + ", ".join(missing))
        if unknown:
            msg.append("неизвестные колонки: " + ", ".join(unknown))
        report.rows.append(RowReport(1, "", RowStatus.ERROR, msg))
        return report
    seen: set[str] = set()
    for n, row in enumerate(reader, start=2):
        if n > MAX_ROWS + 1:
            report.rows.append(
                RowReport(
                    n, "", RowStatus.ERROR, [f"больше {MAX_ROWS} строк: остальные не читались"]
                )
            )
            break
        key = (row.get("key") or "").strip()
        values, errors = _row_values(row)
        if not key:
            errors.insert(0, "пустой key")
        elif key in seen:
            errors.insert(0, f"key «{key}» повторяется в файле")
        seen.add(key)
        if errors:
            report.rows.append(RowReport(n, key, RowStatus.ERROR, errors))
            continue
        import_key = f"{import_prefix}:{key}"
        p = session.scalars(select(Person).where(Person.import_key == import_key)).first()
        status = RowStatus.CREATED if p is None else RowStatus.UPDATED
        if p is not None and all(_same(p, k, v) for k, v in values.items()):
            status = RowStatus.UNCHANGED
        if not dry_run and status != RowStatus.UNCHANGED:
            if p is None:
                p = Person(state=RecordState.PROPOSED.value, import_key=import_key)
                session.add(p)
            for k, v in values.items():
                set_field(p, k, v)
            session.flush()
            ref = (row.get("archival_ref") or "").strip()
            if status == RowStatus.CREATED:
                session.add(
                    PersonSource(
                        person_id=p.id,
                        origin_person_id=p.id,
                        field="*",
                        value=f"CSV, строка {n}",
                        archival_ref=ref,
                        quote=json.dumps(row, ensure_ascii=False),
                    )
                )
        report.rows.append(RowReport(n, key, status, [], p.id if p else None))
    if not dry_run:
        session.flush()
    return report


def _same(p: Person, name: str, value: Any) -> bool:
    current = getattr(p, name)
    if hasattr(current, "isoformat"):
        current = current.isoformat()
    if name == "charge":
        return list(current or []) == list(value)
    return bool(current == value)


def export_rows(persons: list[Person]) -> list[dict[str, Any]]:
    out = []
    for p in persons:
        d = facts_of(p).as_dict()
        d["charge"] = ", ".join(p.charge or [])
        out.append({"id": p.id, "state": p.state, **{k: v for k, v in d.items()}})
    return out


def export_csv(persons: list[Person]) -> str:
    rows = export_rows(persons)
    buf = io.StringIO()
    cols = [
        "id",
        "state",
        *[
            c
            for c in COLUMNS
            if c not in ("key", "archival_ref", "state", "sex", "nationality", "residence", "notes")
        ],
    ]
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return buf.getvalue()


def export_json(persons: list[Person]) -> str:
    return json.dumps(export_rows(persons), ensure_ascii=False)
