"""Consistent database dumps and their restore: SQLite's online backup API, pg_dump.

SQLite: `sqlite3.Connection.backup` copies a consistent snapshot page by page while
the API and workers keep writing (WAL). PostgreSQL: `pg_dump --format=custom` (Debian's
client) reads one MVCC snapshot; `pg_restore --clean --if-exists --single-transaction`
puts it back all or nothing. Both are the engines' own tools, so a dump is exactly what
the server had, types, sequences and the Alembic revision included.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from enum import StrEnum
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from service.backup_manifest import BackupError

# Tables whose rows mean "this database holds data": restoring over them needs --force.
DATA_TABLES = ("documents", "collections", "api_keys", "batches", "audit_events")


class DatabaseKind(StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


def kind_of(url: str) -> DatabaseKind:
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        return DatabaseKind.SQLITE
    if backend == "postgresql":
        return DatabaseKind.POSTGRESQL
    raise BackupError(
        f"Резервное копирование базы {backend} не поддерживается (только SQLite и PostgreSQL)"
    )


DUMP_FILE = {
    DatabaseKind.SQLITE: "database/achyk.sqlite3",
    DatabaseKind.POSTGRESQL: "database/achyk.pgdump",
}


def sqlite_path(url: str) -> Path:
    db = make_url(url).database
    if not db:
        raise BackupError("В адресе SQLite нет файла базы")
    return Path(db)


def redacted(url: str) -> str:
    """The URL for the manifest: never a password."""
    return make_url(url).render_as_string(hide_password=True)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI for pg_dump/pg_restore and an environment carrying the password, so
    the password never appears on a command line (visible to every user in `ps`)."""
    u: URL = make_url(url)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    plain = u.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"Нет программы {name}: установите пакет postgresql-client")
    return path


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BackupError(f"{what} не удалось: {proc.stderr.strip()[-2000:]}")


def dump(url: str, dest: Path) -> None:
    """Write a consistent dump of the database at `url` to `dest`."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    kind = kind_of(url)
    if kind is DatabaseKind.SQLITE:
        src = sqlite_path(url)
        if not src.is_file():
            raise BackupError(f"Нет файла базы {src}")
        with closing(sqlite3.connect(src, timeout=60)) as s, closing(sqlite3.connect(dest)) as d:
            s.backup(d)
        return
    target, env = _libpq(url)
    _run(
        [
            _tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(dest),
            target,
        ],
        env,
        "pg_dump",
    )


def load(url: str, src: Path) -> None:
    """Replace the database at `url` with the dump `src` (all or nothing)."""
    kind = kind_of(url)
    if kind is DatabaseKind.SQLITE:
        target = sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".restore")
        shutil.copyfile(src, tmp)
        try:
            with closing(sqlite3.connect(tmp)) as c:
                sound = c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        except sqlite3.DatabaseError:
            sound = False
        if not sound:
            tmp.unlink()
            raise BackupError("Файл базы в копии не прошёл проверку целостности SQLite")
        for suffix in ("-wal", "-shm"):  # the old database's log must not replay onto ours
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, target)
        return
    target_uri, env = _libpq(url)
    _run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            target_uri,
            str(src),
        ],
        env,
        "pg_restore",
    )


def rows_held(url: str) -> dict[str, int]:
    """Rows per data table of the database at `url` (tables absent count as empty)."""
    if kind_of(url) is DatabaseKind.SQLITE and not sqlite_path(url).is_file():
        return {}
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            present = set(sa.inspect(conn).get_table_names())
            return {
                t: int(conn.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar_one())
                for t in DATA_TABLES
                if t in present
            }
    except sa.exc.OperationalError as e:
        raise BackupError(f"База данных недоступна: {e.orig}") from None
    finally:
        engine.dispose()
