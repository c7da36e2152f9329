"""`achyk plan import FILE.csv`: load an agency's legislative plan from its spreadsheet.

The operator acts as the developer of the agency named with --agency (rows of another
agency are errors), or as a local admin for a national plan without it. A dry run is the
default, as on the API: the errors come first, `--store` writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from cli.admin import _operator
from cli.context import open_context
from core.audit import record
from core.auth import Caller, Role

plan_app = typer.Typer(help="План нормотворчества: загрузка из CSV.", no_args_is_help=True)
out = Console()


@plan_app.command("import")
def plan_import(
    cmd: typer.Context,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV плана")],
    agency: Annotated[
        str | None, typer.Option(help="Ведомство: строки других ведомств — ошибки")
    ] = None,
    store: Annotated[
        bool, typer.Option("--store/--dry-run", help="Записать (по умолчанию только проверка)")
    ] = False,
) -> None:
    """Проверить или загрузить пункты плана; при любой ошибке ничего не записывается."""
    from service.drafts_plan import import_plan

    operator = _operator()
    caller = (
        Caller(prefix=operator.prefix, role=Role.DEVELOPER, agency=agency, client=operator.client)
        if agency
        else operator
    )
    ctx = open_context(cmd)
    try:
        result = import_plan(ctx, caller, file.read_bytes(), dry_run=not store)
        record(
            ctx,
            caller,
            "plan.import",
            file.name,
            detail={"created": result.created, "updated": result.updated, "dry_run": not store},
        )
    finally:
        ctx.close()
    for e in result.errors:
        col = escape(f" [{e.column}]") if e.column else ""
        out.print(f"строка {e.line}{col}: {escape(e.message)}", highlight=False)
    out.print(
        f"Прочитано пунктов: {result.read}; новых: {result.created}; обновлено: "
        f"{result.updated}; ошибок: {len(result.errors)}"
        + ("" if store else " (проверка: ничего не записано; --store записывает)")
    )
    if result.errors:
        raise typer.Exit(1)
