"""Achyk: drafts — the domain engine of the draft-law portal (pure logic, no storage).

``apply_transition`` / ``extend_discussion`` enforce the life cycle; ``parse_structure``
reads a draft's text into units with stable ids; ``diff_versions`` compares two versions
article by article; ``carry_anchor`` follows a comment's anchor into a later version;
``build_report`` makes the summary table of proposals and the public-opinion counts;
``parse_plan_csv`` reads legislative plan items; ``amended_norms`` says which unit of an
amending draft changes which norm (with ``norms.parse_amendments``). The database, API
and UI sit on top.
"""

from drafts.amended import UnitAmendment, amended_norms
from drafts.anchors import Anchor, AnchorStatus, ResolvedAnchor, carry_anchor, locate
from drafts.diff import ChangeKind, UnitChange, VersionDiff, WordOp, diff_versions, word_diff
from drafts.errors import DraftError, DraftErrorCode
from drafts.lifecycle import (
    TRANSITIONS,
    DraftEvent,
    DraftStage,
    DraftState,
    Facts,
    Rules,
    apply_transition,
    extend_discussion,
    is_open_for_comments,
)
from drafts.plan import ActKind, PlanImport, PlanItem, RowError, parse_plan_csv
from drafts.report import (
    Answer,
    AnswerKind,
    Comment,
    CommenterKind,
    Report,
    Vote,
    build_report,
    report_json,
    summary_csv,
)
from drafts.structure import Structure, Unit, UnitKind, parse_structure, unit_label

__all__ = [
    "TRANSITIONS",
    "ActKind",
    "Anchor",
    "AnchorStatus",
    "Answer",
    "AnswerKind",
    "ChangeKind",
    "Comment",
    "CommenterKind",
    "DraftError",
    "DraftErrorCode",
    "DraftEvent",
    "DraftStage",
    "DraftState",
    "Facts",
    "PlanImport",
    "PlanItem",
    "Report",
    "ResolvedAnchor",
    "RowError",
    "Rules",
    "Structure",
    "Unit",
    "UnitAmendment",
    "UnitChange",
    "UnitKind",
    "VersionDiff",
    "Vote",
    "WordOp",
    "amended_norms",
    "apply_transition",
    "build_report",
    "carry_anchor",
    "diff_versions",
    "extend_discussion",
    "is_open_for_comments",
    "locate",
    "parse_plan_csv",
    "parse_structure",
    "report_json",
    "summary_csv",
    "unit_label",
    "word_diff",
]
