"""The pull order of what writers add, and the hash-chained audit log, without a lock shared by all writers.

Pull order is (txid, server_seq). PostgreSQL: server_seq comes from a sequence and txid is the writing
transaction's id; sequences and commits interleave, so a reader takes only rows whose txid is below the
oldest transaction of this database still running (`pg_snapshot_xmin`, less the other databases'
transactions): everything there has committed or never will,
and any row that becomes visible later has a larger txid. A transaction that commits late is therefore
never skipped (sync.md §5.6), and fifty desks pushing at once commit in parallel instead of queueing on
one row lock held through each fsync. SQLite serialises writers (BEGIN IMMEDIATE), so a counter taken
inside the write transaction gives the same guarantee.

The audit log is one hash chain per device and one for the admin, each entry hash = SHA-256(prev_hash ||
canonical JSON of the entry), as tamper-evident logs do with a per-tenant lock: a device's writes are
already serialised by its row lock. `admin verify-audit` walks every chain (audit.py).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, text, update

from app.services.sync.wire import canonical_json, sha256_hex
from app.storage.types import to_millis
from sync.server.tables import audit_heads, audit_log, sync_clock

CLOCK_ROW = 1
GENESIS_HASH = "0" * 64
ADMIN_CHAIN = "admin"
MAX_SEQ = 2**62  # a cursor past every server_seq of a txid

# Built once (each push runs them): see push.py.
_ALLOCATE_POSTGRES = text(
    "SELECT pg_current_xact_id()::text::bigint, nextval('server_seq') FROM generate_series(1, :n)"
)
_ALLOCATE_SQLITE = (
    update(sync_clock)
    .where(sync_clock.c.id == CLOCK_ROW)
    .values(server_seq=sync_clock.c.server_seq + bindparam("n"))
    .returning(sync_clock.c.server_seq)
)
_LOCK_HEAD = select(audit_heads).where(audit_heads.c.chain == bindparam("chain")).with_for_update()
_INSERT_ENTRY = insert(audit_log)
_MOVE_HEAD = (
    update(audit_heads)
    .where(audit_heads.c.chain == bindparam("key_chain"))
    .values(seq=bindparam("seq"), hash=bindparam("hash"))
)


def allocate(connection: Connection, count: int) -> list[tuple[int, int]]:
    """`count` (txid, server_seq) pairs for rows this transaction adds, in increasing order."""
    if count <= 0:
        return []
    if connection.dialect.name == "postgresql":
        rows = connection.execute(_ALLOCATE_POSTGRES, {"n": count}).all()
        return sorted((int(txid), int(seq)) for txid, seq in rows)
    last = int(connection.execute(_ALLOCATE_SQLITE, {"n": count}).scalar_one())
    return [(last, seq) for seq in range(last - count + 1, last + 1)]


def safe_txid(connection: Connection) -> int:
    """The highest txid whose rows are all final (committed or gone) for this connection's snapshot.

    PostgreSQL: call first in a REPEATABLE READ transaction, so later reads see the same snapshot."""
    if connection.dialect.name == "postgresql":
        # pg_snapshot_xmin would do, but it counts every database of the cluster: one long transaction of
        # another application would hold every desk's pulls back. Transactions of other databases cannot
        # write our tables, so those proven to be elsewhere (pg_stat_activity; xids are unique in the
        # cluster, so a late read cannot mislead) are left out. One that finished since the snapshot is
        # not listed there and is kept: conservative, never unsafe.
        xmax, running = connection.execute(
            text(
                "SELECT pg_snapshot_xmax(s)::text::bigint, "
                "ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(s) AS x) FROM pg_current_snapshot() AS s"
            )
        ).one()
        if running:
            elsewhere = set(
                connection.execute(
                    text(
                        "SELECT backend_xid::text::bigint FROM pg_stat_activity "
                        "WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database()"
                    )
                ).scalars()
            )
            ours = [xid for xid in running if xid not in elsewhere]
            if ours:
                return int(min(ours)) - 1
        return int(xmax) - 1
    # SQLite: a read transaction is a snapshot; every txid handed out in it is committed.
    return int(
        connection.execute(select(sync_clock.c.server_seq).where(sync_clock.c.id == CLOCK_ROW)).scalar_one()
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


def start_chain(connection: Connection, chain: str) -> None:
    """A new device's chain (idempotent: a device enrolled again keeps its chain)."""
    exists = connection.execute(select(audit_heads.c.chain).where(audit_heads.c.chain == chain)).first()
    if exists is None:
        connection.execute(insert(audit_heads).values(chain=chain, seq=0, hash=GENESIS_HASH))


def append_audit(
    connection: Connection,
    chain: str,
    *,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    detail: dict[str, Any],
    head: tuple[int, str] | None = None,
) -> None:
    """Append one entry to `chain`, locking only that chain's head until the caller commits. A caller that
    already locked and read the head (a push, with its device row) passes it: one statement fewer."""
    if head is None:
        row = connection.execute(_LOCK_HEAD, {"chain": chain}).one()
        head = (int(row.seq), row.hash)
    write_entry(
        connection,
        audit_entry(chain, head, at=at, actor=actor, action=action, subject=subject, detail=detail),
    )


def audit_entry(
    chain: str,
    head: tuple[int, str],
    *,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    detail: dict[str, Any],
) -> dict[str, Any]:
    """The entry that follows `head` (seq, hash) in `chain`: its audit_log row, hashed."""
    body = json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    seq = head[0] + 1
    millis = to_millis(at)
    return {
        "chain": chain,
        "seq": seq,
        "at": millis,
        "actor": actor,
        "action": action,
        "subject": subject,
        "detail": body,
        "prev_hash": head[1],
        "hash": entry_hash(head[1], seq, millis, actor, action, subject, body),
    }


def write_entry(connection: Connection, entry: dict[str, Any]) -> None:
    """Store an entry made by audit_entry and move its chain's head (locked by the caller) to it."""
    connection.execute(_INSERT_ENTRY, entry)
    connection.execute(_MOVE_HEAD, {"key_chain": entry["chain"], "seq": entry["seq"], "hash": entry["hash"]})
