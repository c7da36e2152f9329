"""`Server-Timing: app;dur=…` on every answer: how long the server took before it answered.

A reader's wait is network + server + browser; the header splits off the server's share
so that a browser (Navigation Timing's `serverTiming`), the developer tools and
bench/reader.py see it for the very request they made, with no log to correlate. The
duration runs from the request reaching the outermost middleware to the answer's headers
leaving it: a page rendered whole (every UI page, every JSON answer) is counted whole; a
streamed body (an export) only up to its first bytes.

It says nothing the client could not time itself from the same request, and carries no
other metric: no database or engine breakdown for a stranger to study.
"""

from __future__ import annotations

import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

METRIC = "app"


class ServerTiming:
    """Pure ASGI middleware (no buffering of the body, streaming answers pass untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - started) * 1000
                MutableHeaders(scope=message).append("Server-Timing", f"{METRIC};dur={ms:.1f}")
            await send(message)

        await self.app(scope, receive, timed)
