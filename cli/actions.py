"""What the CLI commands do, with their progress bars and summaries.

Kept apart from cli/__init__.py so that the option parsing stays a thin layer and the
actions can be driven from tests with a real context.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from sqlalchemy import func, select

from core.models import Document
from core.types import TERMINAL, DocState
from indices.context import AppContext
from ingest.batches import Upload, create_batch, manifest_uploads
from ingest.demo import demo_meta, generate_corpus
from ingest.demo.corpus import FINDING_AID
from ingest.dispatch import enqueue
from ingest.intake import DocMeta, IntakeResult, iter_files, receive
from ingest.pipeline import reset_failed
from ingest.runner import process_documents
from ingest.zipsafe import is_zip_archive
from service.archive_store import import_aid
from service.drafts_demo import seed_drafts
from service.schemas import SearchResponse

ProgressFactory = Callable[[], Progress]  # a fresh bar per run: finished ones are not redrawn
STATE_RU = {
    "received": "принят",
    "extracted": "текст извлечён",
    "enriched": "обогащён",
    "anonymized": "обезличен",
    "published": "опубликован",
    "failed": "ошибка",
    "withdrawn": "отозван",
    "superseded": "заменён новой редакцией",
}
POLL_SECONDS = 0.5


def _run(ctx: AppContext, ids: list[int], progress: ProgressFactory, label: str) -> dict[int, str]:
    """Process here (embedded pool) or queue to the workers and watch the records."""
    with progress() as bar:
        task = bar.add_task(label, total=len(ids))
        if not ctx.settings.broker_url:
            return process_documents(ctx, ids, on_done=lambda _i, _s: bar.advance(task))

        enqueue(ctx, ids)
        return _watch(ctx, ids, lambda n: bar.update(task, completed=n))


def _watch(ctx: AppContext, ids: list[int], on_count: Callable[[int], None]) -> dict[int, str]:
    """Wait until every document is finished (the workers and the reconciler see to it)."""
    while True:
        with ctx.db.session() as s:
            states = {
                int(i): str(st)
                for i, st in s.execute(
                    select(Document.id, Document.state).where(Document.id.in_(ids))
                )
            }
        on_count(sum(st in TERMINAL for st in states.values()))
        if all(st in TERMINAL for st in states.values()):
            return {i: str(st) for i, st in states.items()}
        time.sleep(POLL_SECONDS)


Failure = tuple[int, str, str, str, str]  # id, file, stage, code, message


def _failures(ctx: AppContext, ids: list[int] | None = None) -> list[Failure]:
    with ctx.db.session() as s:
        q = select(Document).where(Document.state == DocState.FAILED)
        if ids is not None:
            q = q.where(Document.id.in_(ids))
        return [
            (d.id, d.original_name, d.failed_stage or "", d.error_code or "", d.error_message or "")
            for d in s.scalars(q.order_by(Document.id))
        ]


def _print_failures(out: Console, rows: list[Failure]) -> None:
    if not rows:
        return
    t = Table(title="Ошибки", show_lines=False)
    for col in ("№", "файл", "этап", "код", "причина"):
        t.add_column(col)
    for r in rows:
        t.add_row(str(r[0]) if r[0] else "—", escape(r[1]), r[2], r[3], escape(r[4]))
    out.print(t)


def _intake(
    ctx: AppContext,
    paths: list[Path],
    collection: str,
    kind: str | None,
    meta: dict[Path, DocMeta] | None,
    manifest: Path | None,
) -> tuple[int, IntakeResult]:
    """Files as given (with known metadata), or through the batch path: ZIPs, a manifest."""

    files = list(iter_files(paths))
    label = ", ".join(map(str, paths) if paths else [str(manifest)])[:300]
    if meta is not None or (manifest is None and not any(_is_zip(f) for f in files)):
        return len(files), receive(ctx, files, collection, kind=kind, label=label, meta=meta)
    uploads = [Upload(str(f), f) for f in files]
    data = manifest.read_bytes() if manifest else None
    if manifest is not None and not paths:
        uploads = manifest_uploads(manifest, data or b"")
    result = create_batch(
        ctx,
        uploads,
        manifest=data,
        collection=collection,
        dispatcher=None,
        label=label,
        origin="cli",
        idempotent=False,
        kind=kind,
    )
    return len(uploads), result


def _is_zip(path: Path) -> bool:

    return is_zip_archive(path)


def ingest_files(
    ctx: AppContext,
    paths: list[Path],
    collection: str,
    *,
    kind: str | None,
    progress: ProgressFactory,
    out: Console,
    meta: dict[Path, DocMeta] | None = None,
    manifest: Path | None = None,
) -> bool:
    n_files, intake = _intake(ctx, paths, collection, kind, meta, manifest)
    out.print(f"Пакет №{intake.batch_id}", highlight=False)
    new_ids = intake.new_ids
    states = _run(ctx, new_ids, progress, "Обработка") if new_ids else {}
    counts = Counter(states.values())
    dups = [i for i in intake.items if i.outcome == "duplicate"]
    rejected = [i for i in intake.items if i.outcome == "failed"]
    failed = _failures(ctx, new_ids)
    out.print(
        f"Файлов: {n_files}  загружено: {counts.get(DocState.PUBLISHED, 0)}  "
        f"дубликатов: {len(dups)}  с ошибкой: {len(failed) + len(rejected)}"
    )
    for d in dups:
        out.print(f"  дубликат: {escape(d.source)} — {escape(d.message or '')}")
    rows = [
        (0, Path(r.source).name, "intake", r.error_code or "", r.message or "") for r in rejected
    ]
    _print_failures(out, rows + failed)
    if failed:
        out.print("Повторить упавшие: achyk reprocess --failed")
    return not failed and not rejected


def reprocess_documents(
    ctx: AppContext, *, doc_ids: list[int] | None, progress: ProgressFactory, out: Console
) -> bool:
    ids = [r[0] for r in _failures(ctx)] if doc_ids is None else list(doc_ids)
    ids = [i for i in ids if reset_failed(ctx, i)]
    if not ids:
        out.print("Нет документов с ошибкой для повторной обработки.")
        return True
    _run(ctx, ids, progress, "Повторная обработка")
    failed = _failures(ctx, ids)
    out.print(
        f"Повторно обработано: {len(ids)}, успешно: {len(ids) - len(failed)}, "
        f"с ошибкой: {len(failed)}"
    )
    _print_failures(out, failed)
    return not failed


def print_status(ctx: AppContext, out: Console) -> None:
    with ctx.db.session() as s:
        rows = s.execute(select(Document.state, func.count()).group_by(Document.state)).all()
    counts = {str(state): int(n) for state, n in rows}
    t = Table(title="Документы по состояниям")
    t.add_column("состояние")
    t.add_column("количество", justify="right")
    for state in DocState:
        t.add_row(STATE_RU[state], str(counts.get(state, 0)))
    t.add_row("всего", str(sum(counts.values())))
    out.print(t)
    _print_failures(out, _failures(ctx))


def print_hits(out: Console, res: SearchResponse) -> None:
    out.print(f"Найдено: {res.total}")
    for i, h in enumerate(res.hits, start=(res.page - 1) * res.size + 1):
        when = h.date or (str(h.year) if h.year else "")
        out.print(f"\n[bold]{i}. {escape(h.title)}[/]  [dim]#{h.id} · {h.collection} · {when}[/]")
        for s in h.snippets:
            out.print(f"   {snippet_markup(s)}")
        if h.pages:
            out.print(f"   [dim]страницы: {', '.join(str(p.number) for p in h.pages)}[/]")


def snippet_markup(snippet: str) -> str:
    """An HTML snippet (escaped text, <mark> tags) as rich markup for the terminal."""
    parts = re.split(r"(</?mark>)", snippet)
    out, marked = [], False
    for part in parts:
        if part in ("<mark>", "</mark>"):
            marked = part == "<mark>"
            continue
        text = escape(html.unescape(part))
        out.append(f"[reverse]{text}[/reverse]" if marked and text else text)
    return "".join(out)


def run_demo(ctx: AppContext, corpus_dir: Path, *, progress: ProgressFactory, out: Console) -> bool:

    if not (corpus_dir / "manifest.csv").exists():
        out.print(f"Генерация демо-корпуса в {corpus_dir} …")
    corpus = generate_corpus(corpus_dir)
    known = demo_meta(corpus)
    # the finding aid first: the scans are then filed under their dela on intake
    aid = import_aid(ctx, (corpus.root / FINDING_AID).read_bytes(), FINDING_AID)
    if aid.errors:
        raise ValueError("; ".join(e.message for e in aid.errors))
    out.print(f"Опись архива: {aid.read} единиц описания (/archive)")
    kinds = {"court": "court", "laws": "legislation", "archive": "archive"}
    ok = True
    for name, items in corpus.by_collection().items():
        out.print(f"\nКоллекция «{name}»: {len(items)} файлов")
        meta = {i.path: known[i.path] for i in items}
        ok &= ingest_files(
            ctx,
            [i.path for i in items],
            name,
            kind=kinds.get(name),
            progress=progress,
            out=out,
            meta=meta,
        )
    made = seed_drafts(ctx)
    if made:
        out.print(f"\nПортал проектов: план и {made} проектов на разных стадиях (/drafts, /plan).")
    out.print("\nПопробуйте: «трибунал» — слово, которое есть только на сканах 1930-х годов.")
    return ok
