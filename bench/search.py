"""Search benchmark: indexing rate and query latency of each backend, one JSON line each.

    .venv/bin/python bench/search.py [--n 100000] [--search-url URL] [--repeat 3]

Builds N pages of realistic Russian text (bench/corpus.py: real inflected forms, some
Kyrgyz, dates, article numbers, pre-1918 spellings, OCR slips), loads them into each
backend through its bulk path (`rebuild`), then runs a fixed mix of 200 queries (words,
phrases, filters, facets, fuzzy, prefixes, OR/NOT, fields) `--repeat` times after one
warm-up pass. Figures per backend:

- index_docs_per_s, index_pages_per_s: documents and pages loaded per second;
- query_ms p50/p95/p99: parse + compile + one search request + result conversion;
- with_snippets_ms: the same plus the hit-pages request and the snippets, i.e. the
  API's search path without HTTP and database;
- OpenSearch only, raw_ms: the very same request bodies sent straight through
  opensearch-py, and overhead = query_ms / raw_ms (our layer's cost as a ratio).

OpenSearch is --search-url, else ACHYK_SEARCH_URL or ACHYK_TEST_OPENSEARCH_URL, else a
node started (and stopped) with scripts/opensearch-test-node. Indexes are named
achyk-bench-<pid>-* and deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402  (bench/ is the script's own folder)

from indices.base import SearchBackend  # noqa: E402
from indices.highlight import snippets  # noqa: E402
from indices.opensearch_backend import OpenSearchBackend  # noqa: E402
from indices.opensearch_query import search_body  # noqa: E402
from indices.query import highlighter, parse  # noqa: E402
from indices.tantivy_backend import TantivyBackend  # noqa: E402
from indices.types import Filters, IndexDoc  # noqa: E402

PAGES_PER_HIT = 10  # as service.search
SIZE = 10


def percentiles(samples: list[float]) -> dict[str, float]:
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": round(q[49], 2), "p95": round(q[94], 2), "p99": round(q[98], 2)}


def _filters(opts: dict[str, object]) -> Filters:
    return Filters(**{k: v for k, v in opts.items() if k != "facets"})  # type: ignore[arg-type]


def _ms(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def _query(b: SearchBackend, q: str, opts: dict[str, object]) -> None:
    b.search(parse(q), _filters(opts), offset=0, limit=SIZE, facets=bool(opts.get("facets")))


def _with_snippets(b: SearchBackend, q: str, opts: dict[str, object]) -> None:
    node = parse(q)
    raw = b.search(node, _filters(opts), offset=0, limit=SIZE, facets=bool(opts.get("facets")))
    hl = highlighter(node)
    for h in raw.hits:
        snippets(hl, h.fields.get("text", ""))
    if raw.hits and not hl.empty:
        for p in b.pages(node, [h.id for h in raw.hits], limit=PAGES_PER_HIT * len(raw.hits)):
            snippets(hl, p.text)


def run_backend(
    name: str,
    b: SearchBackend,
    docs: list[IndexDoc],
    queries: list[corpus.Query],
    repeat: int,
    raw: Callable[[str, dict[str, object]], Callable[[], object]] | None = None,
) -> dict[str, Any]:
    pages = sum(len(d.pages) for d in docs)
    t = time.perf_counter()
    b.rebuild(iter(docs))
    took = time.perf_counter() - t
    out: dict[str, Any] = {
        "bench": "search",
        "backend": name,
        "pages": pages,
        "documents": len(docs),
        "index_seconds": round(took, 1),
        "index_docs_per_s": round(len(docs) / took, 1),
        "index_pages_per_s": round(pages / took, 1),
        "queries": len(queries),
        "repeat": repeat,
    }
    calls = [(q, o, raw(q, o) if raw else None) for q, o in queries]
    for q, o, r in calls:  # warm-up: caches, JIT, page cache
        _with_snippets(b, q, o)
        if r:
            r()
    ours: list[float] = []
    full: list[float] = []
    base: list[float] = []
    for _ in range(repeat):
        for q, o, r in calls:
            ours.append(_ms(lambda q=q, o=o: _query(b, q, o)))  # type: ignore[misc]
            if r:
                base.append(_ms(r))
            full.append(_ms(lambda q=q, o=o: _with_snippets(b, q, o)))  # type: ignore[misc]
    out["query_ms"] = percentiles(ours)
    out["with_snippets_ms"] = percentiles(full)
    if base:
        out["raw_ms"] = percentiles(base)
        out["overhead"] = {
            k: round(out["query_ms"][k] / v, 2) if v else None for k, v in out["raw_ms"].items()
        }
    return out


def opensearch_url(arg: str | None) -> tuple[str, bool]:
    """The OpenSearch to measure: the argument, the environment, or a test node started here
    (True: the caller stops it)."""
    url = arg or os.environ.get("ACHYK_SEARCH_URL") or os.environ.get("ACHYK_TEST_OPENSEARCH_URL")
    if url:
        return url, False
    node = ROOT / "scripts" / "opensearch-test-node"
    started = subprocess.run([str(node), "start"], check=True, capture_output=True, text=True)
    return started.stdout.strip().splitlines()[-1], True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="pages to generate (100000)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the 200 queries")
    ap.add_argument("--search-url", help="OpenSearch URL (else env or a test node)")
    ap.add_argument("--backends", default="tantivy,opensearch")
    args = ap.parse_args()

    t = time.perf_counter()
    docs = corpus.corpus(args.n).docs
    queries = corpus.queries(docs)
    print(
        f"corpus: {args.n} pages, {len(docs)} documents in {time.perf_counter() - t:.0f}s",
        file=sys.stderr,
    )
    wanted = args.backends.split(",")

    if "tantivy" in wanted:
        with tempfile.TemporaryDirectory(prefix="achyk-bench-") as tmp:
            tb = TantivyBackend(Path(tmp) / "index")
            print(json.dumps(run_backend("tantivy", tb, docs, queries, args.repeat)), flush=True)
            tb.close()

    if "opensearch" in wanted:
        url, started = opensearch_url(args.search_url)
        prefix = f"achyk-bench-{os.getpid()}"
        ob = OpenSearchBackend(url, prefix=prefix)
        try:

            def raw(q: str, o: dict[str, object]) -> Callable[[], object]:
                body = search_body(
                    parse(q), _filters(o), offset=0, limit=SIZE, facets=bool(o.get("facets"))
                )
                return lambda: ob.client.search(index=ob.docs_alias, body=body)

            line = run_backend("opensearch", ob, docs, queries, args.repeat, raw)
            line["node"] = ob.client.info()["version"]["number"]
            print(json.dumps(line), flush=True)
        finally:
            ob.client.indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
            ob.close()
            if started:
                subprocess.run(
                    [str(ROOT / "scripts" / "opensearch-test-node"), "stop"],
                    check=False,
                    capture_output=True,
                )


if __name__ == "__main__":
    main()
