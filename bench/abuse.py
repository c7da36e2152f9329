"""Hostile queries: the worst time of any over the bench corpus, on both backends.

    .venv/bin/python bench/abuse.py [--n 100000] [--search-url URL] [--repeat 3]

Builds N pages with bench/corpus.py, loads them into tantivy and OpenSearch, and runs a
catalogue of hostile queries (long fuzzy terms, deep nesting, a 1,000-clause OR, leading
wildcards, short prefixes, huge ranges, giant norm ranges in the query and in the norm
filter) plus the most expensive queries the limits still let through. Each goes the
API's search path (parse with the limits of the default settings, one search with
facets, the hit pages, the snippets), first cold (an attacker sends fresh queries, so
no cache of ours has seen it) then `--repeat` times warm; `ms` is the slowest of all.
A query the limits refuse counts as its refusal time and is marked `refused` with the
message the user gets. Next to each, in the same
run, `unlimited_ms` is the same query with every limit lifted: what it costs without
them (or `error`: what the engine said).

Prints one JSON line: per backend the worst allowed-or-refused time (`worst_ms`, the
target is under 1,000 ms), the query that took it, and every query's figures.
"""

from __future__ import annotations

import argparse
import json
import os
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

from bench.search import opensearch_url  # noqa: E402
from core.errors import QuerySyntaxError  # noqa: E402
from core.settings import Settings  # noqa: E402
from indices.base import SearchBackend  # noqa: E402
from indices.highlight import snippets  # noqa: E402
from indices.opensearch_backend import OpenSearchBackend  # noqa: E402
from indices.query import QueryLimits, highlighter, norm_filter_ids, parse  # noqa: E402
from indices.tantivy_backend import TantivyBackend  # noqa: E402
from indices.types import Filters  # noqa: E402

TARGET_MS = 1000.0
PAGES_PER_HIT = 10
SIZE = 10
UNLIMITED = QueryLimits(
    max_length=10**6,
    max_clauses=10**6,
    max_depth=10**4,
    max_fuzzy=10**4,
    fuzzy_max_length=10**4,
    max_prefixes=10**4,
    prefix_min_length=1,
    norm_expansion_max=10**7,
)
GIANT_NORM = "п. 1-30 ч. 1-30 ст. 1-30 УК КР"


def catalogue(words: list[str]) -> dict[str, tuple[str, str | None]]:
    """name -> (q, norm filter); words come from the corpus so allowed queries do match."""
    long_words = sorted({w for w in words if len(w) >= 9}, key=len, reverse=True)
    return {
        "long_fuzzy_a40": ("а" * 40 + "~2", None),
        "fuzzy_24_letters": ("а" * 24 + "~2", None),
        "four_long_fuzzy": (" ".join(w[:24] + "~2" for w in long_words[:4]), None),
        "two_long_fuzzy": (" ".join(w[:24] + "~2" for w in long_words[:2]), None),
        "deep_nesting_200": ("(" * 200 + words[0] + ")" * 200, None),
        "nesting_at_limit": ("(" * 9 + words[0] + ")" * 9, None),
        "or_1000_clauses": (" OR ".join(words[:1000]), None),
        "or_64_clauses": (" OR ".join(words[:64]), None),
        "not_chain_50": ("NOT " * 50 + words[0], None),
        "leading_wildcard": ("*" + words[1][-4:], None),
        "one_letter_prefix": (words[2][0] + "*", None),
        "four_two_letter_prefixes": (" ".join(w[:2] + "*" for w in words[3:7]), None),
        "huge_year_range": ("year:[-2147483648 TO 2147483647]", None),
        "huge_id_range": ("id:[0 TO 2147483647]", None),
        "giant_norm_in_q": (f'norm:"{GIANT_NORM}"', None),
        "giant_norm_filter": ("", GIANT_NORM),
        "norm_at_limit_filter": ("", "п. 1-5 ч. 1-5 ст. 1-8 УК КР"),
        "long_query_3000": (" ".join(words[:600])[:3000], None),
        "phrases_32": (
            " OR ".join(f'"{a} {b}"' for a, b in zip(words[:32], words[32:64], strict=True)),
            None,
        ),
    }


def run_query(b: SearchBackend, q: str, norm: str | None, limits: QueryLimits) -> None:
    """The API's search path (service.search.search) without HTTP and database."""
    ids = tuple(norm_filter_ids(norm, max_ids=limits.norm_expansion_max)) if norm else ()
    node = parse(q, limits)
    raw = b.search(node, Filters(norm=ids), offset=0, limit=SIZE, facets=True)
    hl = highlighter(node)
    for h in raw.hits:
        snippets(hl, h.fields.get("text", ""))
    if raw.hits and not hl.empty:
        for p in b.pages(node, [h.id for h in raw.hits], limit=PAGES_PER_HIT * len(raw.hits)):
            snippets(hl, p.text)


