"""drafts/ is a domain package: it may use core, norms and anonymize, nothing above it,
and imports at module level only (DESIGN.md, «Imports run one way»)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

PACKAGE = Path(__file__).parents[2] / "drafts"
OURS = {
    "core",
    "ocr",
    "anonymize",
    "norms",
    "indices",
    "persons",
    "drafts",
    "ingest",
    "service",
    "search_api",
    "ui",
    "cli",
    "bench",
}
ALLOWED = {"core", "norms", "anonymize", "drafts"}
FILES = sorted(PACKAGE.glob("*.py"))


def _imports(tree: ast.Module) -> list[tuple[str, bool]]:
    """(top-level package, at module level?) for each import."""
    top_level = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name.split(".")[0], id(node) in top_level) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module.split(".")[0], id(node) in top_level))
    return out


def test_package_has_modules() -> None:
    assert {f.name for f in FILES} >= {
        "lifecycle.py",
        "structure.py",
        "diff.py",
        "anchors.py",
        "report.py",
        "plan.py",
    }


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_imports_go_down_only(path: Path) -> None:
    found = _imports(ast.parse(path.read_text()))
    upward = sorted({m for m, _ in found if m in OURS and m not in ALLOWED})
    assert upward == [], f"{path.name} imports {upward}"
    local = sorted({m for m, top in found if not top})
    assert local == [], f"{path.name} imports inside functions: {local}"
