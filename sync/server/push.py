"""Receiving a batch of a device's outbox: once, in order, every verdict recorded.

One transaction per batch:
1. lock the device row (two pushes of the same device, e.g. a retry racing the original, queue here);
2. items below the device's expected sequence are replays: answered with the stored verdicts;
   an item above it is a gap: refused with the sequence expected;
3. the judge decides each new item (judge.py), reading only;
4. the writers' clock lock is taken (ledger.py), server_seq numbers handed out, events, receipts, the
   dossier projection, the device's next sequence and one audit entry written, and the commit releases it.

Two devices changing the same dossier at once collide on the unique (dossier, seq) of `events`; the loser
is retried from the start and then sees the winner's event, so its own becomes a conflict, never a silent
overwrite.
"""

from __future__ import annotations

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
from sync.server.devices import Device
from sync.server.judge import Judge, Outcome, ProcedureCache, PushItem
from sync.server.ledger import append_audit, lock_clock, save_clock
from sync.server.sql import insert_ignore
from sync.server.tables import devices, dossiers, events, procedure_versions, receipts

log = logging.getLogger("motcua.server")

MAX_BATCH = 1000
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
    engine: Engine, device_id: str, request: PushRequest, now: datetime, procedures: ProcedureCache
) -> PushResponse:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with engine.begin() as connection:
                return _push(connection, device_id, request, now, procedures)
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
    connection: Connection, device_id: str, request: PushRequest, now: datetime, procedures: ProcedureCache
) -> PushResponse:
    row = connection.execute(select(devices).where(devices.c.id == device_id).with_for_update()).one_or_none()
    if row is None or row.revoked_at is not None:
        raise DeviceRevoked(device_id)
    device = Device(row.id, row.office_code, row.label, False, int(row.next_seq))
    expected = device.next_seq
    items = request.items
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
            verdicts += _write(connection, device, judge, outcomes, now)
    return PushResponse(verdicts, expected + len(verdicts) - (len(items) - len(fresh)), waiting)


def _replayed(connection: Connection, device_id: str, items: list[PushItem]) -> list[StoredVerdict]:
    if not items:
        return []
    stored = {
        r.device_seq: r
        for r in connection.execute(
            select(receipts).where(
                receipts.c.device_id == device_id,
                receipts.c.device_seq.between(items[0].device_seq, items[-1].device_seq),
            )
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
    connection: Connection, device: Device, judge: Judge, outcomes: list[Outcome], now: datetime
) -> list[StoredVerdict]:
    if judge.new_versions:
        insert_ignore(
            connection,
            procedure_versions,
            [
                {
                    "fingerprint": fingerprint,
                    "code": str(data.get("code", "")),
                    "data": json.dumps(data, ensure_ascii=False),
                    "stored_at": now,
                }
                for fingerprint, data in judge.new_versions.items()
            ],
        )
    # From here to the commit, every other writer waits: keep it to inserts.
    clock = lock_clock(connection)
    event_rows: list[dict[str, Any]] = []
    for outcome in outcomes:
        if outcome.verdict is not Verdict.ACCEPTED or outcome.event is None:
            continue
        clock.server_seq += 1
        outcome.server_seq = clock.server_seq
        event = outcome.event
        event_rows.append(
            {
                "server_seq": clock.server_seq,
                "dossier_uid": event.dossier_uid,
                "seq": event.seq,
                "office_code": judge.states[event.dossier_uid].office_code,  # type: ignore[union-attr]
                "device_id": device.id,
                "device_seq": outcome.item.device_seq,
                "type": event.type.value,
                "occurred_at": event.occurred_at,
                "actor": event.actor,
                "payload": json.dumps(
                    event.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")
                ),
                "hash": outcome.item.hash,
                "received_at": now,
                "clock_flag": outcome.clock_flag,
            }
        )
    if event_rows:
        connection.execute(insert(events), event_rows)
    _project(connection, judge, now)
    connection.execute(
        insert(receipts),
        [
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
                "received_at": now,
            }
            for o in outcomes
        ],
    )
    last = outcomes[-1].item.device_seq
    connection.execute(
        update(devices).where(devices.c.id == device.id).values(next_seq=last + 1, last_push_at=now)
    )
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.verdict.value] = counts.get(o.verdict.value, 0) + 1
    append_audit(
        connection,
        clock,
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
    save_clock(connection, clock)
    return [
        StoredVerdict(o.item.device_seq, o.item.key, o.verdict, o.server_seq, o.reason, o.message)
        for o in outcomes
    ]


def _project(connection: Connection, judge: Judge, now: datetime) -> None:
    """The dossiers table: what the look-up page and stats read without replaying events. Two statements
    per batch (executemany), not one per dossier."""
    created: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for state in judge.states.values():
        if state is None or not state.changed:
            continue
        dossier = state.dossier
        values = {
            "status": dossier.status.value,
            "due_at": dossier.due_at,
            "version": state.version,
            "head_hash": state.head_hash,
            "updated_at": now,
        }
        if state.new:
            created.append(
                {
                    "uid": state.uid,
                    "code": state.code,
                    "office_code": state.office_code,
                    "procedure_code": dossier.procedure_code,
                    "procedure_version": state.procedure_version,
                    "applicant_masked": state.masked_name,
                    "received_at": dossier.received_at,
                    **values,
                }
            )
        else:
            changed.append({"key_uid": state.uid, **values})
    if created:
        connection.execute(insert(dossiers), created)
    if changed:
        names = ("status", "due_at", "version", "head_hash", "updated_at")
        connection.execute(
            update(dossiers)
            .where(dossiers.c.uid == bindparam("key_uid"))
            .values({name: bindparam(name) for name in names}),
            changed,
        )