def _timed(fn: Callable[[], None]) -> tuple[float, str | None]:
    t = time.perf_counter()
    try:
        fn()
        err = None
    except QuerySyntaxError as e:
        err = e.message
    return (time.perf_counter() - t) * 1000, err


def run_backend(
    b: SearchBackend, cat: dict[str, tuple[str, str | None]], repeat: int
) -> dict[str, Any]:
    limits = QueryLimits.from_settings(Settings())
    # a running server has loaded the norm lexicon and the morphology dictionaries once;
    # that one-time load (1-2 s) is not a cost of a hostile query
    run_query(b, "суд", "ч. 2 ст. 168 УК КР", limits)
    figures: dict[str, Any] = {}
    for name, (q, norm) in cat.items():
        cold, refused = _timed(lambda q=q, norm=norm: run_query(b, q, norm, limits))  # type: ignore[misc]
        times = [cold]
        for _ in range(repeat):
            ms, refused = _timed(lambda q=q, norm=norm: run_query(b, q, norm, limits))  # type: ignore[misc]
            times.append(ms)
        row: dict[str, Any] = {
            "ms": round(max(times), 2),
            "cold_ms": round(cold, 2),
            "warm_ms": round(max(times[1:], default=cold), 2),
            "status": "refused" if refused else "ok",
        }
        if refused:
            row["message"] = refused
        try:
            ms, err = _timed(lambda q=q, norm=norm: run_query(b, q, norm, UNLIMITED))  # type: ignore[misc]
            row["unlimited_ms"] = round(ms, 2) if err is None else f"refused: {err}"
        except Exception as e:  # the engine's own refusal or failure, reported as such
            row["unlimited_ms"] = f"error: {type(e).__name__}: {str(e)[:120]}"
        figures[name] = row
        print(f"  {b.name} {name}: {row}", file=sys.stderr, flush=True)
    worst = max(figures, key=lambda k: figures[k]["ms"])
    return {
        "worst_ms": figures[worst]["ms"],
        "worst_query": worst,
        "over_target": [k for k, v in figures.items() if v["ms"] > TARGET_MS],
        "queries": figures,
    }


def _files_half() -> dict[str, Any]:
    """bench/abuse_files.py run as its own process: its one JSON line."""
    r = subprocess.run(
        [sys.executable, "-m", "bench.abuse_files"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    result: dict[str, Any] = json.loads(r.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="pages to generate (100000)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each query")
    ap.add_argument("--search-url", help="OpenSearch URL (else env or a test node)")
    ap.add_argument("--backends", default="tantivy,opensearch")
    ap.add_argument(
        "--no-files", action="store_true", help="skip the hostile-file half (bench/abuse_files.py)"
    )
    args = ap.parse_args()

    t = time.perf_counter()
    docs = corpus.corpus(args.n).docs
    words = list(
        dict.fromkeys(
            w.strip(".,;«»").lower()
            for d in docs[:400]
            for w in d.pages[0].text.split()
            if w.strip(".,;«»").isalpha() and len(w.strip(".,;«»")) > 3
        )
    )
    cat = catalogue(words)
    print(
        f"corpus: {args.n} pages, {len(docs)} documents in {time.perf_counter() - t:.0f}s",
        file=sys.stderr,
    )
    line: dict[str, Any] = {
        "bench": "abuse",
        "pages": sum(len(d.pages) for d in docs),
        "documents": len(docs),
        "target_ms": TARGET_MS,
        "repeat": args.repeat,
        "backends": {},
    }
    wanted = args.backends.split(",")
    if "tantivy" in wanted:
        with tempfile.TemporaryDirectory(prefix="achyk-abuse-") as tmp:
            tb = TantivyBackend(Path(tmp) / "index")
            tb.rebuild(iter(docs))
            line["backends"]["tantivy"] = run_backend(tb, cat, args.repeat)
            tb.close()
    if "opensearch" in wanted:
        url, started = opensearch_url(args.search_url)
        prefix = f"achyk-abuse-{os.getpid()}"
        ob = OpenSearchBackend(url, prefix=prefix)
        try:
            ob.rebuild(iter(docs))
            line["backends"]["opensearch"] = run_backend(ob, cat, args.repeat)
        finally:
            ob.client.indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
            ob.close()
            if started:
                subprocess.run(
                    [str(ROOT / "scripts" / "opensearch-test-node"), "stop"],
                    check=False,
                    capture_output=True,
                )
    line["worst_ms"] = max((v["worst_ms"] for v in line["backends"].values()), default=None)
    line["pass"] = line["worst_ms"] is not None and line["worst_ms"] <= TARGET_MS
    # The hostile files: worst seconds and peak memory per kind, each file ingested alone.
    # In a process of its own: a child forked from this one would start with the corpus
    # in its memory, and the per-file peak would measure the corpus, not the file.
    line["files"] = None if args.no_files else _files_half()
    if line["files"] is not None:
        line["pass"] = (
            line["pass"] and not line["files"]["over_limits"] and not line["files"]["crashed"]
        )
    print(json.dumps(line, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
