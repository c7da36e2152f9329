"""The demo's finding aid: one archive, the fonds its scans cite, an opis and a delo each.

Written beside manifest.csv as ``finding_aid.csv`` in the columns of docs/archive.md, so
`achyk demo` loads it through the same import as `achyk archive import`, and the scans
get their breadcrumbs (/archive › ЦГА КР › Фонд › Опись › Дело) and «search within this
fond». Titles and creators are invented for the invented documents.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from ingest.demo.archive_texts import ArchiveText

ARCHIVE = "ЦГА КР"
ARCHIVE_TITLE = "Центральный государственный архив Кыргызской Республики"
# per template (ArchiveText.key): the fond's creator, and the delo's title
FONDS: dict[str, tuple[str, str]] = {
    "protokol-uispolkom": ("Пишпекский уездный исполнительный комитет", "Протоколы Президиума"),
    "vypiska": ("Военный трибунал Киргизской АССР", "Выписки из протоколов заседаний"),
    "reshenie-narsud": ("Народный суд 3-го участка Фрунзенского кантона", "Решения по делам"),
    "protokol-kolkhoz": ("Колхоз «Ала-Тоо»", "Протоколы общих собраний"),
    "protokol-ky": ("«Үч-Коргон» колхозу", "Жалпы чогулуштардын протоколдору"),
}
COLUMNS = (
    "archive",
    "fond",
    "opis",
    "delo",
    "title",
    "date_from",
    "date_to",
    "creator",
    "language",
)


def write_finding_aid(path: Path, texts: Iterable[ArchiveText]) -> Path:
    """The finding aid of the scans' ciphers (texts without a cipher are left out)."""
    rows: dict[tuple[str, ...], list[str]] = {
        (ARCHIVE,): [ARCHIVE, "", "", "", ARCHIVE_TITLE, "1918", "1953", "", ""]
    }
    for t in texts:
        if t.cipher is None:
            continue
        creator, delo_title = FONDS.get(t.key, ("", ""))
        fond, opis, delo = str(t.cipher.fond), str(t.cipher.opis), str(t.cipher.delo)
        year = str(t.date.year)
        language = "кыргызский" if t.language == "ky" else "русский"
        rows.setdefault(
            (ARCHIVE, fond), [ARCHIVE, fond, "", "", creator, year, year, creator, language]
        )
        rows.setdefault(
            (ARCHIVE, fond, opis),
            [ARCHIVE, fond, opis, "", "Опись дел постоянного хранения", year, year, "", ""],
        )
        rows.setdefault(
            (ARCHIVE, fond, opis, delo),
            [ARCHIVE, fond, opis, delo, f"{delo_title}, {year} г.", year, year, "", language],
        )
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows(rows.values())
    return path
