"""The office queue on motcua-server: the same tables as a desk's (app/storage/queue_tables.py), on SQLite
or PostgreSQL, with queue_events append-only on both.

Revision ID: server_0002_queue
Revises: server_0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.storage.types import EpochMillis, HexUid

revision: str = "server_0002_queue"
down_revision: str | None = "server_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of the queue's DDL at this revision (app/storage/queue_tables.py may change later).
_POSTGRES_TRIGGERS = (
    "CREATE FUNCTION queue_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'queue_events is append-only'; END $$",
    "CREATE TRIGGER queue_events_no_change BEFORE UPDATE OR DELETE ON queue_events "
    "FOR EACH ROW EXECUTE FUNCTION queue_events_append_only()",
)
_SQLITE_TRIGGERS = (
    "CREATE TRIGGER queue_events_no_update BEFORE UPDATE ON queue_events BEGIN "
    "SELECT RAISE(ABORT, 'queue_events is append-only'); END",
    "CREATE TRIGGER queue_events_no_delete BEFORE DELETE ON queue_events BEGIN "
    "SELECT RAISE(ABORT, 'queue_events is append-only'); END",
)


def upgrade() -> None:
    op.create_table(
        "queue_services",
        sa.Column("office_code", sa.String(64), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("prefix", sa.String(1), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("position", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.PrimaryKeyConstraint("office_code", "code", name="pk_queue_services"),
    )
    op.create_table(
        "queue_counters",
        sa.Column("office_code", sa.String(64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("services", sa.Text(), nullable=False),
        sa.Column("current_uid", HexUid(), nullable=True),
        sa.Column("priority_streak", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.PrimaryKeyConstraint("office_code", "number", name="pk_queue_counters"),
    )
    op.create_table(
        "queue_tickets",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("uid", HexUid(), nullable=False),
        sa.Column("office_code", sa.String(64), nullable=False),
        sa.Column("service_code", sa.String(16), nullable=False),
        sa.Column("prefix", sa.String(1), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=True),
        sa.Column("target_counter", sa.Integer(), nullable=True),
        sa.Column("officer", sa.String(64), nullable=True),
        sa.Column("issued_at", EpochMillis(), nullable=False),
        sa.Column("queued_at", EpochMillis(), nullable=False),
        sa.Column("called_at", EpochMillis(), nullable=True),
        sa.Column("finished_at", EpochMillis(), nullable=True),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("uid", name="uq_queue_tickets_uid"),
        sa.UniqueConstraint("office_code", "day", "prefix", "number", name="uq_queue_tickets_number"),
    )
    op.create_index("ix_queue_tickets_waiting", "queue_tickets", ["office_code", "day", "status"])
    op.create_table(
        "queue_events",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("occurred_at", EpochMillis(), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["queue_tickets.id"], name="fk_queue_events_ticket"),
        sa.PrimaryKeyConstraint("ticket_id", "seq", name="pk_queue_events"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "queue_numbers",
        sa.Column("office_code", sa.String(64), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("prefix", sa.String(1), nullable=False),
        sa.Column("block", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("office_code", "day", "prefix", "block", name="pk_queue_numbers"),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _POSTGRES_TRIGGERS if postgres else _SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS queue_events_no_change ON queue_events")
        op.execute("DROP FUNCTION IF EXISTS queue_events_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS queue_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS queue_events_no_delete")
    for table in ("queue_numbers", "queue_events", "queue_tickets", "queue_counters", "queue_services"):
        op.drop_table(table)
