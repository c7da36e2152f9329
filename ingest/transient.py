"""Which failures are outages (retry later) rather than properties of the document.

A search engine that does not answer or a database that is locked or unreachable says
nothing about the file: the stage is retried with backoff and the document is marked
failed only when the outage outlasts every retry. Anything else fails the document at
once with its reason. Wrapped errors count by their cause (the index stage wraps).
"""

from __future__ import annotations

from opensearchpy import exceptions as os_exc
from sqlalchemy import exc as sa_exc

RETRY_STATUS = frozenset({429, 502, 503, 504})


def _opensearch_transient(e: BaseException) -> bool:
    if isinstance(e, os_exc.ConnectionError):  # includes ConnectionTimeout
        return True
    return isinstance(e, os_exc.TransportError) and e.status_code in RETRY_STATUS


def _one(e: BaseException) -> bool:
    if isinstance(e, sa_exc.OperationalError):
        return "no such " not in str(e)  # a missing table or column is a bug, not an outage
    if isinstance(e, sa_exc.DisconnectionError | sa_exc.TimeoutError):
        return True
    if isinstance(e, ConnectionError | TimeoutError):
        return True
    return _opensearch_transient(e)


def is_transient(e: BaseException) -> bool:
    seen: set[int] = set()
    cur: BaseException | None = e
    while cur is not None and id(cur) not in seen:
        if _one(cur):
            return True
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return False
