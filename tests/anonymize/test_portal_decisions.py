"""Our own court-portal decisions (`data/portal-decisions.jsonl`: 12 invented acts in
Russian and Kyrgyz, card header, «уулу/кызы» names, initials in both orders, Latin
spellings, every removed label) meet the dev-set thresholds, and the card header stays."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from anonymize import anonymize_text
from anonymize.evaluate import score
from tests.anonymize.thresholds import assert_thresholds

PORTAL = Path(__file__).resolve().parent / "data" / "portal-decisions.jsonl"
RECORDS = [json.loads(line) for line in PORTAL.read_text(encoding="utf-8").splitlines()]


def test_portal_thresholds():
    assert_thresholds(*score(PORTAL))


def test_portal_set_is_well_formed():
    assert len(RECORDS) >= 10
    assert {r["lang"] for r in RECORDS} == {"ru", "ky"}
    labels = {s["label"] for r in RECORDS for s in r["spans"]}
    assert labels >= {
        "PERSON",
        "PIN",
        "PASSPORT",
        "ADDRESS",
        "PHONE",
        "EMAIL",
        "BIRTH_DATE",
        "BANK_ACCOUNT",
        "CAR_PLATE",
        "OFFICIAL",
        "NORM",
        "ORG",
    }
    for r in RECORDS:
        assert r["text"].startswith("Деперсонифи"), r["id"]
        spans = sorted(r["spans"], key=lambda s: s["start"])
        for a, b in itertools.pairwise(spans):
            assert a["end"] <= b["start"], r["id"]
        for s in spans:
            assert s["label"] != "PERSON" or s["person"].startswith("p")


@pytest.mark.parametrize("rec", RECORDS, ids=[r["id"] for r in RECORDS])
def test_card_header_is_kept(rec):
    result = anonymize_text(rec["text"], lang=rec["lang"])
    header = rec["text"].split("\n", 1)[0]
    assert result.text.split("\n", 1)[0] == header
