"""`achyk eval ...`: accuracy figures printed as a table or as one JSON line."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from cli.context import settings_of

# Each command imports its engine when it runs (see cli/__init__.py).
eval_app = typer.Typer(
    help="Измерение качества: нормы, деперсонификация, OCR.", no_args_is_help=True
)
out = Console()


@eval_app.command("norms")
def eval_norms(
    file: Annotated[Path, typer.Argument(help="JSONL как norms-dev.jsonl")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Точность извлечения ссылок на нормы."""
    import norms

    _print_report(norms.evaluate(file), norms.render_report, as_json)


@eval_app.command("amendments")
def eval_amendments(
    file: Annotated[Path, typer.Argument(help="JSONL как amendments-dev.jsonl")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Разбор изменяющих законопроектов: операции (изменение, дополнение, утрата силы,
    перенумерация) над нормами — точность, полнота, F1."""
    from norms.amendments_eval import evaluate_amendments, render_amendments_report

    try:
        report = evaluate_amendments(file)
    except (ValueError, FileNotFoundError, IsADirectoryError) as e:
        out.print(f"[red]{e}[/]")
        raise typer.Exit(2) from None
    _print_report(report, render_amendments_report, as_json)


@eval_app.command("anonymize")
def eval_anonymize(
    file: Annotated[
        Path,
        typer.Argument(
            help="JSONL как anonymize-dev.jsonl (PERSON, OFFICIAL, ...) или ner-factru-dev.jsonl "
            "(PER/LOC/ORG)"
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Одна строка JSON")] = False,
    baseline: Annotated[
        str | None,
        typer.Option("--baseline", help="Рядом — цифры модели без правил на том же файле: natasha"),
    ] = None,
    misses: Annotated[
        bool, typer.Option("--misses", help="Перечислить пропуски с контекстом")
    ] = False,
    policy: Annotated[
        str | None,
        typer.Option(
            "--policy", help="Политика (по умолчанию court для актов, no-roles для PER/LOC/ORG)"
        ),
    ] = None,
) -> None:
    """Полнота деперсонификации и сохранность должностных лиц, норм, организаций."""
    from anonymize.evaluate import Baseline, score
    from anonymize.evaluate import render_report as render_anonymize_report

    if baseline is not None and baseline not in set(Baseline):
        raise typer.BadParameter(
            f"неизвестная базовая модель {baseline!r}; есть: " + ", ".join(Baseline),
            param_hint="--baseline",
        )
    try:
        report, missed = score(file, policy=policy, baseline=baseline)
    except (OSError, ValueError) as e:
        out.print(f"[red]Ошибка:[/red] {e}")
        raise typer.Exit(2) from e
    if as_json:
        if misses:
            report = {
                **report,
                "misses": [
                    {
                        "record": m.record,
                        "label": m.label,
                        "text": m.text,
                        "start": m.start,
                        "end": m.end,
                        "context": m.context,
                    }
                    for m in missed
                ],
            }
        print(json.dumps(report, ensure_ascii=False))
    else:
        out.print(render_anonymize_report(report, missed if misses else None), markup=False)


@eval_app.command("ocr")
def eval_ocr(
    cmd: typer.Context,
    directory: Annotated[
        Path, typer.Argument(help="Папка с изображениями страниц и эталонными .txt того же имени")
    ],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Языки tesseract (по умолчанию ACHYK_OCR_LANGUAGES)"),
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option(
            "--skip",
            help="Выключить шаг предобработки (можно повторять): grayscale, dpi, "
            "orientation, deskew, contrast, binarize, denoise, crop",
        ),
    ] = None,
    steps: Annotated[
        str | None,
        typer.Option("--steps", help="Ровно эти шаги через запятую (пусто: без предобработки)"),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Процессов tesseract одновременно (по умолчанию ACHYK_WORKERS)"),
    ] = None,
    generate: Annotated[
        int, typer.Option(help="Сначала записать в папку столько трудных демо-страниц с эталоном")
    ] = 0,
    seed: Annotated[int, typer.Option(help="С --generate: зерно генератора")] = 11,
    baseline: Annotated[
        bool,
        typer.Option(
            "--baseline",
            help="Тут же прочитать те же файлы простым tesseract и показать его "
            "CER/WER и скорость рядом",
        ),
    ] = False,
    baseline_lang: Annotated[
        str, typer.Option("--baseline-lang", help="Языки простого tesseract для --baseline")
    ] = "rus",
) -> None:
    """CER и WER распознавания по папке страниц или строк с эталонным текстом (.txt того же
    имени): по файлам и по языкам; страниц в минуту; с --baseline — простой tesseract рядом."""
    import ocr.evaluate
    from core.errors import StageError
    from ingest.demo import generate_degraded_pages
    from ocr.engine import config_from_settings
    from ocr.preprocess import PreprocessOptions

    settings = settings_of(cmd)
    if generate:
        generate_degraded_pages(directory, count=generate, seed=seed)
    if not directory.is_dir():
        out.print(f"[red]Нет такой папки:[/] {directory}")
        raise typer.Exit(2)
    config = replace(
        config_from_settings(settings, lang or settings.ocr_languages), cache_dir=None
    )  # measure tesseract, not the cache
    try:
        if steps is not None:
            config = replace(
                config,
                preprocess=PreprocessOptions.from_steps(
                    steps.split(","), glyph_px=settings.ocr_glyph_px
                ),
            )
        if skip:
            config = replace(config, preprocess=config.preprocess.without(*skip))
        report = ocr.evaluate.run(
            directory,
            config,
            workers=workers or settings.workers,
            baseline=baseline_lang if baseline else None,
        )
    except (ValueError, FileNotFoundError, StageError) as e:
        out.print(f"[red]{e}[/]")
        raise typer.Exit(2) from None
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        # plain: file names may hold [brackets], lines are wide
        print(ocr.evaluate.render_report(report))


@eval_app.command("persons")
def eval_persons(
    file: Annotated[Path, typer.Argument(help="JSONL как persons-dev.jsonl")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Реестр репрессированных: поля записей, слияние, поиск по вариантам написания."""
    import persons

    try:
        report = persons.evaluate(file)
    except (ValueError, FileNotFoundError) as e:
        out.print(f"[red]{e}[/]")
        raise typer.Exit(2) from None
    _print_report(report, persons.render_report, as_json)


def _print_report(
    report: dict[str, Any], render: Callable[[dict[str, Any]], str], as_json: bool
) -> None:
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        out.print(render(report))
