"""Alembic environment: the engine comes from the caller (kcfield.store.migrate), never from a URL in a file."""

from __future__ import annotations

from alembic import context

from kcfield.store.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
        # SQLite's DDL is transactional (the engine issues BEGIN itself), but Alembic assumes it is not and
        # would commit after each step: a power cut mid-upgrade then left the store at an intermediate
        # revision. One transaction for the whole upgrade: the store is at the old revision or at head.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
