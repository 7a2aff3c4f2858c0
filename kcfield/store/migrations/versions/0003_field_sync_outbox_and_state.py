"""Field sync: the outbox of written packages and the sync state (sequence, previous hash, centre key).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kcfield.store.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("acknowledged_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("receipt_summary", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("package_id", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("sequence", name=op.f("uq_sync_outbox_sequence")),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    op.drop_table("sync_outbox")
