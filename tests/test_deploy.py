"""The production stack's files agree with the code: docker-compose.yml and Dockerfile.

No container engine runs in the tests; what can be checked without one is: every
ACHYK_* variable the stack sets is a real setting, the services and their wiring are
there, the image has the OCR languages, and, where the compose plugin is installed,
`docker compose config` accepts the file.
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


def test_docker_compose_config_validates() -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True,
                                        check=False).returncode != 0:
        return  # the static checks above stand in where the compose plugin is absent
    r = subprocess.run([docker, "compose", "-f", str(ROOT / "docker-compose.yml"), "config",
                        "-q"], capture_output=True, text=True, check=False, cwd=ROOT)
    assert r.returncode == 0, r.stderr
