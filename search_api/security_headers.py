"""Security headers on every response, HTML or JSON, errors included.

The UI has no inline script or style (scripts and styles are static files), so the
Content-Security-Policy allows our own origin only. The API docs page (Swagger UI) is the
one exception: FastAPI renders it with an inline script, so that page gets a policy with
the hash of exactly that script. Swagger UI itself is served by the application (no CDN:
the reading room may be offline).
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _script_hashes(html: str) -> list[str]:
    out = []
    for body in re.findall(r"<script>(.*?)</script>", html, flags=re.S):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        out.append(f"'sha256-{digest}'")
    return out


def docs_csp(html: str) -> str:
    """The policy of the Swagger UI page `html`, with the hash of each script it inlines."""
    hashes = " ".join(_script_hashes(html))
    return (
        f"default-src 'self'; script-src 'self' {hashes}; style-src 'self'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'"
    )


def secure(headers: MutableHeaders, policy: str = CSP) -> None:
    """Add the policy and the common headers, keeping any the response set itself.

    Used by the middleware, and directly on the 500 answer: Starlette builds that one in
    its outermost error middleware, outside every middleware we add."""
    headers.setdefault("Content-Security-Policy", policy)
    for k, v in COMMON.items():
        headers.setdefault(k, v)


class SecurityHeaders:
    """Pure ASGI middleware; a header the route set itself is kept."""

    def __init__(self, app: ASGIApp, *, docs_path: str, docs_policy: str) -> None:
        self.app = app
        self.docs_path = docs_path
        self.docs_policy = docs_policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.docs_policy if scope["path"] == self.docs_path else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                secure(MutableHeaders(scope=message), policy)
            await send(message)

        await self.app(scope, receive, with_headers)
