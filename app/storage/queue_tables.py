"""The queue's tables, defined by a function so that the desk (SQLite) and the office server (SQLite or
PostgreSQL, its own metadata) hold the same shape and share one repository implementation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
    true,
)

from app.storage.types import EpochMillis, HexUid


@dataclass(frozen=True)
class QueueTables:
    services: Table
    counters: Table
    tickets: Table
    events: Table
    numbers: Table


def define_queue_tables(metadata: MetaData) -> QueueTables:
    services = Table(
        "queue_services",
        metadata,
        Column("office_code", String(64), nullable=False),
        Column("code", String(16), nullable=False),
        Column("prefix", String(1), nullable=False),
        Column("name", Text, nullable=False),
        Column("active", Boolean, nullable=False, server_default=true()),
        Column("position", Integer, nullable=False, server_default=text("0")),
        PrimaryKeyConstraint("office_code", "code", name="pk_queue_services"),
    )
    counters = Table(
        "queue_counters",
        metadata,
        Column("office_code", String(64), nullable=False),
        Column("number", Integer, nullable=False),
        Column("services", Text, nullable=False),  # JSON list of service codes
        Column("current_uid", HexUid, nullable=True),
        Column("priority_streak", Integer, nullable=False, server_default=text("0")),
        Column("version", Integer, nullable=False, server_default=text("0")),
        PrimaryKeyConstraint("office_code", "number", name="pk_queue_counters"),
    )
    # The projection of each ticket's events: what calling, status and the hall display read.
    tickets = Table(
        "queue_tickets",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("uid", HexUid, nullable=False),
        Column("office_code", String(64), nullable=False),
        Column("service_code", String(16), nullable=False),
        Column("prefix", String(1), nullable=False),
        Column("day", String(10), nullable=False),  # local date, Asia/Ho_Chi_Minh
        Column("number", Integer, nullable=True),  # NULL: a walk-in without a ticket
        Column("priority", String(16), nullable=False),
        Column("status", String(16), nullable=False),
        Column("origin", String(16), nullable=False),
        Column("counter_number", Integer, nullable=True),
        Column("target_counter", Integer, nullable=True),
        Column("officer", String(64), nullable=True),
        Column("issued_at", EpochMillis, nullable=False),
        Column("queued_at", EpochMillis, nullable=False),
        Column("called_at", EpochMillis, nullable=True),
        Column("finished_at", EpochMillis, nullable=True),
        Column("calls", Integer, nullable=False),
        Column("version", Integer, nullable=False),
        UniqueConstraint("uid", name="uq_queue_tickets_uid"),
        # The database itself refuses a second ticket with the same number on a day.
        UniqueConstraint("office_code", "day", "prefix", "number", name="uq_queue_tickets_number"),
        Index("ix_queue_tickets_waiting", "office_code", "day", "status"),
    )
    events = Table(
        "queue_events",
        metadata,
        Column(
            "ticket_id",
            Integer,
            ForeignKey("queue_tickets.id", name="fk_queue_events_ticket"),
            nullable=False,
        ),
        Column("seq", Integer, nullable=False),
        Column("type", String(16), nullable=False),
        Column("occurred_at", EpochMillis, nullable=False),
        Column("actor", String(64), nullable=False),
        Column("counter_number", Integer, nullable=True),
        Column("payload", Text, nullable=False),
        PrimaryKeyConstraint("ticket_id", "seq", name="pk_queue_events"),
        sqlite_with_rowid=False,
    )
    numbers = Table(
        "queue_numbers",
        metadata,
        Column("office_code", String(64), nullable=False),
        Column("day", String(10), nullable=False),
        Column("prefix", String(1), nullable=False),
        Column("block", Integer, nullable=False),  # 0: the office's numbers; 1-10: a desk's offline block
        Column("last", Integer, nullable=False),
        PrimaryKeyConstraint("office_code", "day", "prefix", "block", name="pk_queue_numbers"),
    )
    return QueueTables(services, counters, tickets, events, numbers)
