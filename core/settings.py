"""One settings object, read once at the entry point and passed down.

Stages never read the environment themselves: a frozen Settings travels with the
context, so a worker process and the API see exactly the same configuration.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting has help text; tests/core/test_settings.py fails on an undocumented one."""

    model_config = SettingsConfigDict(env_prefix="ACHYK_", frozen=True, extra="ignore")

    data_dir: Path = Field(
        default=Path("data"),
        description="Folder holding the SQLite database, the blob store and the embedded index.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL (postgresql+psycopg://...); unset means SQLite in data_dir.",
    )
    search_url: str | None = Field(
        default=None,
        description="OpenSearch URL; unset means the embedded tantivy index in data_dir.",
    )
    index_prefix: str = Field(
        default="achyk", description="Prefix of index names (OpenSearch) or index folders."
    )
    workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        description="Worker processes of the embedded pipeline (one tesseract per core).",
    )
    ocr_languages: str = Field(
        default="rus+kir", description="Tesseract languages used when a collection sets none."
    )
    ocr_dpi: int = Field(default=300, description="DPI at which scanned PDFs are rasterized.")
    ocr_min_text_chars: int = Field(
        default=20,
        description="A PDF page whose text layer has fewer letters than this is OCR'd instead.",
    )
    ocr_preprocess: str = Field(
        default="grayscale,dpi,orientation,deskew,contrast,denoise,crop",
        description="Preprocessing steps before tesseract, comma-separated: grayscale, dpi, "
        "orientation, deskew, contrast, binarize, denoise, crop. Leave a step out "
        "to switch it off; `binarize` is off by default because it measurably "
        "raised the error rate (docs/ocr.md).",
    )
    ocr_glyph_px: int = Field(
        default=18,
        description="Median letter height, in pixels, that the `dpi` step scales scans to.",
    )
    ocr_psm: int = Field(
        default=3, description="Tesseract page segmentation mode (3: fully automatic)."
    )
    ocr_low_confidence: float = Field(
        default=70.0,
        description="An OCR page whose mean word confidence (0-100) is below this, or that "
        "has no words, is flagged as low confidence.",
    )
    ocr_osd_below: float = Field(
        default=50.0,
        description="Tesseract orientation detection runs only on pages reading below this "
        "mean confidence (or read as vertical lines): it costs as much as the OCR.",
    )
    ocr_batch: int = Field(
        default=4,
        description="Pages OCR'd by one tesseract process (its language models load once).",
    )
    ocr_cache: bool = Field(
        default=True,
        description="Reuse OCR results for identical page pixels, languages and settings "
        "(files under data_dir/ocr-cache).",
    )
    ocr_kyrgyz_latin: str = Field(
        default="Latin",
        description="Tesseract model for Latin-script Kyrgyz (1928-1940), used for the "
        "language alias `ky-latn` (package tesseract-ocr-script-latn).",
    )
    ocr_kyrgyz_arabic: str = Field(
        default="Arabic",
        description="Tesseract model for Arabic-script Kyrgyz (before 1928), used for the "
        "language alias `ky-arab` (package tesseract-ocr-script-arab).",
    )
    ocr_second_below: float = Field(
        default=70.0,
        description="An OCR page whose mean word confidence is below this is tried two other "
        "ways (the script model of ACHYK_OCR_SECOND_LANGUAGES, and its untouched "
        "pixels), each on a 3-line sample first; the more confident reading is "
        "kept. 0 switches second readings off.",
    )
    ocr_second_languages: str = Field(
        default="Cyrillic",
        description="Tesseract model(s) of the second reading of low-confidence pages "
        "(`Cyrillic` reads ѣ, і and the Kyrgyz letters); empty: none.",
    )
    page_image_dpi: int = Field(
        default=110, description="Resolution of the page images rendered for the viewer."
    )
    max_upload_mb: int = Field(default=200, description="Largest file accepted for ingestion, MiB.")
    host: str = Field(default="127.0.0.1", description="Address `achyk serve` listens on.")
    port: int = Field(default=8000, description="Port `achyk serve` listens on.")
    broker_url: str | None = Field(
        default=None,
        description="Celery broker (redis://...); unset means the in-process worker pool.",
    )
    task_timeout: int = Field(
        default=1800,
        description="Seconds one stage may take on one document before another worker may "
        "take it over (the stage lease and the broker's visibility timeout).",
    )
    task_retries: int = Field(
        default=5,
        description="Retries of a stage whose search engine or database is down before the "
        "document is marked failed (code `unavailable`).",
    )
    retry_backoff: float = Field(
        default=2.0,
        description="Seconds before the first such retry; doubled each time, at most 300.",
    )
    reconcile_interval: float = Field(
        default=10.0,
        description="Seconds between a worker's checks for documents the broker lost "
        "(never queued, or queued before a broker restart without persistence).",
    )
    stall_seconds: int = Field(
        default=7200,
        description="A document untouched and unqueued this long is queued again by a worker.",
    )
    zip_max_members: int = Field(
        default=10000, description="Most files one uploaded ZIP may hold; beyond, all rejected."
    )
    zip_max_total_mb: int = Field(
        default=4096, description="Largest total uncompressed size of one ZIP, MiB."
    )
    zip_max_ratio: int = Field(
        default=200,
        description="Largest compression ratio of a ZIP member (uncompressed / compressed); "
        "above it the member is rejected as a decompression bomb.",
    )
    zip_max_depth: int = Field(default=16, description="Most folder levels of a ZIP member's path.")
    decisions_collection: str = Field(
        default="court",
        description="Collection (kind court, court depersonification policy) that court "
        "decisions pushed through the API are published in.",
    )
    public_url: str = Field(
        default="",
        description="Public base URL (https://achyk.kg) for the links the API hands out; "
        "empty gives links relative to the API host.",
    )
    smtp_url: str | None = Field(
        default=None,
        description="SMTP server for alert and confirmation mail: smtp://user:password@host:587 "
        "(STARTTLS when the server offers it) or smtps://user:password@host:465; "
        "unset: each mail is written as an .eml file to data_dir/outbox.",
    )
    mail_from: str = Field(
        default="Ачык <noreply@localhost>",
        description="The From address of alert and confirmation mail.",
    )
    query_max_length: int = Field(
        default=1000,
        ge=1,
        description="Longest search query, in characters, the UI and the API accept (the "
        "search box's maxlength); a longer one is refused with a message (400).",
    )
    min_discussion_days: int = Field(
        default=30,
        ge=1,
        description="Shortest public discussion of a draft, calendar days with both ends "
        "counted: a discussion cannot open with an earlier closing date (docs/drafts.md).",
    )
    secret_key: str = Field(
        default="",
        repr=False,
        description="Secret that signs the links mailed to commenters (HMAC-SHA256); empty: "
        "a random one made on first use and kept in data_dir/secret_key (mode 0600). Set "
        "the same value on every API process of a cluster.",
    )
    persons_auto_merge: float | None = Field(
        default=0.8,
        description="Score (0-1) at or above which a person record read from a document is "
        "merged into an existing record without an archivist; unset (empty) "
        "turns automatic merging off. Different birth years never merge "
        "automatically. docs/persons.md gives the dev-set figures behind 0.8.",
    )
    persons_extract: bool = Field(
        default=True,
        description="Propose person records from the pages of archival documents as the "
        "pipeline enriches them (collections with the archive policy).",
    )

    pdf_max_pages: int = Field(
        default=2000, description="Most pages of one PDF; a longer one fails (too_many_pages)."
    )
    page_max_pixels: int = Field(
        default=40_000_000,
        description="Most pixels of one rendered PDF page: a page with a larger MediaBox is "
        "rendered at a lower DPI so that it fits (a 200x200 inch page is not "
        "rasterized at full DPI).",
    )
    image_max_pixels: int = Field(
        default=80_000_000,
        description="Most pixels of one image frame (PNG, JPEG, TIFF), checked from the "
        "header before decoding; larger fails as a pixel bomb (image_too_large).",
    )
    image_max_frames: int = Field(
        default=500, description="Most frames of one multi-page TIFF (too_many_pages beyond)."
    )
    docx_max_members: int = Field(
        default=2000, description="Most files inside one DOCX (a ZIP); more fails as a bomb."
    )
    docx_max_inflated_mb: int = Field(
        default=256,
        description="Most bytes, MiB, that one DOCX may inflate to, counted while inflating "
        "(the sizes its ZIP directory declares are not believed).",
    )
    image_proof_min_confidence: float = Field(
        default=60.0,
        description="A page image is published only if it is proven clean: an OCR word read "
        "below this confidence next to a removed word, or an image word the text "
        "layer does not have, keeps the image private (docs/security.md).",
    )
    export_max_hits: int = Field(
        default=10_000,
        ge=1,
        le=10_000,
        description="Most hits one search export (CSV, JSON, XLSX) holds; the export pages "
        "through the engine 100 hits at a time. At most 10,000: the engines' result window.",
    )
    archive_name: str = Field(
        default="ЦГА КР",
        description="The archive named at the head of an archival citation («ЦГА КР. Ф. 1. "
        "Оп. 2. Д. 34. Л. 5–7.») and in the citation_publisher tag of archival documents.",
    )
    iiif_cache_mb: int = Field(
        default=1024,
        ge=1,
        description="Disk space, in MB, of the cache of derived IIIF images (tiles, sizes, "
        "rotations) under data_dir/iiif-cache; past it the least recently used go first.",
    )
    iiif_rights: str = Field(
        default="http://rightsstatements.org/vocab/NoC-OKLR/1.0/",
        description="The `rights` URI of every IIIF manifest (a Creative Commons or "
        "RightsStatements.org address); empty leaves it out.",
    )
    norm_expansion_max: int = Field(
        default=200,
        description="Most norm ids one typed citation may expand to (ranges and lists "
        "multiply: «п. 1-30 ч. 1-30 ст. 1-30» is 27,000); counted before "
        "expanding, over it the request is refused with 400.",
    )
    query_max_clauses: int = Field(
        default=64,
        description="Most terms, phrases and ranges in one search query; more is refused (400).",
    )
    query_max_depth: int = Field(
        default=10,
        description="Deepest nesting of brackets and operators in a query; deeper is refused.",
    )
    query_max_fuzzy: int = Field(
        default=2,
        description="Most fuzzy terms (word~) in one query; more is refused (400). Each "
        "expands to the OCR forms of the word: four long ones took over 1 s "
        "(bench/abuse.py).",
    )
    query_fuzzy_max_length: int = Field(
        default=24,
        description="Longest word a fuzzy term (word~) may have, letters: the edit-distance "
        "and OCR-variant expansion grows with length; longer is refused (400).",
    )
    query_max_prefixes: int = Field(
        default=4, description="Most prefix terms (word*) in one query; more is refused (400)."
    )
    query_prefix_min_length: int = Field(
        default=2,
        description="Fewest letters before the * of a prefix term (a leading * is never "
        "accepted); shorter is refused (400).",
    )
    rate_limit_per_minute: int = Field(
        default=120,
        description="Requests per minute one client (address + API key) may make to the "
        "expensive routes (search, similar, practice, page hits, norm resolve and "
        "suggest, the search page); over it the answer is 429 with Retry-After. "
        "0 switches the limit off.",
    )
    rate_limit_burst: int = Field(
        default=30,
        description="Requests a client may make at once before the per-minute rate applies "
        "(the token bucket's size).",
    )
    metrics_allow: str = Field(
        default="127.0.0.1,::1",
        description="Client addresses or networks (CIDR), comma-separated, that may read "
        "GET /metrics without a key; an admin API key reads it from anywhere. "
        "Empty: the admin key only.",
    )
    metrics_port: int = Field(
        default=0,
        description="Port on which `achyk worker` serves /metrics for the stages its "
        "processes run (durations, failures); 0: none.",
    )

    @property
    def sqlalchemy_url(self) -> str:
        """SQLite inside data_dir unless a server database is configured."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'achyk.sqlite3').resolve()}"

    @property
    def outbox_dir(self) -> Path:
        """Where mail goes when no SMTP server is configured."""
        return self.data_dir / "outbox"

    @property
    def ocr_cache_dir(self) -> Path:
        return self.data_dir / "ocr-cache"

    @property
    def ocr_aliases(self) -> dict[str, str]:
        """Language aliases the settings define (the fixed ones are in ocr.tesseract)."""
        return {"ky-latn": self.ocr_kyrgyz_latin, "ky-arab": self.ocr_kyrgyz_arabic}

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"
