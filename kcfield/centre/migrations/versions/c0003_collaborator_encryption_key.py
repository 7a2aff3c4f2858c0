"""Each enrolled collaborator's X25519 public key: the packages the centre sends them are sealed for it.

Revision ID: c0003
Revises: c0002
Create Date: 2026-11-27 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("centre_collaborators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("encryption_key", sa.LargeBinary(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("centre_collaborators", schema=None) as batch_op:
        batch_op.drop_column("encryption_key")
