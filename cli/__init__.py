"""The `achyk` command line: ingest, search, serve, status, reprocess, reindex, demo, eval,
alerts.

Settings are read here, once, kept in typer's context (cli/context.py) and passed down
in an AppContext. The command bodies live in cli/actions.py, cli/ocr.py and the command
groups in cli/eval.py, cli/admin.py, cli/backup.py.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cli import admin, backup
from cli.alerts import alerts_app
from cli.archive import archive_app
from cli.context import open_context, settings_of
from cli.eval import eval_app
from cli.plan import plan_app
from core.errors import AchykError, QuerySyntaxError
from core.settings import Settings
from indices.types import Filters, Sort

# The command bodies import what they use (ingest, OCR, the web app, the persons
# registry...) when they run: `achyk keys list` need not load presidio, OpenCV and FastAPI,
# and every command starts in about a second instead of three.

app = typer.Typer(
    help="Ачык: поиск по архивам, судебным актам и проектам законов.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console(stderr=True)
out = Console()


@app.callback()
def main_options(
    cmd: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="ACHYK_DATA_DIR",
            help="Папка с базой, файлами и индексом (по умолчанию ./data)",
        ),
    ] = None,
    search_url: Annotated[
        str | None,
        typer.Option(
            "--search-url",
            envvar="ACHYK_SEARCH_URL",
            help="URL OpenSearch; без него — встроенный индекс tantivy",
        ),
    ] = None,
) -> None:
    overrides: dict[str, object] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if search_url is not None:
        overrides["search_url"] = search_url
    cmd.obj = Settings(**overrides)  # type: ignore[arg-type]


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


@app.command()
def ingest(
    cmd: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Файлы, папки (рекурсивно) или ZIP-архивы; с --manifest можно не указывать"
        ),
    ] = None,
    collection: Annotated[
        str,
        typer.Option(
            "--collection", "-c", help="Коллекция (для файлов, которым манифест не назначил)"
        ),
    ] = "archive",
    kind: Annotated[
        str | None, typer.Option(help="Вид новой коллекции: archive, court, legislation")
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(
            help="CSV-манифест: файл, коллекция, название, дата, фонд/опись/дело/лист, язык, "
            "доступ (см. docs/ingest.md)"
        ),
    ] = None,
) -> None:
    """Загрузить файлы: приём, распознавание, индексирование; итог с причинами ошибок."""
    from cli.actions import ingest_files

    missing = [p for p in [*(paths or []), *([manifest] if manifest else [])] if not p.exists()]
    if missing:
        console.print(f"[red]Нет такого файла или папки:[/] {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    if not paths and manifest is None:
        console.print("Укажите файлы или --manifest")
        raise typer.Exit(2)
    ctx = open_context(cmd)
    try:
        ok = ingest_files(
            ctx, paths or [], collection, kind=kind, progress=_progress, out=out, manifest=manifest
        )
    finally:
        ctx.close()
    raise typer.Exit(0 if ok else 1)


@app.command()
def worker(
    cmd: typer.Context,
    queues: Annotated[
        str,
        typer.Option("--queues", "-Q", help="Очереди через запятую: celery (текст) и ocr (сканы)"),
    ] = "celery,ocr",
    concurrency: Annotated[
        int | None, typer.Option(help="Процессов (по умолчанию ACHYK_WORKERS: по числу ядер)")
    ] = None,
    loglevel: Annotated[str, typer.Option(help="Уровень журнала Celery")] = "INFO",
    reconcile: Annotated[
        bool,
        typer.Option(
            "--reconcile/--no-reconcile",
            help="Ставить в очередь заново документы, потерянные брокером",
        ),
    ] = True,
) -> None:
    """Обработчик очереди Celery (распределённый режим, нужен ACHYK_BROKER_URL)."""
    from cli.metrics import serve_worker_metrics
    from ingest.worker import run_worker

    settings = settings_of(cmd)
    if settings.metrics_port:
        serve_worker_metrics(settings)
    if not settings.broker_url:
        console.print("[red]Нужен брокер:[/] ACHYK_BROKER_URL=redis://…")
        raise typer.Exit(2)
    run_worker(
        settings,
        queues=[q.strip() for q in queues.split(",") if q.strip()],
        concurrency=concurrency,
        loglevel=loglevel,
        reconcile=reconcile,
    )


@app.command()
def search(
    cmd: typer.Context,
    query: Annotated[str, typer.Argument(help="Запрос (синтаксис: см. README)")],
    collection: Annotated[list[str] | None, typer.Option(help="Только эта коллекция")] = None,
    limit: Annotated[int, typer.Option(help="Сколько результатов")] = 10,
    page: Annotated[int, typer.Option(help="Страница результатов")] = 1,
    sort: Annotated[
        Sort, typer.Option(help="Порядок: relevance, date_asc, date_desc, title")
    ] = Sort.RELEVANCE,
    as_json: Annotated[bool, typer.Option("--json", help="Ответ как у GET /api/v1/search")] = False,
) -> None:
    """Найти документы."""
    from cli.actions import print_hits
    from service.search import SearchParams
    from service.search import search as run_search

    ctx = open_context(cmd)
    try:
        params = SearchParams(
            q=query,
            filters=Filters(collection=tuple(collection or ())),
            size=limit,
            page=page,
            sort=sort,
        )
        res = run_search(ctx, params)
    except QuerySyntaxError as e:
        console.print(f"[red]Ошибка в запросе:[/] {e.message}")
        raise typer.Exit(2) from None
    finally:
        ctx.close()
    if as_json:
        print(res.model_dump_json())
        return

    print_hits(out, res)


@app.command()
def status(
    cmd: typer.Context,
    low_confidence: Annotated[
        bool, typer.Option("--low-confidence", help="Страницы, распознанные с низкой уверенностью")
    ] = False,
    collection: Annotated[
        str | None, typer.Option(help="С --low-confidence: только эта коллекция")
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            help="С --low-confidence: порог средней уверенности (по умолчанию "
            "ACHYK_OCR_LOW_CONFIDENCE)"
        ),
    ] = None,
    ocr: Annotated[
        int | None,
        typer.Option(
            "--ocr",
            help="Документ N: замеры каждой страницы, применённые шаги предобработки "
            "и почему, испробованные чтения",
        ),
    ] = None,
) -> None:
    """Сколько документов в каждом состоянии и почему упали неудачные."""
    from cli.actions import print_status
    from cli.ocr import print_low_confidence, print_ocr_decisions

    ctx = open_context(cmd)
    try:
        if ocr is not None:
            if not print_ocr_decisions(ctx, out, ocr):
                raise typer.Exit(1)
        elif low_confidence:
            print_low_confidence(ctx, out, collection=collection, threshold=threshold)
        else:
            print_status(ctx, out)
    finally:
        ctx.close()


@app.command()
def reprocess(
    cmd: typer.Context,
    failed: Annotated[bool, typer.Option("--failed", help="Все документы с ошибкой")] = False,
    doc: Annotated[list[int] | None, typer.Option("--doc", help="Номер документа")] = None,
    ocr_lang: Annotated[
        str | None,
        typer.Option(
            "--ocr-lang",
            help="Распознать заново с этими языками tesseract (rus+kir, "
            "rus+kir+Cyrillic, ky-latn…); с --doc или --low-confidence",
        ),
    ] = None,
    low_confidence: Annotated[
        bool,
        typer.Option(
            "--low-confidence", help="Распознать заново документы со страницами низкой уверенности"
        ),
    ] = False,
) -> None:
    """Повторить обработку с того этапа, на котором она упала, или распознать заново."""
    from cli.actions import reprocess_documents
    from cli.ocr import reocr_documents
    from service.ocr import low_confidence as flagged

    if ocr_lang or low_confidence:
        if not doc and not low_confidence:
            console.print("Укажите --doc N или --low-confidence")
            raise typer.Exit(2)
        ctx = open_context(cmd)
        try:
            ids = list(doc or []) + ([r.doc_id for r in flagged(ctx)[1]] if low_confidence else [])
            ok = reocr_documents(ctx, doc_ids=ids, languages=ocr_lang, progress=_progress, out=out)
        finally:
            ctx.close()
        raise typer.Exit(0 if ok else 1)
    if not failed and not doc:
        console.print("Укажите --failed или --doc N")
        raise typer.Exit(2)
    ctx = open_context(cmd)
    try:
        ok = reprocess_documents(ctx, doc_ids=doc, progress=_progress, out=out)
    finally:
        ctx.close()
    raise typer.Exit(0 if ok else 1)


@app.command()
def serve(
    cmd: typer.Context,
    host: Annotated[str | None, typer.Option(help="Адрес (по умолчанию 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="Порт (по умолчанию 8000)")] = None,
) -> None:
    """Запустить веб-интерфейс и API."""
    import uvicorn

    from cli.metrics import prepare_multiprocess
    from server.app import create_app

    settings = settings_of(cmd)
    if settings.workers > 1 and not settings.broker_url:
        prepare_multiprocess(settings, "serve")  # stages run in the pool's processes

    ctx = open_context(cmd)
    h, p = host or ctx.settings.host, port or ctx.settings.port
    console.print(f"Ачык: http://{h}:{p}/  (API: http://{h}:{p}/api/v1/docs)")
    uvicorn.run(create_app(ctx), host=h, port=p, log_level="info")


@app.command()
def demo(
    cmd: typer.Context,
    serve_after: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Запустить сервер после загрузки")
    ] = True,
    corpus: Annotated[Path | None, typer.Option(help="Куда сгенерировать демо-корпус")] = None,
) -> None:
    """Сгенерировать демо-корпус, загрузить его и запустить сервер."""
    from cli.actions import run_demo

    ctx = open_context(cmd)
    try:
        ok = run_demo(
            ctx, corpus or ctx.settings.data_dir / "demo-corpus", progress=_progress, out=out
        )
    finally:
        ctx.close()
    if not ok:
        raise typer.Exit(1)
    if serve_after:
        serve(cmd, None, None)


@app.command()
def reindex(cmd: typer.Context) -> None:
    """Перестроить поисковый индекс из базы и переключиться на него без простоя."""
    from ingest.reindex import reindex as rebuild_index
    from service.drafts_search import reindex_all as reindex_drafts

    ctx = open_context(cmd)
    progress = _progress()
    try:
        with progress:
            task = progress.add_task("Переиндексация", total=None)
            report = rebuild_index(
                ctx,
                on_progress=lambda done, total: progress.update(task, completed=done, total=total),
            )
            drafts = reindex_drafts(ctx)
    except Exception as e:
        console.print(f"[red]Переиндексация не удалась, прежний индекс не тронут:[/] {e}")
        raise typer.Exit(1) from None
    finally:
        ctx.close()
    out.print(
        f"Проиндексировано документов: {report.documents}; изменились во время "
        f"переиндексации: {report.caught_up + report.removed}; проектов актов: {drafts}"
    )


@app.command("persons-reindex")
def persons_reindex(cmd: typer.Context) -> None:
    """Перестроить индекс реестра репрессированных из базы."""
    from persons.index import open_person_search
    from persons.registry import rebuild_index as rebuild_person_index

    ctx = open_context(cmd)
    s = ctx.settings
    index = open_person_search(s.search_url, s.index_dir, s.index_prefix, ctx.search_client)
    try:
        with ctx.db.session() as session:
            count = rebuild_person_index(session, index)
    finally:
        index.close()
        ctx.close()
    out.print(f"Проиндексировано записей реестра: {count}")


@app.command("drafts-reindex")
def drafts_reindex(cmd: typer.Context) -> None:
    """Перестроить индекс проектов актов (публичных) из базы."""
    from service.drafts_search import reindex_all as reindex_drafts

    ctx = open_context(cmd)
    try:
        count = reindex_drafts(ctx)
    finally:
        ctx.close()
    out.print(f"Проиндексировано проектов: {count}")


app.add_typer(eval_app, name="eval")
app.add_typer(admin.keys_app, name="keys")
app.add_typer(alerts_app, name="alerts")
app.add_typer(plan_app, name="plan")
app.add_typer(archive_app, name="archive")
app.command("audit")(admin.audit_command)
app.command("backup")(backup.backup_command)
app.command("restore")(backup.restore_command)


def main() -> None:
    try:
        app()
    except AchykError as e:
        console.print(f"[red]Ошибка:[/] {e.message}")
        sys.exit(2)


if __name__ == "__main__":
    main()
