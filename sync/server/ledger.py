"""The writers' clock and the hash-chained audit log.

Every write that desks can see or that the law cares about takes the one `sync_clock` row lock, as the
last step before its commit: it hands out `server_seq` numbers and appends to the audit chain. Because the
lock is held until commit, a transaction that got lower numbers is visible before one that got higher
numbers, so a pull cursor never skips a row that commits late (PostgreSQL sequences do commit out of
order). Only the short tail of a transaction runs under the lock: validation happens before it.

Audit entry hash = SHA-256(prev_hash || canonical JSON of the entry), as in tamper-evident logs; `admin
verify-audit` walks the chain and checks that every stored event is covered by the entry that wrote it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from app.services.sync.wire import canonical_json, sha256_hex
from app.storage.types import to_millis
from sync.server.tables import audit_log, sync_clock

CLOCK_ROW = 1


@dataclass
class Clock:
    server_seq: int
    audit_seq: int
    audit_hash: str


def lock_clock(connection: Connection) -> Clock:
    """Take the writers' lock (FOR UPDATE on PostgreSQL; SQLite writers hold the database lock since
    BEGIN IMMEDIATE) and read the clock."""
    row = connection.execute(select(sync_clock).where(sync_clock.c.id == CLOCK_ROW).with_for_update()).one()
    return Clock(int(row.server_seq), int(row.audit_seq), row.audit_hash)


def save_clock(connection: Connection, clock: Clock) -> None:
    connection.execute(
        update(sync_clock)
        .where(sync_clock.c.id == CLOCK_ROW)
        .values(server_seq=clock.server_seq, audit_seq=clock.audit_seq, audit_hash=clock.audit_hash)
    )


def entry_hash(
    prev_hash: str, seq: int, at_millis: int, actor: str, action: str, subject: str, detail: str
) -> str:
    entry = {
        "seq": seq,
        "at": at_millis,
        "actor": actor,
        "action": action,
        "subject": subject,
        "detail": detail,
    }
    return sha256_hex(prev_hash.encode("ascii") + canonical_json(entry))


def append_audit(
    connection: Connection,
    clock: Clock,
    *,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    detail: dict[str, Any],
) -> None:
    """Append one entry to the chain (the caller holds the clock lock and saves the clock)."""
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    seq = clock.audit_seq + 1
    millis = to_millis(at)
    digest = entry_hash(clock.audit_hash, seq, millis, actor, action, subject, text)
    connection.execute(
        insert(audit_log).values(
            seq=seq,
            at=millis,
            actor=actor,
            action=action,
            subject=subject,
            detail=text,
            prev_hash=clock.audit_hash,
            hash=digest,
        )
    )
    clock.audit_seq, clock.audit_hash = seq, digest


def audited(
    connection: Connection, *, at: datetime, actor: str, action: str, subject: str, detail: dict[str, Any]
) -> None:
    """A write with nothing to number: lock, append one audit entry, save (all before the caller commits)."""
    clock = lock_clock(connection)
    append_audit(connection, clock, at=at, actor=actor, action=action, subject=subject, detail=detail)
    save_clock(connection, clock)
