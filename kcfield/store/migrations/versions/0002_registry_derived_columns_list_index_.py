"""Registry: derived size/eligibility columns, the name-order list index, a change counter for the registry.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 00:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_counters",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_change_counters")),
    )
    # Existing rows get "unknown"; the services recompute derived facts when the rules in force change.
    # (The counter's triggers are created when the store opens: kcfield.store.search.ensure_change_triggers.)
    with op.batch_alter_table("establishments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("size_class", sa.String(length=8), nullable=False, server_default="unknown"))
        batch_op.add_column(sa.Column("cnnt_eligible", sa.String(length=8), nullable=False, server_default="unknown"))
        batch_op.drop_index(batch_op.f("ix_establishments_name_sort"))
        batch_op.create_index("ix_establishments_list", ["deleted", "name_sort"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("establishments", schema=None) as batch_op:
        batch_op.drop_index("ix_establishments_list")
        batch_op.create_index(batch_op.f("ix_establishments_name_sort"), ["name_sort"], unique=False)
        batch_op.drop_column("cnnt_eligible")
        batch_op.drop_column("size_class")
    op.drop_table("change_counters")
