"""The manifest of a backup and its verification: every file named with its sha256.

A backup is a folder; `manifest.json` is written last, so a folder without one is an
interrupted backup and is refused. Verification reads every file back and compares its
size and sha256 with the manifest before a restore touches anything.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from core.errors import AchykError

MANIFEST = "manifest.json"
FORMAT = "achyk-backup"
FORMAT_VERSION = 1
CHUNK = 1 << 20
SHOWN_PROBLEMS = 10

Progress = Callable[[str, int, int | None], None]  # (step, done, total or None)


class BackupError(AchykError):
    """A backup cannot be made or restored as asked; the message says why (Russian)."""


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str  # relative to the backup folder, with forward slashes
    sha256: str
    size: int

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "size": self.size}


def copy_hashed(src: Path, dest: Path) -> tuple[str, int]:
    """Copy a file while hashing what was read, so a copy is read once; fsync'd."""
    h = hashlib.sha256()
    size = 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    with src.open("rb") as fin, tmp.open("wb") as fout:
        while chunk := fin.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    os.replace(tmp, dest)
    return h.hexdigest(), size


def hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def write_manifest(folder: Path, body: dict[str, Any]) -> None:
    tmp = folder / (MANIFEST + ".part")
    tmp.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def _safe(rel: str) -> bool:
    p = PurePosixPath(rel)
    return bool(rel) and not p.is_absolute() and ".." not in p.parts and "\\" not in rel


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest, refused with a clear message when absent, unreadable or foreign."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise BackupError(f"Нет папки {folder}")
    if not path.is_file():
        raise BackupError(
            f"В папке {folder} нет {MANIFEST}: это не резервная копия Ачык "
            "или её создание было прервано"
        )
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BackupError(f"{MANIFEST} повреждён ({e}); копию восстановить нельзя") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} не описывает резервную копию Ачык")
    if body.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"Копия в формате версии {body.get('version')}, а эта программа "
            f"читает версию {FORMAT_VERSION}"
        )
    files = body.get("files")
    if not isinstance(files, list) or not all(
        isinstance(f, dict)
        and isinstance(f.get("path"), str)
        and isinstance(f.get("sha256"), str)
        and isinstance(f.get("size"), int)
        for f in files
    ):
        raise BackupError(f"{MANIFEST} повреждён: список файлов неполон")
    return body


def entries(body: dict[str, Any]) -> list[FileEntry]:
    return [FileEntry(f["path"], f["sha256"], f["size"]) for f in body["files"]]


def verify(folder: Path, *, on_progress: Progress | None = None) -> dict[str, Any]:
    """Read every file of the backup back and check it against the manifest.

    Raises BackupError naming the damaged or missing files; returns the manifest.
    """
    body = read_manifest(folder)
    files = entries(body)
    problems: list[str] = []
    for i, f in enumerate(files, 1):
        path = folder / f.path
        if not _safe(f.path):
            problems.append(f"{f.path}: недопустимый путь")
        elif not path.is_file():
            problems.append(f"{f.path}: файла нет")
        elif path.stat().st_size != f.size:
            problems.append(f"{f.path}: размер {path.stat().st_size} вместо {f.size}")
        elif hash_file(path) != f.sha256:
            problems.append(f"{f.path}: контрольная сумма не совпадает")
        if on_progress:
            on_progress("Проверка копии", i, len(files))
    if problems:
        shown = "; ".join(problems[:SHOWN_PROBLEMS])
        more = f" и ещё {len(problems) - SHOWN_PROBLEMS}" if len(problems) > SHOWN_PROBLEMS else ""
        raise BackupError(
            f"Резервная копия повреждена, восстановление отменено "
            f"({len(problems)} файлов): {shown}{more}"
        )
    return body
