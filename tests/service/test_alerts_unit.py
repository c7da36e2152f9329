"""The feed's XML and the words a mail says about a search (pure logic)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from core.errors import QuerySyntaxError
from core.types import SubscriptionKind
from service.alerts import (
    DESCRIBE_MAX,
    NewMatch,
    atom_feed,
    clean_query,
    describe,
    subscription_query,
    valid_email,
)

pytestmark = pytest.mark.unit
A = "{http://www.w3.org/2005/Atom}"


def test_feed_drops_characters_xml_forbids() -> None:
    at = dt.datetime(2026, 12, 5, tzinfo=dt.UTC)
    m = NewMatch(7, "Протокол\x0c №1", at, "страница\x0cвторая\x00")
    body = atom_feed("https://achyk.kg", {"q": ["протокол"]}, "https://achyk.kg/f", [m])
    feed = ET.fromstring(body)  # would raise on a form feed
    [entry] = feed.findall(f"{A}entry")
    assert entry.findtext(f"{A}title") == "Протокол №1"
    assert entry.findtext(f"{A}summary") == "страницавторая"
    assert entry.find(f"{A}link").get("href") == "https://achyk.kg/documents/7"  # type: ignore[union-attr]


def test_a_long_query_is_cut_in_the_mail() -> None:
    long = "купите " * 100
    assert len(describe({"q": [long]})) == DESCRIBE_MAX
    assert describe({}) == "все документы"


@pytest.mark.parametrize(
    ("kind", "query", "value", "saved"),
    [
        (SubscriptionKind.SEARCH, {"q": "суд", "page": "3", "x": "y"}, None, {"q": ["суд"]}),
        (SubscriptionKind.COURT, {"q": "суд"}, "Ленинский суд", {"court": ["Ленинский суд"]}),
        (SubscriptionKind.FOND, {}, "fond-1", {"collection": ["fond-1"]}),
        (SubscriptionKind.NORM, {"norm": ["uk-kr-2021/168"]}, None, {"norm": ["uk-kr-2021/168"]}),
    ],
)
def test_what_a_subscription_keeps(
    kind: SubscriptionKind, query: dict[str, object], value: str | None, saved: dict[str, object]
) -> None:
    assert subscription_query(kind, query, value) == saved


def test_query_values_are_bounded() -> None:
    cleaned = clean_query({"court": ["a"] * 50, "q": "x" * 5000})
    assert len(cleaned["court"]) == 20 and len(cleaned["q"][0]) == 1000


@pytest.mark.parametrize("email", ["", "a", "a@b", "a b@c.kg", "<a@b.kg>", "a@b.kg, c@d.kg"])
def test_bad_addresses(email: str) -> None:
    with pytest.raises(QuerySyntaxError):
        valid_email(email)


def test_good_address() -> None:
    assert valid_email("  Asel.K+alerts@mail.example.kg ") == "Asel.K+alerts@mail.example.kg"
