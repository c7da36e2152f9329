"""Autocompletion of act names for the search box."""

from __future__ import annotations

import datetime

from core import text_fold
from norms.catalog import Act, Edition, load_catalog

# ё and the Kyrgyz letters as Russian ones (core.text_fold), so a query typed on a Russian
# keyboard finds a Kyrgyz act name; dashes and quotes as spaces (names are matched by word).
_FOLD = str.maketrans({**text_fold.YO, **text_fold.KYRGYZ_AS_RUSSIAN, "-": " ", "«": " ", "»": " "})


def _norm(s: str) -> str:
    return " ".join(s.lower().translate(_FOLD).split())


def _entry(act: Act, ed: Edition) -> dict[str, str]:
    return {
        "slug": ed.slug,
        "ru": act.ru,
        "ky": ed.ky or act.ky,
        "abbr": act.abbr,
        "from": ed.valid_from.isoformat() if ed.valid_from else "",
        "to": ed.valid_to.isoformat() if ed.valid_to else "",
    }


def _rank(q: str, raw: str, act: Act, ed: Edition) -> int | None:
    """0 best; None when the act does not match the query."""
    if not q:
        return 5
    slug = ed.slug
    if raw == slug:
        return 0
    if slug.startswith(raw):
        return 1
    abbr = _norm(act.abbr)
    names = [_norm(act.ru), _norm(ed.ky or act.ky), _norm(act.ky)]
    if q in (slug, abbr) or q == abbr.split(" ")[0]:
        return 0
    if slug.startswith(q):
        return 1
    if abbr.startswith(q):
        return 2
    if any(n.startswith(q) for n in names):
        return 3
    if any(f" {q}" in f" {n}" for n in names):
        return 4
    return None


def suggest_acts(prefix: str, limit: int = 10) -> list[dict[str, str]]:
    """Acts (one entry per edition) whose slug, abbreviation or Russian or Kyrgyz name
    matches ``prefix``; best matches first, editions in force today before older ones.

    Each entry: ``slug``, ``ru``, ``ky``, ``abbr``, and ``from``/``to`` (ISO dates, or
    empty when the edition's period is open).
    """
    q = _norm(prefix)
    raw = prefix.strip().lower()
    today = datetime.date.today()
    scored: list[tuple[int, int, int, int, dict[str, str]]] = []
    order = 0
    for fam in load_catalog().families:
        for act in fam.acts:
            for ed in act.editions:
                order += 1
                rank = _rank(q, raw, act, ed)
                if rank is None:
                    continue
                start = ed.valid_from.toordinal() if ed.valid_from else 0
                scored.append(
                    (rank, 0 if ed.in_force(today) else 1, -start, order, _entry(act, ed))
                )
    scored.sort(key=lambda t: t[:4])
    return [t[4] for t in scored[: max(limit, 0)]]
