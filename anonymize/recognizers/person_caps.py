"""Names typed in capitals (`АСАНОВА БАКЫТА КУБАНЫЧБЕКОВИЧА`, `АСАНОВ Б.К.`, `дочерью
АЛИЕЙ`): natasha finds none of them. The other rule recognizers run over a copy of the
text in which each word in capitals is title-cased (same length, same offsets); only
matches that touch a word in capitals are reported, the rest is their own business.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from anonymize.names import UP, decaps
from anonymize.recognizers.base import make_result
from anonymize.recognizers.person_context import PersonContextRecognizer
from anonymize.recognizers.person_first_name import PersonFirstNameRecognizer
from anonymize.recognizers.person_full_name import PersonFullNameRecognizer
from anonymize.recognizers.person_initials import PersonInitialsRecognizer
from anonymize.recognizers.person_kyrgyz import PersonKyrgyzRecognizer

_CAPS_WORD = re.compile(rf"[{UP}]{{2,}}")


class PersonCapsRecognizer(EntityRecognizer):
    ENTITY = "PERSON"
    STRUCTURES = (
        PersonFullNameRecognizer,
        PersonInitialsRecognizer,
        PersonKyrgyzRecognizer,
        PersonContextRecognizer,
        PersonFirstNameRecognizer,
    )

    def __init__(self, language: str = "ru") -> None:
        self.inner = [cls(language) for cls in self.STRUCTURES]
        super().__init__(
            supported_entities=[self.ENTITY], name=type(self).__name__, supported_language=language
        )

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        folded = decaps(text)
        if folded == text:
            return []
        out = []
        for rec in self.inner:
            for r in rec.analyze(folded, entities):
                if _CAPS_WORD.search(text, r.start, r.end):
                    out.append(make_result(self, self.ENTITY, r.start, r.end, r.score))
        return EntityRecognizer.remove_duplicates(out)
