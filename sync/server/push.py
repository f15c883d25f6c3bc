"""Receiving a batch of a device's outbox: once, in order, every verdict recorded.

One transaction per batch:
1. lock the device row (two pushes of the same device, e.g. a retry racing the original, queue here);
2. items below the device's expected sequence are replays: answered with the stored verdicts;
   an item above it is a gap: refused with the sequence expected;
3. the judge decides each new item (judge.py), reading only;
4. (txid, server_seq) numbers are handed out (ledger.py: no lock shared with other devices; on PostgreSQL
   with step 1's lock), then the events, receipts, dossier projection, the device's next sequence and one
   entry of the device's audit chain are written (on PostgreSQL by one statement), and committed together.

Two devices changing the same dossier at once collide on the unique (dossier, seq) of `events`; the loser
is retried from the start and then sees the winner's event, so its own becomes a conflict, never a silent
overwrite.
"""

from __future__ import annotations

import hmac
import json
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.services.sync.wire import Verdict
from app.storage.types import to_millis
from sync.server.devices import Device, digest
from sync.server.judge import Judge, Outcome, ProcedureCache, PushItem
from sync.server.ledger import allocate, audit_entry, write_entry
from sync.server.sql import execute_postgres, insert_ignore
from sync.server.tables import audit_heads, devices, dossiers, events, procedure_versions, receipts

log = logging.getLogger("motcua.server")

