"""The server schema as SQLAlchemy Core metadata. Migrations freeze their own copy of the DDL.

`server_meta` is here; each feature's tables are in a module of its own (the sync protocol's in
`sync/server/tables.py`), imported at the end of this file.
"""

from __future__ import annotations

from sqlalchemy import Column, MetaData, String, Table, Text

# Named constraints, so later migrations can drop or alter them by name on both SQLite and PostgreSQL.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Small facts about this server database (e.g. its identity), kept as key/value text.
server_meta = Table(
    "server_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# The sync protocol's tables add themselves to `metadata` (one line per feature, at the end).
import sync.server.tables  # noqa: E402, F401
