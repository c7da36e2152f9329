"""registry of repressed persons: persons, their sources, merge proposals

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("surname", sa.String(length=100), nullable=True),
        sa.Column("surname_key", sa.String(length=100), nullable=True),
        sa.Column("given", sa.String(length=100), nullable=True),
        sa.Column("patronymic", sa.String(length=100), nullable=True),
        sa.Column("father", sa.String(length=100), nullable=True),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("birthplace", sa.String(length=200), nullable=True),
        sa.Column("nationality", sa.String(length=60), nullable=True),
        sa.Column("occupation", sa.String(length=300), nullable=True),
        sa.Column("residence", sa.String(length=300), nullable=True),
        sa.Column("arrest_date", sa.Date(), nullable=True),
        sa.Column("charge", sa.JSON(), nullable=False),
        sa.Column("norm_ids", sa.JSON(), nullable=False),
        sa.Column("sentenced_by", sa.String(length=100), nullable=True),
        sa.Column("sentence_date", sa.Date(), nullable=True),
        sa.Column("sentence", sa.String(length=20), nullable=True),
        sa.Column("camp_years", sa.Integer(), nullable=True),
        sa.Column("execution_date", sa.Date(), nullable=True),
        sa.Column("rehabilitation_date", sa.Date(), nullable=True),
        sa.Column("rehabilitated_by", sa.String(length=100), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("import_key", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["merged_into_id"], ["persons.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("import_key"),
    )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_persons_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_persons_surname"), ["surname"], unique=False)
        batch_op.create_index(batch_op.f("ix_persons_surname_key"), ["surname_key"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_persons_birth_year"), ["birth_year"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_persons_merged_into_id"), ["merged_into_id"],
                              unique=False)
    op.create_table(
        "person_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("origin_person_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("archival_ref", sa.String(length=200), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
        sa.ForeignKeyConstraint(["origin_person_id"], ["persons.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("person_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_sources_person_id"), ["person_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_person_sources_document_id"), ["document_id"],
                              unique=False)
    op.create_table(
        "person_merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("a_id", sa.Integer(), nullable=False),
        sa.Column("b_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("conflicts", sa.JSON(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["a_id"], ["persons.id"]),
        sa.ForeignKeyConstraint(["b_id"], ["persons.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("a_id", "b_id"),
    )
    with op.batch_alter_table("person_merges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_merges_a_id"), ["a_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_merges_b_id"), ["b_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_merges_state"), ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("person_merges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_merges_state"))
        batch_op.drop_index(batch_op.f("ix_person_merges_b_id"))
        batch_op.drop_index(batch_op.f("ix_person_merges_a_id"))
    op.drop_table("person_merges")
    with op.batch_alter_table("person_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_sources_document_id"))
        batch_op.drop_index(batch_op.f("ix_person_sources_person_id"))
    op.drop_table("person_sources")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_persons_merged_into_id"))
        batch_op.drop_index(batch_op.f("ix_persons_birth_year"))
        batch_op.drop_index(batch_op.f("ix_persons_surname_key"))
        batch_op.drop_index(batch_op.f("ix_persons_surname"))
        batch_op.drop_index(batch_op.f("ix_persons_state"))
    op.drop_table("persons")
