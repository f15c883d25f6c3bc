"""The sync protocol: devices and enrolment codes, events with their receipts, dossiers, blobs, published
resources, the pull order (a sequence on PostgreSQL, a counter on SQLite) and the hash-chained audit log.

Revision ID: server_0003_sync
Revises: server_0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "server_0003_sync"
down_revision: str | None = "server_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen DDL of this revision. Times are UTC milliseconds (BigInteger), like the desks'.
GENESIS_HASH = "0" * 64


def _millis(name: str, *, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.BigInteger(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("office_code", sa.String(64), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        _millis("enrolled_at"),
        _millis("revoked_at", nullable=True),
        sa.Column("next_seq", sa.BigInteger(), nullable=False),
        _millis("last_push_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_devices"),
    )
    op.create_table(
        "enrol_codes",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("office_code", sa.String(64), nullable=False),
        _millis("created_at"),
        _millis("expires_at"),
        _millis("used_at", nullable=True),
        sa.Column("device_id", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name="pk_enrol_codes"),
    )
    op.create_table(
        "procedure_versions",
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        _millis("stored_at"),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_procedure_versions"),
    )
    op.create_table(
        "dossiers",
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("office_code", sa.String(64), nullable=False),
        sa.Column("procedure_code", sa.String(64), nullable=False),
        sa.Column("procedure_version", sa.String(64), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("applicant_masked", sa.Text(), nullable=False),
        _millis("received_at"),
        _millis("due_at", nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(64), nullable=False),
        _millis("updated_at"),
        sa.PrimaryKeyConstraint("uid", name="pk_dossiers"),
        sa.UniqueConstraint("code", name="uq_dossiers_code"),
    )
    op.create_table(
        "events",
        sa.Column("server_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=False),
        sa.Column("dossier_uid", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("office_code", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(32), nullable=False),
        sa.Column("device_seq", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        _millis("occurred_at"),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        _millis("received_at"),
        sa.Column("clock_flag", sa.String(16), nullable=True),
        sa.PrimaryKeyConstraint("server_seq", name="pk_events"),
        sa.UniqueConstraint("dossier_uid", "seq", name="uq_events_dossier_uid_seq"),
        sa.UniqueConstraint("device_id", "device_seq", name="uq_events_device_id_device_seq"),
    )
    op.create_index("ix_events_office_code_txid_server_seq", "events", ["office_code", "txid", "server_seq"])
    op.create_table(
        "receipts",
        sa.Column("device_id", sa.String(32), nullable=False),
        sa.Column("device_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("key", sa.String(96), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(48), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        _millis("received_at"),
        _millis("resolved_at", nullable=True),
        sa.PrimaryKeyConstraint("device_id", "device_seq", name="pk_receipts"),
    )
    op.create_index("ix_receipts_verdict", "receipts", ["verdict"])
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        _millis("stored_at"),
        sa.Column("device_id", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_blobs"),
    )
    op.create_table(
        "uploads",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("device_id", sa.String(32), nullable=False),
        _millis("started_at"),
        sa.PrimaryKeyConstraint("sha256", name="pk_uploads"),
    )
    op.create_table(
        "resources",
        sa.Column("server_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("key", sa.String(96), nullable=False),
        sa.Column("office_code", sa.String(64), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        _millis("published_at"),
        sa.PrimaryKeyConstraint("server_seq", name="pk_resources"),
    )
    op.create_index("ix_resources_txid_server_seq", "resources", ["txid", "server_seq"])
    op.create_table(
        "sync_clock",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sync_clock"),
    )
    op.create_table(
        "audit_heads",
        sa.Column("chain", sa.String(40), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("chain", name="pk_audit_heads"),
    )
    op.create_table(
        "audit_log",
        sa.Column("chain", sa.String(40), nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        _millis("at"),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(96), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("chain", "seq", name="pk_audit_log"),
    )
    op.execute(sa.text("INSERT INTO sync_clock (id, server_seq) VALUES (1, 0)"))
    # The admin's chain exists from the start; each device's chain starts when it enrols.
    op.execute(
        sa.text("INSERT INTO audit_heads (chain, seq, hash) VALUES ('admin', 0, :genesis)").bindparams(
            genesis=GENESIS_HASH
        )
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.text("CREATE SEQUENCE server_seq"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.text("DROP SEQUENCE IF EXISTS server_seq"))
    op.drop_index("ix_receipts_verdict", table_name="receipts")
    op.drop_index("ix_resources_txid_server_seq", table_name="resources")
    op.drop_index("ix_events_office_code_txid_server_seq", table_name="events")
    for table in ("audit_log", "audit_heads", "sync_clock", "resources", "uploads", "blobs", "receipts",
                  "events", "dossiers", "procedure_versions", "enrol_codes", "devices"):  # fmt: skip
        op.drop_table(table)
