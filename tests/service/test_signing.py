"""Signed tokens of the commenters' links: only this portal's, for their purpose, in time."""

from __future__ import annotations

import pytest

from service.signing import BadToken, keyed_hash, sign, verify

pytestmark = pytest.mark.unit
SECRET = b"s" * 32
T0 = 1_800_000_000.0


def test_a_token_carries_its_payload() -> None:
    token = sign(SECRET, "confirm", {"c": 7}, now=T0)
    assert verify(SECRET, token, "confirm", 60, now=T0 + 59)["c"] == 7


@pytest.mark.parametrize(
    ("token", "purpose", "secret", "at", "why"),
    [
        (sign(SECRET, "confirm", {"c": 7}, now=T0), "commenter", SECRET, T0, "purpose"),
        (sign(SECRET, "confirm", {"c": 7}, now=T0), "confirm", b"x" * 32, T0, "forged"),
        (sign(SECRET, "confirm", {"c": 7}, now=T0), "confirm", SECRET, T0 + 61, "expired"),
        (sign(SECRET, "confirm", {"c": 7}, now=T0)[:-2] + "AA", "confirm", SECRET, T0, "forged"),
        ("no-dot-at-all", "confirm", SECRET, T0, "malformed"),
        ("%%%.%%%", "confirm", SECRET, T0, "malformed"),
        ("a." + "b" * 2000, "confirm", SECRET, T0, "malformed"),
    ],
)
def test_refused(token: str, purpose: str, secret: bytes, at: float, why: str) -> None:
    with pytest.raises(BadToken, match=why):
        verify(secret, token, purpose, 60, now=at)


def test_an_address_key_is_stable_and_reveals_nothing() -> None:
    key = keyed_hash(SECRET, "a@example.kg")
    assert key == keyed_hash(SECRET, "a@example.kg") != keyed_hash(b"y" * 32, "a@example.kg")
    assert "example" not in key and len(key) == 64
