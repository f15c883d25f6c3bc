"""The desk's queue tables, added to the desk schema (imported at the end of app/storage/schema.py)."""

from __future__ import annotations

from app.storage.queue_tables import define_queue_tables
from app.storage.schema import metadata

QUEUE = define_queue_tables(metadata)

# Raw DDL the metadata cannot express; migration 0003_queue runs the same statements.
QUEUE_SQLITE_EXTRAS: tuple[str, ...] = (
    "CREATE TRIGGER queue_events_no_update BEFORE UPDATE ON queue_events BEGIN "
    "SELECT RAISE(ABORT, 'queue_events is append-only'); END",
    "CREATE TRIGGER queue_events_no_delete BEFORE DELETE ON queue_events BEGIN "
    "SELECT RAISE(ABORT, 'queue_events is append-only'); END",
)
