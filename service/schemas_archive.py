"""API models of the archival hierarchy (GET /api/v1/archive...)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class UnitBrief(BaseModel):
    id: int
    level: str = Field(description="archive, fond, opis or delo")
    code: str = Field(description="The unit's own code: the archive's name, the fond number…")
    title: str
    url: str = Field(description="The unit's page in the reading room")


class UnitOut(UnitBrief):
    ref: str = Field(
        description="fond, fond/opis or fond/opis/delo codes joined by «/» (empty for an "
        "archive): the value of the search filter `archive` (search within this unit)"
    )
    reference_code: str = Field(description="ISAD(G) 3.1.1: «ЦГА КР. Ф. 67. Оп. 9»")
    date_from: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD")
    date_to: str | None
    extent: str
    creator: str
    scope_content: str
    access_conditions: str
    language: str
    documents: int = Field(description="Published documents under the unit that you may read")
    children: int = Field(description="Units directly under this one")


class ItemOut(BaseModel):
    """A published document filed in a delo: the «list» (sheets) level."""

    id: int
    title: str
    date: str | None
    year: int | None
    sheets: str = Field(description="The sheets («листы») of the delo the document takes")
    url: str


class ArchiveOut(BaseModel):
    archive: UnitOut
    fonds: list[UnitOut]


class ArchivesOut(BaseModel):
    archives: list[ArchiveOut]


class UnitDetailOut(BaseModel):
    unit: UnitOut
    breadcrumbs: list[UnitBrief] = Field(description="From the archive down to the unit's parent")
    children: list[UnitOut]
    items: list[ItemOut] = Field(description="A delo's documents, by their first sheet")
    search_url: str = Field(description="«Search within this unit» in the reading room")
    ead_url: str


class ImportRowError(BaseModel):
    line: int = Field(description="CSV line, or the EAD unit's number in document order")
    message: str


class ImportOut(BaseModel):
    read: int
    created: int
    updated: int
    linked: int = Field(description="Documents linked to their delo by this import")
    errors: list[ImportRowError]
    stored: bool
