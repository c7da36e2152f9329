"""Tesseract through pytesseract: text plus word boxes and confidences from one TSV pass."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytesseract
from PIL import Image

from core.errors import ErrorCode, StageError
from core.types import WordBox

# One tesseract per core: its own OpenMP threads would fight the worker pool.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True, slots=True)
class OcrResult:
    text: str
    words: tuple[WordBox, ...]
    confidence: float | None


def available_languages() -> set[str]:
    try:
        return set(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as e:
        raise StageError(ErrorCode.OCR_FAILED,
                         "tesseract не установлен: запустите `make demo` или "
                         "apt-get install tesseract-ocr") from e


def ocr_image(image: Image.Image, languages: str, *, psm: int = 3) -> OcrResult:
    """Run tesseract once; lines are rebuilt from the TSV so text and boxes agree."""
    try:
        data = pytesseract.image_to_data(
            image, lang=languages, config=f"--psm {psm}", output_type=pytesseract.Output.DICT
        )
    except pytesseract.TesseractNotFoundError as e:
        raise StageError(ErrorCode.OCR_FAILED, "tesseract не установлен") from e
    except pytesseract.TesseractError as e:
        raise StageError(ErrorCode.OCR_FAILED, f"Ошибка tesseract: {e.message}") from e
    words: list[WordBox] = []
    lines: list[str] = []
    current: tuple[int, int, int] | None = None
    line_words: list[str] = []
    last_block: tuple[int, int] | None = None
    for i, raw in enumerate(data["text"]):
        text = str(raw).strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if key != current:
            if line_words:
                lines.append(" ".join(line_words))
            if last_block is not None and key[:2] != last_block:
                lines.append("")
            current, line_words, last_block = key, [], key[:2]
        line_words.append(text)
        words.append(WordBox(text, int(data["left"][i]), int(data["top"][i]),
                             int(data["width"][i]), int(data["height"][i]), conf))
    if line_words:
        lines.append(" ".join(line_words))
    mean = sum(w.conf for w in words) / len(words) if words else None
    return OcrResult("\n".join(lines), tuple(words), mean)
