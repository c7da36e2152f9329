"""Depersonification of court acts and archival files (Russian and Kyrgyz).

A presidio AnalyzerEngine with Russian/Kyrgyz recognizers proposes spans; a per-collection
role policy decides what is removed; persons get consistent pseudonyms; every
replacement is logged privately. See `anonymize_text`, `anonymize_pages`, `evaluate`.
"""

from anonymize.depersonify import anonymize_pages, anonymize_text
from anonymize.evaluate import evaluate, render_report
from anonymize.recognizers import ModelsMissingError
from anonymize.results import AnonymizedText, Finding, OffsetMap

__all__ = [
    "AnonymizedText",
    "Finding",
    "ModelsMissingError",
    "OffsetMap",
    "anonymize_pages",
    "anonymize_text",
    "evaluate",
    "render_report",
]
