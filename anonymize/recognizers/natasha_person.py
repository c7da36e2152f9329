"""Persons found by natasha's Russian NER (slovnet, models shipped in the natasha wheel).

Natasha finds most names in running text, including single first names, but misses
names in capitals, cuts Kyrgyz names at «уулу»/«кызы», sometimes takes a role word along
(`Айыпталуучу Нурбек уулу Азамат`) and tags places (`Ат-Башы`) or the state name. Its
spans are therefore trimmed to name tokens: leading or trailing role words, stop words,
known common words and place names go; a token after «ул.»/«г.»/«им.» or before
«шаары»/«району» is a place, not a person. The model loads once per process, lazily.
"""

from __future__ import annotations

import functools
from pathlib import Path

import regex as re
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from anonymize.names import (
    GEO_AFTER,
    GEO_BEFORE,
    LO,
    PARTICLES,
    TOKEN_RE,
    UP,
    fold,
    is_geo,
    plausible_name,
    words,
)
from anonymize.recognizers.base import make_result

SCORE = 0.85


class ModelsMissingError(RuntimeError):
    """natasha's NER model files are not where the wheel puts them."""


def natasha_model_paths() -> tuple[Path, Path]:
    try:
        from natasha.data import NEWS_EMBEDDING, NEWS_NER
    except ImportError as e:  # pragma: no cover - dependency is pinned
        raise ModelsMissingError(f"natasha is not installed ({e}); install natasha==1.6.0") from e
    return Path(NEWS_EMBEDDING), Path(NEWS_NER)


def check_models() -> None:
    missing = [str(p) for p in natasha_model_paths() if not p.is_file()]
    if missing:
        raise ModelsMissingError(
            "natasha NER models are missing: " + ", ".join(missing)
            + ". They ship inside the natasha==1.6.0 wheel; reinstall it. Nothing is "
            "downloaded at run time.")


@functools.cache
def tagger() -> object:
    check_models()
    from natasha import NewsEmbedding, NewsNERTagger

    emb_path, ner_path = natasha_model_paths()
    return NewsNERTagger(NewsEmbedding(str(emb_path)), str(ner_path))


class NatashaPersonRecognizer(EntityRecognizer):
    ENTITY = "PERSON"

    def __init__(self, language: str = "ru") -> None:
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__,
                         supported_language=language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        pieces = [(s, e) for s, e in chunks(text) if _NAME_LIKE.search(text, s, e)]
        markups = tagger().map([text[s:e] for s, e in pieces])  # type: ignore[attr-defined]
        found = [(offset + sp.start, offset + sp.stop) for (offset, _e), markup
                 in zip(pieces, markups, strict=True) for sp in markup.spans if sp.type == "PER"]
        out = []
        for span_start, span_stop in found:
            trimmed = trim_to_name(text, span_start, span_stop)
            if trimmed is None:
                continue
            start, end = trimmed
            out.append(make_result(self, self.ENTITY, start, end, SCORE))
        return out


_NAME_LIKE = re.compile(rf"[{UP}][{LO}]")
_BOUNDARY = re.compile(rf"\n|(?<=[.;!?:][ \u00a0])(?=[{UP}«])")
CHUNK = 400


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, int]]:
    """Lines and sentences packed into pieces of about `size` characters, so that the
    tagger sees short sequences (and a 100 KB line of digits is cut, not fed whole)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.end() - start >= size:
            out.extend(_hard_split(text, start, m.end(), 4 * size))
            start = m.end()
    if start < len(text):
        out.extend(_hard_split(text, start, len(text), 4 * size))
    return out


def _hard_split(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    out = []
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut + 1 if cut > start else start + limit
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _is_place(text: str, start: int, end: int) -> bool:
    if GEO_BEFORE.search(text, max(0, start - 24), start):
        return True
    following = words(text[end:end + 24])
    return bool(following) and fold(following[0][2]) in GEO_AFTER and following[0][0] <= 2


def trim_to_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The longest run of name tokens inside a natasha span."""
    runs: list[list[tuple[int, int, str]]] = [[]]
    for m in TOKEN_RE.finditer(text, start, end):
        tok, s, e = m.group(), m.start(), m.end()
        if tok.endswith(".") or fold(tok) in PARTICLES:
            kind = "init" if tok.endswith(".") else "particle"
        elif plausible_name(tok) and not is_geo(tok) and not _is_place(text, s, e):
            kind = "word"
        else:
            runs.append([])
            continue
        runs[-1].append((s, e, kind))
    best = None
    for run in runs:
        while run and run[-1][2] == "particle":
            run.pop()
        while run and run[0][2] == "particle":
            run.pop(0)
        if not any(kind == "word" for _s, _e, kind in run):
            continue
        if best is None or run[-1][1] - run[0][0] > best[1] - best[0]:
            best = (run[0][0], run[-1][1])
    return best
