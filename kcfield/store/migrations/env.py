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
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
