"""Text analysis shared by indexing, query compilation, highlighting and page-image hits.

Both backends index `fold(text)` and stem with the Snowball Russian stemmer (tantivy's
`ru_stem`, OpenSearch's `russian` stemmer are the same algorithm), so analysing a word
here gives the very term the engine stored. Folding happens before the engine sees the
text: ё→е and pre-1918 letters (ѣ→е, і→и, ѳ→ф, ѵ→и, word-final ъ dropped) so that
«судъ», «сѣлѣ» and «суд», «селе» meet. Kyrgyz gets a light normalization of the
stand-ins typed or recognised for its own letters: Latin barred o (ɵ) for ө, and the
en-with-hook/tail and en-ghe letters (ӈ, ӊ, ҥ) for ң, so «өкүм» and «ɵкүм», «мыйзамдың»
and «мыйзамдыҥ» meet. Those letter facts live in `core.text_fold.spelling` (one home
for every fold of the tree); what this module adds is the OCR repair below, which only
search needs. Folding lives here, not in an engine's analyzer, so both backends (and the
highlighter) get exactly the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import tantivy

from core import text_fold

TOKEN = re.compile(r"[^\W_]+")
# Tokens of this many UTF-8 bytes or more are dropped everywhere (tantivy's RemoveLong
# counts bytes). Generous, so that long Russian words («сельскохозяйственной», 20 letters,
# 40 bytes) are indexed; only junk such as OCR runs without spaces is dropped.
MAX_TOKEN_BYTES = 255


def kept(token: str) -> bool:
    # a character is at most 4 bytes: most words are judged without encoding them
    return len(token) * 4 < MAX_TOKEN_BYTES or len(token.encode()) < MAX_TOKEN_BYTES


# OCR repair inside Cyrillic words. Tesseract reads pre-1918 «і» as «1», «З» as «3», «О» as
# «0» (counts measured on the degraded demo pages, docs/ocr.md), and with more than one
# language loaded it mixes in Latin look-alikes («cуд» with a Latin c). A digit between two
# Cyrillic letters, or a Latin look-alike touching one, is never meant: it is mapped back.
_CYR = "а-яёА-ЯЁѣѢіІѳѲѵѴөӨүҮңҢ"
_LATIN_LOOKALIKES = str.maketrans("aceopxyiACEHKMOPTXBI", "асеорхуіАСЕНКМОРТХВІ")
_DIGIT_LOOKALIKES = str.maketrans("01346", "оізчб")
_LATIN_NEAR_CYR = re.compile(
    f"(?<=[{_CYR}])[aceopxyiACEHKMOPTXBI]+|[aceopxyiACEHKMOPTXBI]+(?=[{_CYR}])"
)
_DIGIT_IN_CYR = re.compile(f"(?<=[{_CYR}])[01346](?=[{_CYR}])")


def _ocr_repair(text: str) -> str:
    if _DIGIT_IN_CYR.search(text):
        text = _DIGIT_IN_CYR.sub(lambda m: m.group().translate(_DIGIT_LOOKALIKES), text)
    if _LATIN_NEAR_CYR.search(text):
        text = _LATIN_NEAR_CYR.sub(lambda m: m.group().translate(_LATIN_LOOKALIKES), text)
    return text


def fold(text: str) -> str:
    """OCR look-alikes repaired, then the shared spelling fold (core.text_fold)."""
    return text_fold.spelling(_ocr_repair(text))


@lru_cache(maxsize=1)
def _stemmer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_BYTES))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("russian"))
        .build()
    )


def exact_analyzer() -> tantivy.TextAnalyzer:
    """What the `*_exact` fields hold: the stemmer's chain without the stemmer."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_BYTES))
        .filter(tantivy.Filter.lowercase())
        .build()
    )


def stem_analyzer() -> tantivy.TextAnalyzer:
    return _stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The indexed term of one token (already a single alphanumeric run)."""
    out = _stemmer().analyze(fold(word))
    return out[0] if out else ""


def exact(word: str) -> str:
    return fold(word).lower()


def terms(text: str) -> list[str]:
    """Stemmed terms of a free text, in order (what the `text` field holds)."""
    return [stem(t) for t in TOKEN.findall(fold(text)) if kept(t)]


def exact_terms(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(fold(text)) if kept(t)]


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    surface: str

    @property
    def exact(self) -> str:
        return exact(self.surface)

    @property
    def stem(self) -> str:
        return stem(self.surface)


def tokens(text: str) -> Iterator[Token]:
    """Tokens of the original text with character offsets into it (for highlights)."""
    for m in TOKEN.finditer(text):
        if kept(m.group()):
            yield Token(m.start(), m.end(), m.group())


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, cut off at limit+1 (as tantivy/Lucene fuzzy count)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def auto_fuzziness(term: str) -> int:
    """Edits allowed when the user gives none: 0 up to 2 letters, 1 up to 5, else 2."""
    n = len(term)
    return 0 if n <= 2 else 1 if n <= 5 else 2


@lru_cache(maxsize=1)
def _morph() -> object:
    # late: dictionaries load slowly; only the lemma analyzer needs them
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=50_000)
def stem_variants(word: str) -> tuple[str, ...]:
    """Stems of every inflected form of a known Russian word, its own stem first.

    The Snowball stemmer does not give one stem to all forms of some words («трибунал»
    → «трибуна» but «трибуналом» → «трибунал»), so a query word is widened to the stems
    of its whole lexeme (most probable parse only, dictionary words only). Indexing stays
    plain Snowball, identical in both backends.
    """
    own = stem(word)
    low = exact(word)
    morph = _morph()
    if not own or not morph.word_is_known(low):  # type: ignore[attr-defined]
        return (own,) if own else ()
    forms = morph.parse(low)[0].lexeme  # type: ignore[attr-defined]
    others = sorted({stem(f.word) for f in forms} - {own, ""})
    return (own, *others)
