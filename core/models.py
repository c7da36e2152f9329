"""Records: collections, documents, pages, ingest items (SQLAlchemy 2 typed mappings).

Schema changes go through Alembic (core/migrations); `Base.metadata` is the source
the migrations are generated from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from core.types import DocState


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Collection(Base):
    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(30), default="archive")
    policy: Mapped[str] = mapped_column(String(30), default="archive")
    ocr_languages: Mapped[str | None] = mapped_column(String(60), default=None)
    # "public" or "restricted" (researchers and up); one level per collection, so search
    # enforces it with a collection filter and the index needs no access field.
    access: Mapped[str] = mapped_column(String(20), default="public", server_default="public")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    documents: Mapped[list[Document]] = relationship(back_populates="collection")


class Batch(Base):
    """One ingest run (a CLI call or an upload): groups its items for status and retry."""

    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(300), default="")
    # sha256 of what was sent (file names and contents, manifest, collection): the same
    # upload sent again finds this batch instead of making a new one.
    fingerprint: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    origin: Mapped[str] = mapped_column(String(10), default="cli", server_default="cli")
    key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    items: Mapped[list[IngestItem]] = relationship(back_populates="batch")


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(ForeignKey("collections.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(Integer)
    format: Mapped[str | None] = mapped_column(String(20), default=None)  # a FileKind
    title: Mapped[str] = mapped_column(String(500), default="")
    doc_type: Mapped[str] = mapped_column(String(40), default="")
    language: Mapped[str | None] = mapped_column(String(10), default=None)
    doc_date: Mapped[dt.date | None] = mapped_column(default=None)
    year: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    state: Mapped[str] = mapped_column(String(20), default=DocState.RECEIVED, index=True)
    failed_stage: Mapped[str | None] = mapped_column(String(20), default=None)
    error_code: Mapped[str | None] = mapped_column(String(40), default=None)
    error_message: Mapped[str | None] = mapped_column(Text, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    # Tesseract languages for this document only (`achyk reprocess --ocr-lang`); None: the
    # collection's, else the settings' default.
    ocr_languages: Mapped[str | None] = mapped_column(String(60), default=None)
    # A stage claims the document until this time, so a redelivered task cannot run the
    # same stage beside a live one; a dead worker's claim simply runs out.
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    # When the document was last handed to the task queue (None: not yet, or it failed).
    queued_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    # When the document was first published (its index stage done): "new" for the
    # search feed and the e-mail alerts; a later re-run of the stage keeps it.
    published_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), default=None, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    # The delo (archival file) the document is part of; its sheets («list») stay in
    # meta["archive_ref"]. Set from that reference on intake and by `achyk archive link`.
    archive_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("archive_units.id"), default=None, index=True
    )

    collection: Mapped[Collection] = relationship(back_populates="documents")
    pages: Mapped[list[Page]] = relationship(
        back_populates="document", order_by="Page.number", cascade="all, delete-orphan"
    )


class Page(Base):
    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text, default="")
    public_text: Mapped[str | None] = mapped_column(Text, default=None)
    confidence: Mapped[float | None] = mapped_column(Float, default=None)
    words: Mapped[list[Any]] = mapped_column(default=list)
    # OCR text lines: [left, top, width, height, first word index, word count], view pixels.
    lines: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    # How the page was read: languages, preprocessing steps, rotation, skew, scale, timings.
    ocr_info: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    width: Mapped[int | None] = mapped_column(Integer, default=None)
    height: Mapped[int | None] = mapped_column(Integer, default=None)
    image_key: Mapped[str | None] = mapped_column(String(64), default=None)
    public_image_key: Mapped[str | None] = mapped_column(String(64), default=None)
    # Word boxes that may be shown publicly (page hits): the removed words are left out.
    public_words: Mapped[list[Any] | None] = mapped_column(JSON, default=None)

    document: Mapped[Document] = relationship(back_populates="pages")


class FindingRecord(Base):
    """The private log of depersonification: what was removed, by which rule, replaced how.

    Never part of any public projection; listed to admins for audit only.
    """

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    page: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(30))
    recognizer: Mapped[str] = mapped_column(String(60))
    score: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    replacement: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IngestItem(Base):
    """One input file of a batch and what became of it (ingested, duplicate, failed)."""

    __tablename__ = "ingest_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    source: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), default=None)
    outcome: Mapped[str] = mapped_column(String(20))
    error_code: Mapped[str | None] = mapped_column(String(40), default=None)
    message: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    batch: Mapped[Batch] = relationship(back_populates="items")


class ApiKey(Base):
    """An API key: only its sha256 is stored; `prefix` is the visible part used to name it."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(String(20), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    court: Mapped[str | None] = mapped_column(String(300), default=None)
    # The developer agency a `developer` key acts for (drafts and plan items of that agency).
    agency: Mapped[str | None] = mapped_column(String(300), default=None)
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class Subscription(Base):
    """A reader's saved search or follow (a fond, a norm, a court) with e-mail alerts.

    Nothing is mailed but the confirmation until the address is confirmed; the
    unsubscribe token is in every mail, and unsubscribing deletes the row (the address
    with it).
    """

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # a SubscriptionKind
    # The search as the search page's parameters: {"q": [...], "court": [...], ...}
    query: Mapped[dict[str, Any]] = mapped_column(default=dict)
    confirmed: Mapped[bool] = mapped_column(default=False)
    confirm_token: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    unsubscribe_token: Mapped[str] = mapped_column(String(64), unique=True)
    last_notified_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), default=None
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    """Who did what, when, from where: every write, allowed or refused."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    key_id: Mapped[int | None] = mapped_column(Integer, default=None)
    actor: Mapped[str] = mapped_column(String(100))
    role: Mapped[str | None] = mapped_column(String(20), default=None)
    action: Mapped[str] = mapped_column(String(50), index=True)
    target: Mapped[str] = mapped_column(String(300), default="")
    client: Mapped[str] = mapped_column(String(100), default="")
    outcome: Mapped[str] = mapped_column(String(20), default="ok")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Decision(Base):
    """A court decision published through the API; its versions are documents.

    The identity is (court, case number, decision date), normalised, so a resubmission
    finds the decision instead of duplicating it.
    """

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("court_key", "case_key", "decision_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    court: Mapped[str] = mapped_column(String(300))
    court_key: Mapped[str] = mapped_column(String(300))
    case_number: Mapped[str] = mapped_column(String(100))
    case_key: Mapped[str] = mapped_column(String(100))
    decision_date: Mapped[dt.date] = mapped_column(Date)
    instance: Mapped[str] = mapped_column(String(50), default="")
    category: Mapped[str] = mapped_column(String(100), default="")
    judge: Mapped[str] = mapped_column(String(200), default="")
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    versions: Mapped[list[DecisionVersion]] = relationship(
        back_populates="decision", order_by="DecisionVersion.version"
    )


class DecisionVersion(Base):
    __tablename__ = "decision_versions"
    __table_args__ = (UniqueConstraint("decision_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    decision: Mapped[Decision] = relationship(back_populates="versions")


class Person(Base):
    """A registry record of a repressed person: facts in normal form, one row per person.

    States run proposed → confirmed → published; only published records are public.
    A record merged into another keeps its row with ``merged_into_id`` set, so the merge
    can be undone; its sources move to the survivor and remember where they came from.
    """

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    surname: Mapped[str | None] = mapped_column(String(100), default=None, index=True)
    # The surname folded to its spelling-free masculine base (persons.variants), so merge
    # candidates are found by one indexed lookup whatever the spelling.
    surname_key: Mapped[str | None] = mapped_column(String(100), default=None, index=True)
    given: Mapped[str | None] = mapped_column(String(100), default=None)
    patronymic: Mapped[str | None] = mapped_column(String(100), default=None)
    father: Mapped[str | None] = mapped_column(String(100), default=None)
    # Other spellings an archivist recorded (as written in sources, passports, Yanalif).
    variants: Mapped[list[Any]] = mapped_column(default=list)
    sex: Mapped[str | None] = mapped_column(String(1), default=None)
    birth_year: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    birth_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    birthplace: Mapped[str | None] = mapped_column(String(200), default=None)
    nationality: Mapped[str | None] = mapped_column(String(60), default=None)
    occupation: Mapped[str | None] = mapped_column(String(300), default=None)
    residence: Mapped[str | None] = mapped_column(String(300), default=None)
    arrest_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    # Article numbers as written («58-10») and the norm ids they resolve to.
    charge: Mapped[list[Any]] = mapped_column(default=list)
    norm_ids: Mapped[list[Any]] = mapped_column(default=list)
    sentenced_by: Mapped[str | None] = mapped_column(String(100), default=None)
    sentence_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    sentence: Mapped[str | None] = mapped_column(String(20), default=None)
    camp_years: Mapped[int | None] = mapped_column(Integer, default=None)
    execution_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    rehabilitation_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    rehabilitated_by: Mapped[str | None] = mapped_column(String(100), default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id"), default=None, index=True
    )
    # The key of an imported list row: re-importing the list updates instead of duplicating.
    import_key: Mapped[str | None] = mapped_column(String(200), default=None, unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    sources: Mapped[list[PersonSource]] = relationship(
        back_populates="person",
        order_by="PersonSource.id",
        cascade="all, delete-orphan",
        foreign_keys="PersonSource.person_id",
    )


class PersonSource(Base):
    """Where one fact of a person record is written: document, page, characters, words,
    and the archival reference (fond/opis/delo/list), so the UI can box it on the scan."""

    __tablename__ = "person_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    # The record the source was read into, kept across merges so a merge can be undone.
    origin_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), default=None)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id"), default=None, index=True
    )
    page: Mapped[int | None] = mapped_column(Integer, default=None)
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[int | None] = mapped_column(Integer, default=None)
    end: Mapped[int | None] = mapped_column(Integer, default=None)
    # Indices of the page's OCR words that carry the fact (their boxes are drawn).
    words: Mapped[list[Any]] = mapped_column(default=list)
    archival_ref: Mapped[str] = mapped_column(String(200), default="")
    quote: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    person: Mapped[Person] = relationship(back_populates="sources", foreign_keys=[person_id])


class PersonMerge(Base):
    """A proposal that two records are one person: score, evidence and the decision."""

    __tablename__ = "person_merges"
    __table_args__ = (UniqueConstraint("a_id", "b_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    b_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    score: Mapped[float] = mapped_column(Float)
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    conflicts: Mapped[list[Any]] = mapped_column(default=list)
    # The surviving record's fields before the merge filled them in: what an undo restores.
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    state: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    decided_by: Mapped[str | None] = mapped_column(String(100), default=None)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Draft(Base):
    """A draft normative act on the portal; the rules of its life cycle are in ``drafts``.

    ``published_at`` is when its discussion first opened: before that the draft is the
    developer agency's work in progress and only its plan item is public.
    """

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    act_kind: Mapped[str] = mapped_column(String(30), index=True)  # a drafts.ActKind
    agency: Mapped[str] = mapped_column(String(300))
    agency_key: Mapped[str] = mapped_column(String(300), index=True)  # core.auth.court_key
    area: Mapped[str] = mapped_column(String(300), default="", index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    opens: Mapped[dt.date | None] = mapped_column(Date, default=None)
    closes: Mapped[dt.date | None] = mapped_column(Date, default=None, index=True)
    stage_changed_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), default=None
    )
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    versions: Mapped[list[DraftVersion]] = relationship(
        back_populates="draft", order_by="DraftVersion.number"
    )
    events: Mapped[list[DraftEventRecord]] = relationship(
        back_populates="draft", order_by="DraftEventRecord.id"
    )
    attachments: Mapped[list[DraftAttachment]] = relationship(
        back_populates="draft", order_by="DraftAttachment.id"
    )


class PlanItemRecord(Base):
    """An item of an agency's legislative plan; ``draft_id`` once its draft exists.

    ``title_key`` (sha256 of the folded title) makes agency + year + title unique, so
    importing a corrected plan again updates its items instead of duplicating them.
    """

    __tablename__ = "plan_items"
    __table_args__ = (UniqueConstraint("agency_key", "year", "title_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency: Mapped[str] = mapped_column(String(300))
    agency_key: Mapped[str] = mapped_column(String(300), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(Text)
    title_key: Mapped[str] = mapped_column(String(64))
    act_kind: Mapped[str] = mapped_column(String(30))
    quarter: Mapped[int] = mapped_column(Integer)
    area: Mapped[str] = mapped_column(String(300), default="")
    responsible: Mapped[str] = mapped_column(String(300), default="")
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id"), default=None, unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DraftVersion(Base):
    """One uploaded text of a draft: the developer's (``main``) or an alternative proposed
    by another party. Comments (next session) will point at a version and a unit id of
    its structure, so the text a version was parsed from is kept as it was."""

    __tablename__ = "draft_versions"
    __table_args__ = (UniqueConstraint("draft_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default="main")  # main | alternative
    party: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(String(500), default="")
    format: Mapped[str | None] = mapped_column(String(20), default=None)  # a FileKind
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)  # blob of the file
    # The same text ingested as a document of the archive, when there is one.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), default=None)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    draft: Mapped[Draft] = relationship(back_populates="versions")


class DraftEventRecord(Base):
    """The audit of a draft's life cycle: every stage change and extension, with who."""

    __tablename__ = "draft_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # a drafts.lifecycle.EventKind
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    from_stage: Mapped[str] = mapped_column(String(20))
    to_stage: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    closes_before: Mapped[dt.date | None] = mapped_column(Date, default=None)
    closes_after: Mapped[dt.date | None] = mapped_column(Date, default=None)
    actor: Mapped[str] = mapped_column(String(100), default="")
    key_id: Mapped[int | None] = mapped_column(Integer, default=None)

    draft: Mapped[Draft] = relationship(back_populates="events")


