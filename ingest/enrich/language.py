"""Russian or Kyrgyz: the Kyrgyz letters ө, ү, ң and its function words decide.

Good enough to route analysis and OCR; a document mixing both gets the language
of most of its text.
"""

from __future__ import annotations

import re

from core.types import Language

_KY_LETTERS = re.compile(r"[өүңӨҮҢ]")
_KY_WORDS = re.compile(
    r"\b(жана|менен|боюнча|үчүн|жөнүндө|деп|болуп|турган|берене|мыйзам|кодекси|соту|чечим)\w*",
    re.IGNORECASE,
)
_RU_WORDS = re.compile(r"\b(и|в|на|по|что|не|с|о|от|для|суд|года|статьи)\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> Language | None:
    sample = text[:20_000]
    letters = len(_LETTER.findall(sample))
    if letters < 20:
        return None
    ky = len(_KY_LETTERS.findall(sample)) * 3 + len(_KY_WORDS.findall(sample)) * 5
    ru = len(_RU_WORDS.findall(sample)) * 4
    return Language.KY if ky > ru else Language.RU
