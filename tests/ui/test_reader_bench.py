"""bench/reader.py runs end to end on a tiny corpus and prints its one JSON line.

The figures themselves are not judged here (tests never assert on wall-clock time); this
holds the script to working: corpus built and served, the search page's Server-Timing
read in chromium, the viewer's image painted, every figure and target in the line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
FIGURES = {
    "search_cold_server_ms": float,
    "search_server_ms": dict,
    "search_ttfb_ms": dict,
    "search_html_kb": dict,
    "search_html_gzip_kb": dict,
    "document_cold_server_ms": float,
    "image_first_paint_ms": dict,
    "first_contentful_paint_ms": dict,
    "document_server_ms": dict,
    "image_kb_p50": float,
}


def test_reader_bench_prints_one_line_with_every_figure(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "reader.py"),
            "--pages",
            "50",
            "--queries",
            "3",
            "--repeat",
            "1",
            "--cache-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1, run.stdout
    line = json.loads(lines[0])
    assert line["bench"] == "reader" and line["generated"] is True
    assert line["pages"] == 50 and line["queries"] == 3 and line["image_views"] == 3
    for key, kind in FIGURES.items():
        assert isinstance(line[key], kind), (key, line[key])
    assert set(line["search_server_ms"]) == {"p50", "p95", "p99"}
    assert set(line["image_first_paint_ms"]) == {"p50", "p95", "max"}
    assert set(line["search_html_kb"]) == set(line["search_html_gzip_kb"]) == {"p50", "max"}
    # gzip on the wire is smaller than the page it unpacks to
    assert 0 < line["search_html_gzip_kb"]["max"] < line["search_html_kb"]["max"]
    assert line["image_first_paint_ms"]["p50"] > 0
    assert set(line["meets"]) == set(line["targets"])
    assert all(isinstance(v, bool) for v in line["meets"].values())
    # the build is kept and reused
    assert (tmp_path / "pages-50" / "bench-reader.json").exists()
