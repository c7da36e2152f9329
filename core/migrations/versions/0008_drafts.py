"""draft-law portal: drafts, their versions, events and attachments, plan items; the
developer agency of an API key

A draft version keeps the text it was parsed from, so the comments of the next session
can point at a version and a unit id of its structure. `api_keys.agency` scopes a
`developer` key to its agency, as `court` scopes a clerk's.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 00:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("agency", sa.String(length=300), nullable=True))
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("act_kind", sa.String(length=30), nullable=False),
        sa.Column("agency", sa.String(length=300), nullable=False),
        sa.Column("agency_key", sa.String(length=300), nullable=False),
        sa.Column("area", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("opens", sa.Date(), nullable=True),
        sa.Column("closes", sa.Date(), nullable=True),
        sa.Column("stage_changed_at", TZ, nullable=True),
        sa.Column("published_at", TZ, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for col in ("act_kind", "agency_key", "area", "stage", "closes"):
        op.create_index(f"ix_drafts_{col}", "drafts", [col])
    op.create_table(
        "plan_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=300), nullable=False),
        sa.Column("agency_key", sa.String(length=300), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("title_key", sa.String(length=64), nullable=False),
        sa.Column("act_kind", sa.String(length=30), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=300), nullable=False),
        sa.Column("responsible", sa.String(length=300), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agency_key", "year", "title_key"),
        sa.UniqueConstraint("draft_id"),
    )
    op.create_index("ix_plan_items_agency_key", "plan_items", ["agency_key"])
    op.create_index("ix_plan_items_year", "plan_items", ["year"])
    op.create_table(
        "draft_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("party", sa.String(length=300), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("draft_id", "number"),
    )
    op.create_index("ix_draft_versions_draft_id", "draft_versions", ["draft_id"])
    op.create_table(
        "draft_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("from_stage", sa.String(length=20), nullable=False),
        sa.Column("to_stage", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("closes_before", sa.Date(), nullable=True),
        sa.Column("closes_after", sa.Date(), nullable=True),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_draft_events_draft_id", "draft_events", ["draft_id"])
    op.create_table(
        "draft_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_draft_attachments_draft_id", "draft_attachments", ["draft_id"])


def downgrade() -> None:
    for table in ("draft_attachments", "draft_events", "draft_versions"):
        op.drop_index(f"ix_{table}_draft_id", table_name=table)
        op.drop_table(table)
    op.drop_index("ix_plan_items_year", table_name="plan_items")
    op.drop_index("ix_plan_items_agency_key", table_name="plan_items")
    op.drop_table("plan_items")
    for col in ("act_kind", "agency_key", "area", "stage", "closes"):
        op.drop_index(f"ix_drafts_{col}", table_name="drafts")
    op.drop_table("drafts")
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("agency")
