"""`achyk status --low-confidence` and `achyk reprocess --ocr-lang/--low-confidence`."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from core.cli_actions import ProgressFactory, _failures, _print_failures, _run
from core.context import AppContext
from ingest.reocr import reset_for_ocr, resolve_languages
from search_api.ocr_service import low_confidence


def print_low_confidence(ctx: AppContext, out: Console, *, collection: str | None = None,
                         threshold: float | None = None) -> int:
    """A table of flagged pages, worst first; returns how many there are."""
    thr = ctx.settings.ocr_low_confidence if threshold is None else threshold
    total, rows = low_confidence(ctx, threshold=thr, collection=collection)
    if not rows:
        out.print(f"Страниц с уверенностью распознавания ниже {thr:g} нет.")
        return 0
    t = Table(title=f"Страницы с низкой уверенностью OCR (< {thr:g}): {total}")
    for col in ("документ", "стр.", "уверенность", "слов", "языки", "коллекция", "файл",
                "состояние"):
        t.add_column(col)
    for r in rows:
        conf = "ничего не распознано" if r.confidence is None else f"{r.confidence:.1f}"
        t.add_row(str(r.doc_id), str(r.number), conf, str(r.words), r.languages or "—",
                  escape(r.collection), escape(r.title), r.state)
    out.print(t)
    out.print("Распознать заново с другими языками: achyk reprocess --ocr-lang rus+kir+Cyrillic "
              "--doc N  (или --low-confidence для всех)")
    return total


def reocr_documents(ctx: AppContext, *, doc_ids: list[int], languages: str | None,
                    progress: ProgressFactory, out: Console) -> bool:
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
    out.print(f"Распознано заново: {len(ready)}, успешно: {len(ready) - len(failed)}, "
              f"с ошибкой: {len(failed)}")
    _print_failures(out, failed)
    return not failed
