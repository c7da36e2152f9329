"""The public extraction entry points."""

from __future__ import annotations

import datetime

from norms.acts import lexicon, title_key
from norms.clean import clean
from norms.find import find_refs
from norms.model import NormRef, RawRef
from norms.resolve import ref_ids

_KY_LETTERS = frozenset("өүңӨҮҢ")


def guess_lang(text: str) -> str:
    """«ky» when Kyrgyz-only letters are frequent (over 1.5 % of the text; Kyrgyz prose has
    4–6 %, a Russian text with Kyrgyz names far less), else «ru»."""
    sample = text[:20000]
    ky = sum(1 for ch in sample if ch in _KY_LETTERS)
    return "ky" if ky >= 3 and ky * 200 >= 3 * len(sample) else "ru"


def _titles(refs: list[RawRef]) -> dict[str, str]:
    """Law title → number, from the mentions that carry both."""
    out: dict[str, str] = {}
    for r in refs:
        if r.act.is_law and r.act.law_title and r.act.law_number:
            out.setdefault(title_key(r.act.law_title), r.act.law_number)
    return out


def resolve_refs(
    refs: list[RawRef], on: datetime.date, max_ids: int | None = None
) -> list[tuple[int, int, list[str]]]:
    """Ids for raw references, overlapping ones merged: ``(start, end, ids)`` in the cleaned
    text. A bare law inside a reference to one of its articles is dropped. ``max_ids``
    bounds each reference's expansion (TooManyNorms)."""
    titles = _titles(refs)
    lex = lexicon()
    spans: list[tuple[int, int, list[str]]] = []
    for r in refs:
        ids = ref_ids(lex, r, on, titles, max_ids)
        if spans and r.start < spans[-1][1]:
            s, e, prev = spans[-1]
            if r.end <= e and r.act.is_law and not r.components:
                continue
            spans[-1] = (s, max(e, r.end), prev + [i for i in ids if i not in prev])
            continue
        spans.append((r.start, r.end, ids))
    return [sp for sp in spans if sp[2]]


def extract_norms(
    text: str, doc_date: datetime.date | None = None, lang: str | None = None
) -> list[NormRef]:
    """References to legal norms in ``text``, with spans into ``text`` and canonical ids.

    ``doc_date`` picks the edition of each act (the one in force that day; today when not
    given). ``lang`` («ru»/«ky», guessed when not given) only decides abbreviations that
    differ between languages («ЖК»); both grammars always run, since Kyrgyz texts cite
    Russian forms and back.
    """
    if not text:
        return []
    on = doc_date or datetime.date.today()
    ct = clean(text)
    lang = lang or guess_lang(ct.text)
    out: list[NormRef] = []
    for s, e, ids in resolve_refs(find_refs(ct.text, lang), on):
        a, b = ct.start(s), ct.end(e)
        out.append(NormRef(a, b, text[a:b], tuple(ids)))
    return out


def norm_ids(text: str, doc_date: datetime.date | None = None) -> list[str]:
    """Unique canonical ids cited in ``text``, in order of appearance."""
    seen: dict[str, None] = {}
    for ref in extract_norms(text, doc_date):
        for i in ref.ids:
            seen.setdefault(i, None)
    return list(seen)
