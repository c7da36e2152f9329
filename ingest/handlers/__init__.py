"""File-type handlers; importing the package registers all of them."""

from ingest.handlers import docx, image, pdf, rtf, txt  # noqa: F401  (registration)
from ingest.handlers.base import ExtractOptions, handler_for

__all__ = ["ExtractOptions", "handler_for"]