MAX_BATCH = 1000
# The push's statements are built once: building and cache-keying a statement on every call cost about as
# much CPU as executing it (fifty desks at once are CPU-bound on a small server).
_LOCK_DEVICE = (
    select(
        devices.c.id,
        devices.c.office_code,
        devices.c.label,
        devices.c.token_hash,
        devices.c.revoked_at,
        devices.c.next_seq,
        audit_heads.c.seq,
        audit_heads.c.hash,
    )
    .join(audit_heads, audit_heads.c.chain == devices.c.id)
    .where(devices.c.id == bindparam("device_id"))
    .with_for_update()
)
# PostgreSQL: the same lock and columns, then the (txid, server_seq) numbers a batch of n items can use at
# most (one round trip fewer than allocating them after judging). Row locks already give the transaction
# its id; numbers left unused are gaps, as a rolled-back transaction leaves: pulls order by them, never
# count them.
_LOCK_DEVICE_POSTGRES = (
    "SELECT d.id, d.office_code, d.label, d.token_hash, d.revoked_at, d.next_seq,"
    " h.seq AS audit_seq, h.hash AS audit_hash, pg_current_xact_id()::text::bigint AS txid,"
    " ARRAY(SELECT nextval('server_seq') FROM generate_series(1, %(n)s)) AS server_seqs"
    " FROM devices AS d JOIN audit_heads AS h ON h.chain = d.id WHERE d.id = %(device_id)s FOR UPDATE"
)
_STORED_RECEIPTS = select(receipts).where(
    receipts.c.device_id == bindparam("device_id"),
    receipts.c.device_seq.between(bindparam("first"), bindparam("last")),
)
_INSERT_EVENTS = insert(events)
_INSERT_RECEIPTS = insert(receipts)
_INSERT_DOSSIERS = insert(dossiers)
_PROJECTED = ("status", "due_at", "version", "head_hash", "updated_at")
_UPDATE_DOSSIERS = (
    update(dossiers)
    .where(dossiers.c.uid == bindparam("key_uid"))
    .values({name: bindparam(name) for name in _PROJECTED})
)
# PostgreSQL: a push's whole write in one statement (data-modifying CTEs), its rows as JSON arrays that the
# server unpacks (json_to_recordset). Row by row, each statement of an executemany cost the worker about as
# much CPU in SQLAlchemy and psycopg as the rest of the push; as one statement the rows are one parameter,
# one round trip, and prepared once per connection. All CTEs see one snapshot and run to completion, so a
# unique key taken by another writer still fails the whole statement (and the push is retried).
_EVENT_COLUMNS = (
    "server_seq bigint, txid bigint, dossier_uid text, seq int, office_code text, device_id text,"
    " device_seq bigint, type text, occurred_at bigint, actor text, payload text, hash text,"
    " received_at bigint, clock_flag text"
)
_DOSSIER_COLUMNS = (
    "uid text, code text, office_code text, procedure_code text, procedure_version text,"
    " applicant_masked text, received_at bigint, status text, due_at bigint, version int, head_hash text,"
    " updated_at bigint"
)
_RECEIPT_COLUMNS = (
    "device_id text, device_seq bigint, key text, hash text, verdict text, reason text, message text,"
    " server_seq bigint, body text, received_at bigint"
)
_WRITE_POSTGRES = (
    "WITH new_events AS ("
    " INSERT INTO events (server_seq, txid, dossier_uid, seq, office_code, device_id, device_seq, type,"
    " occurred_at, actor, payload, hash, received_at, clock_flag)"
    " SELECT server_seq, txid, dossier_uid, seq, office_code, device_id, device_seq, type, occurred_at,"
    " actor, payload, hash, received_at, clock_flag"
    f" FROM json_to_recordset(CAST(%(events)s AS json)) AS r({_EVENT_COLUMNS})"
    "), new_dossiers AS ("
    " INSERT INTO dossiers (uid, code, office_code, procedure_code, procedure_version, applicant_masked,"
    " received_at, status, due_at, version, head_hash, updated_at)"
    " SELECT uid, code, office_code, procedure_code, procedure_version, applicant_masked, received_at,"
    " status, due_at, version, head_hash, updated_at"
    f" FROM json_to_recordset(CAST(%(created)s AS json)) AS r({_DOSSIER_COLUMNS})"
    "), moved_dossiers AS ("
    " UPDATE dossiers SET status = r.status, due_at = r.due_at, version = r.version,"
    " head_hash = r.head_hash, updated_at = r.updated_at"
    f" FROM json_to_recordset(CAST(%(changed)s AS json)) AS r({_DOSSIER_COLUMNS})"
    " WHERE dossiers.uid = r.uid"
    "), new_receipts AS ("
    " INSERT INTO receipts (device_id, device_seq, key, hash, verdict, reason, message, server_seq, body,"
    " received_at)"
    " SELECT device_id, device_seq, key, hash, verdict, reason, message, server_seq, body, received_at"
    f" FROM json_to_recordset(CAST(%(receipts)s AS json)) AS r({_RECEIPT_COLUMNS})"
    "), entry AS ("
    " INSERT INTO audit_log (chain, seq, at, actor, action, subject, detail, prev_hash, hash)"
    " VALUES (%(chain)s, %(seq)s, %(at)s, %(actor)s, %(action)s, %(subject)s, %(detail)s, %(prev_hash)s,"
    " %(hash)s)"
    "), head AS (UPDATE audit_heads SET seq = %(seq)s, hash = %(hash)s WHERE chain = %(chain)s) "
    "UPDATE devices SET next_seq = %(next_seq)s, last_push_at = %(last_push_at)s WHERE id = %(chain)s"
)
_ADVANCE_DEVICE = (
    update(devices)
    .where(devices.c.id == bindparam("key_id"))
    .values(next_seq=bindparam("next_seq"), last_push_at=bindparam("last_push_at"))
)
ATTEMPTS = 6
# PostgreSQL's "try again" errors: serialization failure, deadlock.
_RETRYABLE_SQLSTATES = {"40001", "40P01"}


class Gap(Exception):
    def __init__(self, expected: int) -> None:
        super().__init__(f"expected device sequence {expected}")
        self.expected = expected


class SequenceMismatch(Exception):
    """A replayed sequence number carries another event than the one stored under it."""


class DeviceRevoked(Exception):
    pass


class NotAuthenticated(Exception):
    pass


