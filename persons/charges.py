"""Charges linked to the norm catalogue: «58-10» in a record of 1937 is ``uk-rsfsr-1926/58-10``.

A record keeps its articles as written; the ids come from ``norms`` (the one place that
knows the codes and their editions), read on the date of the sentence, else of the arrest.
A bare article takes the criminal code in force on that date: the RSFSR code of 1926 until
1961 (the Kirghiz SSR applied it until its own code), the Kirghiz SSR code of 1960 after.
An article written with its code («67 УК Киргизской ССР», «58-10 УК РСФСР») keeps that code.
"""

from __future__ import annotations

import datetime as dt
import re

from norms import norm_ids

# The registry's records are of 1918–1953; with no date at all an article is read as of
# a day inside that period, when the RSFSR code of 1926 was the one applied.
DEFAULT_DAY = dt.date(1937, 1, 1)
_BARE = re.compile(r"\d{1,3}(?:-\d{1,2})?[а-яё]?(?:\s*[«\"]?[а-яё][»\"]?)?", re.IGNORECASE)
_CITED = re.compile(r"(?:ст|ч|п|пп|ст\.ст)\.?\s", re.IGNORECASE)


def charge_date(sentence_date: dt.date | str | None, arrest_date: dt.date | str | None) -> dt.date:
    """The day a charge is read on: the sentence, else the arrest, else the period's."""
    for d in (sentence_date, arrest_date):
        if isinstance(d, str):
            return dt.date.fromisoformat(d)
        if d is not None:
            return d
    return DEFAULT_DAY


def charge_norm_ids(charge: list[str], on: dt.date | None = None) -> list[str]:
    """Canonical norm ids of a record's articles, in order, without repeats."""
    day = on or DEFAULT_DAY
    out: dict[str, None] = {}
    for item in charge:
        text = " ".join(str(item).split())
        if not text:
            continue
        if _BARE.fullmatch(text):
            cited = f"ст. {text} УК"
        else:
            cited = text if _CITED.match(text) else f"ст. {text}"
        # An item naming no code («58 п. 10») takes the code in force, like a bare one.
        for nid in norm_ids(cited, day) or norm_ids(cited + " УК", day):
            out.setdefault(nid, None)
    return list(out)
