"""Kyrgyz (and Turkic) names with a patronymic particle: `Нурбек уулу Азамат`,
`Марат кызы Чолпон`, `Жолдошбек уулу Э.`, `Нурбек уулу Азаматка`, and in the other order
with the suffix on the particle: `Айгерим Марат кызына`, `А. Улугбек уулуна`. Natasha cuts these off
at the particle; the whole name, with any case suffix, is the person.
"""

from __future__ import annotations

from anonymize.names import INITS, PARTICLE, PARTICLE_CASED, START, WORD, plausible_structured
from anonymize.recognizers.base import DataRecognizer

_S = r"[ \u00a0]{1,2}"


class PersonKyrgyzRecognizer(DataRecognizer):
    ENTITY = "PERSON"
    PATTERNS = (
        (
            "father_particle_name",
            rf"{START}{WORD}{_S}{PARTICLE}{_S}(?:{WORD}|{INITS})(?![\w-])",
            0.9,
        ),
        (
            "name_father_particle",
            rf"{START}{WORD}{_S}{WORD}{_S}{PARTICLE_CASED}(?![\w-])(?!{_S}[А-ЯӨҮ])",
            0.7,
        ),
        # `А. Улугбек уулу`, `А.Улугбек уулуна`: initials, the father's name, the particle
        (
            "initials_father_particle",
            rf"(?<![\w.]){INITS}[ \u00a0]?{WORD}{_S}{PARTICLE_CASED}(?![\w-])",
            0.9,
        ),
    )

    def validate_result(self, pattern_text: str) -> bool:
        return plausible_structured(pattern_text)
