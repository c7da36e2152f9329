"""`achyk demo`: the corpus goes in, and a word only on a scan is found by another form."""

from __future__ import annotations

from typing import Any

from indices.context import AppContext
from service.search import SearchParams, search


def test_demo_ingests_everything_and_finds_tribunal_on_scans(demo_run: Any) -> None:
    """The run of `demo_run` (tests/conftest.py, once per session: the browser tests read
    its data too)."""
    assert demo_run.ok, demo_run.output
    assert "с ошибкой: 0" in demo_run.output and "с ошибкой: 1" not in demo_run.output
    ctx = AppContext.create(demo_run.settings)

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
