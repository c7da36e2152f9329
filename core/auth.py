"""Roles, what each may do, and API keys stored as hashes.

The permission table is data, so "who may do what" is read in one place and printed
as is in docs/api-auth.md. Roles are not a strict ladder: a court clerk publishes the
decisions of their own court and nothing in the archives, an archivist uploads archive
scans and publishes no court decisions. A developer (a ministry or agency that drafts
acts) manages the drafts and plan items of its own agency, as a clerk does its court's.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from core.db import HasDatabase
from core.errors import AccessDenied, AuthError
from core.models import ApiKey, utcnow


class Role(StrEnum):
    READER = "reader"
    RESEARCHER = "researcher"
    ARCHIVIST = "archivist"
    CLERK = "clerk"
    DEVELOPER = "developer"
    ADMIN = "admin"


class Permission(StrEnum):
    READ_PUBLIC = "read_public"  # published documents of public collections
    READ_RESTRICTED = "read_restricted"  # published documents of restricted collections
    UPLOAD_ARCHIVE = "upload_archive"  # batches: upload, watch, retry
    PUBLISH_DECISIONS = "publish_decisions"  # decisions of the key's own court
    ANY_COURT = "any_court"  # decisions of every court
    READ_AUDIT = "read_audit"
    MANAGE_DRAFTS = "manage_drafts"  # drafts and plan items of the key's own agency
    ANY_AGENCY = "any_agency"  # drafts and plan items of every agency
    CORRECT_TEXT = "correct_text"  # recognized text of archive pages; the misreading queue


PERMISSIONS: dict[Role | None, frozenset[Permission]] = {
    None: frozenset({Permission.READ_PUBLIC}),  # anonymous
    Role.READER: frozenset({Permission.READ_PUBLIC}),
    Role.RESEARCHER: frozenset({Permission.READ_PUBLIC, Permission.READ_RESTRICTED}),
    Role.ARCHIVIST: frozenset(
        {
            Permission.READ_PUBLIC,
            Permission.READ_RESTRICTED,
            Permission.UPLOAD_ARCHIVE,
            Permission.CORRECT_TEXT,
        }
    ),
    Role.CLERK: frozenset({Permission.READ_PUBLIC, Permission.PUBLISH_DECISIONS}),
    Role.DEVELOPER: frozenset({Permission.READ_PUBLIC, Permission.MANAGE_DRAFTS}),
    Role.ADMIN: frozenset(Permission),
}
KEY_PREFIX = "achyk_"
VISIBLE = 8  # characters of the secret part shown as the key's id


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is asking: a key's identity, or anonymous (key_id None)."""

    key_id: int | None = None
    prefix: str = ""
    role: Role | None = None
    court: str | None = None
    client: str = ""
    agency: str | None = None

    @property
    def actor(self) -> str:
        return self.prefix or "anonymous"

    def can(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        if self.can(permission):
            return
        if self.role is None:
            raise AuthError("Нужен API-ключ: заголовок Authorization: Bearer КЛЮЧ")
        raise AccessDenied(f"Роли «{self.role}» это не разрешено")

    def require_court(self, court: str) -> None:
        """Clerks act for their own court only; admins for any."""
        self.require(Permission.PUBLISH_DECISIONS)
        if self.can(Permission.ANY_COURT):
            return
        if self.court is None or court_key(self.court) != court_key(court):
            raise AccessDenied(f"Ключ выдан для суда «{self.court}», а не для «{court}»")

    def acts_for_agency(self, agency: str) -> bool:
        """Whether the caller manages the drafts of `agency` (its developer, or an admin)."""
        if not self.can(Permission.MANAGE_DRAFTS):
            return False
        if self.can(Permission.ANY_AGENCY):
            return True
        return self.agency is not None and court_key(self.agency) == court_key(agency)

    def require_agency(self, agency: str) -> None:
        """Developers act for their own agency only; admins for any."""
        self.require(Permission.MANAGE_DRAFTS)
        if not self.acts_for_agency(agency):
            raise AccessDenied(f"Ключ выдан для ведомства «{self.agency}», а не для «{agency}»")


ANONYMOUS = Caller()
LOCAL_ADMIN = Caller(prefix="cli", role=Role.ADMIN, client="local")


def court_key(name: str) -> str:
    """A court's name compared loosely: case, ё/е, quotes and spacing do not matter."""
    s = unicodedata.normalize("NFKC", name).casefold().replace("ё", "е")
    for ch in "«»\"'“”„.,":
        s = s.replace(ch, " ")
    return " ".join(s.split())


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class NewKey:
    id: int
    prefix: str
    key: str  # shown once; only its hash is stored


def create_key(
    ctx: HasDatabase,
    role: Role,
    *,
    court: str | None = None,
    label: str = "",
    agency: str | None = None,
) -> NewKey:
    if role is Role.CLERK and not (court and court.strip()):
        raise ValueError("Ключу секретаря суда нужен суд: --court")
    if role is not Role.CLERK and court:
        raise ValueError("Суд указывается только для роли clerk")
    if role is Role.DEVELOPER and not (agency and agency.strip()):
        raise ValueError("Ключу ведомства-разработчика нужно ведомство: --agency")
    if role is not Role.DEVELOPER and agency:
        raise ValueError("Ведомство указывается только для роли developer")
    secret = secrets.token_urlsafe(32)
    key = KEY_PREFIX + secret
    prefix = KEY_PREFIX + secret[:VISIBLE]
    with ctx.db.session() as s:
        row = ApiKey(
            prefix=prefix,
            key_hash=hash_key(key),
            role=role,
            court=court.strip() if court else None,
            agency=agency.strip() if agency else None,
            label=label,
        )
        s.add(row)
        s.flush()
        return NewKey(id=row.id, prefix=prefix, key=key)


def authenticate(ctx: HasDatabase, key: str | None, client: str = "") -> Caller:
    """The caller a presented key stands for; no key is anonymous, a bad one an error."""
    if key is None:
        return Caller(client=client)
    with ctx.db.session() as s:
        row = s.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key.strip())))
        if row is None or row.revoked_at is not None:
            raise AuthError("Неизвестный или отозванный API-ключ")
        return Caller(
            key_id=row.id,
            prefix=row.prefix,
            role=Role(row.role),
            court=row.court,
            client=client,
            agency=row.agency,
        )


def list_keys(ctx: HasDatabase) -> list[ApiKey]:
    with ctx.db.session() as s:
        return list(s.scalars(select(ApiKey).order_by(ApiKey.id)))


def revoke_key(ctx: HasDatabase, prefix: str) -> ApiKey:
    with ctx.db.session() as s:
        row = s.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
        if row is None:
            raise ValueError(f"Нет ключа {prefix}")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
        return row
