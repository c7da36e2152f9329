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
from threadpoolctl import ThreadpoolController

from anonymize.names import (
    GEO_AFTER,
    GEO_BEFORE,
    LO,
    NOT_NAME,
    PARTICLES,
    UP,
    fold,
    in_first_name_list,
    is_common_word,
    is_geo,
    is_place_word,
    is_role_or_function_word,
    is_role_word,
    plausible_name,
    words,
)
from anonymize.recognizers.base import make_result

SCORE = 0.85


class ModelsMissingError(RuntimeError):
    """natasha's NER model files are not where the wheel puts them."""


def natasha_model_paths() -> tuple[Path, Path]:
    try:
        # late: natasha loads slowly, only when the model runs
        from natasha.data import NEWS_EMBEDDING, NEWS_NER
    except ImportError as e:  # pragma: no cover - dependency is pinned
        raise ModelsMissingError(f"natasha is not installed ({e}); install natasha==1.6.0") from e
    return Path(NEWS_EMBEDDING), Path(NEWS_NER)


def check_models() -> None:
    missing = [str(p) for p in natasha_model_paths() if not p.is_file()]
    if missing:
        raise ModelsMissingError(
            "natasha NER models are missing: "
            + ", ".join(missing)
            + ". They ship inside the natasha==1.6.0 wheel; reinstall it. Nothing is "
            "downloaded at run time."
        )


@functools.cache
def tagger() -> object:
    check_models()
    # late: the NER model is heavy; loaded once, after check_models
    from natasha import NewsEmbedding, NewsNERTagger

    emb_path, ner_path = natasha_model_paths()
    return NewsNERTagger(NewsEmbedding(str(emb_path)), str(ner_path))


@functools.cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def tag(texts: list[str]) -> list[object]:
    """natasha's markups of `texts`, with BLAS held to one thread: the model multiplies
    small matrices, and OpenBLAS's own threads only spin against each other (measured on
    the dev set: 60 KB/s of CPU time with the default threads, 280 KB/s with one)."""
    with _blas().limit(limits=1, user_api="blas"):
        return list(tagger().map(texts))  # type: ignore[attr-defined]


class NatashaPersonRecognizer(EntityRecognizer):
    ENTITY = "PERSON"

    def __init__(self, language: str = "ru") -> None:
        super().__init__(
            supported_entities=[self.ENTITY], name=type(self).__name__, supported_language=language
        )

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        pieces = [(s, e) for s, e in chunks(text) if _NAME_LIKE.search(text, s, e)]
        markups = tag([text[s:e] for s, e in pieces])
        found = [
            (offset + sp.start, offset + sp.stop)
            for (offset, _e), markup in zip(pieces, markups, strict=True)
            for sp in markup.spans  # type: ignore[attr-defined]
            if sp.type == "PER"
        ]
        out = []
        for span_start, span_stop in found:
            for start, end in trim_to_name(text, span_start, span_stop):
                out.append(make_result(self, self.ENTITY, start, end, SCORE))
        return out


_NAME_LIKE = re.compile(r"\p{Lu}\p{Ll}")
# Paragraphs packed into pieces of about CHUNK characters: natasha reads a sentence
# differently at the start of a sequence (`Путин также подпишет` is missed there), so
# pieces are as long as the model reads comfortably and are cut only between paragraphs.
_BOUNDARY = re.compile(r"\n[ \u00a0\t]{0,8}\n|(?<=[.;!?:][ \u00a0])(?=[\p{Lu}«])")
CHUNK = 6000


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, int]]:
    """Paragraphs (or sentences) packed into pieces of about `size` characters, so that a
    100 KB line of digits is cut, not fed whole, while ordinary documents are read whole."""
    if len(text) <= size:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = 0
    last = 0
    for m in _BOUNDARY.finditer(text):
        if m.end() - start > size and last > start:
            out.extend(_hard_split(text, start, last, size))
            start = last
        last = m.end()
    if start < len(text):
        out.extend(_hard_split(text, start, len(text), size))
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
    following = words(text[end : end + 24])
    return bool(following) and fold(following[0][2]) in GEO_AFTER and following[0][0] <= 2


