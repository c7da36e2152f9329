"""The presidio AnalyzerEngine for `ru` and `ky`, built once per process.

It downloads nothing: the NLP engine is presidio's NoOpNlpEngine (no spaCy model), every
recognizer carries its own context in its patterns, and the one model used (natasha's
NER) ships inside the natasha wheel and loads lazily on the first analysed text.
"""

from __future__ import annotations

import functools

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NoOpNlpEngine

from anonymize.recognizers import ALL, check_models

LANGUAGES = ("ru", "ky")


@functools.cache
def get_engine() -> AnalyzerEngine:
    check_models()
    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    for lang in LANGUAGES:
        for cls in ALL:
            registry.add_recognizer(cls(lang))
    nlp = NoOpNlpEngine(models=[{"lang_code": lang, "model_name": "noop"} for lang in LANGUAGES])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=list(LANGUAGES))


def language_of(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang
