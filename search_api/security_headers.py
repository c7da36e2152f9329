"""Security headers on every response, HTML or JSON, errors included.

The UI has no inline script or style (scripts and styles are static files), so the
Content-Security-Policy allows our own origin only. The API docs page (Swagger UI) is the
one exception: FastAPI renders it with an inline script and loads Swagger from its CDN,
so that page gets a policy with the hash of exactly that script.
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi.openapi.docs import get_swagger_ui_html
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SWAGGER_CDN = "https://cdn.jsdelivr.net"
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


def docs_csp(openapi_url: str, title: str) -> str:
    """The policy of the Swagger UI page, with the hash of the script FastAPI inlines."""
    html = bytes(
        get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{title} - Swagger UI",
            oauth2_redirect_url=None,
            init_oauth=None,
            swagger_ui_parameters=None,
        ).body
    )
    hashes = " ".join(_script_hashes(html.decode()))
    return (
        f"default-src 'self'; script-src 'self' {SWAGGER_CDN} {hashes}; "
        f"style-src 'self' {SWAGGER_CDN}; img-src 'self' data: https://fastapi.tiangolo.com; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
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
