"""The nonces of signed HTTP requests the centre's service accepted: a replayed request is refused.

Revision ID: c0002
Revises: c0001
Create Date: 2026-11-27 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kcfield.store.types

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "centre_request_nonces",
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("collaborator", sa.String(length=40), nullable=False),
        sa.Column("seen_at", kcfield.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("nonce", name=op.f("pk_centre_request_nonces")),
    )
    with op.batch_alter_table("centre_request_nonces", schema=None) as batch_op:
        batch_op.create_index("ix_centre_request_nonces_seen_at", ["seen_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("centre_request_nonces", schema=None) as batch_op:
        batch_op.drop_index("ix_centre_request_nonces_seen_at")
    op.drop_table("centre_request_nonces")
