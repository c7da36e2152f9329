"""archive_units (archive, fond, opis, delo with ISAD(G) fields) and documents.archive_unit_id

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-06 03:40:00

Documents already in the database are linked to their delo by `achyk archive import`
(which links every unlinked document once the units exist) or `achyk archive link`: a
fresh database has no units yet, so there is nothing to backfill here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "archive_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("archive_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("ref", sa.String(length=400), nullable=False),
        sa.Column("lineage", sa.String(length=400), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=1000), nullable=False),
        sa.Column("date_from", sa.String(length=10), nullable=True),
        sa.Column("date_to", sa.String(length=10), nullable=True),
        sa.Column("extent", sa.String(length=300), nullable=False),
        sa.Column("creator", sa.String(length=500), nullable=False),
        sa.Column("scope_content", sa.Text(), nullable=False),
        sa.Column("access_conditions", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=60), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["archive_units.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("parent_id", "code"),
    )
    op.create_index("ix_archive_units_parent_id", "archive_units", ["parent_id"])
    op.create_index("ix_archive_units_archive_id", "archive_units", ["archive_id"])
    op.create_index("ix_archive_units_ref", "archive_units", ["ref"])
    op.create_index("ix_archive_units_lineage", "archive_units", ["lineage"])
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("archive_unit_id", sa.Integer(), nullable=True))
        batch.create_index("ix_documents_archive_unit_id", ["archive_unit_id"])
        batch.create_foreign_key(
            "fk_documents_archive_unit_id", "archive_units", ["archive_unit_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_constraint("fk_documents_archive_unit_id", type_="foreignkey")
        batch.drop_index("ix_documents_archive_unit_id")
        batch.drop_column("archive_unit_id")
    op.drop_index("ix_archive_units_lineage", table_name="archive_units")
    op.drop_index("ix_archive_units_ref", table_name="archive_units")
    op.drop_index("ix_archive_units_archive_id", table_name="archive_units")
    op.drop_index("ix_archive_units_parent_id", table_name="archive_units")
    op.drop_table("archive_units")
