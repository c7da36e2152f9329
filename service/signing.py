"""Signed tokens for the links mailed to commenters: HMAC-SHA256 with the app's secret.

A token carries its purpose, its payload and when it was made, so a confirmation link
cannot be replayed as a commenter token and an old link stops working. Nothing is kept
on the server for a token: the signature is the proof that the portal made it. The
secret is the setting ``secret_key``, or a random one made once in the data dir (the
embedded default needs no configuration and never signs with a known default).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path
from typing import Any

from core.settings import Settings

SECRET_FILE = "secret_key"


class BadToken(ValueError):
    """The token is malformed, forged, for another purpose, or too old."""


def secret_of(settings: Settings) -> bytes:
    if settings.secret_key:
        return settings.secret_key.encode()
    path = settings.data_dir / SECRET_FILE
    if not path.exists():
        _make_secret(path)
    return path.read_text(encoding="ascii").strip().encode()


def _make_secret(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_urlsafe(48))
    try:  # the first process to finish wins; the others read its secret
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def keyed_hash(secret: bytes, value: str) -> str:
    """A stable key for a value (an e-mail address) that does not reveal it."""
    return hmac.new(secret, b"key:" + value.encode(), hashlib.sha256).hexdigest()


def sign(secret: bytes, purpose: str, payload: dict[str, Any], now: float | None = None) -> str:
    body = {"p": purpose, "t": int(time.time() if now is None else now), **payload}
    raw = _b64(json.dumps(body, separators=(",", ":"), sort_keys=True).encode())
    mac = hmac.new(secret, raw.encode(), hashlib.sha256).digest()
    return f"{raw}.{_b64(mac)}"


def verify(
    secret: bytes, token: str, purpose: str, max_age: float, now: float | None = None
) -> dict[str, Any]:
    """The payload of a token this portal signed for ``purpose`` within ``max_age`` s."""
    raw, _, mac = token.partition(".")
    if not raw or not mac or len(token) > 1000:
        raise BadToken("malformed")
    good = hmac.new(secret, raw.encode(), hashlib.sha256).digest()
    try:
        given = _unb64(mac)
        body = json.loads(_unb64(raw))
    except (ValueError, UnicodeDecodeError) as e:
        raise BadToken("malformed") from e
    if not hmac.compare_digest(good, given):
        raise BadToken("forged")
    if not isinstance(body, dict) or body.get("p") != purpose:
        raise BadToken("purpose")
    age = (time.time() if now is None else now) - int(body.get("t", 0))
    if age > max_age or age < -300:
        raise BadToken("expired")
    return body
