"""The catalog is data: it must load from the package and agree with the contract."""

from __future__ import annotations

import datetime
import itertools
from importlib import resources

import pytest

from norms.acts import lexicon
from norms.catalog import Act, load_catalog

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

# every edition slug DESIGN.md names
CONTRACT_SLUGS = [
    "konst-kr-2021",
    "konst-kr-2010",
    "uk-kr-2021",
    "uk-kr-2017",
    "uk-kr-1997",
    "upk-kr-2021",
    "upk-kr-2017",
    "upk-kr-1999",
    "kop-kr-2021",
    "kp-kr-2017",
    "kn-kr-2017",
    "koao-kr-1998",
    "gk-kr",
    "gpk-kr-2017",
    "gpk-kr-1999",
    "apk-kr-2017",
    "tk-kr-2025",
    "tk-kr-2004",
    "nk-kr-2022",
    "nk-kr-2008",
    "zhk-kr-2013",
    "sk-kr-2003",
    "zk-kr-1999",
    "uik-kr-2017",
    "bk-kr-2016",
    "tk-eaeu",
    "uk-ru",
    "upk-ru",
    "gk-ru",
    "gpk-ru",
    "apk-ru",
    "koap-ru",
    "uk-rsfsr-1926",
    "upk-rsfsr-1923",
    # beyond the DESIGN.md table (listed in docs/norms.md): the Kirghiz SSR's own code
    "uk-kirssr-1960",
]


def test_catalog_is_package_data() -> None:
    assert resources.files("norms").joinpath("catalog.json").is_file()


def test_catalog_has_every_contract_edition() -> None:
    slugs = {ed.slug for _, ed in load_catalog().editions()}
    assert slugs == set(CONTRACT_SLUGS)
    assert load_catalog().law_prefixes() == ("law-kr",)


@pytest.mark.parametrize(
    "act", [a for f in load_catalog().families for a in f.acts], ids=lambda a: f"{a.family}-{a.jur}"
)
def test_editions_do_not_overlap_and_cover_time(act: Act) -> None:
    eds = sorted(act.editions, key=lambda e: e.valid_from or datetime.date.min)
    for a, b in itertools.pairwise(eds):
        assert a.valid_to is not None and b.valid_from is not None
        assert a.valid_to + datetime.timedelta(days=1) == b.valid_from
    assert act.ru and act.ky and act.abbr


def test_every_jurisdiction_and_family_compiles() -> None:
    lex = lexicon()
    assert {k for k, _ in lex.jurisdictions} >= {"kr", "ru", "rsfsr", "eaeu", "ts"}
    assert lex.jurisdiction("Кыргызской Республики") == "kr"
    assert lex.jurisdiction("Кыргыз Республикасынын") == "kr"
    assert lex.jurisdiction("Российской Федерации") == "ru"
    assert lex.jurisdiction("Таможенного союза") == "ts"


@pytest.mark.parametrize(
    ("families", "jur", "on", "slug"),
    [
        (("labor", "customs"), "kr", datetime.date(2024, 1, 1), "tk-kr-2004"),
        (("labor", "customs"), "eaeu", datetime.date(2024, 1, 1), "tk-eaeu"),
        (("labor", "customs"), "ts", datetime.date(2024, 1, 1), None),
        (("kop", "kp"), None, datetime.date(2020, 1, 1), "kp-kr-2017"),
        (("kop", "kp"), None, datetime.date(2023, 1, 1), "kop-kr-2021"),
        (("uk",), None, datetime.date(1937, 1, 1), "uk-rsfsr-1926"),
        # the Kirghiz SSR applied the RSFSR code until its own code of 1960 came in force
        (("uk",), None, datetime.date(1960, 5, 1), "uk-rsfsr-1926"),
        (("uk",), "kirssr", datetime.date(1938, 1, 1), "uk-rsfsr-1926"),
        (("uk",), None, datetime.date(1975, 1, 1), "uk-kirssr-1960"),
        (("uk",), "kirssr", datetime.date(1997, 12, 31), "uk-kirssr-1960"),
        (("uk",), "kr", datetime.date(1998, 1, 1), "uk-kr-1997"),
    ],
)
def test_edition_for(
    families: tuple[str, ...], jur: str | None, on: datetime.date, slug: str | None
) -> None:
    ed = load_catalog().edition_for(families, jur, on)
    assert (ed.slug if ed else None) == slug
