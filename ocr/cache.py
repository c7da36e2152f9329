"""OCR results on disk, keyed by what determines them: the pixels, languages and settings.

Re-ingesting a file, reprocessing a document after an unrelated failure, or running the
evaluation twice must not pay for tesseract again; changing the languages or any
preprocessing setting must. One small JSON file per page under `<data_dir>/ocr-cache`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from PIL import Image

FORMAT = 1  # bump when the stored JSON changes shape


def image_digest(image: Image.Image) -> str:
    """sha256 of the decoded pixels (mode, size, bytes): the same scan in PNG or TIFF agrees."""
    h = hashlib.sha256()
    h.update(f"{image.mode}:{image.size[0]}x{image.size[1]}:".encode())
    h.update(image.tobytes())
    return h.hexdigest()


def cache_key(digest: str, settings_key: str) -> str:
    return hashlib.sha256(f"{FORMAT}\n{digest}\n{settings_key}".encode()).hexdigest()


class OcrCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            data: dict[str, Any] = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data

    def put(self, key: str, value: dict[str, Any]) -> None:
        """Atomic write: a reader never sees half a file, concurrent writers agree anyway."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(value, f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
