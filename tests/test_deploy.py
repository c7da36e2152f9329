"""The production stack's files agree with the code: docker-compose.yml and Dockerfile.

No container engine runs in the tests; what can be checked without one is: every
ACHYK_* variable the stack sets is a real setting, the services and their wiring are
there, the image has the OCR languages, and compose-go (the library behind
`docker compose config`, built from scripts/compose-check with the Go toolchain) loads and
validates the file against the Compose Specification.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from core.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def test_compose_has_the_distributed_stack() -> None:
    services = _compose()["services"]
    assert {"opensearch", "postgres", "redis", "api", "worker"} <= set(services)
    assert services["opensearch"]["image"].startswith("opensearchproject/opensearch:2.")
    assert services["api"]["command"][:2] == ["achyk", "serve"]
    assert services["worker"]["command"][:2] == ["achyk", "worker"]


def test_compose_sets_only_real_settings() -> None:
    known = {f"ACHYK_{name.upper()}" for name in Settings.model_fields}
    for name in ("api", "worker", "migrate"):
        env = _compose()["services"][name]["environment"]
        achyk = {k for k in env if k.startswith("ACHYK_")}
        assert achyk - known - {"ACHYK_API_PORT"} == set(), name
        assert env["ACHYK_SEARCH_URL"] == "http://opensearch:9200"
        assert env["ACHYK_DATABASE_URL"].startswith("postgresql+psycopg://")
        assert env["ACHYK_BROKER_URL"].startswith("redis://redis:")


def test_image_has_the_ocr_languages() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for pkg in ("tesseract-ocr-rus", "tesseract-ocr-kir", "tesseract-ocr-script-cyrl"):
        assert pkg in dockerfile


def _compose_check() -> Path:
    """Build scripts/compose-check (compose-go, the loader `docker compose config` uses) once."""
    go = shutil.which("go")
    assert go is not None, "Go is needed to validate docker-compose.yml (scripts/compose-check)"
    binary = ROOT / ".build" / "compose-check"
    src = ROOT / "scripts" / "compose-check"
    newest = max(f.stat().st_mtime for f in src.iterdir())
    if not binary.exists() or binary.stat().st_mtime < newest:
        r = subprocess.run(
            [go, "build", "-o", str(binary), "."],
            cwd=src,
            capture_output=True,
            text=True,
            check=False,
        )
        assert r.returncode == 0, r.stderr
    return binary


def test_docker_compose_config_validates(tmp_path: Path) -> None:
    check = _compose_check()
    r = subprocess.run(
        [str(check), str(ROOT / "docker-compose.yml")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    assert set(r.stdout.split()) >= {"opensearch", "postgres", "redis", "api", "worker"}
    # The checker is not a yes-machine: a misspelt key is refused with the reason.
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(
        (ROOT / "docker-compose.yml")
        .read_text()
        .replace("services:", "services:\n  bogus:\n    imagez: x", 1)
    )
    r = subprocess.run([str(check), str(broken)], capture_output=True, text=True, check=False)
    assert r.returncode == 1 and "imagez" in r.stderr
