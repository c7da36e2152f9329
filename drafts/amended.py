"""Which unit of an amending draft changes which norm.

The amendment parser (``norms.parse_amendments``) reads the whole text, because a clause
needs its header («Внести в Уголовный кодекс …») to know the act; each operation it gives
carries the span of its clause. Here that span is placed in the draft's structure, so the
draft page can show «статья 1, пункт 2: изменяет ч. 2 ст. 170 УК» and the norm page can
list the drafts (and the very point of each) that would change a norm.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from drafts.structure import Structure, Unit
from norms import OpKind, parse_amendments


@dataclass(frozen=True, slots=True)
class UnitAmendment:
    unit_id: str | None  # None: the clause lies outside every unit (a bare amending text)
    kind: OpKind
    norm_id: str
    start: int  # the clause that makes the change, in the structure's text
    end: int


def _innermost(structure: Structure, pos: int) -> Unit | None:
    best: Unit | None = None
    for u in structure.walk():
        if u.start <= pos < max(u.end, u.start + 1) and (
            best is None or u.end - u.start < best.end - best.start
        ):
            best = u
    return best


def amended_norms(
    structure: Structure, doc_date: datetime.date, lang: str | None = None
) -> list[UnitAmendment]:
    """The operations of an amending draft, each with the unit that makes it."""
    out = []
    for op in parse_amendments(structure.text, doc_date, lang):
        unit = _innermost(structure, op.start)
        out.append(UnitAmendment(unit.id if unit else None, op.kind, op.norm_id, op.start, op.end))
    return out
