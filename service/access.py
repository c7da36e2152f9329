"""Who may read a document: the one rule every route that shows a document applies.

It lives apart from ``service.search`` so that modules search itself uses (the persons
registry's «persons named here») can apply it without an import cycle.
"""

from __future__ import annotations

from core.auth import Caller, Permission
from core.models import Document
from core.types import DocState


def readable(doc: Document | None, caller: Caller) -> bool:
    """A published document of a public collection, or of a restricted one for callers who
    may read restricted collections; anything else does not exist for the caller."""
    if doc is None or doc.state != DocState.PUBLISHED:
        return False
    return doc.collection.access == "public" or caller.can(Permission.READ_RESTRICTED)
