"""Results of the amendment parser: what happens to which norm, and where it is said."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OpKind(StrEnum):
    """What happens to a unit: new wording, a new unit, the unit goes, a new number."""

    AMEND = "amend"
    INSERT = "insert"
    REPEAL = "repeal"
    RENUMBER = "renumber"


@dataclass(frozen=True, slots=True)
class Operation:
    """One change to one norm; ``start:end`` is the clause that makes it, in the text given."""

    kind: OpKind
    norm_id: str
    start: int
    end: int
