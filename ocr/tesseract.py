"""The tesseract command line, driven directly: TSV with word and line boxes, OSD, languages.

We call the binary ourselves (not pytesseract) for three reasons: several pages go to one
process through a list file, so the language models load once per batch rather than once
per page; images travel as uncompressed PGM, which costs nothing to write or read; and a
crash of tesseract stays a failed page instead of taking the worker down with it.
Every process runs with OMP_THREAD_LIMIT=1: the caller keeps one tesseract per core.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from core.errors import ErrorCode, StageError
from core.types import WordBox

TESSERACT = os.environ.get("ACHYK_TESSERACT", "tesseract")
SECONDS_PER_PAGE = 120  # a page that takes longer is a broken page, not a slow one

# Short names people use for the archive's languages and scripts; anything else passes through.
LANGUAGE_ALIASES = {"ru": "rus", "ky": "kir", "ky-cyrl": "kir", "cyrl": "Cyrillic"}


@dataclass(frozen=True, slots=True)
class Line:
    """A text line: its box and the run of words it holds (indices into `words`)."""

    left: int
    top: int
    width: int
    height: int
    first: int
    count: int

    def to_json(self) -> list[int]:
        return [self.left, self.top, self.width, self.height, self.first, self.count]


@dataclass(frozen=True, slots=True)
class OcrResult:
    text: str
    words: tuple[WordBox, ...]
    confidence: float | None
    lines: tuple[Line, ...] = ()


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


@lru_cache(maxsize=1)
def available_languages() -> frozenset[str]:
    """Installed traineddata names (script models such as `Cyrillic` included)."""
    try:
        out = subprocess.run(
            [TESSERACT, "--list-langs"],
            capture_output=True,
            text=True,
            check=True,
            env=_env(),
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError) as e:
        raise StageError(
            ErrorCode.OCR_FAILED,
            "tesseract не установлен: запустите `make demo` или apt-get install tesseract-ocr",
        ) from e
    names = {ln.strip().split("/")[-1] for ln in out.splitlines()[1:] if ln.strip()}
    return frozenset(names - {"osd"})


def normalize_languages(spec: str, aliases: dict[str, str] | None = None) -> str:
    """`ru+ky`, `rus, kir` or `rus+kir` → `rus+kir`; aliases expand (e.g. ky-latn → Latin)."""
    table = {**LANGUAGE_ALIASES, **(aliases or {})}
    parts: list[str] = []
    for raw in re.split(r"[+,\s]+", spec.strip()):
        if not raw:
            continue
        for name in table.get(raw, raw).split("+"):
            if name not in parts:
                parts.append(name)
    if not parts:
        raise StageError(ErrorCode.OCR_FAILED, "Не заданы языки распознавания")
    return "+".join(parts)


def check_languages(languages: str) -> None:
    """Fail early and clearly when a language pack is missing (tesseract's own error is not)."""
    missing = [p for p in languages.split("+") if p not in available_languages()]
    if missing:
        have = ", ".join(sorted(available_languages()))
        raise StageError(
            ErrorCode.OCR_FAILED,
            f"Нет языковых данных tesseract: {', '.join(missing)} (установлены: "
            f"{have}). Латиница: пакет tesseract-ocr-script-latn, арабское письмо: "
            "tesseract-ocr-script-arab.",
        )


def _write(img: np.ndarray, path: Path) -> None:
    ok, buf = cv2.imencode(
        ".pgm" if img.ndim == 2 else ".ppm",
        img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2BGR),
    )
    if not ok:
        raise StageError(ErrorCode.OCR_FAILED, "Не удалось подготовить изображение для tesseract")
    path.write_bytes(buf.tobytes())


