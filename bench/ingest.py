"""Ingestion benchmark: the whole pipeline against the raw work it wraps, one JSON line.

    .venv/bin/python bench/ingest.py [--n 48] [--workers N] [--broker redis://…]

The documents are the demo corpus (`ingest.demo.generate_corpus`, scaled up to N): court
decisions (DOCX, text PDF), draft laws, and typewritten archival scans (PNG, TIFF,
JPEG, scanned PDF), in their collections, so the court ones are depersonified.

- pipeline: a fresh data dir; intake (blob store, records) and every stage (extract
  with OCR, enrich, anonymize, index) until the last document is published. Embedded
  mode runs the same process pool as `achyk ingest` (started inside the timing). With
  --broker, `achyk worker` processes (started and ready before the timing, as a running
  deployment's are) take the queued documents.
- raw: the same files through the bare components, `--workers` processes at a time:
  sniff + the file-type handler (text layer, DOCX/RTF parsing, or OCR of each page),
  then one bulk `index()` call of the extracted text into a fresh index.

`overhead_ratio` = pipeline seconds / raw seconds: what records, blobs, state changes,
queueing, enrichment and depersonification cost on top of extraction, OCR and indexing
(1.0 would be no cost at all). The OCR cache is off on both sides.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from core.models import Document  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.types import TERMINAL, FileKind  # noqa: E402
from indices.context import AppContext  # noqa: E402  (after the repository root is on the path)
from indices.factory import open_backend  # noqa: E402
from indices.types import IndexDoc, IndexPage  # noqa: E402
from ingest.demo import generate_corpus  # noqa: E402
from ingest.demo.corpus import DemoItem  # noqa: E402
from ingest.dispatch import enqueue  # noqa: E402
from ingest.handlers import ExtractOptions, handler_for  # noqa: E402
from ingest.intake import DocMeta, receive  # noqa: E402
from ingest.runner import process_documents  # noqa: E402
from ingest.sniff import sniff  # noqa: E402
from ocr.engine import config_from_settings  # noqa: E402

KINDS = {"court": "court", "laws": "legislation", "archive": "archive"}
SCANNED = {FileKind.IMAGE}


def corpus(root: Path, n: int) -> list[DemoItem]:
    scale = -(-n // 16)
    return list(generate_corpus(root, scale=scale).items[:n])


def settings_for(data_dir: Path, workers: int, broker: str | None) -> Settings:
    return Settings(data_dir=data_dir, workers=workers, ocr_cache=False, broker_url=broker)


# -- raw: the components alone ------------------------------------------------------
def _raw_one(args: tuple[str, str]) -> tuple[str, str, float, int, list[str]]:

    path, settings_json = Path(args[0]), args[1]
    settings = Settings.model_validate_json(settings_json)
    start = time.perf_counter()
    kind = sniff(path)
    ocr = config_from_settings(settings, settings.ocr_languages)
    options = ExtractOptions(
        ocr_languages=ocr.languages,
        ocr_dpi=settings.ocr_dpi,
        min_text_chars=settings.ocr_min_text_chars,
        viewer_dpi=settings.page_image_dpi,
        ocr=ocr,
    )
    ex = handler_for(kind).extract(path, options)
    ocr_used = any(p.source == "ocr" for p in ex.pages)
    return (
        str(path),
        "ocr" if ocr_used else "extract",
        time.perf_counter() - start,
        len(ex.pages),
        [p.text for p in ex.pages],
    )


def _init() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


def raw(items: list[DemoItem], settings: Settings) -> dict[str, Any]:

    start = time.perf_counter()
    with ProcessPoolExecutor(
        settings.workers, mp_context=mp.get_context("spawn"), initializer=_init
    ) as pool:
        results = list(
            pool.map(_raw_one, [(str(i.path), settings.model_dump_json()) for i in items])
        )
    extracted = time.perf_counter()
    docs = [
        IndexDoc(
            id=n + 1,
            title=i.title,
            collection=i.collection,
            doc_type="",
            language=i.language or "",
            format="",
            year=i.date.year,
            date=i.date.isoformat(),
            pages=tuple(IndexPage(k + 1, t) for k, t in enumerate(r[4])),
        )
        for n, (i, r) in enumerate(zip(items, results, strict=True))
    ]
    backend = open_backend(settings)
    try:
        t0 = time.perf_counter()
        backend.index(docs)
        index_s = time.perf_counter() - t0
    finally:
        backend.close()
    cpu = {"extract": 0.0, "ocr": 0.0}
    for _p, kind, seconds, _n, _t in results:
        cpu[kind] += seconds
    return {
        "seconds": extracted - start + index_s,
        "extract_ocr_wall_s": extracted - start,
        "index_s": index_s,
        "extract_cpu_s": cpu["extract"],
        "ocr_cpu_s": cpu["ocr"],
        "pages": sum(r[3] for r in results),
        "scanned_docs": sum(r[1] == "ocr" for r in results),
    }


# -- the pipeline -------------------------------------------------------------------
def _start_worker(settings: Settings, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACHYK_")}
    env.update(
        {f"ACHYK_{k.upper()}": str(v) for k, v in settings.model_dump().items() if v is not None}
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "worker", "--loglevel", "INFO"],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        cwd=ROOT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while "ready" not in log.read_text(errors="replace"):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"worker did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)
    return proc


def pipeline(items: list[DemoItem], settings: Settings, work: Path) -> dict[str, Any]:

    ctx = AppContext.create(settings)
    worker = None
    if settings.broker_url:
        redis.Redis.from_url(settings.broker_url).flushdb()
        worker = _start_worker(settings.model_copy(), work / "worker.log")
    try:
        start = time.perf_counter()
        ids: list[int] = []
        by_coll: dict[str, list[DemoItem]] = {}
        for i in items:
            by_coll.setdefault(i.collection, []).append(i)
        for name, group in by_coll.items():
            meta = {i.path: DocMeta(title=i.title, date=i.date, language=i.language) for i in group}
            ids += receive(
                ctx, [i.path for i in group], name, kind=KINDS.get(name), meta=meta
            ).new_ids
        if worker is None:
            states = process_documents(ctx, ids)
        else:
            enqueue(ctx, ids)
            states = _wait(ctx, ids)
        seconds = time.perf_counter() - start
        with ctx.db.session() as s:
            pages = int(s.scalar(select(func.sum(Document.page_count))) or 0)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=60)
        ctx.close()
    return {"seconds": seconds, "pages": pages, "states": dict(Counter(states.values()))}


def _wait(ctx: AppContext, ids: list[int]) -> dict[int, str]:

    while True:
        with ctx.db.session() as s:
            states = {
                int(i): str(st)
                for i, st in s.execute(
                    select(Document.id, Document.state).where(Document.id.in_(ids))
                )
            }
        if all(st in TERMINAL for st in states.values()):
            return states
        time.sleep(0.2)


def bench(n: int, workers: int, broker: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="achyk-bench-ingest-") as tmp:
        root = Path(tmp)
        items = corpus(root / "corpus", n)
        formats = Counter(i.path.suffix.lstrip(".") for i in items)
        r = raw(items, settings_for(root / "raw", workers, None))
        p = pipeline(items, settings_for(root / "pipe", workers, broker), root)
    minutes = p["seconds"] / 60
    return {
        "bench": "ingest",
        "mode": "celery" if broker else "embedded",
        "workers": workers,
        "documents": len(items),
        "scanned_documents": r["scanned_docs"],
        "pages": p["pages"],
        "formats": dict(formats),
        "states": p["states"],
        "pipeline_seconds": round(p["seconds"], 2),
        "documents_per_minute": round(len(items) / minutes, 1),
        "pages_per_minute": round(p["pages"] / minutes, 1),
        "raw_seconds": round(r["seconds"], 2),
        "raw": {
            "extract_and_ocr_wall_s": round(r["extract_ocr_wall_s"], 2),
            "extract_cpu_s": round(r["extract_cpu_s"], 2),
            "ocr_cpu_s": round(r["ocr_cpu_s"], 2),
            "index_s": round(r["index_s"], 2),
        },
        "overhead_ratio": round(p["seconds"] / r["seconds"], 3),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=48, help="documents (48: three demo corpora)")
    ap.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes on both sides (default: all cores)",
    )
    ap.add_argument(
        "--broker",
        default=None,
        help="Redis URL: run the pipeline on `achyk worker` (Celery) instead",
    )
    args = ap.parse_args()
    print(json.dumps(bench(args.n, args.workers, args.broker), ensure_ascii=False))


if __name__ == "__main__":
    main()
