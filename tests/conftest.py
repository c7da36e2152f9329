"""Shared fixtures: real files (rendered here), real tesseract, real SQLite and tantivy."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from core.settings import Settings
from indices.context import AppContext

# The per-client rate limit is off in tests that do not set it: a module's fixtures send
# hundreds of requests from one address. tests/search_api/test_request_limits.py turns it
# on and tests it.
os.environ.setdefault("ACHYK_RATE_LIMIT_PER_MINUTE", "0")

# `make unit` runs the tests marked `unit` (`-m unit`): pure logic, no database, search
# index, broker, search node or browser, so the loop stays under a minute. A unit-marked
# test that asks for one of these (directly or through another fixture) is a collection
# error, so the marker cannot drift from what a test really needs.
SERVICE_FIXTURES = frozenset(
    {
        "settings",  # a data dir: SQLite, tantivy, blobs (and every ctx, client built on it)
        "loaded_settings",
        "demo_run",
        "redis_url",
        "search_node_url",
        "workers",
        "browser",
    }
)
SERVICE_MARKERS = ("opensearch", "browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wrong = []
    for item in items:
        if item.get_closest_marker("unit") is None:
            continue
        used = sorted(SERVICE_FIXTURES & set(getattr(item, "fixturenames", ())))
        used += [m for m in SERVICE_MARKERS if item.get_closest_marker(m)]
        if used:
            wrong.append(f"{item.nodeid}: {', '.join(used)}")
    if wrong:
        raise pytest.UsageError(
            "tests marked `unit` use a service (drop the marker or the service):\n"
            + "\n".join(wrong)
        )


MONO = "/usr/share/fonts/truetype/freefont/FreeMono.ttf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def render_scan(lines: list[str], *, width: int = 1800, size: int = 46) -> Image.Image:
    """A clean typewritten page at ~300 DPI: what tesseract reads reliably."""
    font = ImageFont.truetype(MONO, size)
    img = Image.new("L", (width, 160 + len(lines) * int(size * 2.2)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((90, 90 + i * int(size * 2.2)), line, font=font, fill=20)
    return img


def register_fonts() -> None:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", SANS))


def text_pdf(path: Path, pages: list[list[str]]) -> Path:
    register_fonts()
    c = canvas.Canvas(str(path))
    for lines in pages:
        c.setFont("DejaVu", 12)
        for i, line in enumerate(lines):
            c.drawString(60, 780 - i * 18, line)
        c.showPage()
    c.save()
    return path


def image_pdf(path: Path, images: list[Image.Image]) -> Path:
    """A scanned PDF: page images only, no text layer."""
    first, *rest = [im.convert("RGB") for im in images]
    first.save(path, format="PDF", resolution=300.0, save_all=True, append_images=rest)
    return path


SCAN_LINES = [
    "ПРОТОКОЛ № 7",
    "заседания военного трибунала",
    "от 12 марта 1937 года",
    "Решение народного суда отменить.",
]
TIFF_PAGES = [
    ["ДЕЛО № 14", "о выселении кулацких хозяйств"],
    ["Постановление сельсовета", "утверждено исполкомом"],
]


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("samples")
    render_scan(SCAN_LINES).save(d / "protocol.png")
    frames = [render_scan(p) for p in TIFF_PAGES]
    frames[0].save(d / "case.tiff", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    image_pdf(d / "scanned.pdf", [render_scan(["Акт ревизии колхоза", "имени Кирова 1938 г."])])
    text_pdf(
        d / "decision.pdf",
        [
            [
                "РЕШЕНИЕ",
                "Именем Кыргызской Республики",
                "Свердловский районный суд города Бишкек",
                "12 мая 2023 года рассмотрел гражданское дело о взыскании долга.",
            ],
            ["Суд решил: иск удовлетворить.", "Решение может быть обжаловано."],
        ],
    )
    doc = docx.Document()
    doc.core_properties.title = "Проект закона об архивах"
    doc.add_paragraph("Проект. ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ")
    doc.add_paragraph("Статья 1. Архивные документы хранятся в государственном архиве.")
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Срок хранения"
    table.rows[0].cells[1].text = "постоянно"
    doc.save(str(d / "law.docx"))
    (d / "order.rtf").write_bytes(
        rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0 Times New Roman;}}"
        rb"\f0 \'cf\'f0\'e8\'ea\'e0\'e7 \'ee \'ed\'e0\'e3\'f0\'e0\'e6\'e4\'e5\'ed\'e8\'e8\par"
        rb" \'f1\'f3\'e4\'fc\'e8 \'f0\'e0\'e9\'ee\'ed\'e0\par}"
    )
    (d / "note.txt").write_bytes("Справка выдана Кара-Балтинским судом 1956 г.".encode("cp1251"))
    (d / "ky.txt").write_text(
        "Кыргыз Республикасынын Жогорку соту менен иштин материалдары боюнча чечим "
        "кабыл алынды жана өкүм күчүнө кирди. Үй-бүлө кодекси.",
        encoding="utf-8",
    )
    return d


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", workers=2)


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database brought to head once: Alembic from nothing costs ~0.1 s per
    database, and each test that opens one would pay it again (the migrations themselves
    are tested in tests/core/test_settings_and_schema.py)."""
    from core.db import upgrade

    path = tmp_path_factory.mktemp("migrated") / "achyk.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def ctx(settings: Settings, _migrated_sqlite: Path) -> Iterator[AppContext]:
    """A context on `settings`; its SQLite database starts as a copy of one migrated to
    head (on the PostgreSQL run, `_database_per_test` gives a copy of a migrated one)."""
    db = settings.data_dir / _migrated_sqlite.name
    if settings.sqlalchemy_url == f"sqlite:///{db.resolve()}" and not db.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_migrated_sqlite, db)
    c = AppContext.create(settings)
    yield c
    c.close()


