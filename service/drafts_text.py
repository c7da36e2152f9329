"""The text of an uploaded draft file, read by the ingest's own handlers.

A draft version is read with the same sniffing, bomb limits and handlers as any upload
(DOCX, PDF with OCR for scans, RTF, TXT), so a hostile file is refused the same way;
images are refused: a draft is a text, and its structure must be parsed from one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from core.errors import StageError
from core.settings import Settings
from core.types import FileKind
from drafts import DraftError, DraftErrorCode
from ingest.handlers import ExtractOptions, handler_for
from ingest.sniff import sniff
from ocr.engine import config_from_settings

TEXT_KINDS = frozenset({FileKind.DOCX, FileKind.PDF, FileKind.RTF, FileKind.TXT})


@dataclass(frozen=True, slots=True)
class ReadText:
    text: str
    kind: FileKind


def options_of(st: Settings) -> ExtractOptions:
    ocr = config_from_settings(st, st.ocr_languages)
    return ExtractOptions(
        ocr_languages=ocr.languages,
        ocr_dpi=st.ocr_dpi,
        min_text_chars=st.ocr_min_text_chars,
        viewer_dpi=st.page_image_dpi,
        ocr=ocr,
        max_pages=st.pdf_max_pages,
        page_max_pixels=st.page_max_pixels,
        image_max_pixels=st.image_max_pixels,
        image_max_frames=st.image_max_frames,
        docx_max_members=st.docx_max_members,
        docx_max_inflated=st.docx_max_inflated_mb << 20,
    )


def read_text(data: bytes, file_name: str, settings: Settings) -> ReadText:
    """The file's text, pages joined by a blank line; DraftError when there is none."""
    with TemporaryDirectory(prefix="achyk-draft-") as tmp:
        path = Path(tmp) / "upload"
        path.write_bytes(data)
        try:
            kind = sniff(path, file_name)
            if kind not in TEXT_KINDS:
                raise DraftError(
                    DraftErrorCode.UNSUPPORTED_FILE,
                    f"Текст проекта принимается в DOCX, PDF, RTF или TXT, а не «{kind}».",
                )
            extraction = handler_for(kind).extract(path, options_of(settings))
        except StageError as e:
            raise DraftError(DraftErrorCode.UNSUPPORTED_FILE, e.message) from e
    text = "\n\n".join(p.text.strip("\n") for p in extraction.pages).strip()
    if not text:
        raise DraftError(DraftErrorCode.EMPTY_TEXT, "В файле нет текста.")
    return ReadText(text, kind)
