"""The acceptance thresholds of depersonification, shared by every labelled set's test."""

from __future__ import annotations

from typing import Any


def assert_thresholds(report: dict[str, Any], misses: list[Any]) -> None:
    detail = "\n".join(f"{m.record} {m.label} {m.text!r}" for m in misses)
    recall = report["recall"]
    assert recall["PERSON"] >= 0.99, detail
    for label, value in recall.items():
        assert value >= 0.98, f"{label}: {value}\n{detail}"
    for label in ("OFFICIAL", "NORM", "ORG"):
        assert report["kept"][label] >= 0.97, f"{label}: {report['kept'][label]}\n{detail}"
