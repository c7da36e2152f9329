"""The persons index follows the records: every commit that touches a record reindexes it.

A record is written by the API (confirm, publish, edit, merge, undo, split, import), by the
pipeline (extraction proposes records and merges them into published ones) and by scripts.
Rather than each writer remembering to reindex, a hook on the database's sessions notes
the records a flush touched (a record, a source moved to it, a merge decided on it) and,
once the transaction has committed, brings the index in line: live records are indexed
again, records merged away leave it. Nothing is indexed for a rolled-back transaction, so
the index never shows a write that did not happen.

An index failure after the commit cannot undo the write; it is logged with the ids, and
``achyk persons-reindex`` repairs the index.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from opensearchpy import OpenSearch
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import Database
from core.models import Person, PersonMerge, PersonSource
from persons.index import PersonSearch, open_person_search

log = logging.getLogger(__name__)
_TOUCHED = "persons_touched"
# Key in ``Database.info``: the index this database's commits already reach (the listeners
# are registered once per database, whoever asks).
_WATCHED = "persons_index"


def _touched(objects: Any) -> set[int]:
    ids: set[int] = set()
    for obj in objects:
        if isinstance(obj, Person):
            ids.update(i for i in (obj.id, obj.merged_into_id) if i)
        elif isinstance(obj, PersonSource):
            ids.update(i for i in (obj.person_id, obj.origin_person_id) if i)
        elif isinstance(obj, PersonMerge):
            ids.update(i for i in (obj.a_id, obj.b_id) if i)
    return ids


def sync(db: Database, index: PersonSearch, ids: set[int]) -> None:
    """Index the live records among ``ids`` as they are now; drop the others."""
    with db.session() as s:
        rows = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(sorted(ids))))}
        from persons.registry import to_doc

        docs = [to_doc(p, s) for p in rows.values() if p.merged_into_id is None]
        gone = [i for i in ids if i not in rows or rows[i].merged_into_id is not None]
    if gone:
        index.delete(gone)
    if docs:
        index.index(docs)


def watch(db: Database, index: Callable[[], PersonSearch]) -> None:
    """Keep ``index()`` in line with every commit on ``db``. Once per database: the first
    caller's index is kept (the API's own, which its searches read)."""
    if _WATCHED in db.info:
        return
    db.info[_WATCHED] = index

    def after_flush(session: Session, _ctx: Any) -> None:
        found = _touched([*session.new, *session.dirty, *session.deleted])
        if found:
            session.info.setdefault(_TOUCHED, set()).update(found)

    def after_commit(session: Session) -> None:
        ids: set[int] = session.info.pop(_TOUCHED, set())
        if not ids:
            return
        try:
            sync(db, index(), ids)
        except Exception:
            log.exception(
                "persons index not updated for records %s; run `achyk persons-reindex`", sorted(ids)
            )

    def after_rollback(session: Session) -> None:
        session.info.pop(_TOUCHED, None)

    db.listen("after_flush", after_flush)
    db.listen("after_commit", after_commit)
    db.listen("after_rollback", after_rollback)


def watch_settings(
    db: Database,
    search_url: str | None,
    index_dir: Path,
    prefix: str = "achyk",
    client: OpenSearch | None = None,
) -> None:
    """``watch`` with the persons index these settings name, opened on the first commit
    that needs it (a pipeline worker that proposes no one never opens it); ``client`` is
    the context's OpenSearch client, so the worker keeps one connection pool."""
    opened: list[PersonSearch] = []

    def index() -> PersonSearch:
        if not opened:
            opened.append(open_person_search(search_url, index_dir, prefix, client))
        return opened[0]

    watch(db, index)
