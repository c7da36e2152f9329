"""Typo tolerance that knows how OCR fails: `слово~` also matches the word as tesseract
misreads it, with one or two typical confusions, whatever the word's length.

Plain fuzzy matching (Levenshtein, what both engines offer) allows one edit up to five
letters, and counts a split letter («ы» read as «ьі») as two. Scanned archives need
better: a four-letter Kyrgyz word typed with «ү» and read by the Russian model comes back
with two substituted letters. So the query word is expanded here into the forms OCR
produces, and each backend matches them as exact terms next to its ordinary fuzzy query:
the expansion is in the shared query tree, so both backends get the same matches.

The table is folded and lower-case (analysis.fold runs first, which already repairs digits
and Latin look-alikes inside Cyrillic words). Its entries are the confusions counted on the
degraded demo pages (docs/ocr.md: «ѣ»→«ъ/ь/б», «ъ»→«ь», «ү»→«у», «л»→«п», «к»→«х»,
«ө»→«е», «д»→«ц/п», «с»→«б», «ш»→«п», «ң»→«н»), plus the usual typewriter splits.
"""

from __future__ import annotations

from functools import lru_cache

# letter in the word → what OCR may give instead (already folded: ѣ is е, і is и)
CONFUSIONS: dict[str, tuple[str, ...]] = {
    "е": ("ъ", "ь", "с", "б"),
    "и": ("н", "п", "й"),
    "й": ("и", "н"),
    "л": ("п", "й", "д"),
    "п": ("л", "н"),
    "н": ("и", "п"),
    "к": ("х",),
    "х": ("к",),
    "д": ("ц", "п", "л"),
    "ц": ("д", "щ"),
    "ш": ("щ", "п", "ии"),
    "щ": ("ш", "ц"),
    "с": ("б", "е", "о"),
    "о": ("а", "с", "е"),
    "а": ("о",),
    "ь": ("ъ", "б"),
    "ъ": ("ь",),
    "ы": ("ьи", "ь", "бы"),
    "ю": ("ио",),
    "м": ("ш", "л"),
    "т": ("г",),
    "г": ("т",),
    "в": ("з", "б"),
    "з": ("3", "в"),
    "б": ("6", "ь"),
    "ч": ("4",),
    "ү": ("у",),
    "ө": ("е", "о"),
    "ң": ("н",),
    "у": ("ү",),
}
MAX_VARIANTS = 200


@lru_cache(maxsize=4096)
def ocr_variants(word: str, confusions: int = 2) -> tuple[str, ...]:
    """Forms of `word` (folded, lower-case) with 1..`confusions` OCR confusions, fewest first.

    At most MAX_VARIANTS; the word itself is not included.
    """
    seen: set[str] = {word}
    out: list[str] = []
    frontier: list[tuple[str, int]] = [(word, 0)]  # (form, first position still free)
    for _ in range(max(0, confusions)):
        nxt: list[tuple[str, int]] = []
        for form, start in frontier:
            for i in range(start, len(form)):
                for repl in CONFUSIONS.get(form[i], ()):
                    cand = form[:i] + repl + form[i + 1 :]
                    if cand in seen:
                        continue
                    seen.add(cand)
                    out.append(cand)
                    nxt.append((cand, i + len(repl)))
                    if len(out) >= MAX_VARIANTS:
                        return tuple(out)
        frontier = nxt
    return tuple(out)
