"""ocr quality: per-document OCR languages, text lines and OCR run info per page

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 04:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ocr_languages', sa.String(length=60), nullable=True))
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lines', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('ocr_info', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.drop_column('ocr_info')
        batch_op.drop_column('lines')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('ocr_languages')