@dataclass(frozen=True, slots=True)
class PushRequest:
    items: list[PushItem]
    procedures: Mapping[str, Any]
    unavailable: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class StoredVerdict:
    device_seq: int
    key: str
    verdict: Verdict
    server_seq: int | None
    reason: str | None
    message: str | None

    def to_wire(self) -> dict[str, Any]:
        return {
            "device_seq": self.device_seq,
            "key": self.key,
            "verdict": self.verdict.value,
            "server_seq": self.server_seq,
            "reason": self.reason,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class PushResponse:
    verdicts: list[StoredVerdict]
    next_seq: int
    waiting_for_blob: str | None


def push(
    engine: Engine, token: str, request: PushRequest, now: datetime, procedures: ProcedureCache
) -> PushResponse:
    """The token is checked in the push's own transaction, against the row it locks: a revocation
    committed before is seen, and the request costs one statement and one connection less."""
    device_id = token.partition(".")[0]
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with engine.begin() as connection:
                return _push(connection, token, request, now, procedures)
        except (IntegrityError, DBAPIError) as exc:
            retryable = isinstance(exc, IntegrityError) or _sqlstate(exc) in _RETRYABLE_SQLSTATES
            if not retryable or attempt == ATTEMPTS:
                raise
            log.info("push of %s collided with another writer (%s); retrying", device_id, type(exc).__name__)
            time.sleep(random.uniform(0, 0.01 * 2**attempt))
    raise AssertionError("unreachable")  # pragma: no cover


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def _push(
    connection: Connection, token: str, request: PushRequest, now: datetime, procedures: ProcedureCache
) -> PushResponse:
    device_id, _, secret = token.partition(".")
    items = request.items
    numbers: list[tuple[int, int]] | None = None  # None: allocated once the verdicts are known
    if connection.dialect.name == "postgresql":
        found = execute_postgres(
            connection, _LOCK_DEVICE_POSTGRES, {"device_id": device_id, "n": len(items)}
        ).fetchone()
        if found is None:
            raise NotAuthenticated(device_id)
        txid, server_seqs = found[8], found[9]
        numbers = [(int(txid), int(seq)) for seq in sorted(server_seqs)]
    else:
        found = connection.execute(_LOCK_DEVICE, {"device_id": device_id}).one_or_none()
        if found is None:
            raise NotAuthenticated(device_id)
    row_id, office_code, label, token_hash, revoked_at, next_seq, audit_seq, audit_hash = found[:8]
    if not secret or not hmac.compare_digest(token_hash, digest(secret)):
        raise NotAuthenticated(device_id)
    if revoked_at is not None:
        raise DeviceRevoked(device_id)
    device = Device(row_id, office_code, label, False, int(next_seq))
    head = (int(audit_seq), str(audit_hash))
    expected = device.next_seq
    first = items[0].device_seq
    if first > expected:
        raise Gap(expected)
    verdicts = _replayed(connection, device_id, [i for i in items if i.device_seq < expected])
    fresh = [i for i in items if i.device_seq >= expected]
    waiting: str | None = None
    if fresh:
        judge = Judge(connection, device, procedures, request.procedures, request.unavailable, now)
        outcomes, waiting = judge.run(fresh)
        if outcomes:
            verdicts += _write(connection, device, head, judge, outcomes, now, numbers)
    return PushResponse(verdicts, expected + len(verdicts) - (len(items) - len(fresh)), waiting)


def _replayed(connection: Connection, device_id: str, items: list[PushItem]) -> list[StoredVerdict]:
    if not items:
        return []
    stored = {
        r.device_seq: r
        for r in connection.execute(
            _STORED_RECEIPTS,
            {"device_id": device_id, "first": items[0].device_seq, "last": items[-1].device_seq},
        )
    }
    verdicts = []
    for item in items:
        receipt = stored.get(item.device_seq)
        if receipt is None or receipt.key != item.key or receipt.hash != item.hash:
            raise SequenceMismatch(
                f"device sequence {item.device_seq} was recorded for "
                f"{receipt.key if receipt is not None else 'nothing'}, not {item.key}"
            )
        verdicts.append(
            StoredVerdict(
                receipt.device_seq,
                receipt.key,
                Verdict(receipt.verdict),
                receipt.server_seq,
                receipt.reason,
                receipt.message,
            )
        )
    return verdicts


def _write(
    connection: Connection,
    device: Device,
    head: tuple[int, str],
    judge: Judge,
    outcomes: list[Outcome],
    now: datetime,
    numbers: list[tuple[int, int]] | None,
) -> list[StoredVerdict]:
    """Times go in as UTC milliseconds (what EpochMillis stores): the same rows serve both backends."""
    at = to_millis(now)
    accepted = [o for o in outcomes if o.verdict is Verdict.ACCEPTED and o.event is not None]
    event_rows: list[dict[str, Any]] = []
    if numbers is None:
        numbers = allocate(connection, len(accepted))
    for outcome, (txid, server_seq) in zip(accepted, numbers[: len(accepted)], strict=True):
        outcome.server_seq = server_seq
        event = outcome.event
        assert event is not None
        event_rows.append(
            {
                "server_seq": server_seq,
                "txid": txid,
                "dossier_uid": event.dossier_uid,
                "seq": event.seq,
                "office_code": judge.states[event.dossier_uid].office_code,  # type: ignore[union-attr]
                "device_id": device.id,
                "device_seq": outcome.item.device_seq,
                "type": event.type.value,
                "occurred_at": to_millis(event.occurred_at),
                "actor": event.actor,
                "payload": json.dumps(
                    event.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")
                ),
                "hash": outcome.item.hash,
                "received_at": at,
                "clock_flag": outcome.clock_flag,
            }
        )
    receipt_rows = [
        {
            "device_id": device.id,
            "device_seq": o.item.device_seq,
            "key": o.item.key[:96],
            "hash": o.item.hash[:64],
            "verdict": o.verdict.value,
            "reason": o.reason,
            "message": o.message,
            "server_seq": o.server_seq,
            # Conflicts and dead letters keep what was offered: nothing a desk sent is lost.
            "body": None if o.verdict.delivered else json.dumps(o.item.body, ensure_ascii=False),
            "received_at": at,
        }
        for o in outcomes
    ]
    created, changed = _projection(judge, at)
    last = outcomes[-1].item.device_seq
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.verdict.value] = counts.get(o.verdict.value, 0) + 1
    entry = audit_entry(
        device.id,
        head,
        at=now,
        actor=device.id,
        action="push",
        subject=f"{device.id}:{outcomes[0].item.device_seq}-{last}",
        detail={
            "office": device.office_code,
            "verdicts": counts,
            "events": [
                [row["server_seq"], f"{row['dossier_uid']}.{row['seq']}", row["hash"]] for row in event_rows
            ],
        },
    )
    if judge.new_versions:
        insert_ignore(
            connection,
            procedure_versions,
            [
                {
                    "fingerprint": fingerprint,
                    "code": str(data.get("code", "")),
                    "data": json.dumps(data, ensure_ascii=False),
                    "stored_at": at,
                }
                for fingerprint, data in judge.new_versions.items()
            ],
        )
    if connection.dialect.name == "postgresql":
        execute_postgres(
            connection,
            _WRITE_POSTGRES,
            {
                "events": _json_rows(event_rows),
                "created": _json_rows(created),
                "changed": _json_rows(changed),
                "receipts": _json_rows(receipt_rows),
                **entry,
                "next_seq": last + 1,
                "last_push_at": at,
            },
        )
    else:
        # SQLite runs in-process: statements cost no round trips, so the plain ones do.
        if event_rows:
            connection.execute(_INSERT_EVENTS, event_rows)
        if created:
            connection.execute(_INSERT_DOSSIERS, created)
        if changed:
            connection.execute(_UPDATE_DOSSIERS, [{"key_uid": row.pop("uid"), **row} for row in changed])
        connection.execute(_INSERT_RECEIPTS, receipt_rows)
        connection.execute(_ADVANCE_DEVICE, {"key_id": device.id, "next_seq": last + 1, "last_push_at": at})
        write_entry(connection, entry)
    return [
        StoredVerdict(o.item.device_seq, o.item.key, o.verdict, o.server_seq, o.reason, o.message)
        for o in outcomes
    ]


def _json_rows(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def _projection(judge: Judge, at: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The dossiers table's rows (created, changed): what the look-up page and stats read without replaying
    events."""
    created: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for state in judge.states.values():
        if state is None or not state.changed:
            continue
        dossier = state.dossier
        values = {
            "uid": state.uid,
            "status": dossier.status.value,
            "due_at": None if dossier.due_at is None else to_millis(dossier.due_at),
            "version": state.version,
            "head_hash": state.head_hash,
            "updated_at": at,
        }
        if state.new:
            created.append(
                {
                    "code": state.code,
                    "office_code": state.office_code,
                    "procedure_code": dossier.procedure_code,
                    "procedure_version": state.procedure_version,
                    "applicant_masked": state.masked_name,
                    "received_at": to_millis(dossier.received_at),
                    **values,
                }
            )
        else:
            changed.append(values)
    return created, changed
