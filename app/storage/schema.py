"""Tables of the desk's local store (SQLite). The migrations in `migrations/versions` create exactly these;
a test compares the two so they cannot drift apart.

`dossiers` is a projection for lists and search; the truth is `dossier_events`, which triggers keep
append-only. Every event has its `outbox` row, written in the same transaction, for the sync client.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

from app.storage.types import EpochMillis, HexUid

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

offices = Table(
    "offices",
    metadata,
    Column("code", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("parent_code", String, ForeignKey("offices.code"), nullable=True),
    Column("address", Text),
    Column("phone", String),
)

counters = Table(
    "counters",
    metadata,
    Column("office_code", String, ForeignKey("offices.code"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("fields", Text, nullable=False, server_default="[]"),
)

officers = Table(
    "officers",
    metadata,
    Column("username", String, primary_key=True),
    Column("full_name", Text, nullable=False),
    Column("role", String, nullable=False),
    Column("office_code", String, ForeignKey("offices.code"), nullable=False),
    Column("counter_number", Integer),
    Column("password_hash", String, nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("1")),
)

procedure_versions = Table(
    "procedure_versions",
    metadata,
    Column("fingerprint", String, primary_key=True),
    Column("code", String, nullable=False),
    Column("data", Text, nullable=False),
    Column("stored_at", EpochMillis, nullable=False),
)

procedures = Table(
    "procedures",
    metadata,
    Column("code", String, primary_key=True),
    Column("fingerprint", String, ForeignKey("procedure_versions.fingerprint"), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_folded", Text, nullable=False),
    Column("field_code", String, nullable=False),
    Column("field_name", Text, nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("1")),
    Column("updated_at", EpochMillis, nullable=False),
)

applicants = Table(
    "applicants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("id_number", String, nullable=False, unique=True),
    Column("id_kind", String),
    Column("kind", String, nullable=False),
    Column("name", Text, nullable=False),
    Column("birth_date", String),
    Column("phone", String),
    Column("email", String),
    Column("address", Text),
    Column("updated_at", EpochMillis, nullable=False),
)

dossiers = Table(
    "dossiers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", HexUid, nullable=False, unique=True),
    Column("code", String, nullable=False, unique=True),
    Column("procedure_code", String, nullable=False),
    Column("field_code", String, nullable=False),
    Column("applicant_name", Text, nullable=False),
    Column("applicant_name_folded", Text, nullable=False),
    Column("applicant_id_number", String),
    Column("applicant_phone", String),
    Column("office_code", String, nullable=False),
    Column("counter_number", Integer),
    Column("received_by", String, nullable=False),
    Column("received_at", EpochMillis, nullable=False),
    Column("due_at", EpochMillis),
    Column("original_due_at", EpochMillis),
    Column("status", String, nullable=False),
    Column("step_index", Integer, nullable=False, server_default=text("0")),
    Column("result_ready_at", EpochMillis),
    Column("returned_at", EpochMillis),
    Column("closed_at", EpochMillis),
    Column("version", Integer, nullable=False),
    Index("ix_dossiers_id_number", "applicant_id_number"),
    Index("ix_dossiers_phone", "applicant_phone"),
    Index("ix_dossiers_status_due", "status", "due_at"),
    Index("ix_dossiers_received_at", "received_at"),
)

# Keyed by (dossier, seq) without a rowid: the key is how events are read (a dossier's history in order),
# so the table is its own index; a separate rowid and unique index cost 60 MB at a million dossiers.
dossier_events = Table(
    "dossier_events",
    metadata,
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("type", String, nullable=False),
    Column("occurred_at", EpochMillis, nullable=False),
    Column("actor", String, nullable=False),
    Column("payload", Text, nullable=False),
    sqlite_with_rowid=False,
)

# The device's gap-free sequence of changes to send: seq is the rowid, and rows are never deleted. Sync sends
# in seq order and the server acknowledges a prefix, so one watermark (meta `outbox.acked_seq`) says what
# is still to send; no per-row flag to update. (stream, aggregate_id, event_seq) names the event.
outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("stream", String, nullable=False),
    Column("aggregate_id", Integer, nullable=False),
    Column("event_seq", Integer, nullable=False),
    Column("created_at", EpochMillis, nullable=False),
)

code_sequences = Table(
    "code_sequences",
    metadata,
    Column("unit_code", String, primary_key=True),
    Column("day", String, primary_key=True),
    Column("slot", Integer, primary_key=True),
    Column("last", Integer, nullable=False),
)

# Raw DDL that SQLAlchemy's metadata cannot express; the migration runs it and tests check it exists.
SQLITE_EXTRAS: tuple[str, ...] = (
    "CREATE VIRTUAL TABLE dossier_fts USING fts5("
    "applicant_name_folded, content='dossiers', content_rowid='id', prefix='2 3', columnsize=0)",
    "CREATE TRIGGER dossiers_fts_insert AFTER INSERT ON dossiers BEGIN "
    "INSERT INTO dossier_fts(rowid, applicant_name_folded) VALUES (new.id, new.applicant_name_folded); END",
    "CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, applicant_name_folded) "
    "VALUES ('delete', old.id, old.applicant_name_folded); END",
    "CREATE TRIGGER dossiers_fts_update AFTER UPDATE OF applicant_name_folded ON dossiers BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, applicant_name_folded) "
    "VALUES ('delete', old.id, old.applicant_name_folded); "
    "INSERT INTO dossier_fts(rowid, applicant_name_folded) VALUES (new.id, new.applicant_name_folded); END",
    "CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events BEGIN "
    "SELECT RAISE(ABORT, 'dossier_events is append-only'); END",
    "CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events BEGIN "
    "SELECT RAISE(ABORT, 'dossier_events is append-only'); END",
    "CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox BEGIN "
    "SELECT RAISE(ABORT, 'outbox rows are never deleted: their seq is the device sequence'); END",
)

import app.storage.printing_schema  # noqa: E402  (printing's tables, issue 3)
import app.storage.queue_schema  # noqa: E402, F401  (the queue's tables, issue 4)
from app.storage import sync_schema as _sync_schema  # noqa: E402, F401  (sync's tables, issue 5)
