"""Domain types shared by every package."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class DocState(StrEnum):
    RECEIVED = "received"
    EXTRACTED = "extracted"
    ENRICHED = "enriched"
    ANONYMIZED = "anonymized"
    PUBLISHED = "published"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"  # taken out of public view by its publisher; kept privately
    SUPERSEDED = "superseded"  # an earlier version of a replaced document; kept privately


class Stage(StrEnum):
    """Pipeline stages in order; each one moves a document to the state of the same index."""

    EXTRACT = "extract"
    ENRICH = "enrich"
    ANONYMIZE = "anonymize"
    INDEX = "index"


STAGE_ORDER: tuple[Stage, ...] = (Stage.EXTRACT, Stage.ENRICH, Stage.ANONYMIZE, Stage.INDEX)
STATE_AFTER: dict[Stage, DocState] = {
    Stage.EXTRACT: DocState.EXTRACTED,
    Stage.ENRICH: DocState.ENRICHED,
    Stage.ANONYMIZE: DocState.ANONYMIZED,
    Stage.INDEX: DocState.PUBLISHED,
}
STATE_BEFORE: dict[Stage, DocState] = {
    Stage.EXTRACT: DocState.RECEIVED,
    Stage.ENRICH: DocState.EXTRACTED,
    Stage.ANONYMIZE: DocState.ENRICHED,
    Stage.INDEX: DocState.ANONYMIZED,
}


TERMINAL: frozenset[DocState] = frozenset(
    {DocState.PUBLISHED, DocState.FAILED, DocState.WITHDRAWN, DocState.SUPERSEDED}
)
IN_PROGRESS: tuple[DocState, ...] = (
    DocState.RECEIVED,
    DocState.EXTRACTED,
    DocState.ENRICHED,
    DocState.ANONYMIZED,
)


def stages_after(state: DocState) -> tuple[Stage, ...]:
    """The stages still to run for a document in `state` (none once published)."""
    for i, stage in enumerate(STAGE_ORDER):
        if STATE_BEFORE[stage] == state:
            return STAGE_ORDER[i:]
    return ()


class SubscriptionKind(StrEnum):
    """What a subscription follows: a saved search, or one filter of it."""

    SEARCH = "search"
    FOND = "fond"  # an archival fond: the collection filter
    NORM = "norm"
    COURT = "court"
    DRAFT = "draft"  # a draft of the portal: its stage changes and versions


class ArchiveLevel(StrEnum):
    """The levels of archival description, top down; a document is the «list» (sheets)
    level under its delo. EAD 3 calls them collection, fonds, series, file."""

    ARCHIVE = "archive"
    FOND = "fond"
    OPIS = "opis"
    DELO = "delo"


ARCHIVE_LEVELS: tuple[ArchiveLevel, ...] = tuple(ArchiveLevel)


class FileKind(StrEnum):
    PDF = "pdf"
    IMAGE = "image"
    DOCX = "docx"
    RTF = "rtf"
    TXT = "txt"


class PageSource(StrEnum):
    TEXT_LAYER = "text"
    OCR = "ocr"


class CollectionKind(StrEnum):
    """What a collection holds; it decides the depersonification policy and doc_type."""

    ARCHIVE = "archive"
    COURT = "court"
    LEGISLATION = "legislation"


class Language(StrEnum):
    """The language of a document: read from its text (ingest/enrich/language.py) or
    given in a manifest; the analyzers, the depersonification and the UI know these two."""

    RU = "ru"
    KY = "ky"


class CourtInstance(StrEnum):
    """The instance of a court act as read from its header (ingest/enrich/case.py).

    The court API's metadata (POST /decisions) may name another (`supreme`, …), so the
    stored field and the API's filter stay open strings; these are the values the
    reader gives."""

    FIRST = "first"
    APPEAL = "appeal"
    CASSATION = "cassation"


class CaseOutcome(StrEnum):
    """What a court act decided, read from the first sentences of its operative part
    (ingest/enrich/case.py); nothing else sets it."""

    CONVICTED = "convicted"
    ACQUITTED = "acquitted"
    TERMINATED = "terminated"
    GRANTED = "granted"
    PARTIALLY_GRANTED = "partially_granted"
    DISMISSED = "dismissed"
    UPHELD = "upheld"
    REVERSED = "reversed"
    MODIFIED = "modified"


class AccessLevel(StrEnum):
    """Who may read a collection: everyone, or researchers' keys too (archives)."""

    PUBLIC = "public"
    RESTRICTED = "restricted"


class IntakeOutcome(StrEnum):
    """What became of one input file at intake."""

    NEW = "new"
    DUPLICATE = "duplicate"  # the same bytes are already stored
    FAILED = "failed"  # refused at intake


class AuditOutcome(StrEnum):
    OK = "ok"
    DENIED = "denied"  # authentication or permission refused
    REFUSED = "refused"  # allowed, but the registry refused the change


@dataclass(frozen=True, slots=True)
class WordBox:
    """One OCR word in page-image pixels, with tesseract's confidence (0-100)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float

    def to_json(self) -> list[object]:
        return [self.text, self.left, self.top, self.width, self.height, round(self.conf, 1)]

    @classmethod
    def from_json(cls, row: list[object]) -> WordBox:
        text, left, top, width, height, conf = row
        return cls(
            str(text),
            int(str(left)),
            int(str(top)),
            int(str(width)),
            int(str(height)),
            float(str(conf)),
        )


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """What a handler gives back for one page; `image` is a PNG rendition for the viewer."""

    number: int
    text: str
    source: PageSource
    words: tuple[WordBox, ...] = ()
    confidence: float | None = None
    image_png: bytes | None = None
    width: int | None = None
    height: int | None = None
    lines: tuple[tuple[int, ...], ...] = ()  # OCR lines: left, top, width, height, first, count
    ocr_info: dict[str, Any] | None = None  # languages, steps, rotation, skew, timings


@dataclass(frozen=True, slots=True)
class Extraction:
    pages: tuple[ExtractedPage, ...]
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