def _run(args: list[str], pages: int) -> str:
    try:
        proc = subprocess.run(
            [TESSERACT, *args],
            capture_output=True,
            env=_env(),
            timeout=SECONDS_PER_PAGE * max(1, pages),
        )
    except FileNotFoundError as e:
        raise StageError(ErrorCode.OCR_FAILED, "tesseract не установлен") from e
    except subprocess.TimeoutExpired as e:
        raise StageError(ErrorCode.OCR_FAILED, "tesseract не уложился во время") from e
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise StageError(ErrorCode.OCR_FAILED, f"Ошибка tesseract: {' '.join(err[-3:])}")
    return proc.stdout.decode("utf-8", "replace")


def recognize(
    images: Sequence[np.ndarray], languages: str, *, psm: int = 3, extra: Sequence[str] = ()
) -> list[OcrResult]:
    """OCR several images in one tesseract process; one result per image, in order."""
    if not images:
        return []
    with tempfile.TemporaryDirectory(prefix="achyk-ocr-") as tmp:
        paths = []
        for i, img in enumerate(images):
            path = Path(tmp) / f"p{i:05d}.{'pgm' if img.ndim == 2 else 'ppm'}"
            _write(img, path)
            paths.append(str(path))
        if len(paths) == 1:
            source = paths[0]
        else:
            source = str(Path(tmp) / "pages.txt")
            Path(source).write_text("\n".join(paths) + "\n", encoding="utf-8")
        out = _run(
            [source, "stdout", "-l", languages, "--psm", str(psm), *extra, "tsv"], len(paths)
        )
    return parse_tsv(out, len(paths))


def parse_tsv(tsv: str, pages: int) -> list[OcrResult]:
    """Words, lines and text per page; text is rebuilt from the words so all three agree."""
    rows: list[list[list[str]]] = [[] for _ in range(pages)]
    reader = csv.reader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        if len(row) < 11 or not row[0].isdigit():
            continue
        page = int(row[1]) - 1
        if 0 <= page < pages:
            rows[page].append(row)
    return [_page(r) for r in rows]


def _page(rows: list[list[str]]) -> OcrResult:
    words: list[WordBox] = []
    lines: list[Line] = []
    text_lines: list[str] = []
    pending: tuple[int, int, int, int] | None = None
    line_words: list[str] = []
    line_first = 0
    last_par: tuple[str, str] | None = None

    def close_line() -> None:
        if pending is not None and line_words:
            lines.append(Line(*pending, line_first, len(line_words)))
            text_lines.append(" ".join(line_words))

    for row in rows:
        level = row[0]
        box = tuple(int(v) for v in row[6:10])
        if level == "4":
            close_line()
            par = (row[2], row[3])
            if last_par is not None and par != last_par and text_lines:
                text_lines.append("")
            last_par = par
            pending = (box[0], box[1], box[2], box[3])
            line_words, line_first = [], len(words)
        elif level == "5":
            text = row[11].strip() if len(row) > 11 else ""
            conf = float(row[10])
            if not text or conf < 0:
                continue
            words.append(WordBox(text, box[0], box[1], box[2], box[3], conf))
            line_words.append(text)
    close_line()
    mean = sum(w.conf for w in words) / len(words) if words else None
    return OcrResult("\n".join(text_lines), tuple(words), mean, tuple(lines))


@dataclass(frozen=True, slots=True)
class Orientation:
    rotate: int  # clockwise degrees that make the page upright
    confidence: float
    script: str


def detect_orientation(image: np.ndarray) -> Orientation | None:
    """Tesseract OSD (`--psm 0`); None when it cannot tell (too little text)."""
    with tempfile.TemporaryDirectory(prefix="achyk-osd-") as tmp:
        path = Path(tmp) / "page.pgm"
        _write(image, path)
        try:
            out = _run([str(path), "stdout", "--psm", "0"], 1)
        except StageError:
            return None
    found = dict(re.findall(r"^([A-Za-z ]+):\s*(\S+)", out, flags=re.MULTILINE))
    try:
        return Orientation(
            int(found["Rotate"]) % 360,
            float(found["Orientation confidence"]),
            found.get("Script", ""),
        )
    except (KeyError, ValueError):
        return None
