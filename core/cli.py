"""The `achyk` command line: ingest, search, serve, status, reprocess, reindex, demo, eval.

Settings are read here, once, and passed down in an AppContext.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from core.context import AppContext
from core.errors import AchykError, QuerySyntaxError
from core.settings import Settings

app = typer.Typer(help="Ачык: поиск по архивам, судебным актам и проектам законов.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
console = Console(stderr=True)
out = Console()


class State:
    settings: Settings | None = None


@app.callback()
def main_options(
    data_dir: Annotated[Path | None, typer.Option(
        "--data-dir", envvar="ACHYK_DATA_DIR",
        help="Папка с базой, файлами и индексом (по умолчанию ./data)")] = None,
    search_url: Annotated[str | None, typer.Option(
        "--search-url", envvar="ACHYK_SEARCH_URL",
        help="URL OpenSearch; без него — встроенный индекс tantivy")] = None,
) -> None:
    overrides: dict[str, object] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if search_url is not None:
        overrides["search_url"] = search_url
    State.settings = Settings(**overrides)  # type: ignore[arg-type]


def _ctx() -> AppContext:
    assert State.settings is not None
    return AppContext.create(State.settings)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=console, transient=False)


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Файлы, папки (рекурсивно) или ZIP-архивы; с --manifest можно не указывать")] = None,
    collection: Annotated[str, typer.Option(
        "--collection", "-c", help="Коллекция (для файлов, которым манифест не назначил)")]
    = "archive",
    kind: Annotated[str | None, typer.Option(
        help="Вид новой коллекции: archive, court, legislation")] = None,
    manifest: Annotated[Path | None, typer.Option(
        help="CSV-манифест: файл, коллекция, название, дата, фонд/опись/дело/лист, язык, "
             "доступ (см. docs/ingest.md)")] = None,
) -> None:
    """Загрузить файлы: приём, распознавание, индексирование; итог с причинами ошибок."""
    from core.cli_actions import ingest_files

    missing = [p for p in [*(paths or []), *([manifest] if manifest else [])] if not p.exists()]
    if missing:
        console.print(f"[red]Нет такого файла или папки:[/] {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    if not paths and manifest is None:
        console.print("Укажите файлы или --manifest")
        raise typer.Exit(2)
    ctx = _ctx()
    try:
        ok = ingest_files(ctx, paths or [], collection, kind=kind, progress=_progress, out=out,
                          manifest=manifest)
    finally:
        ctx.close()
    raise typer.Exit(0 if ok else 1)


@app.command()
def worker(
    queues: Annotated[str, typer.Option(
        "--queues", "-Q", help="Очереди через запятую: celery (текст) и ocr (сканы)")]
    = "celery,ocr",
    concurrency: Annotated[int | None, typer.Option(
        help="Процессов (по умолчанию ACHYK_WORKERS: по числу ядер)")] = None,
    loglevel: Annotated[str, typer.Option(help="Уровень журнала Celery")] = "INFO",
    reconcile: Annotated[bool, typer.Option(
        "--reconcile/--no-reconcile",
        help="Ставить в очередь заново документы, потерянные брокером")] = True,
) -> None:
    """Обработчик очереди Celery (распределённый режим, нужен ACHYK_BROKER_URL)."""
    if State.settings and State.settings.metrics_port:  # before prometheus_client is imported
        from core.cli_metrics import serve_worker_metrics

        serve_worker_metrics(State.settings)
    from ingest.worker import run_worker

    assert State.settings is not None
    if not State.settings.broker_url:
        console.print("[red]Нужен брокер:[/] ACHYK_BROKER_URL=redis://…")
        raise typer.Exit(2)
    run_worker(State.settings, queues=[q.strip() for q in queues.split(",") if q.strip()],
               concurrency=concurrency, loglevel=loglevel, reconcile=reconcile)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Запрос (синтаксис: см. README)")],
    collection: Annotated[list[str] | None, typer.Option(help="Только эта коллекция")] = None,
    limit: Annotated[int, typer.Option(help="Сколько результатов")] = 10,
    page: Annotated[int, typer.Option(help="Страница результатов")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Ответ как у GET /api/v1/search")] = False,
) -> None:
    """Найти документы."""
    from indices.types import Filters
    from search_api.service import SearchParams
    from search_api.service import search as run_search

    ctx = _ctx()
    try:
        params = SearchParams(q=query, filters=Filters(collection=tuple(collection or ())),
                              size=limit, page=page)
        res = run_search(ctx, params)
    except QuerySyntaxError as e:
        console.print(f"[red]Ошибка в запросе:[/] {e.message}")
        raise typer.Exit(2) from None
    finally:
        ctx.close()
    if as_json:
        print(res.model_dump_json())
        return
    from core.cli_actions import print_hits

    print_hits(out, res)


@app.command()
def status(
    low_confidence: Annotated[bool, typer.Option(
        "--low-confidence", help="Страницы, распознанные с низкой уверенностью")] = False,
    collection: Annotated[str | None, typer.Option(
        help="С --low-confidence: только эта коллекция")] = None,
    threshold: Annotated[float | None, typer.Option(
        help="С --low-confidence: порог средней уверенности (по умолчанию "
             "ACHYK_OCR_LOW_CONFIDENCE)")] = None,
    ocr: Annotated[int | None, typer.Option(
        "--ocr", help="Документ N: замеры каждой страницы, применённые шаги предобработки "
                      "и почему, испробованные чтения")] = None,
) -> None:
    """Сколько документов в каждом состоянии и почему упали неудачные."""
    from core.cli_actions import print_status

    ctx = _ctx()
    try:
        if ocr is not None:
            from core.cli_ocr import print_ocr_decisions

            if not print_ocr_decisions(ctx, out, ocr):
                raise typer.Exit(1)
        elif low_confidence:
            from core.cli_ocr import print_low_confidence

            print_low_confidence(ctx, out, collection=collection, threshold=threshold)
        else:
            print_status(ctx, out)
    finally:
        ctx.close()


@app.command()
def reprocess(
    failed: Annotated[bool, typer.Option("--failed", help="Все документы с ошибкой")] = False,
    doc: Annotated[list[int] | None, typer.Option("--doc", help="Номер документа")] = None,
    ocr_lang: Annotated[str | None, typer.Option(
        "--ocr-lang", help="Распознать заново с этими языками tesseract (rus+kir, "
                           "rus+kir+Cyrillic, ky-latn…); с --doc или --low-confidence")] = None,
    low_confidence: Annotated[bool, typer.Option(
        "--low-confidence", help="Распознать заново документы со страницами низкой "
                                 "уверенности")] = False,
) -> None:
    """Повторить обработку с того этапа, на котором она упала, или распознать заново."""
    from core.cli_actions import reprocess_documents

    if ocr_lang or low_confidence:
        from core.cli_ocr import reocr_documents
        from search_api.ocr_service import low_confidence as flagged

        if not doc and not low_confidence:
            console.print("Укажите --doc N или --low-confidence")
            raise typer.Exit(2)
        ctx = _ctx()
        try:
            ids = list(doc or []) + ([r.doc_id for r in flagged(ctx)[1]] if low_confidence
                                     else [])
            ok = reocr_documents(ctx, doc_ids=ids, languages=ocr_lang, progress=_progress,
                                 out=out)
        finally:
            ctx.close()
        raise typer.Exit(0 if ok else 1)
    if not failed and not doc:
        console.print("Укажите --failed или --doc N")
        raise typer.Exit(2)
    ctx = _ctx()
    try:
        ok = reprocess_documents(ctx, doc_ids=doc, progress=_progress, out=out)
    finally:
        ctx.close()
    raise typer.Exit(0 if ok else 1)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Адрес (по умолчанию 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="Порт (по умолчанию 8000)")] = None,
) -> None:
    """Запустить веб-интерфейс и API."""
    import uvicorn

    from core.cli_metrics import prepare_multiprocess

    assert State.settings is not None
    if State.settings.workers > 1 and not State.settings.broker_url:
        prepare_multiprocess(State.settings, "serve")  # stages run in the pool's processes
    from search_api.app import create_app

    ctx = _ctx()
    h, p = host or ctx.settings.host, port or ctx.settings.port
    console.print(f"Ачык: http://{h}:{p}/  (API: http://{h}:{p}/api/v1/docs)")
    uvicorn.run(create_app(ctx), host=h, port=p, log_level="info")


@app.command()
def demo(
    serve_after: Annotated[bool, typer.Option("--serve/--no-serve",
                                              help="Запустить сервер после загрузки")] = True,
    corpus: Annotated[Path | None, typer.Option(help="Куда сгенерировать демо-корпус")] = None,
) -> None:
    """Сгенерировать демо-корпус, загрузить его и запустить сервер."""
    from core.cli_actions import run_demo

    ctx = _ctx()
    try:
        ok = run_demo(ctx, corpus or ctx.settings.data_dir / "demo-corpus",
                      progress=_progress, out=out)
    finally:
        ctx.close()
    if not ok:
        raise typer.Exit(1)
    if serve_after:
        serve(None, None)


@app.command()
def reindex() -> None:
    """Перестроить поисковый индекс из базы и переключиться на него без простоя."""
    from indices.reindex import reindex as rebuild_index

    ctx = _ctx()
    progress = _progress()
    try:
        with progress:
            task = progress.add_task("Переиндексация", total=None)
            report = rebuild_index(ctx, on_progress=lambda done, total: progress.update(
                task, completed=done, total=total))
    except Exception as e:
        console.print(f"[red]Переиндексация не удалась, прежний индекс не тронут:[/] {e}")
        raise typer.Exit(1) from None
    finally:
        ctx.close()
    out.print(f"Проиндексировано документов: {report.documents}; изменились во время "
              f"переиндексации: {report.caught_up + report.removed}")


@app.command("persons-reindex")
def persons_reindex() -> None:
    """Перестроить индекс реестра репрессированных из базы."""
    from persons.index import open_person_search
    from persons.registry import rebuild_index

    ctx = _ctx()
    s = ctx.settings
    index = open_person_search(s.search_url, s.index_dir, s.index_prefix)
    try:
        with ctx.db.session() as session:
            count = rebuild_index(session, index)
    finally:
        index.close()
        ctx.close()
    out.print(f"Проиндексировано записей реестра: {count}")


from core.cli_eval import eval_app  # noqa: E402  (the eval commands live in their own module)

app.add_typer(eval_app, name="eval")

from core.cli_admin import audit_command, keys_app, use_context  # noqa: E402  (ditto)

use_context(_ctx)
app.add_typer(keys_app, name="keys")
app.command("audit")(audit_command)

from core.cli_backup import backup_command, restore_command, use_settings  # noqa: E402

use_settings(lambda: State.settings)
app.command("backup")(backup_command)
app.command("restore")(restore_command)


def main() -> None:
    try:
        app()
    except AchykError as e:
        console.print(f"[red]Ошибка:[/] {e.message}")
        sys.exit(2)


if __name__ == "__main__":
    main()
