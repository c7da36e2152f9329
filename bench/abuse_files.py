"""Worst time and peak memory per hostile file kind: one JSON line.

Every file of bench/hostile_files.py is ingested alone (intake, ZIP unpacking, every
pipeline stage; a fresh SQLite + tantivy data folder) in a child forked from a parent
that has already loaded the models, as a worker process would have. The child's peak
resident memory (its own and its reaped children's, i.e. tesseract's) comes from
wait4(2), its time from the parent's clock; a child over the time limit is killed and
reported. Limits: 60 s and 1 GiB per file (issue #12).

    .venv/bin/python -m bench.abuse_files [--kind pdf-many-pages] [--timeout 120]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from anonymize import anonymize_text
from bench.hostile_files import write
from core.settings import Settings
from indices.context import AppContext
from ingest import runner
from ingest.batches import Upload, batch_status, create_batch
from ingest.pipeline import run_document

LIMIT_SECONDS = 60.0
LIMIT_MIB = 1024.0


def _child(name: str, path: Path, work: Path, out_fd: int) -> None:
    ctx = AppContext.create(Settings(data_dir=work / "data", workers=1))
    started = time.monotonic()
    res = create_batch(
        ctx,
        [Upload(name, path)],
        manifest=None,
        collection="abuse",
        dispatcher=None,
        idempotent=False,
        kind="court",
    )
    for doc_id in sorted(set(res.new_ids)):
        run_document(ctx, doc_id)
    st = batch_status(ctx, res.batch_id)
    codes = sorted({i.error_code or i.state for i in st.items})
    os.write(
        out_fd,
        json.dumps(
            {"codes": codes, "seconds": time.monotonic() - started, "items": st.total}
        ).encode(),
    )
    ctx.close()


def measure(name: str, path: Path, timeout: float) -> dict[str, Any]:
    read_fd, write_fd = os.pipe()
    work = Path(tempfile.mkdtemp(prefix="achyk-abuse-"))
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        code = 0
        try:
            _child(name, path, work, write_fd)
        except BaseException as e:  # reported, then the child dies like a crashed worker
            os.write(write_fd, json.dumps({"crash": f"{type(e).__name__}: {e}"}).encode())
            code = 1
        os._exit(code)
    os.close(write_fd)
    killed = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - started > timeout:
            os.kill(pid, signal.SIGKILL)
            killed = True
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.05)
    wall = time.monotonic() - started
    with os.fdopen(read_fd, "rb") as r:
        raw = r.read()
    report: dict[str, Any] = json.loads(raw) if raw else {}
    report.update(
        wall=round(wall, 2),
        peak_mib=round(usage.ru_maxrss / 1024, 1),
        killed=killed,
        exit=os.waitstatus_to_exitcode(status),
    )
    return report


def peak_mib() -> float:
    """This process's peak resident memory and that of its reaped children (tesseract)."""
    return (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )


def measured_work(settings_json: str, doc_id: int) -> tuple[int, str, float, float]:
    """`ingest.runner.work` in a pool worker, with the document's time and the worker's
    peak memory so far (a bound on every document it ran): (id, state, seconds, MiB)."""
    started = time.monotonic()
    _, state = runner.work(settings_json, doc_id)
    return doc_id, state, time.monotonic() - started, peak_mib()


def intake_in_child(
    settings: Settings, uploads: list[Upload], collection: str, work: Path
) -> dict[str, Any]:
    """The intake of one batch (every upload, ZIPs unpacked) in a fresh Python process of
    its own, so its time and peak memory (wait4) are its own and not the caller's:
    {"batch_id", "new_ids", "seconds", "peak_mib"}."""
    job = work / "intake.json"
    job.write_text(
        json.dumps(
            {
                "settings": settings.model_dump_json(),
                "collection": collection,
                "uploads": [(u.name, str(u.path)) for u in uploads],
            }
        ),
        encoding="utf-8",
    )
    out = work / "intake.out.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.abuse_files", "--intake", str(job), str(out)],
        cwd=Path(__file__).resolve().parents[1],
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"the intake process ended with {proc.returncode}")
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    report["peak_mib"] = usage.ru_maxrss / 1024
    return report


def _intake(job_file: Path, out: Path) -> None:
    job = json.loads(job_file.read_text(encoding="utf-8"))
    ctx = AppContext.create(Settings.model_validate_json(job["settings"]))
    try:
        started = time.monotonic()
        res = create_batch(
            ctx,
            [Upload(n, Path(p)) for n, p in job["uploads"]],
            manifest=None,
            collection=job["collection"],
            dispatcher=None,
            idempotent=False,
            kind="court",
        )
        seconds = time.monotonic() - started
    finally:
        ctx.close()
    out.write_text(
        json.dumps(
            {"batch_id": res.batch_id, "new_ids": sorted(set(res.new_ids)), "seconds": seconds}
        ),
        encoding="utf-8",
    )


def preload() -> float:
    """Load what a worker has loaded before its first document; its RSS in MiB."""
    anonymize_text("Свидетель Иванов Иван Иванович показал.", policy="court")
    status = Path("/proc/self/status").read_text()
    rss = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(rss.split()[1]) / 1024  # now, not the peak of writing the corpus


def run(only: list[str] | None = None, timeout: float = 2 * LIMIT_SECONDS) -> dict[str, Any]:
    """Write the hostile corpus, ingest each file alone, and return the figures."""
    folder = Path(tempfile.mkdtemp(prefix="achyk-hostile-"))
    corpus = [(h, p) for h, p in write(folder) if not only or h.kind in only]
    base = preload()
    kinds: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"files": 0, "worst_s": 0.0, "peak_mib": 0.0, "worst": ""}
    )
    over: list[dict[str, Any]] = []
    crashed: list[str] = []
    for h, path in corpus:
        r = measure(h.name, path, timeout)
        k = kinds[h.kind]
        k["files"] += 1
        if r["wall"] > k["worst_s"]:
            k["worst_s"], k["worst"] = r["wall"], h.name
        k["peak_mib"] = max(k["peak_mib"], r["peak_mib"])
        if r.get("crash") or r["exit"] != 0:
            crashed.append(h.name)
        if r["wall"] > LIMIT_SECONDS or r["peak_mib"] > LIMIT_MIB or r["killed"]:
            over.append({"name": h.name, "kind": h.kind, **r})
        print(
            f"{h.kind:20} {h.name[:30]!r:34} {r['wall']:7.2f} s {r['peak_mib']:8.1f} MiB "
            f"{r.get('codes')}",
            file=sys.stderr,
        )
    return {
        "files": len(corpus),
        "limits": {"seconds": LIMIT_SECONDS, "mib": LIMIT_MIB},
        "worker_baseline_mib": round(base, 1),
        "worst_s": max((k["worst_s"] for k in kinds.values()), default=0.0),
        "peak_mib": max((k["peak_mib"] for k in kinds.values()), default=0.0),
        "over_limits": over,
        "crashed": crashed,
        "kinds": {n: {**k, "worst_s": round(k["worst_s"], 2)} for n, k in sorted(kinds.items())},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    ap.add_argument("--timeout", type=float, default=2 * LIMIT_SECONDS)
    ap.add_argument(
        "--intake", nargs=2, type=Path, metavar=("JOB", "OUT"), help=argparse.SUPPRESS
    )  # intake_in_child's process
    args = ap.parse_args()
    if args.intake:
        _intake(*args.intake)
        return
    print(json.dumps(run(args.kind, args.timeout), ensure_ascii=False))


if __name__ == "__main__":
    main()
