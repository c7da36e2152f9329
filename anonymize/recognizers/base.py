"""A pattern recognizer declared as data: subclasses set ENTITY, PATTERNS, CONTEXT.

Every regex is bounded (no unbounded `+`/`*`) and compiled with the `regex` module,
case-sensitive unless IGNORE_CASE says so. Matching is overlapped, so a candidate that
fails validation (`Жабырлануучу Мамырова`) does not swallow the next one
(`Мамырова Айдай`). Context that decides (a cue such as «года рождения») lives in the
patterns as bounded look-arounds: with the NoOp NLP engine presidio has no lemmas, so
CONTEXT only documents the cue words.
"""

from __future__ import annotations

from typing import ClassVar

import regex as re
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

LANGUAGES = ("ru", "ky")
REGEX_TIMEOUT_S = 5.0


class DataRecognizer(EntityRecognizer):
    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]]
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    IGNORE_CASE: ClassVar[bool] = False

    def __init__(self, language: str = "ru") -> None:
        flags = re.MULTILINE | (re.IGNORECASE if self.IGNORE_CASE else 0)
        self.compiled = [(name, re.compile(rx, flags), score) for name, rx, score in self.PATTERNS]
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            supported_language=language,
            context=list(self.CONTEXT),
        )

    def load(self) -> None:
        pass

    def validate_result(self, pattern_text: str) -> bool | None:
        """True: certain; False: reject; None: keep the pattern's score."""
        return None

    def validate_match(self, text: str, start: int, end: int, pattern: str) -> bool | None:
        return self.validate_result(text[start:end])

    def refine(
        self, text: str, start: int, end: int, pattern: str
    ) -> tuple[int, int, bool | None] | None:
        """The span to report (a subclass may shrink it) and its verdict, or None."""
        verdict = self.validate_match(text, start, end, pattern)
        return None if verdict is False else (start, end, verdict)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for name, rx, score in self.compiled:
            for m in rx.finditer(text, overlapped=True, timeout=REGEX_TIMEOUT_S):
                start, end = m.span()
                if start == end:
                    continue
                refined = self.refine(text, start, end, name)
                if refined is None:
                    continue
                start, end, verdict = refined
                results.append(
                    make_result(
                        self, self.ENTITY, start, end, 1.0 if verdict else score, pattern=name
                    )
                )
        return EntityRecognizer.remove_duplicates(results)


def make_result(
    recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float, pattern: str = ""
) -> RecognizerResult:
    """A presidio result that names its recognizer (the findings log reads the name)."""
    name = type(recognizer).__name__
    explanation = AnalysisExplanation(recognizer=name, original_score=score, pattern_name=pattern)
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=explanation,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )
