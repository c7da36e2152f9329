"""A record's articles resolve to canonical norm ids of the code applied on its date."""

from __future__ import annotations

import datetime as dt

import pytest

from persons.charges import charge_date, charge_norm_ids

D = dt.date


@pytest.mark.parametrize(
    ("charge", "on", "ids"),
    [
        (["58-10"], D(1937, 9, 15), ["uk-rsfsr-1926/58-10"]),
        (["58-2", "58-11"], None, ["uk-rsfsr-1926/58-2", "uk-rsfsr-1926/58-11"]),
        (["58-1а"], D(1938, 1, 1), ["uk-rsfsr-1926/58-1а"]),
        (["58 п. 10"], D(1938, 1, 1), ["uk-rsfsr-1926/58-10"]),
        (["ст. 58-10 УК РСФСР"], D(1938, 1, 1), ["uk-rsfsr-1926/58-10"]),
        # the Kirghiz SSR code of 1960 for a record of its time, by name or by date
        (["67 УК Киргизской ССР"], D(1970, 1, 1), ["uk-kirssr-1960/67"]),
        (["ч. 1 ст. 67 УК КиргССР"], D(1970, 1, 1), ["uk-kirssr-1960/67/1"]),
        (["67"], D(1970, 1, 1), ["uk-kirssr-1960/67"]),
        # before 1961 the Kirghiz SSR applied the RSFSR code
        (["58-10 УК Киргизской ССР"], D(1937, 1, 1), ["uk-rsfsr-1926/58-10"]),
        (["58-10", "58-10", ""], None, ["uk-rsfsr-1926/58-10"]),
        ([], None, []),
    ],
)
def test_charge_norm_ids(charge: list[str], on: dt.date | None, ids: list[str]) -> None:
    assert charge_norm_ids(charge, on) == ids


def test_charge_date_prefers_the_sentence() -> None:
    assert charge_date("1938-02-01", D(1937, 12, 1)) == D(1938, 2, 1)
    assert charge_date(None, D(1937, 12, 1)) == D(1937, 12, 1)
    assert charge_date(None, None) == D(1937, 1, 1)