@pytest.fixture(scope="session")
def loaded_settings(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Settings:
    """A data dir with every sample ingested through the real pipeline (session-wide)."""
    from rich.console import Console
    from rich.progress import Progress

    from cli.actions import ingest_files

    s = Settings(data_dir=tmp_path_factory.mktemp("loaded") / "data", workers=2)
    c = AppContext.create(s)
    console = Console(file=io.StringIO())
    ok = ingest_files(
        c,
        [sample_dir],
        "archive",
        kind="archive",
        progress=lambda: Progress(console=console),
        out=console,
    )
    c.close()
    assert ok, console.file.getvalue()  # type: ignore[attr-defined]
    return s


@dataclass(frozen=True, slots=True)
class DemoRun:
    settings: Settings
    ok: bool
    output: str


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """`achyk demo` once per session, real OCR included (~25 s): tests/core/test_demo.py
    checks the run and the browser tests (tests/ui, `demo_settings`) read its data."""
    from rich.console import Console
    from rich.progress import Progress

    from cli.actions import run_demo

    root = tmp_path_factory.mktemp("demo-site")
    settings = Settings(data_dir=root / "data", workers=2)
    ctx = AppContext.create(settings)
    console = Console(file=io.StringIO(), width=200)
    try:
        ok = run_demo(ctx, root / "corpus", progress=lambda: Progress(console=console), out=console)
    finally:
        ctx.close()
    return DemoRun(settings, ok, console.file.getvalue())  # type: ignore[attr-defined]


@pytest.fixture
def loaded_ctx(loaded_settings: Settings) -> Iterator[AppContext]:
    c = AppContext.create(loaded_settings)
    yield c
    c.close()


# -- Services of the write path: Redis (Celery broker) and OpenSearch ------------------
# Both come from the environment (`make test` starts them). A missing service FAILS the
# tests that need it, it never skips them: a green run must mean they ran.


@pytest.fixture(scope="session")
def redis_url() -> str:
    import os

    import redis

    url = os.environ.get("ACHYK_TEST_REDIS_URL", "")
    if not url:
        pytest.fail(
            "ACHYK_TEST_REDIS_URL is not set. Start one with "
            "`scripts/redis-test-server start` (make test does it).",
            pytrace=False,
        )
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except Exception as e:
        pytest.fail(f"Redis at {url} (ACHYK_TEST_REDIS_URL) is unreachable: {e}", pytrace=False)
    return url


@pytest.fixture(scope="session")
def search_node_url() -> str:
    """OpenSearch for the write-path tests (the same node as tests/indices)."""
    import os

    from opensearchpy import OpenSearch

    url = os.environ.get("ACHYK_TEST_OPENSEARCH_URL", "")
    if not url:
        pytest.fail(
            "ACHYK_TEST_OPENSEARCH_URL is not set. Start a node with "
            "`scripts/opensearch-test-node start` (make test does it), or deselect "
            "the OpenSearch cases with -m 'not opensearch'.",
            pytrace=False,
        )
    try:
        OpenSearch(hosts=[url], timeout=10).info()
    except Exception as e:
        pytest.fail(
            f"OpenSearch at {url} (ACHYK_TEST_OPENSEARCH_URL) is unreachable: {e}", pytrace=False
        )
    return url


@pytest.fixture(scope="session")
def search_node_prefix(search_node_url: str) -> Iterator[str]:
    """Index names unique to this session; every index under it is deleted at the end."""
    import uuid

    from opensearchpy import OpenSearch

    prefix = f"achyk-test-w{uuid.uuid4().hex[:8]}"
    yield prefix
    client = OpenSearch(hosts=[search_node_url])
    client.indices.delete(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True)
    client.close()


@pytest.fixture(scope="session")
def scan_image() -> object:
    """`render_scan` for tests in other folders (conftest functions cannot be imported)."""
    return render_scan


def _die_with_parent() -> None:
    """A worker must not outlive a killed test run: it would take the next run's tasks."""
    import ctypes

    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Workers:
    """Real `achyk worker` processes, each in its own process group so that a test can
    SIGKILL a worker whole (main process and pool children), as a crash would."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.procs: list[subprocess.Popen[bytes]] = []
        self._dbs = iter(range(1, 16))

    def redis_db(self, redis_url: str) -> str:
        """A fresh Redis database of the test server: workers of one test see no others'."""
        import redis

        base = redis_url.rsplit("/", 1)[0]
        url = f"{base}/{next(self._dbs)}"
        redis.Redis.from_url(url).flushdb()
        return url

    @staticmethod
    def env(settings: Settings) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ACHYK_")}
        for name, value in settings.model_dump().items():
            if value is not None:
                env[f"ACHYK_{name.upper()}"] = str(value)
        return env

    def start(
        self, settings: Settings, *, concurrency: int = 2, name: str = "worker"
    ) -> subprocess.Popen[bytes]:
        log = self.root / f"{name}-{len(self.procs)}.log"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cli",
                "worker",
                "--concurrency",
                str(concurrency),
                "--loglevel",
                "INFO",
            ],
            env=self.env(settings),
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        self.procs.append(proc)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if "ready." in log.read_text(errors="replace"):
                return proc
            if proc.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"worker did not start:\n{log.read_text(errors='replace')[-3000:]}")

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    def stop(self, proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                self.kill(proc)
        else:
            self.kill(proc)  # the group may still hold pool children

    def stop_all(self) -> None:
        for p in self.procs:
            self.stop(p)


@pytest.fixture(scope="session")
def workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workers]:
    w = Workers(tmp_path_factory.mktemp("workers"))
    yield w
    w.stop_all()


