"""`achyk status --low-confidence` and `achyk reprocess --ocr-lang/--low-confidence`."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cli.actions import ProgressFactory, _failures, _print_failures, _run
from core.errors import NotFoundError
from indices.context import AppContext
from ingest.reocr import reset_for_ocr, resolve_languages
from service.ocr import document_ocr, low_confidence


def print_low_confidence(
    ctx: AppContext, out: Console, *, collection: str | None = None, threshold: float | None = None
) -> int:
    """A table of flagged pages, worst first; returns how many there are."""
    thr = ctx.settings.ocr_low_confidence if threshold is None else threshold
    total, rows = low_confidence(ctx, threshold=thr, collection=collection)
    if not rows:
        out.print(f"Страниц с уверенностью распознавания ниже {thr:g} нет.")
        return 0
    t = Table(title=f"Страницы с низкой уверенностью OCR (< {thr:g}): {total}")
    for col in (
        "документ",
        "стр.",
        "уверенность",
        "слов",
        "языки",
        "шаги",
        "коллекция",
        "файл",
        "состояние",
    ):
        t.add_column(col)
    for r in rows:
        conf = "ничего не распознано" if r.confidence is None else f"{r.confidence:.1f}"
        steps = "—" if r.applied is None else (", ".join(r.applied) or "нет")
        t.add_row(
            str(r.doc_id),
            str(r.number),
            conf,
            str(r.words),
            r.languages or "—",
            steps,
            escape(r.collection),
            escape(r.title),
            r.state,
        )
    out.print(t)
    out.print(
        "Распознать заново с другими языками: achyk reprocess --ocr-lang rus+kir+Cyrillic "
        "--doc N  (или --low-confidence для всех)"
    )
    return total


def reocr_documents(
    ctx: AppContext,
    *,
    doc_ids: list[int],
    languages: str | None,
    progress: ProgressFactory,
    out: Console,
) -> bool:
    """Re-run OCR (and every later stage) on the documents, with new languages if given."""
    langs = resolve_languages(ctx, languages) if languages else None
    ready: list[int] = []
    for doc_id in dict.fromkeys(doc_ids):
        reason = reset_for_ocr(ctx, doc_id, langs)
        if reason:
            out.print(f"  №{doc_id}: пропущен — {reason}")
        else:
            ready.append(doc_id)
    if not ready:
        out.print("Нет документов для повторного распознавания.")
        return not doc_ids
    _run(ctx, ready, progress, "Повторное распознавание" + (f" ({langs})" if langs else ""))
    failed = _failures(ctx, ready)
    out.print(
        f"Распознано заново: {len(ready)}, успешно: {len(ready) - len(failed)}, "
        f"с ошибкой: {len(failed)}"
    )
    _print_failures(out, failed)
    return not failed


def _measures(d: Mapping[str, object] | None) -> str:
    return ", ".join(f"{k} {v}" for k, v in (d or {}).items())


def print_ocr_decisions(ctx: AppContext, out: Console, doc_id: int) -> bool:
    """Per page of a document: measurements, the steps they called for and why, the
    readings tried and the one kept (what Page.ocr_info records)."""
    try:
        pages = document_ocr(ctx, doc_id, local=True)
    except NotFoundError as e:
        out.print(f"[red]{escape(str(e))}[/]")
        return False
    if not pages:
        out.print(f"В документе №{doc_id} нет страниц.")
        return True
    for p in pages:
        conf = "—" if p.confidence is None else f"{p.confidence:.1f}"
        out.print(
            f"[bold]Страница {p.page}[/] ({p.source}), уверенность {conf}, "
            f"языки {p.languages or '—'}"
        )
        if p.source != "ocr":
            continue
        if p.tone is None:
            out.print("  решения не записаны (распознано до их записи)")
            continue
        out.print(f"  замеры: {_measures(p.tone)}; {_measures(p.layout)}")
        out.print(f"  шаги: {', '.join(p.applied) or 'нет'}")
        for step, reason in p.why.items():
            out.print(f"    {step}: {escape(reason)}")
        for r in p.readings:
            sample = (
                f", образец {r.sample.get('confidence')} против {r.sample.get('first_confidence')}"
                if r.sample
                else ""
            )
            out.print(f"  чтение {r.reading} ({r.languages}): {r.confidence}{sample}")
        out.print(f"  оставлено чтение: {p.chosen}")
    return True
