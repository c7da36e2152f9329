"""`achyk keys …` and `achyk audit`: API keys and the audit trail, for the operator.

The operator at the console acts as a local admin; what they do is audited too, as
actor `cli` from `local:<user>`.
"""

from __future__ import annotations

import getpass
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cli.context import open_context
from core.audit import AuditQuery, events, record
from core.auth import LOCAL_ADMIN, Caller, Role, create_key, list_keys, revoke_key

keys_app = typer.Typer(help="API-ключи: выдать, показать, отозвать.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)


def _operator() -> Caller:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return Caller(prefix=LOCAL_ADMIN.prefix, role=Role.ADMIN, client=f"local:{user}")


@keys_app.command("create")
def keys_create(
    cmd: typer.Context,
    role: Annotated[
        Role, typer.Option(help="reader, researcher, archivist, clerk, developer, admin")
    ],
    court: Annotated[str | None, typer.Option(help="Суд (только для роли clerk)")] = None,
    label: Annotated[str, typer.Option(help="Кому выдан ключ")] = "",
    agency: Annotated[
        str | None, typer.Option(help="Ведомство-разработчик (только для роли developer)")
    ] = None,
) -> None:
    """Выдать ключ; сам ключ — последняя строка вывода, он показывается один раз."""
    ctx = open_context(cmd)
    try:
        new = create_key(ctx, role, court=court, label=label, agency=agency)
        record(
            ctx,
            _operator(),
            "key.create",
            f"key:{new.prefix}",
            detail={"role": str(role), "court": court, "agency": agency, "label": label},
        )
    except ValueError as e:
        err.print(f"[red]{escape(str(e))}[/]")
        raise typer.Exit(2) from None
    finally:
        ctx.close()
    out.print(
        f"Ключ {new.prefix}… роль {role}"
        + (f", суд «{escape(court)}»" if court else "")
        + (f", ведомство «{escape(agency)}»" if agency else "")
        + ". Сохраните его: он больше не будет показан.",
        highlight=False,
    )
    print(new.key)


@keys_app.command("list")
def keys_list(cmd: typer.Context) -> None:
    """Все ключи (без секретов)."""
    ctx = open_context(cmd)
    try:
        rows = list_keys(ctx)
    finally:
        ctx.close()
    t = Table(title="API-ключи")
    for col in ("ключ", "роль", "суд", "кому", "выдан", "отозван"):
        t.add_column(col)
    for r in rows:
        t.add_row(
            r.prefix + "…",
            r.role,
            escape(r.court or ""),
            escape(r.label),
            f"{r.created_at:%Y-%m-%d %H:%M}",
            f"{r.revoked_at:%Y-%m-%d %H:%M}" if r.revoked_at else "",
        )
    out.print(t)


@keys_app.command("revoke")
def keys_revoke(
    cmd: typer.Context,
    prefix: Annotated[str, typer.Argument(help="Начало ключа, как в keys list")],
) -> None:
    """Отозвать ключ: он сразу перестаёт действовать."""
    ctx = open_context(cmd)
    try:
        row = revoke_key(ctx, prefix.rstrip("…"))
        record(ctx, _operator(), "key.revoke", f"key:{row.prefix}")
    except ValueError as e:
        err.print(f"[red]{escape(str(e))}[/]")
        raise typer.Exit(2) from None
    finally:
        ctx.close()
    out.print(f"Ключ {row.prefix}… отозван.")


def audit_command(
    cmd: typer.Context,
    limit: Annotated[int, typer.Option(help="Сколько последних записей")] = 50,
    action: Annotated[str | None, typer.Option(help="Только это действие")] = None,
) -> None:
    """Журнал записей: кто, что, когда и откуда (новые сверху)."""
    ctx = open_context(cmd)
    try:
        rows = events(ctx, AuditQuery(action=action, limit=limit))
    finally:
        ctx.close()
    t = Table(title="Журнал аудита")
    for col in ("№", "когда", "кто", "роль", "действие", "объект", "откуда", "итог"):
        t.add_column(col)
    for r in rows:
        t.add_row(
            str(r.id),
            f"{r.at:%Y-%m-%d %H:%M:%S}",
            escape(r.actor),
            r.role or "",
            escape(r.action),
            escape(r.target),
            escape(r.client),
            r.outcome,
        )
    out.print(t)
