"""Engine and sessions; the schema is brought to head through Alembic on open."""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """WAL + busy timeout: worker processes and the API write the same SQLite file."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    command.upgrade(alembic_config(url), "head")


def _forget_pool(ref: weakref.ref[Engine]) -> None:
    engine = ref()
    if engine is not None:
        engine.dispose(close=False)


class Database:
    """Owns the engine and a session factory; one per process."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        if migrate:
            upgrade(url)
        self.url = url
        self.engine = make_engine(url)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        # What a domain keeps about this database for as long as it lives (persons/sync.py
        # notes here that its session listeners are registered): kept on the object, so it
        # goes with the database instead of sitting in a module-level table.
        self.info: dict[str, Any] = {}
        # A forked child (a Celery prefork worker) must not reuse or close the parent's
        # pooled connections: it drops them and opens its own.
        ref = weakref.ref(self.engine)
        os.register_at_fork(after_in_child=lambda: _forget_pool(ref))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on error."""
        s = self._factory()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def listen(self, name: str, fn: Any) -> None:
        """Register a session event (``after_flush``, ``after_commit``, ``after_rollback``…)
        on every session of this database: how a domain keeps something derived (the
        persons index) in line with what was committed, whoever committed it."""
        event.listen(self._factory, name, fn)

    def dispose(self) -> None:
        self.engine.dispose()


class HasDatabase(Protocol):
    """What core's record keepers (auth, audit) need of the application context.

    The context itself lives above core (indices/context.py: it also opens the search
    backend); core names only this part of it, so it imports nothing of ours.
    """

    @property
    def db(self) -> Database: ...
