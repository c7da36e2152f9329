"""`achyk demo`: the corpus goes in, and a word only on a scan is found by another form."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from cli.actions import run_demo
from core.settings import Settings
from indices.context import AppContext
from service.search import SearchParams, search


def test_demo_ingests_everything_and_finds_tribunal_on_scans(tmp_path: Path) -> None:
    ctx = AppContext.create(Settings(data_dir=tmp_path / "data", workers=2))
    console = Console(file=io.StringIO(), width=200)
    assert run_demo(
        ctx, tmp_path / "corpus", progress=lambda: Progress(console=console), out=console
    )
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert "с ошибкой: 0" in output and "с ошибкой: 1" not in output

    res = search(ctx, SearchParams(q="трибунал"))
    assert res.total >= 1
    assert {h.format for h in res.hits} <= {"image", "pdf"}
    assert {h.collection for h in res.hits} == {"archive"}
    assert any("<mark>трибунала</mark>" in s for h in res.hits for s in h.snippets)

    court = search(ctx, SearchParams(q="суд", size=50))
    assert {"court", "archive"} <= {h.collection for h in court.hits}
    scans_with_suda = [
        h
        for h in court.hits
        if h.collection == "archive" and any("<mark>суда</mark>" in s for s in h.snippets)
    ]
    assert scans_with_suda
    ctx.close()
