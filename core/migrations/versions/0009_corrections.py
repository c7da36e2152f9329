"""page_revisions (archivists' corrections of recognized text) and misreading_reports

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 00:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "page_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("line_index", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("old_text", sa.Text(), nullable=False),
        sa.Column("new_text", sa.Text(), nullable=False),
        sa.Column("old_words", sa.JSON(), nullable=False),
        sa.Column("new_words", sa.JSON(), nullable=False),
        sa.Column("old_lines", sa.JSON(), nullable=False),
        sa.Column("new_lines", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("reverts_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
        sa.ForeignKeyConstraint(["reverts_id"], ["page_revisions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_page_revisions_document_id", "page_revisions", ["document_id"])
    op.create_table(
        "misreading_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("line_index", sa.Integer(), nullable=True),
        sa.Column("region", sa.JSON(), nullable=True),
        sa.Column("suggested", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("handled_by", sa.String(length=100), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
        sa.ForeignKeyConstraint(["revision_id"], ["page_revisions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_misreading_reports_document_id", "misreading_reports", ["document_id"])
    op.create_index("ix_misreading_reports_status", "misreading_reports", ["status"])


def downgrade() -> None:
    op.drop_index("ix_misreading_reports_status", table_name="misreading_reports")
    op.drop_index("ix_misreading_reports_document_id", table_name="misreading_reports")
    op.drop_table("misreading_reports")
    op.drop_index("ix_page_revisions_document_id", table_name="page_revisions")
    op.drop_table("page_revisions")
