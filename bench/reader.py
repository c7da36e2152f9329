"""Speed a reader feels: the search page's server time and weight, a page image's first paint.

    .venv/bin/python bench/reader.py [--pages 100000] [--queries 200] [--repeat 2]
                                     [--cache-dir .build/bench-reader]

Builds the bench corpus of N pages (bench/corpus.py, generated Russian and Kyrgyz text) as
an application data dir (bench/reader_corpus.py: published records, the search index,
generated page scans for the first documents), cached under --cache-dir and reused while
its size and format match. Serves it with `achyk serve` (the embedded default: SQLite and
tantivy; rate limit off) on a free port and drives Debian's chromium through Playwright:

- the search page (`/?q=…`) for K queries of the bench's query mix (words, phrases,
  filters, facets, fuzzy, prefixes, OR/NOT, fields; spread evenly over the 200), one
  warm-up pass, then `--repeat` timed passes. `search_server_ms`: the application's own
  `Server-Timing: app;dur=` of each page (search_api/server_timing.py), p50/p95/p99;
  `search_ttfb_ms`: the browser's responseStart - requestStart of the same navigations;
- the page's HTML weight, from Navigation Timing: `search_html_kb` as decoded
  (uncompressed) and `search_html_gzip_kb` as sent (gzip), p50 and max over the queries;
- a page image's first paint: the document page (`/documents/{id}?q=…`, where a hit
  leads) opened in a fresh browser context (empty cache) for up to 10 documents with
  scans; `image_first_paint_ms` is the largest-contentful-paint entry of the first page's
  image (its render time from the start of navigation), next to the page's
  `first_contentful_paint_ms` and `document_server_ms`.

Prints one JSON line with the figures, the targets (issue #18 item 9: server time
≤ 300 ms at p95, HTML < 100 KB uncompressed at the heaviest, image first paint ≤ 1 s at
p95) and whether each is met.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # after the packages: bench/ingest.py is no `ingest`

import reader_corpus  # noqa: E402  (bench/ is the script's own folder)
from playwright.sync_api import Browser, Page, Response, ViewportSize, sync_playwright  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
IMAGE_DOCS = 10  # documents built with scans; the viewer is measured on up to this many
TARGETS = {"search_server_ms_p95": 300.0, "search_html_kb_max": 100.0, "image_paint_ms_p95": 1000.0}
# Environment the served app must not inherit: the bench measures the embedded default.
DROP_ENV = ("ACHYK_SEARCH_URL", "ACHYK_DATABASE_URL", "ACHYK_DATA_DIR", "ACHYK_BROKER_URL")

NAV = """() => {
  const n = performance.getEntriesByType('navigation')[0];
  const app = n.serverTiming.find(t => t.name === 'app');
  return {ttfb: n.responseStart - n.requestStart, encoded: n.encodedBodySize,
          decoded: n.decodedBodySize, server: app ? app.duration : null};
}"""
# Before any script of the page (on document: a load event never reaches window): when an
# image has loaded, the second animation frame after it is the first that can show it.
SHOWN = """window.__shown = {};
document.addEventListener('load', e => {
  const img = e.target;
  if (img.tagName !== 'IMG') return;
  requestAnimationFrame(() => requestAnimationFrame(() => {
    window.__shown[new URL(img.currentSrc || img.src).pathname] = performance.now();
  }));
}, true);"""
# The browser's own paint time of the image, when it reports one: a largest-contentful-paint
# entry names the image only when it painted inside the window and outgrew the text
# painted before it (an image painted before the scroll to #page-1 is never reported).
PAINTS = """image => new Promise(resolve => {
  const lcp = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries())
      if ((e.url || '').endsWith(image)) lcp.push(e.renderTime || e.loadTime || e.startTime);
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const n = performance.getEntriesByType('navigation')[0];
    const app = n.serverTiming.find(t => t.name === 'app');
    resolve({lcp: lcp.length ? lcp[lcp.length - 1] : null, shown: window.__shown[image],
             fcp: fcp ? fcp.startTime : null, server: app ? app.duration : null});
  }, 100);
})"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def percentiles(samples: list[float], cuts: tuple[int, ...] = (50, 95, 99)) -> dict[str, float]:
    """Inclusive percentiles as bench/search.py gives them; one sample is every percentile."""
    if len(samples) == 1:
        return {f"p{c}": round(samples[0], 1) for c in cuts}
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return {f"p{c}": round(q[c - 1], 1) for c in cuts}


