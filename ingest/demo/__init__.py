"""Achyk: ingest/demo — a small, reproducible demo corpus and OCR evaluation pages.

Why it exists: the demo and the tests need documents that look like the real collections
(court decisions, draft laws, typewritten archival scans) without a single real person in
them. Everything is generated from invented names and fixed templates; the same seed writes
the same files.

`generate_corpus(out_dir, seed=7, scale=1)` writes

- ``court/``: 8·scale decisions of 2018–2025 (5 Russian, 3 Kyrgyz; DOCX and born-digital
  PDF; criminal приговор/өкүм, civil and administrative решение/чечим), citing norms such as
  «ч. 2 ст. 168 УК КР» and «Кылмыш-жаза кодексинин 168-беренесинин 2-бөлүгү»;
- ``laws/``: 3·scale draft laws (two Russian, one Kyrgyz with ө ү ң);
- ``archive/``: 5·scale typewritten scans of 1920–1953 — PNG, PNG, image-only PDF, 2-page
  TIFF, JPEG (the JPEG in 1940s Kyrgyz Cyrillic) — each with a same-stem ``.txt`` holding
  exactly the typed text, one line per typed line, TIFF pages separated by ``\\f``;
- ``manifest.csv``: file (relative to out_dir), collection, title, date (ISO), language, and
  for the scans their archival reference: fond, opis, delo, list (`demo_meta` reads it back
  through intake's manifest parser, so the document page shows the «Шифр»);
- ``finding_aid.csv``: the finding aid of the scans (one archive, ЦГА КР, and each scan's
  fond, opis and delo; docs/archive.md), which `achyk demo` imports before the scans.

Guarantees the demo README relies on (checked by tests/ingest/test_demo_corpus.py):

- the word «трибунала» appears only on archival scans (the 1938 tribunal extract), never in a
  court decision, a draft law or any manifest title, and no other form of «трибунал» is
  typed anywhere, so a search for «трибунал» can only succeed through OCR plus stemming;
- at least one scan contains «суда»;
- the scans use a mild degradation (skew ≤ 1.5°, light noise, one faint stain, slight blur) at
  300 DPI on an A5 sheet with a Courier-like face at ~12 pt, and plain
  ``tesseract img out -l rus+kir`` reads «трибунала» back.

`generate_degraded_pages(out_dir, count=12, seed=11, severity=1.0)` writes small, much harder
pages (several typewriter faces, skew up to 3°·severity, blur, noise, stains, faded and
carbon-copy ink, pre-1918 spelling, Kyrgyz) with same-stem ground-truth ``.txt`` files, for
measuring OCR error rates.
"""

from ingest.demo.corpus import DemoCorpus, DemoItem, demo_meta, generate_corpus
from ingest.demo.pages import generate_degraded_pages

__all__ = ["DemoCorpus", "DemoItem", "demo_meta", "generate_corpus", "generate_degraded_pages"]
