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
    UNAVAILABLE = "unavailable"  # a service stayed down through every retry
    UNSAFE_PATH = "unsafe_path"  # ZIP member with an absolute path, `..` or too deep
    LINK = "link"  # ZIP member that is a symbolic link
    ZIP_BOMB = "zip_bomb"  # over the size or compression-ratio limits
    TOO_MANY_FILES = "too_many_files"
    NESTED_ARCHIVE = "nested_archive"
    BAD_ARCHIVE = "bad_archive"
    NOT_IN_MANIFEST = "not_in_manifest"
    MISSING_FILE = "missing_file"  # a manifest row names a file that was not sent
    MANIFEST_ROW = "manifest_error"
    ACCESS_CONFLICT = "access_conflict"
    TYPE_MISMATCH = "type_mismatch"  # the name claims a binary format the bytes do not have
    UNKNOWN_POLICY = "unknown_policy"  # the collection's policy does not exist: nothing public
    TOO_MANY_PAGES = "too_many_pages"  # over the page (PDF) or frame (TIFF) limit
    IMAGE_TOO_LARGE = "image_too_large"  # over the pixel limit: a pixel bomb
    ENCRYPTED = "encrypted"  # a password-protected PDF
    ACTIVE_CONTENT = "active_content"  # PDF JavaScript/launch actions, DOCX DTDs and entities


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


class TransientError(AchykError):
    """A service the stage needs is down or busy (search engine, database): retry later.

    Not a property of the document, so it never marks it failed while retries remain.
    """


class ManifestError(AchykError):
    """The manifest as a whole cannot be read (not CSV, no file column)."""


class AuthError(AchykError):
    """No key or an unknown or revoked key where one is required (the API answers 401)."""


class AccessDenied(AchykError):
    """The caller's role or court does not allow this (the API answers 403)."""


class ConflictError(AchykError):
    """The request contradicts a stored record (the API answers 409); names that record."""

    def __init__(
        self, message: str, existing_id: int | None = None, kind: str = "decision"
    ) -> None:
        super().__init__(message)
        self.existing_id = existing_id
        self.kind = kind  # what existing_id numbers: "decision" or "document"
