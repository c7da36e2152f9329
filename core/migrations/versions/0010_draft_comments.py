"""draft_commenters, draft_comments (moderation, answers, attachment) and draft_votes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 03:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "draft_commenters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("email_key", sa.String(length=64), nullable=False),
        sa.Column("confirmed_at", TZ, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email_key"),
    )
    op.create_table(
        "draft_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("commenter_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.String(length=100), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("commenter_kind", sa.String(length=20), nullable=False),
        sa.Column("organization", sa.String(length=300), nullable=False),
        sa.Column("public_organization", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("public_text", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reject_reason", sa.String(length=20), nullable=True),
        sa.Column("moderated_by", sa.String(length=100), nullable=False),
        sa.Column("moderated_at", TZ, nullable=True),
        sa.Column("answer", sa.String(length=20), nullable=True),
        sa.Column("answer_reason", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.String(length=100), nullable=False),
        sa.Column("answered_at", TZ, nullable=True),
        sa.Column("file_name", sa.String(length=500), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("file_size", sa.Integer(), nullable=True),
        sa.Column("file_text", sa.Text(), nullable=True),
        sa.Column("public_file_text", sa.Text(), nullable=True),
        sa.Column("client", sa.String(length=100), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"]),
        sa.ForeignKeyConstraint(["commenter_id"], ["draft_commenters.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_draft_comments_draft_id", "draft_comments", ["draft_id"])
    op.create_index("ix_draft_comments_commenter_id", "draft_comments", ["commenter_id"])
    op.create_index("ix_draft_comments_status", "draft_comments", ["status"])
    op.create_table(
        "draft_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("commenter_id", sa.Integer(), nullable=False),
        sa.Column("vote", sa.String(length=10), nullable=False),
        sa.Column("commenter_kind", sa.String(length=20), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"]),
        sa.ForeignKeyConstraint(["commenter_id"], ["draft_commenters.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("draft_id", "commenter_id"),
    )
    op.create_index("ix_draft_votes_draft_id", "draft_votes", ["draft_id"])


def downgrade() -> None:
    op.drop_index("ix_draft_votes_draft_id", table_name="draft_votes")
    op.drop_table("draft_votes")
    for ix in ("status", "commenter_id", "draft_id"):
        op.drop_index(f"ix_draft_comments_{ix}", table_name="draft_comments")
    op.drop_table("draft_comments")
    op.drop_table("draft_commenters")
