"""`achyk backup DIR` and `achyk restore DIR`: thin commands over service.backup.

Like the other CLI modules this sits on top of everything (it imports the service layer);
cli/__init__.py registers them; the settings come from typer's context (cli/context.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from cli.context import settings_of

out = Console()
err = Console(stderr=True)


class _Steps:
    """One progress bar per step (dump, copy, verify, index), made as each step begins."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, step: str, done: int, total: int | None) -> None:
        if step not in self.tasks:
            self.tasks[step] = self.progress.add_task(step, total=total)
        self.progress.update(self.tasks[step], completed=done, total=total)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err
    )


def backup_command(
    cmd: typer.Context,
    folder: Annotated[Path, typer.Argument(help="Новая или пустая папка для копии")],
) -> None:
    """Резервная копия: выгрузка базы, все файлы, манифест с контрольными суммами."""
    from service.backup import BackupError, backup

    try:
        with _progress() as p:
            report = backup(settings_of(cmd), folder, on_progress=_Steps(p))
    except BackupError as e:
        err.print(f"[red]Копия не создана:[/] {e.message}")
        raise typer.Exit(1) from None
    out.print(
        f"Копия в {report.folder}: документов {report.documents} (опубликовано "
        f"{report.published}), файлов {report.blobs}, {report.bytes / 2**20:.1f} МиБ"
    )
    bad = len(report.missing_blobs) + len(report.corrupt_blobs)
    if bad:
        err.print(
            f"[yellow]Внимание:[/] в хранилище нет {len(report.missing_blobs)} и "
            f"повреждено {len(report.corrupt_blobs)} файлов, на которые ссылается база "
            "(перечислены в manifest.json)"
        )
        raise typer.Exit(1)


def restore_command(
    cmd: typer.Context,
    folder: Annotated[Path, typer.Argument(help="Папка с резервной копией")],
    force: Annotated[
        bool, typer.Option("--force", help="Заменить имеющиеся данные (база, файлы, индекс)")
    ] = False,
    verify_only: Annotated[
        bool,
        typer.Option("--verify-only", help="Только проверить контрольные суммы, ничего не менять"),
    ] = False,
) -> None:
    """Восстановить копию: проверка сумм, база, файлы, перестроение индекса."""
    from service.backup import BackupError, describe, restore

    try:
        with _progress() as p:
            if verify_only:
                body = describe(folder)
            else:
                report = restore(settings_of(cmd), folder, force=force, on_progress=_Steps(p))
    except BackupError as e:
        err.print(f"[red]Восстановление не выполнено:[/] {e.message}")
        raise typer.Exit(1) from None
    if verify_only:
        c = body.get("counts", {})
        out.print(
            f"Копия цела: {len(body['files'])} файлов, создана {body.get('created_at')}, "
            f"база {body['database']['kind']}, документов {c.get('documents')}"
        )
        return
    out.print(
        f"Восстановлено: документов {report.documents} (опубликовано "
        f"{report.published}, в индексе {report.indexed}), страниц {report.pages}, "
        f"файлов {report.blobs}"
    )
