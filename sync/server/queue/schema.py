"""The server's queue tables: the desk's shape (app/storage/queue_tables.py) in the server's metadata."""

from __future__ import annotations

from app.storage.queue_tables import define_queue_tables
from sync.server.schema import metadata

SERVER_QUEUE = define_queue_tables(metadata)
