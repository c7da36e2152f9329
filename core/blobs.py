"""Content-addressed blob store: originals and renditions keyed by sha256.

Originals are private: only renditions that passed the anonymize stage are ever
served publicly, and only by key recorded on a page's public fields.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, key: str) -> Path:
        if len(key) != 64 or not all(c in "0123456789abcdef" for c in key):
            raise ValueError(f"not a blob key: {key!r}")
        return self.root / key[:2] / key[2:4] / key

    def exists(self, key: str) -> bool:
        return self.path(key).exists()

    def _commit(self, tmp: Path, key: str) -> str:
        dest = self.path(key)
        if dest.exists():
            tmp.unlink()
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, dest)
        return key

    def put_bytes(self, data: bytes) -> str:
        key = hashlib.sha256(data).hexdigest()
        if self.exists(key):
            return key
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        return self._commit(Path(tmp), key)

    def put_stream(self, stream: BinaryIO) -> tuple[str, int]:
        """Copy a stream in while hashing it, so large files never sit in memory."""
        h = hashlib.sha256()
        size = 0
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            while chunk := stream.read(CHUNK):
                h.update(chunk)
                size += len(chunk)
                f.write(chunk)
        return self._commit(Path(tmp), h.hexdigest()), size

    def put_file(self, path: Path) -> tuple[str, int]:
        with path.open("rb") as f:
            return self.put_stream(f)

    def get(self, key: str) -> bytes:
        return self.path(key).read_bytes()
