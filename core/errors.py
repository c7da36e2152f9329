"""Errors that carry data: a stage failure records its code and message on the document."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    UNSUPPORTED_TYPE = "unsupported_type"
    CORRUPT_FILE = "corrupt_file"
    EMPTY_FILE = "empty_file"
    TOO_LARGE = "too_large"
    OCR_FAILED = "ocr_failed"
    NO_TEXT = "no_text"
    INDEX_FAILED = "index_failed"
    INTERNAL = "internal_error"


class AchykError(Exception):
    """Base of the errors a user can act on; `message` is shown as is (Russian)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StageError(AchykError):
    """A pipeline stage failed on one document; the batch goes on."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code


class QuerySyntaxError(AchykError):
    """The user's query could not be parsed; the API answers 400 with this message."""


class NotFoundError(AchykError):
    """A requested record does not exist (or is not public)."""