# Any script: natasha also tags Latin-script and foreign names (`Joshua Wolf`,
# `Сами аль-Хадж`, `Ху Цзиньтао`), which are names as much as Russian ones.
_TOKEN = re.compile(r"\p{Lu}\.|\p{L}+(?:[-'’]\p{L}+)*")
# Lower-case words inside foreign names (`Усамы бин Ладена`, `Люк ван Велли`).
NAME_LINKS = frozenset(
    (
        "аль",
        "ал",
        "эль",
        "ибн",
        "бин",
        "бен",
        "ван",
        "фон",
        "дер",
        "де",
        "ди",
        "дю",
        "да",
        "дос",
        "ла",
        "ле",
        "дель",
        "делла",
        "ду",
        "al",
        "el",
        "ibn",
        "bin",
        "ben",
        "van",
        "von",
        "der",
        "den",
        "de",
        "di",
        "du",
        "da",
        "dos",
        "la",
        "le",
        "del",
        "della",
    )
)


def _token_kind(text: str, s: int, e: int) -> str | None:
    tok = text[s:e]
    if tok.endswith("."):
        return "init"
    if fold(tok) in PARTICLES:
        return "particle"
    if not tok[0].isupper():
        head, hyphen, _rest = tok.lower().partition("-")
        if head in NAME_LINKS:
            return "word" if hyphen else "link"  # `аль-Хадж` is the name itself
        return None
    if not _CYR.search(tok):
        return "word"  # Latin script: natasha's reading stands
    if fold(tok) in NAME_LINKS:
        return "link"  # `Марин Ле Пен`, `Люк Ван Велли`
    if fold(tok) in NOT_NAME or _is_place(text, s, e):
        return None
    if not is_geo(tok) and is_place_word(tok) and not in_first_name_list(tok):
        return None  # a place with a Kyrgyz case suffix (`Бакыт Сейитбекович Россияда`)
    if is_role_or_function_word(tok) or (is_geo(tok) and not plausible_name(tok)):
        # an adjective-shaped surname after a first name stays (`Артур Гороховский`,
        # `Иоанн Грозный`, `Юрию Долгорукому`); a role word never does
        return "role" if is_role_word(tok) else "adj"
    return "word"


_CYR = re.compile(rf"[{UP}{LO}]")


def _strip_common_edges(text: str, run: list[tuple[int, int, str]]) -> None:
    """A common word natasha glued before a name goes (`Действия А.Ю. Ташполотова`); a
    lone word natasha calls a person stays one (`Хван`, `Уорд`), and so does a surname
    that is also a word after a first name (`Виктор Понедельник`, `Иисус Христос`)."""

    def common(i: int) -> bool:
        s, e, kind = run[i]
        tok = text[s:e]
        return (
            kind == "word"
            and bool(_CYR.search(tok))
            and is_common_word(tok)
            and not in_first_name_list(tok, with_ambiguous=True)
        )

    while len(run) > 1 and common(0) and sum(k == "word" for _s, _e, k in run) > 1:
        run.pop(0)
        while run and run[0][2] in ("particle", "link"):
            run.pop(0)


def trim_to_name(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names inside a natasha span: role words, stop words and places go
    (`Айыпталуучу Нурбек уулу Азамат`, `Токтогула` after `ул.`), of what is left between
    them the longest run, and each part between punctuation on its own (`Сами аль-Хадж
    (Sami al-Haj)`): anything else natasha calls a person stays one, so the union with
    the rule recognizers never finds fewer persons than natasha alone."""
    runs: list[list[tuple[int, int, str]]] = [[]]
    segment = [0]  # runs split by punctuation belong to one segment each
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.span()
        kind = _token_kind(text, s, e)
        if kind in ("adj", "role"):
            # after a name word, an adjective is a surname; a role noun is one only after
            # a known first name (`Дик Адвокат`, as against `Асанов. Адвокат`)
            prev = runs[-1][-1] if runs[-1] else None
            kind = (
                "word"
                if prev
                and prev[2] == "word"
                and (kind == "adj" or in_first_name_list(text[prev[0] : prev[1]]))
                else None
            )
        if kind is None:
            runs.append([])
            segment.append(segment[-1])
            continue
        if runs[-1] and text[runs[-1][-1][1] : s].strip():
            runs.append([])  # punctuation between: `Сами аль-Хадж (Sami al-Haj)` is two
            segment.append(segment[-1] + 1)
        runs[-1].append((s, e, kind))
    best: dict[int, tuple[int, int]] = {}
    for run, seg in zip(runs, segment, strict=True):
        while run and run[-1][2] in ("particle", "link"):
            run.pop()
        while run and run[0][2] in ("particle", "link"):
            run.pop(0)
        _strip_common_edges(text, run)
        if not any(kind == "word" for _s, _e, kind in run):
            continue
        cur = best.get(seg)
        if cur is None or run[-1][1] - run[0][0] > cur[1] - cur[0]:
            best[seg] = (run[0][0], run[-1][1])
    return list(best.values())
