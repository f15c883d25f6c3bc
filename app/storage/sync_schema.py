"""The desk's sync tables, added to the desk schema (imported at the end of app/storage/schema.py).

What to send needs no table: the outbox is gap-free and never loses a row, so one watermark (meta
`outbox.acked_seq`, the highest device sequence the server has given a verdict for) says what is still to
send, and a rewind is one write. Verdicts that need a person are kept here, as are pulled changes that
could not be applied without overwriting local ones. Small scalars (the pull cursor, the last attempt)
live in `meta` under `sync.*`.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, Text

from app.storage.schema import metadata
from app.storage.types import EpochMillis

# Outbox rows the server did not take (rejected: a dead letter; conflict: made on a stale version).
sync_dead_letters = Table(
    "sync_dead_letters",
    metadata,
    Column("device_seq", Integer, primary_key=True, autoincrement=False),
    Column("key", String, nullable=False),
    Column("verdict", String, nullable=False),
    Column("reason", String),
    Column("message", Text),
    Column("recorded_at", EpochMillis, nullable=False),
)

# Pulled changes waiting to be applied (the dossier has unsent local events, or its history diverged).
sync_held = Table(
    "sync_held",
    metadata,
    Column("server_seq", Integer, primary_key=True, autoincrement=False),
    Column("key", String, nullable=False),
    Column("body", Text, nullable=False),  # the pulled item as JSON
    Column("reason", String, nullable=False),
    Column("held_at", EpochMillis, nullable=False),
)

# This desk's enrolment with a server (one row). The token itself is never here: it is in the OS keyring,
# or in the file the admin named when no keyring exists.
sync_enrolment = Table(
    "sync_enrolment",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("server_url", Text, nullable=False),
    Column("device_id", String, nullable=False),
    Column("office_code", String, nullable=False),
    Column("token_store", String, nullable=False),  # "keyring" or "file"
    Column("token_file", Text),
    Column("ca_bundle", Text),
    Column("pins", Text, nullable=False, server_default="[]"),  # SHA-256 of the server's SPKI, base64
    Column("enrolled_at", EpochMillis, nullable=False),
)
