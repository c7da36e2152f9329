"""Which court decisions the demo holds, in which language and file format.

The schedule mixes criminal, civil and administrative cases, Russian and Kyrgyz, DOCX and
born-digital PDF, and several outcomes for the same norm (ч. 1 and ч. 2 ст. 168 УК КР), so
filters, facets and the outcome statistics of a norm all have something to show.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from ingest.demo.court_common import decision_date
from ingest.demo.court_ky import civil_ky, criminal_ky
from ingest.demo.court_ru import admin_ru, civil_loan_ru, criminal_ru
from ingest.demo.people import People
from ingest.demo.textdoc import TextDoc

Builder = Callable[..., TextDoc]
# (builder, outcome, output format, file-name slug)
COURT_SCHEDULE: tuple[tuple[Builder, str, str, str], ...] = (
    (criminal_ru, "prison", "docx", "prigovor"),
    (civil_loan_ru, "granted", "pdf", "reshenie"),
    (admin_ru, "granted", "pdf", "reshenie-adm"),
    (criminal_ru, "probation", "pdf", "prigovor"),
    (civil_loan_ru, "partial", "docx", "reshenie"),
    (criminal_ky, "prison", "docx", "okum"),
    (criminal_ky, "acquittal", "pdf", "okum"),
    (civil_ky, "granted", "docx", "chechim"),
)
# Outcomes used when the schedule repeats at larger scales, so the statistics vary.
_ALTERNATIVES = {
    criminal_ru: ("fine", "acquittal", "prison", "probation"),
    criminal_ky: ("fine", "probation", "prison", "acquittal"),
    civil_loan_ru: ("refused", "granted", "partial"),
    civil_ky: ("partial", "refused", "granted"),
    admin_ru: ("refused", "granted"),
}


def court_decision(rng: random.Random, index: int) -> tuple[TextDoc, str, str]:
    """The index-th decision: (document, output format, file-name slug)."""
    builder, outcome, fmt, slug = COURT_SCHEDULE[index % len(COURT_SCHEDULE)]
    rounds = index // len(COURT_SCHEDULE)
    if rounds:
        choices = _ALTERNATIVES[builder]
        outcome = choices[(rounds - 1 + index) % len(choices)]
    people = People(rng)
    date = decision_date(rng)
    return builder(rng, people, date, outcome), fmt, slug
