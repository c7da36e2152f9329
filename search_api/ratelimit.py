"""Per-client rate limit on the expensive routes: an in-process token bucket.

A client is its address plus the API key it presents (a hash of the header, so a key is
never kept in memory in clear): a researcher's key behind a shared NAT gets its own
bucket, and anonymous clients share one per address. One process, one set of buckets;
behind several workers each enforces the limit on its own share.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from core.settings import Settings

EXPENSIVE = re.compile(
    r"^(?:/api/v1/(?:search|search/feed\.atom|subscriptions|practice|norms/resolve|norms/suggest"
    r"|documents/\d+/similar|documents/\d+/hits|documents/\d+/pages/\d+/hits"
    r"|documents/\d+/pages/\d+/reports)"
    r"|/iiif/3/\d+/search|/|/practice|/compare|/documents/\d+|/subscribe"
    r"|/documents/\d+/report)$"
)
MAX_CLIENTS = 100_000  # buckets kept; the least recently seen is forgotten first


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class TokenBuckets:
    """`take(client)` spends a token, or says how many seconds until one is back."""

    def __init__(self, per_minute: int, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(max(1, burst))
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float:
        """0 when allowed; else the wait in seconds before the next token."""
        now = time.monotonic() if now is None else now
        with self._lock:
            b = self._buckets.pop(client, None) or _Bucket(self.burst, now)
            b.tokens = min(self.burst, b.tokens + (now - b.at) * self.rate)
            b.at = now
            self._buckets[client] = b
            if len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
            if b.tokens >= 1:
                b.tokens -= 1
                return 0.0
            return (1 - b.tokens) / self.rate


def client_id(scope: Scope) -> str:
    address = scope["client"][0] if scope.get("client") else ""
    key = Headers(scope=scope).get("authorization", "")
    return address + "|" + (hashlib.sha256(key.encode()).hexdigest()[:16] if key else "")


class RateLimit:
    """Pure ASGI middleware: 429 with Retry-After once a client's bucket is empty."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.buckets = (
            TokenBuckets(settings.rate_limit_per_minute, settings.rate_limit_burst)
            if settings.rate_limit_per_minute > 0
            else None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.buckets is None or scope["type"] != "http" or not EXPENSIVE.match(scope["path"]):
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(client_id(scope))
        if wait:
            seconds = str(max(1, math.ceil(wait)))
            await JSONResponse(
                {"detail": f"Слишком много запросов: повторите через {seconds} с"},
                status_code=429,
                headers={"Retry-After": seconds},
            )(scope, receive, send)
            return
        await self.app(scope, receive, send)