class DraftAttachment(Base):
    """A document that goes with a draft: justification note, regulatory impact analysis,
    comparative table; the file is a blob, its text kept for search and display."""

    __tablename__ = "draft_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(500), default="")
    file_name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str | None] = mapped_column(String(20), default=None)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    draft: Mapped[Draft] = relationship(back_populates="attachments")


class DraftCommenter(Base):
    """An e-mail address that comments on drafts. The address is private (it is never
    published, exported or listed); ``email_key`` (an HMAC of it) finds it again."""

    __tablename__ = "draft_commenters"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    email_key: Mapped[str] = mapped_column(String(64), unique=True)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DraftComment(Base):
    """A public comment on a draft, anchored to a version (and a unit of its structure),
    with its moderation and the developer's answer. ``text`` is what the commenter wrote
    (moderators and the agency read it); only ``public_text``, depersonified when the
    comment is approved, is ever shown to the public."""

    __tablename__ = "draft_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    commenter_id: Mapped[int] = mapped_column(ForeignKey("draft_commenters.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[str | None] = mapped_column(String(100), default=None)
    quote: Mapped[str] = mapped_column(Text, default="")
    commenter_kind: Mapped[str] = mapped_column(String(20))  # a drafts.report.CommenterKind
    organization: Mapped[str] = mapped_column(String(300), default="")
    public_organization: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text)
    public_text: Mapped[str | None] = mapped_column(Text, default=None)
    # unconfirmed (address not confirmed yet) | pending | approved | rejected
    status: Mapped[str] = mapped_column(String(20), index=True)
    reject_reason: Mapped[str | None] = mapped_column(String(20), default=None)
    moderated_by: Mapped[str] = mapped_column(String(100), default="")
    moderated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    answer: Mapped[str | None] = mapped_column(String(20), default=None)  # a report.AnswerKind
    answer_reason: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str] = mapped_column(String(100), default="")
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    file_name: Mapped[str | None] = mapped_column(String(500), default=None)
    file_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    file_size: Mapped[int | None] = mapped_column(Integer, default=None)
    file_text: Mapped[str | None] = mapped_column(Text, default=None)
    public_file_text: Mapped[str | None] = mapped_column(Text, default=None)
    client: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DraftVote(Base):
    """Support or oppose: one per confirmed address and draft, changed in place."""

    __tablename__ = "draft_votes"
    __table_args__ = (UniqueConstraint("draft_id", "commenter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    commenter_id: Mapped[int] = mapped_column(ForeignKey("draft_commenters.id"))
    vote: Mapped[str] = mapped_column(String(10))  # support | oppose
    commenter_kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PageRevision(Base):
    """One saved correction of a page's recognized text (or a revert of one).

    The page's text, word boxes and OCR lines before and after are kept whole, so a revert
    restores exactly what was there, boxes included. `changes` lists the lines edited:
    ``[{"index": i, "old": "...", "new": "..."}]``; `line_index` is set when it was one.
    Private like `Page.text`: listed to those who may correct the page only.
    """

    __tablename__ = "page_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    page: Mapped[int] = mapped_column(Integer)
    line_index: Mapped[int | None] = mapped_column(Integer, default=None)
    changes: Mapped[list[Any]] = mapped_column(default=list)
    old_text: Mapped[str] = mapped_column(Text, default="")
    new_text: Mapped[str] = mapped_column(Text, default="")
    old_words: Mapped[list[Any]] = mapped_column(default=list)
    new_words: Mapped[list[Any]] = mapped_column(default=list)
    old_lines: Mapped[list[Any]] = mapped_column(default=list)
    new_lines: Mapped[list[Any]] = mapped_column(default=list)
    author: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(500), default="")
    # The revision this one undid (a revert restores the text from before it).
    reverts_id: Mapped[int | None] = mapped_column(ForeignKey("page_revisions.id"), default=None)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MisreadingReport(Base):
    """A reader's report that a page was misread: where, and what it should say.

    No contact details are asked for or kept (not even the client address): the reader is
    anonymous; the note is free text about the misreading. Status runs open → accepted
    (the archivist opened the editor with the suggestion) or rejected (with a reason).
    """

    __tablename__ = "misreading_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    page: Mapped[int] = mapped_column(Integer)
    line_index: Mapped[int | None] = mapped_column(Integer, default=None)
    # A region of the page image instead of a line: [left, top, width, height], view pixels.
    region: Mapped[list[Any] | None] = mapped_column(JSON, default=None)
    suggested: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    handled_by: Mapped[str | None] = mapped_column(String(100), default=None)
    handled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    reason: Mapped[str] = mapped_column(String(500), default="")
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("page_revisions.id"), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ArchiveUnit(Base):
    """One level of the archival hierarchy: an archive, a fond, an opis or a delo.

    Described with the ISAD(G) elements a finding aid carries (reference code, title,
    dates, level, extent, creator, scope and content, access conditions, language).
    `ref` is the document-side reference of the unit ("67", "67/9", "67/9/108": fond,
    opis and delo codes), which is what a document's manifest columns give and what the
    search index files documents under; `lineage` ("/1/4/9/") lists the ids from the
    archive down, so everything under a unit is one prefix match.
    """

    __tablename__ = "archive_units"
    __table_args__ = (UniqueConstraint("parent_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("archive_units.id"), default=None, index=True
    )
    archive_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    level: Mapped[str] = mapped_column(String(10))  # an ArchiveLevel
    code: Mapped[str] = mapped_column(String(100))
    ref: Mapped[str] = mapped_column(String(400), default="", index=True)
    lineage: Mapped[str] = mapped_column(String(400), default="", index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(1000), default="")
    date_from: Mapped[str | None] = mapped_column(String(10), default=None)  # YYYY[-MM[-DD]]
    date_to: Mapped[str | None] = mapped_column(String(10), default=None)
    extent: Mapped[str] = mapped_column(String(300), default="")
    creator: Mapped[str] = mapped_column(String(500), default="")
    scope_content: Mapped[str] = mapped_column(Text, default="")
    access_conditions: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
