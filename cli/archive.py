"""`achyk archive import|export|link`: finding aids in and out of the records.

`import` reads a CSV (docs/archive.md) or EAD 3 file; it is all or nothing, with every
wrong row reported. `--dry-run` only checks. `export` writes a unit's branch as EAD 3.
`link` files the documents ingested before their finding aid under their dela.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy import select

from cli.admin import _operator
from cli.context import open_context
from core.archive_links import link_unlinked
from core.audit import record
from core.models import ArchiveUnit
from service.archive_ead import write_ead
from service.archive_findingaid import FindingAidError
from service.archive_store import branch_rows, import_aid

archive_app = typer.Typer(
    help="Архивная иерархия: загрузка и выгрузка описей (CSV, EAD 3).", no_args_is_help=True
)
out = Console()
err = Console(stderr=True)


@archive_app.command("import")
def archive_import(
    cmd: typer.Context,
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="Опись: CSV или EAD 3 (XML)")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Только проверить, ничего не записывать")
    ] = False,
) -> None:
    """Загрузить опись; при любой ошибке ничего не записывается."""
    ctx = open_context(cmd)
    try:
        try:
            result = import_aid(ctx, file.read_bytes(), file.name, dry_run=dry_run)
        except FindingAidError as e:
            err.print(f"{escape(file.name)}: {escape(str(e))}", highlight=False)
            raise typer.Exit(1) from None
        record(
            ctx,
            _operator(),
            "archive.import",
            file.name,
            detail={"created": result.created, "updated": result.updated, "dry_run": dry_run},
        )
    finally:
        ctx.close()
    for row_error in result.errors:
        out.print(f"строка {row_error.line}: {escape(row_error.message)}", highlight=False)
    stored = not dry_run and not result.errors
    out.print(
        f"Прочитано единиц: {result.read}; новых: {result.created}; обновлено: "
        f"{result.updated}; связано документов: {len(result.linked)}; ошибок: "
        f"{len(result.errors)}" + ("" if stored else " (ничего не записано)")
    )
    if result.errors:
        raise typer.Exit(1)


@archive_app.command("export")
def archive_export(
    cmd: typer.Context,
    unit: Annotated[str, typer.Argument(help="Id единицы или шифр архива (весь архив)")],
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Файл; без него — на экран")
    ] = None,
) -> None:
    """Выгрузить единицу описания (с архивом и уровнями выше) в EAD 3."""
    ctx = open_context(cmd)
    try:
        with ctx.db.session() as s:
            found = (
                s.get(ArchiveUnit, int(unit))
                if unit.isdigit()
                else s.scalar(
                    select(ArchiveUnit).where(
                        ArchiveUnit.parent_id.is_(None), ArchiveUnit.code == unit
                    )
                )
            )
            if found is None:
                err.print(f"Нет такой единицы описания: {escape(unit)}")
                raise typer.Exit(1)
            data = write_ead(branch_rows(s, found))
    finally:
        ctx.close()
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        output.write_bytes(data)
        out.print(f"Записано: {output}")


@archive_app.command("link")
def archive_link(cmd: typer.Context) -> None:
    """Связать с делами документы, загруженные раньше описи (по фонду, описи, делу)."""
    ctx = open_context(cmd)
    try:
        with ctx.db.session() as s:
            linked = link_unlinked(s)
            s.commit()
    finally:
        ctx.close()
    out.print(f"Связано документов: {len(linked)}")