# -- The database: SQLite by default, PostgreSQL when ACHYK_TEST_DATABASE_URL is set ----
# `make test` runs the database-touching tests a second time against a throwaway
# PostgreSQL (scripts/postgres-test-server). Every test then gets a database of its own,
# through ACHYK_DATABASE_URL, which every Settings() made during the test (and every
# worker or CLI process it starts) reads.

_PG_DATABASES = iter(range(1, 1_000_000))
_PG_TEMPLATES: dict[str, str] = {}


def _pg_template(admin_url: str) -> str:
    """A database migrated to head once per session, that each test's database copies
    (CREATE DATABASE ... TEMPLATE): Alembic from nothing takes about a second on
    PostgreSQL, a copy a tenth of that. The migrations from nothing still run here, every
    session, and tests/core/test_settings_and_schema.py walks them down and up again."""
    if admin_url not in _PG_TEMPLATES:
        import sqlalchemy as sa

        from core.db import upgrade

        name = f"achyk_template_{os.getpid()}"
        engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        upgrade(admin_url.rsplit("/", 1)[0] + f"/{name}")  # NullPool: no connection stays
        _PG_TEMPLATES[admin_url] = name
    return _PG_TEMPLATES[admin_url]


@pytest.fixture(autouse=True)
def _database_per_test(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    admin_url = os.environ.get("ACHYK_TEST_DATABASE_URL", "")
    # A `unit` test touches no database (pure logic, see SERVICE_FIXTURES): none is made
    # for it, which on the PostgreSQL run is close to half of the tests.
    if not admin_url or request.node.get_closest_marker("unit") is not None:
        return
    import sqlalchemy as sa

    name = f"achyk_test_{os.getpid()}_{next(_PG_DATABASES)}"
    try:
        template = _pg_template(admin_url)
        engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        finally:
            engine.dispose()
    except sa.exc.OperationalError as e:
        pytest.fail(
            f"PostgreSQL at {admin_url} (ACHYK_TEST_DATABASE_URL) is unreachable: {e}",
            pytrace=False,
        )
    monkeypatch.setenv("ACHYK_DATABASE_URL", admin_url.rsplit("/", 1)[0] + f"/{name}")
