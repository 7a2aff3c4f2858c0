"""The centre's own tables: collaborators, packages, revision history and heads, conflicts, assignments, state.

The shared schema (establishments, visits, reference data...) is created by the field store's revisions,
which the centre's environment runs as a second branch.

Revision ID: c0001
Revises:
Create Date: 2026-11-27 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kcfield.store.types

revision = "c0001"
down_revision = None
branch_labels = ("centre",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "centre_collaborators",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("key_fingerprint", sa.String(length=80), nullable=False),
        sa.Column("device_id", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("communes", sa.JSON(), nullable=False),
        sa.Column("enrolled_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_centre_collaborators")),
        sa.UniqueConstraint("key_fingerprint", name=op.f("uq_centre_collaborators_key_fingerprint")),
    )
    op.create_table(
        "centre_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("field_name", sa.String(length=80), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=False),
        sa.Column("centre_revision", sa.Integer(), nullable=False),
        sa.Column("base_value", sa.JSON(), nullable=False),
        sa.Column("centre_value", sa.JSON(), nullable=False),
        sa.Column("field_value", sa.JSON(), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("sender", sa.String(length=40), nullable=False),
        sa.Column("device_id", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("resolution", sa.JSON(), nullable=True),
        sa.Column("created_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_conflicts")),
    )
    with op.batch_alter_table("centre_conflicts", schema=None) as batch_op:
        batch_op.create_index("ix_centre_conflicts_record", ["entity", "record_id"], unique=False)
        batch_op.create_index("ix_centre_conflicts_status", ["status"], unique=False)

    op.create_table(
        "centre_packages",
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("sender", sa.String(length=40), nullable=False),
        sa.Column("device_id", sa.String(length=40), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("previous_sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("received_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("applied_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("receipt", sa.LargeBinary(), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("package_id", name=op.f("pk_centre_packages")),
        sa.UniqueConstraint("sender", "device_id", "sequence", name="uq_centre_packages_sender_device_sequence"),
    )
    with op.batch_alter_table("centre_packages", schema=None) as batch_op:
        batch_op.create_index("ix_centre_packages_status", ["status"], unique=False)

    op.create_table(
        "centre_record_heads",
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=40), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_id", name=op.f("pk_centre_record_heads")),
    )
    op.create_table(
        "centre_revisions",
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("device_id", sa.String(length=40), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_id", "revision", name=op.f("pk_centre_revisions")),
    )
    op.create_table(
        "centre_state",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_centre_state")),
    )
    op.create_table(
        "centre_assignments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("collaborator_code", sa.String(length=40), nullable=False),
        sa.Column("establishment_id", sa.Uuid(), nullable=True),
        sa.Column("commune_code", sa.Integer(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "establishment_id IS NOT NULL OR commune_code IS NOT NULL",
            name=op.f("ck_centre_assignments_establishment_or_commune"),
        ),
        sa.ForeignKeyConstraint(
            ["collaborator_code"],
            ["centre_collaborators.code"],
            name=op.f("fk_centre_assignments_collaborator_code_centre_collaborators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_assignments")),
    )
    with op.batch_alter_table("centre_assignments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_centre_assignments_collaborator_code"), ["collaborator_code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("centre_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_centre_assignments_collaborator_code"))

    op.drop_table("centre_assignments")
    op.drop_table("centre_state")
    op.drop_table("centre_revisions")
    op.drop_table("centre_record_heads")
    with op.batch_alter_table("centre_packages", schema=None) as batch_op:
        batch_op.drop_index("ix_centre_packages_status")

    op.drop_table("centre_packages")
    with op.batch_alter_table("centre_conflicts", schema=None) as batch_op:
        batch_op.drop_index("ix_centre_conflicts_status")
        batch_op.drop_index("ix_centre_conflicts_record")

    op.drop_table("centre_conflicts")
    op.drop_table("centre_collaborators")
