"""Uploads and every other write of the API: the caller is checked before a byte of the
body is read, and the bytes are counted as they arrive.

FastAPI parses a multipart body before it runs the route's dependencies, so without
this an anonymous client could make the server spool gigabytes to disk before learning
it may not upload. And a `Transfer-Encoding: chunked` request has no Content-Length to
check up front: only counting what is actually received bounds it. The same holds for
the persons CSV import and the JSON bodies of person edits and merges, so the guard takes
every POST/PUT/PATCH/DELETE under /api/v1, each with its own size limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.auth import Permission, authenticate
from core.errors import AccessDenied, AuthError
from core.settings import Settings
from indices.context import AppContext
from search_api.auth import bearer_key

Refuse = Callable[[Request, AuthError | AccessDenied, int], Response]


WRITES = ("POST", "PUT", "PATCH", "DELETE")
PERSONS_IMPORT_MB = 20  # search_api.routers.persons.MAX_IMPORT_BYTES, plus the form around it
COMMENT_MB = 2  # service.drafts_comments.ATTACHMENT_MAX_BYTES
DRAFT_COMMENT = re.compile(r"^/api/v1/drafts/\d{1,10}/comments$")
OTHER_WRITE_MB = 1  # JSON bodies of the other writes (person edits, merges) are a few KB


def upload_limit(settings: Settings, method: str, path: str) -> int | None:
    """Bytes a write may send: a batch up to one ZIP's unpacked limit, a decision one file,
    a persons CSV its 20 MB, any other write to the API 1 MiB. Not a write: None."""
    if method not in WRITES or not path.startswith("/api/v1/"):
        return None
    if path.startswith("/api/v1/batches"):
        return (settings.zip_max_total_mb + settings.max_upload_mb) << 20
    if path.startswith("/api/v1/decisions"):
        return (settings.max_upload_mb + 1) << 20
    if path == "/api/v1/persons/import":
        return (PERSONS_IMPORT_MB + 1) << 20
    if DRAFT_COMMENT.match(path):  # an attachment of at most 2 MiB and the form around it
        return (COMMENT_MB + 1) << 20
    return OTHER_WRITE_MB << 20


# Writes anyone may make: a reader subscribes to alerts without a key (rate limited,
# and the address must be confirmed before anything but the confirmation is mailed).
# A reader reports a misread page the same way (rate limited; stored without contact).
# A member of the public comments on a draft and votes, with an e-mail address confirmed
# by a mailed link (rate limited per address and per client, moderated before publication).
ANONYMOUS_WRITES = frozenset({"/api/v1/subscriptions", "/api/v1/comments/confirm"})
ANONYMOUS_WRITE_PATTERN = re.compile(
    r"^/api/v1/(?:documents/\d{1,10}/pages/\d{1,10}/reports|drafts/\d{1,10}/(?:comments|vote))$"
)


def anonymous_write(path: str) -> bool:
    return path in ANONYMOUS_WRITES or ANONYMOUS_WRITE_PATTERN.match(path) is not None


def upload_permission(path: str) -> Permission | None:
    """What a write needs before its body is read; None: only a valid key (the route
    checks the rest). Every write of the API but ANONYMOUS_WRITES needs a key
    (tests/search_api/authz_matrix.csv)."""
    if path.startswith(("/api/v1/batches", "/api/v1/persons")):
        return Permission.UPLOAD_ARCHIVE
    if path.startswith("/api/v1/decisions"):
        return Permission.PUBLISH_DECISIONS
    return None


class TooLarge(HTTPException):
    """Raised from `receive` once the body passes the limit; FastAPI passes an
    HTTPException from body parsing through unchanged, so the client gets a 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"Запрос больше {limit >> 20} МиБ")


class UploadGuard:
    """Pure ASGI middleware for every write of the API (see the module docstring)."""

    def __init__(self, app: ASGIApp, ctx: AppContext, refuse: Refuse) -> None:
        self.app = app
        self.ctx = ctx
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = upload_limit(self.ctx.settings, scope["method"], scope["path"])
        if limit is None:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = await run_in_threadpool(self._refusal, scope, headers)
        if refusal is not None:
            await _answer(refusal, scope, receive, send)
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            await _answer(
                JSONResponse({"detail": f"Запрос больше {limit >> 20} МиБ"}, status_code=413),
                scope,
                receive,
                send,
            )
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise TooLarge(limit)
            return message

        await self.app(scope, counted, send)

    def _refusal(self, scope: Scope, headers: Headers) -> Response | None:
        """401/403 for a caller who may not upload here; None to go on."""
        request = Request(scope)
        client = scope["client"][0] if scope.get("client") else ""
        try:
            caller = authenticate(self.ctx, bearer_key(headers.get("authorization")), client)
            request.state.caller = caller
            permission = upload_permission(scope["path"])
            if permission is not None:
                caller.require(permission)
            elif caller.role is None and not anonymous_write(scope["path"]):
                raise AuthError("Нужен API-ключ: заголовок Authorization: Bearer КЛЮЧ")
        except AuthError as e:
            return self.refuse(request, e, 401)
        except AccessDenied as e:
            return self.refuse(request, e, 403)
        return None


async def _answer(response: Response, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer without reading the body; the connection is closed after it, so the unread
    rest is never taken in."""
    response.headers["Connection"] = "close"
    await response(scope, receive, send)
