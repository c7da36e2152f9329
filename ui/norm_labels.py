"""Human labels for canonical norm ids: «uk-kr-2021/168/2» → «ч. 2 ст. 168 УК КР (ред. 2021)»."""

from __future__ import annotations

from functools import lru_cache

from norms.catalog import load_catalog
from norms.ids import split_id


@lru_cache(maxsize=4096)
def norm_label(norm_id: str) -> str:
    """A citation as typed (not an id) is shown as typed: the search page echoes the norm
    box back even when the citation was refused."""
    try:
        act_slug, parts = split_id(norm_id)
    except ValueError:
        return norm_id
    found = load_catalog().edition(act_slug)
    if found is None:
        if act_slug.startswith("law-kr/"):
            act = f"Закон КР № {act_slug.split('/', 1)[1].upper()}"
        else:
            return norm_id
    else:
        act_rec, edition = found
        year = edition.slug.rsplit("-", 1)[-1]
        act = act_rec.abbr + (f" (ред. {year})" if year.isdigit() else "")
    words = [f"ст. {parts[0]}"] if parts else []
    if len(parts) > 1:
        words.insert(0, f"ч. {parts[1]}")
    if len(parts) > 2:
        words.insert(0, f"п. «{parts[2]}»")
    return " ".join([*words, act])
