"""Uploaded files staged on disk under safe names, for intake to read."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from tempfile import TemporaryDirectory

from fastapi import UploadFile

from ingest.batches import Upload
from ingest.zipsafe import path_problem


def display_name(filename: str | None, n: int) -> str:
    """The sender's name for a file (a folder upload keeps its relative path), made harmless."""
    name = (filename or "").replace("\\", "/").strip().lstrip("/")
    if not name or path_problem(name, 32):
        name = PurePosixPath(name).name or f"file-{n}"
    return name[:500]


@contextmanager
def staged(files: list[UploadFile]) -> Iterator[list[Upload]]:
    with TemporaryDirectory(prefix="achyk-upload-") as tmp:
        out = []
        for n, f in enumerate(files):
            dest = Path(tmp) / f"{n:06d}"
            with dest.open("wb") as w:
                shutil.copyfileobj(f.file, w, 1 << 20)
            out.append(Upload(display_name(f.filename, n), dest))
        yield out
