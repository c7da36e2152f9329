"""Plain tesseract, exactly as a user would run it: `tesseract IMAGE stdout -l LANGS`.

The yardstick for every figure the project reports (`achyk eval ocr --baseline`,
bench/ocr.py): the unmodified file, tesseract's default page segmentation, its plain-text
output, one process per image with OMP_THREAD_LIMIT=1, `workers` processes at a time.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from core.errors import ErrorCode, StageError
from ocr.tesseract import SECONDS_PER_PAGE, TESSERACT


def plain_text(image: Path, languages: str) -> str:
    """What `tesseract IMAGE stdout -l LANGUAGES` prints."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run(
            [TESSERACT, str(image), "stdout", "-l", languages],
            capture_output=True,
            env=env,
            timeout=SECONDS_PER_PAGE,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as e:
        raise StageError(ErrorCode.OCR_FAILED, f"tesseract не запустился: {e}") from e
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise StageError(ErrorCode.OCR_FAILED, f"Ошибка tesseract: {' '.join(err[-3:])}")
    return proc.stdout.decode("utf-8", "replace")


def plain_many(images: Sequence[Path], languages: str, workers: int) -> tuple[list[str], float]:
    """Texts of all images, `workers` at a time, and the wall-clock seconds it took."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        texts = list(pool.map(lambda p: plain_text(p, languages), images))
    return texts, time.perf_counter() - start
