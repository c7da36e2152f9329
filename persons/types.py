"""Record types of the registry: what a person record holds and the vocabularies it uses.

Values are ``StrEnum`` so they travel through JSON, SQL and the search index unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Sex(StrEnum):
    MALE = "m"
    FEMALE = "f"


class SentenceKind(StrEnum):
    DEATH = "death"
    CAMP = "camp"
    EXILE = "exile"
    OTHER = "other"


class RecordState(StrEnum):
    """Only ``published`` records are public; an archivist moves a record forward."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    PUBLISHED = "published"


class MergeDecision(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDONE = "undone"


# Fields a source can state about a person, in the order the UI shows them.
FIELDS: tuple[str, ...] = (
    "surname",
    "given",
    "patronymic",
    "father",
    "birth_year",
    "birthplace",
    "occupation",
    "arrest_date",
    "sentence_date",
    "sentenced_by",
    "charge",
    "sentence",
    "camp_years",
    "execution_date",
    "rehabilitation_date",
    "rehabilitated_by",
)


@dataclass(frozen=True, slots=True)
class Span:
    """Where a fact is written: ``text[start:end]`` of the entry's source text."""

    field: str
    start: int
    end: int


@dataclass(slots=True)
class PersonFacts:
    """One person as one source states them; every field normalised, ``None`` if unstated."""

    surname: str | None = None
    given: str | None = None
    patronymic: str | None = None
    father: str | None = None
    sex: Sex | None = None
    birth_year: int | None = None
    birth_date: str | None = None
    birthplace: str | None = None
    nationality: str | None = None
    occupation: str | None = None
    residence: str | None = None
    arrest_date: str | None = None
    sentence_date: str | None = None
    sentenced_by: str | None = None
    charge: list[str] = field(default_factory=list)
    sentence: SentenceKind | None = None
    camp_years: int | None = None
    execution_date: str | None = None
    rehabilitation_date: str | None = None
    rehabilitated_by: str | None = None
    notes: str | None = None
    spans: list[Span] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """The scored fields as JSON values (``charge`` as a list, enums as strings)."""
        out: dict[str, object] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if name == "charge":
                out[name] = list(value) or None
            elif isinstance(value, StrEnum):
                out[name] = str(value)
            else:
                out[name] = value
        return out

    @property
    def display_name(self) -> str:
        parts = [self.surname, self.given, self.patronymic]
        name = " ".join(p for p in parts if p)
        if self.father:
            name += f" {self.father} {'кызы' if self.sex == Sex.FEMALE else 'уулу'}"
        return name