def search_url(q: str, opts: dict[str, object]) -> str:
    """A mix query as the search form sends it (the page always shows facets)."""
    params: list[tuple[str, str]] = [("q", q)]
    for k, v in opts.items():
        if k == "facets":
            continue
        for item in v if isinstance(v, list | tuple) else [v]:
            params.append((k, str(item)))
    return "/?" + urllib.parse.urlencode(params)


def spread(items: list[Any], k: int) -> list[Any]:
    """k items spread evenly over the list, so every kind of the mix keeps its share."""
    k = max(1, min(k, len(items)))
    return [items[i * len(items) // k] for i in range(k)]


@contextmanager
def serving(data_dir: Path) -> Iterator[str]:
    """`achyk serve` on the data dir in a subprocess on a free port, until the block ends."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = {k: v for k, v in os.environ.items() if k not in DROP_ENV}
    env["ACHYK_RATE_LIMIT_PER_MINUTE"] = "0"  # one client sends every query
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "--data-dir", str(data_dir), "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server died")
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not answer /api/v1/health")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def server_ms(headers: dict[str, str]) -> float | None:
    """The `app;dur=` of a Server-Timing header."""
    for part in headers.get("server-timing", "").split(","):
        name, _, dur = part.strip().partition(";dur=")
        if name == "app" and dur:
            return float(dur)
    return None


def measure_search(page: Page, base: str, urls: list[str], repeat: int) -> dict[str, Any]:
    cold: float | None = None
    for u in urls:  # warm-up: index and page caches, template compilation
        resp = page.goto(base + u, wait_until="domcontentloaded")
        if cold is None and resp is not None:
            cold = server_ms(resp.headers)
    server: list[float] = []
    ttfb: list[float] = []
    decoded: list[float] = []
    encoded: list[float] = []
    for _ in range(repeat):
        for u in urls:
            resp = page.goto(base + u, wait_until="domcontentloaded")
            if resp is None or resp.status != 200:
                raise RuntimeError(f"{u}: {resp.status if resp else 'no answer'}")
            nav = page.evaluate(NAV)
            if nav["server"] is None:
                raise RuntimeError(f"{u}: no Server-Timing app;dur= on the answer")
            server.append(nav["server"])
            ttfb.append(nav["ttfb"])
            decoded.append(nav["decoded"] / 1024)
            encoded.append(nav["encoded"] / 1024)
    return {
        "search_cold_server_ms": cold,
        "search_server_ms": percentiles(server),
        "search_ttfb_ms": percentiles(ttfb),
        "search_html_kb": {
            "p50": round(statistics.median(decoded), 1),
            "max": round(max(decoded), 1),
        },
        "search_html_gzip_kb": {
            "p50": round(statistics.median(encoded), 1),
            "max": round(max(encoded), 1),
        },
    }


def _sizes_of(path: str, sizes: list[int]) -> Callable[[Response], None]:
    """A response listener keeping the body sizes of the answers for `path`."""

    def keep(r: Response) -> None:
        if r.url.endswith(path):
            sizes.append(len(r.body()))

    return keep


def measure_viewer(browser: Browser, base: str, doc_ids: list[int], q: str) -> dict[str, Any]:
    warm = browser.new_page(viewport=VIEWPORT)  # the route's first answer loads its helpers
    cold = warm.goto(f"{base}/documents/{doc_ids[0]}?q={urllib.parse.quote(q)}")
    cold_ms = server_ms(cold.headers if cold else {})
    warm.close()
    paint: list[float] = []
    by_lcp = 0
    fcp: list[float] = []
    server: list[float] = []
    image_kb: list[float] = []
    for doc_id in doc_ids:
        context = browser.new_context(viewport=VIEWPORT)  # a fresh cache: the image is fetched
        try:
            context.add_init_script(SHOWN)
            page = context.new_page()
            image = f"/api/v1/documents/{doc_id}/pages/1/image"
            sizes: list[int] = []
            page.on("response", _sizes_of(image, sizes))
            # as a hit's title links: the viewer scrolled to the first page with a match
            resp = page.goto(f"{base}/documents/{doc_id}?q={urllib.parse.quote(q)}#page-1")
            if resp is None or resp.status != 200:
                raise RuntimeError(f"document {doc_id}: {resp.status if resp else 'no answer'}")
            page.wait_for_function("image => window.__shown[image]", arg=image, timeout=30_000)
            got = page.evaluate(PAINTS, image)
            by_lcp += got["lcp"] is not None
            paint.append(got["lcp"] if got["lcp"] is not None else got["shown"])
            fcp.append(got["fcp"])
            server.append(got["server"])
            image_kb.extend(s / 1024 for s in sizes)
        finally:
            context.close()
    return {
        "image_views": len(doc_ids),
        "document_cold_server_ms": cold_ms,
        "image_first_paint_ms": percentiles(paint, (50, 95)) | {"max": round(max(paint), 1)},
        "image_paint_from": {"lcp": by_lcp, "load_frame": len(doc_ids) - by_lcp},
        "first_contentful_paint_ms": percentiles(fcp, (50, 95)),
        "document_server_ms": percentiles(server, (50, 95)),
        "image_kb_p50": round(statistics.median(image_kb), 1) if image_kb else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=100_000, help="pages to generate (100000)")
    ap.add_argument("--queries", type=int, default=200, help="queries of the mix to time (200)")
    ap.add_argument("--repeat", type=int, default=2, help="timed passes over the queries (2)")
    ap.add_argument(
        "--cache-dir",
        type=Path,
        default=ROOT / ".build" / "bench-reader",
        help="where built corpora are kept, one folder per size (.build/bench-reader)",
    )
    args = ap.parse_args()

    t = time.perf_counter()
    views = min(IMAGE_DOCS, args.queries)
    built = reader_corpus.build(args.cache_dir / f"pages-{args.pages}", args.pages, views)
    print(
        f"corpus: {built.pages} pages, {built.documents} documents "
        f"({'reused' if built.reused else 'built'}) in {time.perf_counter() - t:.0f}s",
        file=sys.stderr,
    )
    mix = [(q, o) for q, o in built.queries]
    urls = [search_url(q, o) for q, o in spread(mix, args.queries)]
    word = next(q for q, o in mix if q.isalpha() and not o)
    views_ids = built.image_docs

    t = time.perf_counter()
    with serving(built.data_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        log(f"served and chromium up in {time.perf_counter() - t:.0f}s")
        try:
            t = time.perf_counter()
            context = browser.new_context(viewport=VIEWPORT)
            out = measure_search(context.new_page(), base, urls, args.repeat)
            context.close()
            log(f"search page: {len(urls)} queries in {time.perf_counter() - t:.0f}s")
            t = time.perf_counter()
            out |= measure_viewer(browser, base, views_ids, word)
            log(f"viewer: {len(views_ids)} documents in {time.perf_counter() - t:.0f}s")
        finally:
            browser.close()

    line: dict[str, Any] = {
        "bench": "reader",
        "generated": True,
        "backend": "tantivy",
        "pages": built.pages,
        "documents": built.documents,
        "build_seconds": built.seconds or "reused",
        "queries": len(urls),
        "repeat": args.repeat,
        **out,
        "targets": TARGETS,
    }
    line["meets"] = {
        "search_server_ms_p95": out["search_server_ms"]["p95"] <= TARGETS["search_server_ms_p95"],
        "search_html_kb_max": out["search_html_kb"]["max"] < TARGETS["search_html_kb_max"],
        "image_paint_ms_p95": out["image_first_paint_ms"]["p95"] <= TARGETS["image_paint_ms_p95"],
    }
    print(json.dumps(line, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
