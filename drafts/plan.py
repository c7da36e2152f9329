"""Items of the legislative plan (what an agency plans to draft in a year) and their import
from CSV.

Agencies keep their plans in spreadsheets, so the import reads what Excel writes: UTF-8
(with or without a BOM) or Windows-1251, comma or semicolon. It is a dry run by nature:
``parse_plan_csv`` returns the items it read and an error per bad row (line, column,
Russian message) and writes nothing; the caller stores the items only when it wants to.
Column names are the English keys below or their Russian headings.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from enum import StrEnum

MAX_ROWS = 5000  # a national plan is a few hundred items a year
MAX_FIELD_CHARS = 2000
MIN_YEAR = 2000
MAX_YEAR_AHEAD = 10


class ActKind(StrEnum):
    CONSTITUTIONAL_LAW = "constitutional_law"
    CODE = "code"
    LAW = "law"
    PRESIDENTIAL_DECREE = "presidential_decree"
    GOVERNMENT_DECREE = "government_decree"
    AGENCY_ACT = "agency_act"


ACT_KIND_LABELS_RU: dict[ActKind, str] = {
    ActKind.CONSTITUTIONAL_LAW: "конституционный закон",
    ActKind.CODE: "кодекс",
    ActKind.LAW: "закон",
    ActKind.PRESIDENTIAL_DECREE: "указ президента",
    ActKind.GOVERNMENT_DECREE: "постановление кабинета министров",
    ActKind.AGENCY_ACT: "ведомственный акт",
}
_ACT_ALIASES: dict[str, ActKind] = {
    **{k.value: k for k in ActKind},
    **{v: k for k, v in ACT_KIND_LABELS_RU.items()},
    "указ": ActKind.PRESIDENTIAL_DECREE,
    "постановление": ActKind.GOVERNMENT_DECREE,
    "постановление правительства": ActKind.GOVERNMENT_DECREE,
    "приказ": ActKind.AGENCY_ACT,
    "мыйзам": ActKind.LAW,
    "конституциялык мыйзам": ActKind.CONSTITUTIONAL_LAW,
    "кодекс": ActKind.CODE,
}

# column key → accepted headings (lowercase)
COLUMNS: dict[str, tuple[str, ...]] = {
    "agency": ("agency", "ведомство", "орган-разработчик", "разработчик"),
    "year": ("year", "год"),
    "title": ("title", "наименование", "название проекта", "наименование проекта"),
    "act_kind": ("act_kind", "вид акта", "вид"),
    "area": ("area", "сфера регулирования", "сфера"),
    "quarter": ("quarter", "квартал", "срок (квартал)"),
    "responsible": ("responsible", "ответственный", "ответственный орган"),
}
REQUIRED = ("agency", "year", "title", "act_kind", "quarter")
_QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True, slots=True)
class PlanItem:
    agency: str
    year: int
    title: str
    act_kind: ActKind
    quarter: int
    area: str = ""
    responsible: str = ""
    draft_id: str | None = None  # set when the draft appears


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # 1-based line in the file (the header is line 1)
    column: str  # a column key, or "" for the whole row or file
    message: str


@dataclass(slots=True)
class PlanImport:
    items: list[PlanItem] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # the file line of each item

    @property
    def ok(self) -> bool:
        return not self.errors


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def _header_map(header: list[str]) -> tuple[dict[str, int], list[str]]:
    found: dict[str, int] = {}
    unknown: list[str] = []
    for idx, name in enumerate(header):
        clean = " ".join(name.split()).lower()
        key = next((k for k, names in COLUMNS.items() if clean in names), None)
        if key is None:
            if clean:
                unknown.append(name.strip())
        elif key not in found:
            found[key] = idx
    return found, unknown


def _parse_quarter(raw: str) -> int | None:
    s = raw.lower().replace("квартал", "").replace("кв.", "").replace("кв", "")
    return _QUARTERS.get(s.strip(" .-"))


def parse_plan_csv(data: bytes, *, today: datetime.date | None = None) -> PlanImport:
    """Read plan items; every bad row is reported and skipped, good rows are kept."""
    today = today or datetime.date.today()
    out = PlanImport()
    text = _decode(data)
    if not text.strip():
        out.errors.append(RowError(0, "", "Файл пуст."))
        return out
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as e:
        out.errors.append(RowError(1, "", f"Заголовок не читается как CSV: {e}."))
        return out
    cols, unknown = _header_map(header)
    missing = [k for k in REQUIRED if k not in cols]
    if missing:
        out.errors.append(
            RowError(
                1,
                "",
                "Нет обязательных столбцов: "
                + ", ".join(missing)
                + (f"; непонятные столбцы: {', '.join(unknown)}" if unknown else "")
                + ".",
            )
        )
        return out
    seen: dict[tuple[str, int, str], int] = {}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            out.errors.append(
                RowError(
                    reader.line_num, "", f"Строка не читается как CSV ({e}); чтение остановлено."
                )
            )
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(out.items) + len(out.errors) >= MAX_ROWS:
            out.errors.append(
                RowError(
                    line, "", f"Больше {MAX_ROWS} строк; остальное не прочитано. Разделите файл."
                )
            )
            break
        item = _row(row, cols, line, today, out.errors)
        if item is None:
            continue
        key = (item.agency.lower(), item.year, " ".join(item.title.lower().split()))
        if key in seen:
            out.errors.append(
                RowError(
                    line,
                    "title",
                    f"Повтор пункта плана из строки {seen[key]} (то же ведомство, год и название).",
                )
            )
            continue
        seen[key] = line
        out.items.append(item)
        out.lines.append(line)
    return out


def _row(
    row: list[str], cols: dict[str, int], line: int, today: datetime.date, errors: list[RowError]
) -> PlanItem | None:
    def get(key: str) -> str:
        idx = cols.get(key)
        return " ".join(row[idx].split()) if idx is not None and idx < len(row) else ""

    bad: list[RowError] = []
    values = {k: get(k) for k in COLUMNS}
    for k, v in values.items():
        if len(v) > MAX_FIELD_CHARS:
            bad.append(RowError(line, k, f"Значение длиннее {MAX_FIELD_CHARS} символов."))
    for k in REQUIRED:
        if not values[k]:
            bad.append(RowError(line, k, "Пустое обязательное поле."))
    year = None
    if values["year"]:
        try:
            year = int(values["year"])
        except ValueError:
            bad.append(RowError(line, "year", f"Год «{values['year']}» — не число."))
        else:
            if not MIN_YEAR <= year <= today.year + MAX_YEAR_AHEAD:
                bad.append(
                    RowError(
                        line,
                        "year",
                        f"Год {year} вне допустимого диапазона "
                        f"{MIN_YEAR}–{today.year + MAX_YEAR_AHEAD}.",
                    )
                )
    kind = _ACT_ALIASES.get(values["act_kind"].lower()) if values["act_kind"] else None
    if values["act_kind"] and kind is None:
        allowed = ", ".join(ACT_KIND_LABELS_RU.values())
        bad.append(
            RowError(
                line,
                "act_kind",
                f"Неизвестный вид акта «{values['act_kind']}»; допустимы: {allowed}.",
            )
        )
    quarter = _parse_quarter(values["quarter"]) if values["quarter"] else None
    if values["quarter"] and quarter is None:
        bad.append(
            RowError(line, "quarter", f"Квартал «{values['quarter']}» — ожидается 1–4 или I–IV.")
        )
    errors.extend(bad)
    if bad or year is None or kind is None or quarter is None:
        return None
    return PlanItem(
        agency=values["agency"],
        year=year,
        title=values["title"],
        act_kind=kind,
        quarter=quarter,
        area=values["area"],
        responsible=values["responsible"],
    )
