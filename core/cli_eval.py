"""`achyk eval ...`: accuracy figures printed as a table or as one JSON line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

eval_app = typer.Typer(help="Измерение качества: нормы, деперсонификация, OCR.",
                       no_args_is_help=True)
out = Console()


@eval_app.command("norms")
def eval_norms(file: Annotated[Path, typer.Argument(help="JSONL как norms-dev.jsonl")],
               as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Точность извлечения ссылок на нормы."""
    from norms import evaluate, render_report

    _print_report(evaluate(file), render_report, as_json)


@eval_app.command("anonymize")
def eval_anonymize(file: Annotated[Path, typer.Argument(help="JSONL как anonymize-dev.jsonl")],
                   as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Полнота деперсонификации и сохранность должностных лиц, норм, организаций."""
    from anonymize import evaluate, render_report

    _print_report(evaluate(file), render_report, as_json)


def _print_report(report: dict[str, Any], render: Callable[[dict[str, Any]], str],
                  as_json: bool) -> None:
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        out.print(render(report))
