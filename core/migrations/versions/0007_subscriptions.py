"""subscriptions (saved searches and follows with e-mail alerts); documents.published_at

`published_at` is when a document was first published: what the search feed orders by
and what an alert counts as new. Documents already published get their last update
time, the best guess there is.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 16:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("query", sa.JSON(), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("confirm_token", sa.String(length=64), nullable=True),
        sa.Column("unsubscribe_token", sa.String(length=64), nullable=False),
        sa.Column("last_notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("confirm_token"),
        sa.UniqueConstraint("unsubscribe_token"),
    )
    op.create_index("ix_subscriptions_email", "subscriptions", ["email"])
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_documents_published_at", ["published_at"])
    op.execute("UPDATE documents SET published_at = updated_at WHERE state = 'published'")


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_published_at")
        batch.drop_column("published_at")
    op.drop_index("ix_subscriptions_email", table_name="subscriptions")
    op.drop_table("subscriptions")
