"""`achyk alerts run`: mail each confirmed subscription its new matches (from cron or a
systemd timer, docs/operations.md)."""

from __future__ import annotations

import typer
from rich.console import Console

from cli.context import open_context

alerts_app = typer.Typer(help="Подписки: рассылка новых результатов.", no_args_is_help=True)
out = Console()


@alerts_app.command("run")
def run(cmd: typer.Context) -> None:
    """Разослать письма о новых документах по подтверждённым подпискам."""
    from service.alerts import run_alerts

    ctx = open_context(cmd)
    try:
        report = run_alerts(ctx)
    finally:
        ctx.close()
    out.print(
        f"Подписок: {report.subscriptions}  писем отправлено: {report.mailed}  "
        f"с ошибкой: {report.failed}"
    )
    if report.failed:
        raise typer.Exit(1)
