"""Achyk: norms — references to legal norms in Russian and Kyrgyz text, and the catalog of acts.

``extract_norms`` finds references and gives canonical ids (``uk-kr-2021/168/2``) under the
contract in DESIGN.md; ``resolve_citation`` and ``suggest_acts`` serve the search box;
``hierarchy`` gives the prefixes an id is indexed under; ``evaluate`` measures the
extractor on a labeled JSONL file. ``parse_amendments`` reads what an amending draft
changes (``Operation`` of an ``OpKind`` on a norm id); ``evaluate_amendments`` measures it.
"""

from norms.amendments import Operation, OpKind, amendment_ops, parse_amendments
from norms.amendments_eval import evaluate_amendments, render_amendments_report
from norms.citation import resolve_citation
from norms.evaluate import evaluate, render_report
from norms.extract import extract_norms, norm_ids
from norms.ids import act_of, hierarchy
from norms.model import NormRef, TooManyNorms
from norms.suggest import suggest_acts

__all__ = [
    "NormRef",
    "OpKind",
    "Operation",
    "TooManyNorms",
    "act_of",
    "amendment_ops",
    "evaluate",
    "evaluate_amendments",
    "extract_norms",
    "hierarchy",
    "norm_ids",
    "parse_amendments",
    "render_amendments_report",
    "render_report",
    "resolve_citation",
    "suggest_acts",
]
