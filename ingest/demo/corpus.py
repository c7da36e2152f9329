"""Assemble the demo corpus on disk, with a manifest intake can read.

Every item gets its own random stream derived from (seed, collection, index), so adding an
item or changing one template does not reshuffle the rest, and the same seed always writes
the same files.
"""

from __future__ import annotations

import csv
import datetime
import random
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ingest.demo.archive import write_scan
from ingest.demo.archive_texts import ARCHIVE_SCHEDULE, ArchiveText
from ingest.demo.court import COURT_SCHEDULE, court_decision
from ingest.demo.finding_aid import write_finding_aid
from ingest.demo.laws import LAW_SCHEDULE, draft_law
from ingest.demo.people import People
from ingest.demo.writers import write_docx, write_pdf
from ingest.intake import DocMeta
from ingest.manifest import parse as parse_manifest

COLLECTIONS = ("court", "laws", "archive")
MANIFEST_COLUMNS = (
    "file",
    "collection",
    "title",
    "date",
    "language",
    "fond",
    "opis",
    "delo",
    "list",
)
ARCHIVE_REF = ("fond", "opis", "delo", "list")


@dataclass(frozen=True, slots=True)
class DemoItem:
    path: Path
    collection: str
    title: str
    language: str
    date: datetime.date
    ground_truth: Path | None  # scans only: the exact text typed on the image(s)
    archive_ref: dict[str, str] = field(default_factory=dict)  # scans: fond, opis, delo, list


@dataclass(frozen=True, slots=True)
class DemoCorpus:
    root: Path
    items: tuple[DemoItem, ...]

    def by_collection(self) -> dict[str, list[DemoItem]]:
        groups: dict[str, list[DemoItem]] = {c: [] for c in COLLECTIONS}
        for item in self.items:
            groups[item.collection].append(item)
        return groups


FINDING_AID = "finding_aid.csv"  # the scans' archive, fonds, opisi and dela (docs/archive.md)


def _rng(seed: int, collection: str, index: int) -> random.Random:
    return random.Random(f"achyk-demo/{seed}/{collection}/{index}")


def _court(root: Path, seed: int, count: int) -> list[DemoItem]:
    items = []
    for i in range(count):
        doc, fmt, slug = court_decision(_rng(seed, "court", i), i)
        path = root / "court" / f"court_{i + 1:02d}_{slug}_{doc.language}.{fmt}"
        (write_docx if fmt == "docx" else write_pdf)(doc, path)
        items.append(DemoItem(path, "court", doc.title, doc.language, doc.date, None))
    return items


def _laws(root: Path, seed: int, count: int) -> list[DemoItem]:
    items = []
    for i in range(count):
        # One stream per draft, shared by its revisions: see draft_law.
        doc, fmt = draft_law(_rng(seed, "laws", i % len(LAW_SCHEDULE)), i)
        path = root / "laws" / f"law_{i + 1:02d}_{doc.language}.{fmt}"
        (write_docx if fmt == "docx" else write_pdf)(doc, path)
        items.append(DemoItem(path, "laws", doc.title, doc.language, doc.date, None))
    return items


def _archive_texts(seed: int, count: int) -> list[ArchiveText]:
    """The scans' texts again (each from its own seeded stream, as `_archive` made them)."""
    out = []
    for i in range(count):
        template, _fmt = ARCHIVE_SCHEDULE[i % len(ARCHIVE_SCHEDULE)]
        rng = _rng(seed, "archive", i)
        out.append(template(rng, People(rng)))
    return out


def _archive(root: Path, seed: int, count: int) -> list[DemoItem]:
    items = []
    for i in range(count):
        template, fmt = ARCHIVE_SCHEDULE[i % len(ARCHIVE_SCHEDULE)]
        rng = _rng(seed, "archive", i)
        text = template(rng, People(rng))
        stem = f"archive_{i + 1:02d}_{text.date.year}_{text.key}"
        pixels = np.random.default_rng([seed, i, 0xA5C])
        image, truth = write_scan(text, fmt, root / "archive", stem, pixels)
        ref = text.cipher.ref if text.cipher else {}
        items.append(DemoItem(image, "archive", text.title, text.language, text.date, truth, ref))
    return items


def write_manifest(corpus: DemoCorpus) -> Path:
    path = corpus.root / "manifest.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(MANIFEST_COLUMNS)
        for item in corpus.items:
            rel = item.path.relative_to(corpus.root).as_posix()
            writer.writerow(
                (
                    rel,
                    item.collection,
                    item.title,
                    item.date.isoformat(),
                    item.language,
                    *(item.archive_ref.get(k, "") for k in ARCHIVE_REF),
                )
            )
    return path


def demo_meta(corpus: DemoCorpus) -> dict[Path, DocMeta]:
    """Each file's metadata as intake reads it from the corpus's manifest.

    The demo goes through the same manifest parser as `achyk ingest --manifest`, so the
    scans get their archival reference (the «Шифр» of the document page) the same way an
    archivist's batch does.
    """
    manifest = parse_manifest((corpus.root / "manifest.csv").read_bytes())
    if manifest.errors:
        raise ValueError("; ".join(e.message for e in manifest.errors))
    meta: dict[Path, DocMeta] = {}
    for item in corpus.items:
        row = manifest.lookup(item.path.relative_to(corpus.root).as_posix())
        if row is None:
            raise ValueError(f"{item.path.name} is missing from the demo manifest")
        meta[item.path] = row.meta
    return meta


def generate_corpus(out_dir: Path, *, seed: int = 7, scale: int = 1) -> DemoCorpus:
    """Write the demo corpus under out_dir; scale multiplies every collection."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    root = Path(out_dir).resolve()
    for name in COLLECTIONS:
        (root / name).mkdir(parents=True, exist_ok=True)
    items = (
        _court(root, seed, len(COURT_SCHEDULE) * scale)
        + _laws(root, seed, len(LAW_SCHEDULE) * scale)
        + _archive(root, seed, len(ARCHIVE_SCHEDULE) * scale)
    )
    corpus = DemoCorpus(root, tuple(items))
    write_manifest(corpus)
    write_finding_aid(root / FINDING_AID, _archive_texts(seed, len(ARCHIVE_SCHEDULE) * scale))
    return corpus
