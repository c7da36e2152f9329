"""The stage contract: a small unit that moves one document one state forward.

A stage reads what it needs, does its work outside any transaction, then persists
its result in one. Running it twice gives the same records (pages are replaced,
index entries are replaced by id), so a retried or redelivered task is harmless.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from core.types import Stage
from indices.context import AppContext


class StageUnit(Protocol):
    stage: ClassVar[Stage]

    def run(self, ctx: AppContext, doc_id: int) -> None: ...
