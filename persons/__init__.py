"""Registry of repressed and rehabilitated persons: records read from archival texts,
names found by any spelling, records matched and merged with their evidence."""

from persons.evaluate import evaluate, render_report
from persons.extract import Extracted, extract_persons
from persons.match import AUTO_MERGE_THRESHOLD, MatchScore, cluster, compare
from persons.search import Hit, PersonIndex
from persons.types import FIELDS, PersonFacts, RecordState, SentenceKind, Sex, Span
from persons.variants import variants

__all__ = [
    "AUTO_MERGE_THRESHOLD",
    "FIELDS",
    "Extracted",
    "Hit",
    "MatchScore",
    "PersonFacts",
    "PersonIndex",
    "RecordState",
    "SentenceKind",
    "Sex",
    "Span",
    "cluster",
    "compare",
    "evaluate",
    "extract_persons",
    "render_report",
    "variants",
]
