"""Shared helpers: run one recognizer and list what it found, as surface strings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import EntityRecognizer


def found_by(recognizer_cls: type[EntityRecognizer], text: str, lang: str = "ru") -> list[str]:
    recognizer = recognizer_cls(lang)  # type: ignore[call-arg]
    results = recognizer.analyze(text, [])
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.fixture
def found() -> Callable[..., list[str]]:
    return found_by
