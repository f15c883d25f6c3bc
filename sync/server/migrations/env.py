"""Alembic environment: migrations run on the connection the caller hands in (see sync/server/migrate.py).

The caller already holds the migration lock and an open transaction on that connection, so the whole
upgrade commits or rolls back as one. Without one (a developer running `alembic revision --autogenerate`
with `script_location = sync/server/migrations`), the database comes from MOTCUA_DATABASE_URL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from sync.server.schema import metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    from sync.server.db import make_engine
    from sync.server.settings import load_settings

    engine = make_engine(load_settings().database_url)
    try:
        with engine.connect() as own_connection:
            _run(own_connection)
    finally:
        engine.dispose()
else:
    _run(connection)
