"""Metadata read from a document's text: language, date. Norms and case data come later."""

from ingest.enrich.dates import find_date
from ingest.enrich.language import detect_language

__all__ = ["detect_language", "find_date"]
