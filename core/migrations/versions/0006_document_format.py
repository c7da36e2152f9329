"""documents.kind -> documents.format: the column holds a file format (pdf, docx, ...)

`kind` read as the kind of document (a decision, a law), which is doc_type; the search
field and the API already call this value `format`.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 03:15:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.alter_column("kind", new_column_name="format")


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.alter_column("format", new_column_name="kind")
