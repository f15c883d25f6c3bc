"""The sync tables of the server (the same DDL on SQLite and PostgreSQL; migration server_0003_sync).

Times are UTC milliseconds (BigInteger), as on the desks: no zone to get wrong on either backend.
What a desk pulls is ordered by (txid, server_seq): on PostgreSQL txid is the writing transaction's id and
a reader takes only rows of transactions older than every one still running (pg_snapshot_xmin), so a
transaction that commits late is never skipped and writers need no common lock; on SQLite, where writers
are serialised anyway, txid is a counter taken in the write transaction (ledger.py).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table, Text, UniqueConstraint

from app.storage.types import EpochMillis
from sync.server.schema import metadata

# One row per enrolled desk. The token is kept only as its SHA-256: a stolen database gives no tokens.
devices = Table(
    "devices",
    metadata,
    Column("id", String(32), primary_key=True),  # the desk's own device id (meta device_id)
    Column("office_code", String(64), nullable=False),
    Column("label", Text, nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("enrolled_at", EpochMillis, nullable=False),
    Column("revoked_at", EpochMillis),
    Column("next_seq", BigInteger, nullable=False),  # the device sequence number expected next
    Column("last_push_at", EpochMillis),
)

# One-time enrolment codes, stored hashed; `used_at` is set in the transaction that enrols.
enrol_codes = Table(
    "enrol_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("office_code", String(64), nullable=False),
    Column("created_at", EpochMillis, nullable=False),
    Column("expires_at", EpochMillis, nullable=False),
    Column("used_at", EpochMillis),
    Column("device_id", String(32)),
)

# Immutable, content-addressed catalogue entries that dossiers cite (the desk's procedure_versions).
procedure_versions = Table(
    "procedure_versions",
    metadata,
    Column("fingerprint", String(64), primary_key=True),
    Column("code", String(64), nullable=False),
    Column("data", Text, nullable=False),
    Column("stored_at", EpochMillis, nullable=False),
)

# Projection of the accepted events: the look-up page, stats and the next event's validation read it.
dossiers = Table(
    "dossiers",
    metadata,
    Column("uid", String(32), primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("office_code", String(64), nullable=False),
    Column("procedure_code", String(64), nullable=False),
    Column("procedure_version", String(64), nullable=False),
    Column("status", String(32), nullable=False),
    Column("applicant_masked", Text, nullable=False),
    Column("received_at", EpochMillis, nullable=False),
    Column("due_at", EpochMillis),
    Column("version", Integer, nullable=False),
    Column("head_hash", String(64), nullable=False),  # hash of event `version`: the next one's `prev`
    Column("updated_at", EpochMillis, nullable=False),
)

# Every accepted dossier event, once (unique dossier_uid + seq = DossierEvent.key).
events = Table(
    "events",
    metadata,
    Column("server_seq", BigInteger, primary_key=True, autoincrement=False),
    Column("txid", BigInteger, nullable=False),
    Column("dossier_uid", String(32), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("office_code", String(64), nullable=False),
    Column("device_id", String(32), nullable=False),
    Column("device_seq", BigInteger, nullable=False),
    Column("type", String(40), nullable=False),
    Column("occurred_at", EpochMillis, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("payload", Text, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("received_at", EpochMillis, nullable=False),
    Column("clock_flag", String(16)),  # "past" or "future" when the desk's clock was absurd; data only
    UniqueConstraint("dossier_uid", "seq"),
    UniqueConstraint("device_id", "device_seq"),
    Index("ix_events_office_code_txid_server_seq", "office_code", "txid", "server_seq"),
)

# The stored verdict of every device sequence number: a replayed push gets exactly this answer again.
# Conflicts and rejections keep the whole offered item (`body`), so nothing a desk sent is ever lost; a
# supervisor resolves them (`resolved_at`).
receipts = Table(
    "receipts",
    metadata,
    Column("device_id", String(32), primary_key=True),
    Column("device_seq", BigInteger, primary_key=True, autoincrement=False),
    Column("key", String(96), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("verdict", String(16), nullable=False),  # accepted, duplicate, conflict, rejected
    Column("reason", String(48)),
    Column("message", Text),
    Column("server_seq", BigInteger),
    Column("body", Text),
    Column("received_at", EpochMillis, nullable=False),
    Column("resolved_at", EpochMillis),
    Index("ix_receipts_verdict", "verdict"),
)

# Files whose whole SHA-256 was verified; the bytes live in the blob store (sync/server/blobstore.py).
blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("stored_at", EpochMillis, nullable=False),
    Column("device_id", String(32), nullable=False),
)

# Uploads in progress: the declared size; the offset is the length of the partial file (durable per chunk).
uploads = Table(
    "uploads",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("device_id", String(32), nullable=False),
    Column("started_at", EpochMillis, nullable=False),
)

# What the centre publishes to desks (catalogue entries, calendar years, officers), in the pull order.
resources = Table(
    "resources",
    metadata,
    Column("server_seq", BigInteger, primary_key=True, autoincrement=False),
    Column("txid", BigInteger, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("key", String(96), nullable=False),
    Column("office_code", String(64)),  # None: every office
    Column("body", Text, nullable=False),
    Column("published_at", EpochMillis, nullable=False),
    Index("ix_resources_txid_server_seq", "txid", "server_seq"),
)

# SQLite only: the last txid/server_seq handed out (PostgreSQL uses the sequence `server_seq` and its
# transaction ids).
sync_clock = Table(
    "sync_clock",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("server_seq", BigInteger, nullable=False),
)

# The audit log is a set of hash chains, one per device and one for the admin ("per-tenant" chains): a
# device's writes are already serialised by its row lock, so chaining them costs no global lock.
audit_heads = Table(
    "audit_heads",
    metadata,
    Column("chain", String(40), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

# Every write, hash-chained: hash = SHA-256(prev_hash || canonical JSON of the entry).
audit_log = Table(
    "audit_log",
    metadata,
    Column("chain", String(40), primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", EpochMillis, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("subject", String(96), nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)
