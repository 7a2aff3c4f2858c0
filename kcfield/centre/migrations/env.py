"""Alembic environment of the centre: the engine comes from the caller (kcfield.centre.migrate).

Two branches share one version table (``centre_alembic_version``): the field store's own revisions (the
shared schema, read from ``kcfield/store/migrations/versions``) and the centre's (its own tables). A change
to the shared schema therefore reaches the centre through the very migration that changes the field.
"""

from __future__ import annotations

from alembic import context

from kcfield.centre.models import CENTRE_METADATA, VERSION_TABLE

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=list(CENTRE_METADATA),
        version_table=VERSION_TABLE,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
        # One transaction for the whole upgrade on SQLite too (its DDL is transactional; Alembic assumes not
        # and would commit step by step): an interrupted upgrade leaves the old revision, never a mix.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
