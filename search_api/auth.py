"""Who is calling: the Bearer key resolved to a Caller, and the write audit helper.

No header means an anonymous reader; a header with an unknown, revoked or malformed key
is refused (401) even on reads, so a client with a typo learns it at once. Refusals of
writes are audited by the exception handlers in app.py.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPBearer

from core.audit import record
from core.auth import Caller, Permission, authenticate
from core.errors import AuthError
from service.deps import Ctx

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key from `achyk keys create`: `Authorization: Bearer achyk_…`",
)


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def bearer_key(header: str | None) -> str | None:
    """The key of an `Authorization: Bearer …` header; None when there is no header."""
    if header is None:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise AuthError("Заголовок Authorization должен быть «Bearer КЛЮЧ»")
    return value.strip()


def get_caller(request: Request, ctx: Ctx, _doc: Annotated[Any, Depends(bearer)] = None) -> Caller:
    key = bearer_key(request.headers.get("authorization"))
    caller = authenticate(ctx, key, client_address(request))
    request.state.caller = caller
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]


def requires(permission: Permission) -> Any:
    """A dependency: the caller, refused with 401/403 unless it holds `permission`."""

    def check(caller: CallerDep) -> Caller:
        caller.require(permission)
        return caller

    return Depends(check)


def audit(ctx: Ctx, caller: Caller, action: str, target: str, **detail: Any) -> None:
    record(ctx, caller, action, target, detail=detail)
