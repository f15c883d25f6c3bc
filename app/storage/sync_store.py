"""The desk's sync state in SQLite: the outbox as batches to send, verdicts, and pulled pages applied.

Every method is one transaction. Recording verdicts moves the watermark with them, and applying a pulled
page stores its cursor with it, so a desk killed at any moment restarts from a state the server agrees
with: at worst it sends a batch again (the server answers with the stored verdicts) or pulls a page again
(applying it twice changes nothing).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, tuple_, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from app.domain.catalog import procedure_fingerprint, procedure_from_dict
from app.domain.dossier import replay
from app.domain.errors import DomainError
from app.domain.events import DossierEvent
from app.domain.office import Officer, Role
from app.domain.queue.ticket import TicketEvent, TicketEventType
from app.ports import Clock
from app.services.sync.ports import (
    DeadLetter,
    HeldItem,
    ItemVerdict,
    OutgoingBatch,
    OutgoingItem,
    PulledItem,
    PullPage,
    PushResult,
    SyncAttempts,
    SyncCounts,
)
from app.services.sync.wire import (
    DOSSIER_STREAM,
    TICKET_STREAM,
    Verdict,
    cited_blobs,
    cited_procedure,
    event_body,
    event_from_body,
    event_hash,
    ticket_event_body,
    ticket_event_hash,
    ticket_event_key,
)
from app.storage.catalog_repo import SqlCatalogRepository
from app.storage.event_store import event_from_row, event_row, projection_row
from app.storage.office_repo import SqlOfficeRepository
from app.storage.queue_schema import QUEUE
from app.storage.schema import dossier_events, dossiers, meta, outbox, procedure_versions
from app.storage.sync_schema import sync_dead_letters, sync_held
from app.storage.types import from_millis, to_millis

log = logging.getLogger("motcua.sync")

ACKED_SEQ = "outbox.acked_seq"
PULL_CURSOR = "sync.pull_cursor"
START_CURSOR = "0.0"  # a new desk pulls everything its office may see
LAST_ATTEMPT = "sync.last_attempt_at"
LAST_SUCCESS = "sync.last_success_at"
LAST_ERROR = "sync.last_error"
FAILURES = "sync.failures"


def read_meta(connection: Connection, key: str) -> str | None:
    return connection.execute(select(meta.c.value).where(meta.c.key == key)).scalar_one_or_none()


def write_meta(connection: Connection, key: str, value: str) -> None:
    connection.execute(
        sqlite_insert(meta)
        .values(key=key, value=value)
        .on_conflict_do_update(index_elements=[meta.c.key], set_={"value": value})
    )


def _int_meta(connection: Connection, key: str) -> int:
    value = read_meta(connection, key)
    return int(value) if value is not None else 0


def _time_meta(connection: Connection, key: str) -> datetime | None:
    value = read_meta(connection, key)
    return from_millis(int(value)) if value is not None else None


class SqlSyncStore:
    def __init__(self, engine: Engine, clock: Clock, *, calendar_dir: Path | None = None) -> None:
        self._engine = engine
        self._clock = clock
        self._calendar_dir = calendar_dir

    def _read(self) -> Connection:
        return self._engine.connect().execution_options(write=False)

    # ----- push -------------------------------------------------------------------------------------------

    def pending_batch(self, limit: int, after: int | None = None) -> OutgoingBatch | None:
        with self._read() as connection, connection.begin():
            start = _int_meta(connection, ACKED_SEQ) if after is None else after
            rows = connection.execute(
                select(outbox).where(outbox.c.seq > start).order_by(outbox.c.seq).limit(limit)
            ).all()
            if not rows:
                return None
            events = self._events(connection, [r for r in rows if r.stream == DOSSIER_STREAM])
            tickets = self._ticket_events(connection, [r for r in rows if r.stream == TICKET_STREAM])
            hashes: dict[tuple[int, int], str] = {}

            def hash_of(dossier_id: int, seq: int) -> str | None:
                # Each event's hash is also the next one's `prev`: compute it once.
                key = (dossier_id, seq)
                if key not in hashes:
                    event = events.get(key)
                    if event is None:
                        return None
                    hashes[key] = event_hash(event)
                return hashes[key]

            items: list[OutgoingItem] = []
            fingerprints: set[str] = set()
            for row in rows:
                if row.stream == TICKET_STREAM:
                    items.append(self._ticket_item(row, tickets.get((row.aggregate_id, row.event_seq))))
                    continue
                if row.stream != DOSSIER_STREAM:
                    # A stream this desk version cannot encode: sent as a name only, so the server records
                    # it as a dead letter instead of the outbox stopping here.
                    key = f"{row.stream}:{row.aggregate_id}.{row.event_seq}"
                    items.append(OutgoingItem(row.seq, row.stream, key, "", None))
                    continue
                event = events.get((row.aggregate_id, row.event_seq))
                digest = hash_of(row.aggregate_id, row.event_seq)
                if event is None or digest is None:
                    # A row this desk cannot read back (a damaged or hand-edited database): the server
                    # dead-letters it and the rows after it still go.
                    key = f"{row.aggregate_id}:{row.event_seq}"
                    items.append(OutgoingItem(row.seq, DOSSIER_STREAM, key, "", {"unreadable": True}))
                    continue
                body = event_body(event, hash_of(row.aggregate_id, row.event_seq - 1))
                fingerprint = cited_procedure(event)
                if fingerprint is not None:
                    fingerprints.add(fingerprint)
                items.append(
                    OutgoingItem(row.seq, DOSSIER_STREAM, event.key, digest, body, cited_blobs(event))
                )
            procedures: dict[str, Any] = {}
            if fingerprints:
                for fingerprint, data in connection.execute(
                    select(procedure_versions.c.fingerprint, procedure_versions.c.data).where(
                        procedure_versions.c.fingerprint.in_(fingerprints)
                    )
                ):
                    procedures[fingerprint] = json.loads(data)
            return OutgoingBatch(tuple(items), procedures)

    @staticmethod
    def _ticket_item(row: Any, event: TicketEvent | None) -> OutgoingItem:
        if event is None:
            # Like an unreadable dossier event: the server dead-letters it and the rows after it still go.
            key = f"{TICKET_STREAM}:{row.aggregate_id}.{row.event_seq}"
            return OutgoingItem(row.seq, TICKET_STREAM, key, "", {"unreadable": True})
        return OutgoingItem(
            row.seq,
            TICKET_STREAM,
            ticket_event_key(event),
            ticket_event_hash(event),
            ticket_event_body(event),
        )

    @staticmethod
    def _ticket_events(connection: Connection, rows: Sequence[Any]) -> dict[tuple[int, int], TicketEvent]:
        """The queue ticket events the outbox rows name, by (ticket id, seq)."""
        if not rows:
            return {}
        t, e = QUEUE.tickets, QUEUE.events
        wanted = sorted({(r.aggregate_id, r.event_seq) for r in rows})
        statement = (
            select(e, t.c.uid)
            .select_from(e.join(t, t.c.id == e.c.ticket_id))
            .where(tuple_(e.c.ticket_id, e.c.seq).in_(wanted))
        )
        found: dict[tuple[int, int], TicketEvent] = {}
        for row in connection.execute(statement):
            try:
                found[(row.ticket_id, row.seq)] = TicketEvent(
                    row.uid,
                    row.seq,
                    TicketEventType(row.type),
                    row.occurred_at,
                    row.actor,
                    row.counter_number,
                    json.loads(row.payload),
                )
            except (ValueError, TypeError) as exc:
                log.error("ticket event %s.%s cannot be read: %s", row.uid, row.seq, exc)
        return found

    @staticmethod
    def _events(connection: Connection, rows: Sequence[Any]) -> dict[tuple[int, int], DossierEvent]:
        """The events the outbox rows name, and the one before each (its hash is the row's `prev`)."""
        if not rows:
            return {}
        ids = {r.aggregate_id for r in rows}
        uids = dict(
            connection.execute(select(dossiers.c.id, dossiers.c.uid).where(dossiers.c.id.in_(ids))).all()
        )
        wanted = {(r.aggregate_id, r.event_seq) for r in rows} | {
            (r.aggregate_id, r.event_seq - 1) for r in rows
        }
        found: dict[tuple[int, int], DossierEvent] = {}
        statement = select(dossier_events).where(
            tuple_(dossier_events.c.dossier_id, dossier_events.c.seq).in_(sorted(wanted))
        )
        for row in connection.execute(statement):
            try:
                found[(row.dossier_id, row.seq)] = event_from_row(row, uids[row.dossier_id])
            except (ValueError, KeyError, TypeError) as exc:
                log.error("event %s.%s cannot be read: %s", uids.get(row.dossier_id), row.seq, exc)
        return found

    def record_push(self, result: PushResult) -> int:
        if not result.verdicts:
            return 0
        now = self._clock.now()
        first, last = result.verdicts[0].device_seq, result.verdicts[-1].device_seq
        with self._engine.begin() as connection:
            acked = _int_meta(connection, ACKED_SEQ)
            newly = sum(1 for verdict in result.verdicts if verdict.device_seq > acked)
            listed = connection.execute(
                select(func.count()).where(sync_dead_letters.c.device_seq.between(first, last))
            ).scalar_one()
            for verdict in result.verdicts:
                # Usually all were accepted and none is listed: then no statement per verdict.
                if listed or not verdict.verdict.delivered or verdict.reason is not None:
                    self._keep_verdict(connection, verdict, now)
            # max(): a second process (the CLI while the app syncs) may have recorded further already.
            write_meta(connection, ACKED_SEQ, str(max(acked, last)))
        return newly

    @staticmethod
    def _keep_verdict(connection: Connection, verdict: ItemVerdict, now: datetime) -> None:
        if verdict.verdict.delivered and verdict.reason is None:
            # Sent again after a rewind and taken this time: no longer a problem to show.
            connection.execute(
                delete(sync_dead_letters).where(sync_dead_letters.c.device_seq == verdict.device_seq)
            )
            return
        # Refusals, conflicts, and events taken with a warning (their file could not be sent).
        values = {
            "key": verdict.key,
            "verdict": verdict.verdict.value,
            "reason": verdict.reason,
            "message": verdict.message,
            "recorded_at": now,
        }
        connection.execute(
            sqlite_insert(sync_dead_letters)
            .values(device_seq=verdict.device_seq, **values)
            .on_conflict_do_update(index_elements=[sync_dead_letters.c.device_seq], set_=values)
        )

    def rewind(self, acked_seq: int) -> None:
        with self._engine.begin() as connection:
            write_meta(connection, ACKED_SEQ, str(max(0, acked_seq)))

    # ----- pull -------------------------------------------------------------------------------------------

    def pull_cursor(self) -> str:
        with self._read() as connection:
            return read_meta(connection, PULL_CURSOR) or START_CURSOR

    def apply_page(self, page: PullPage) -> int:
        now = self._clock.now()
        with self._engine.begin() as connection:
            if (read_meta(connection, PULL_CURSOR) or START_CURSOR) != page.after:
                return 0  # another process applied this page already
            catalog = SqlCatalogRepository(connection)
            for fingerprint, data in page.procedures.items():
                self._store_version(connection, fingerprint, data, now)
            applied = 0
            for item in page.items:
                applied += self._apply(connection, catalog, item, now)
            applied += self._retry_held(connection, catalog, now)
            write_meta(connection, PULL_CURSOR, page.cursor)
        return applied

    @staticmethod
    def _store_version(connection: Connection, fingerprint: str, data: Any, now: datetime) -> None:
        procedure = procedure_from_dict(data)
        if procedure_fingerprint(procedure) != fingerprint:
            raise ValueError(f"catalogue version {fingerprint} does not match its content")
        connection.execute(
            sqlite_insert(procedure_versions)
            .values(
                fingerprint=fingerprint,
                code=procedure.code,
                data=json.dumps(data, ensure_ascii=False),
                stored_at=now,
            )
            .on_conflict_do_nothing()
        )

    def _apply(
        self, connection: Connection, catalog: SqlCatalogRepository, item: PulledItem, now: datetime
    ) -> int:
        """Apply one item inside a savepoint: an item this desk cannot take (a newer app's data, an office
        it does not know) is held and shown, and never stops the items and pages after it."""
        try:
            with connection.begin_nested():
                reason = self._apply_one(connection, catalog, item, now)
        except (DomainError, ValueError, KeyError, TypeError, IntegrityError) as exc:
            reason = f"invalid: {exc}"[:200]
        if reason is None:
            return 1
        self._hold(connection, item, reason, now)
        return 0

    def _apply_one(
        self, connection: Connection, catalog: SqlCatalogRepository, item: PulledItem, now: datetime
    ) -> str | None:
        if item.kind == "event":
            return self._apply_event(connection, catalog, item.body)
        if item.kind == "procedure":
            catalog.put(procedure_from_dict(item.body), now)
        elif item.kind == "officer":
            SqlOfficeRepository(connection).put_officer(_officer(item.body))
        elif item.kind == "calendar":
            self._write_calendar(item.body)
        else:
            return f"unknown kind {item.kind!r} (a newer server?)"
        return None

    def _apply_event(
        self, connection: Connection, catalog: SqlCatalogRepository, body: Mapping[str, Any]
    ) -> str | None:
        """Apply a dossier event made elsewhere; returns why it must wait, or None when applied."""
        event = event_from_body(body)
        row = connection.execute(
            select(dossiers.c.id, dossiers.c.version).where(dossiers.c.uid == event.dossier_uid)
        ).one_or_none()
        if row is None:
            if event.seq != 1:
                return "missing_history"
            dossier = replay([event], catalog.version(cited_procedure(event) or ""))
            clash = connection.execute(select(dossiers.c.uid).where(dossiers.c.code == dossier.code)).scalar()
            if clash is not None:
                return "code_taken"
            dossier_id = connection.execute(
                insert(dossiers).values(**projection_row(dossier)).returning(dossiers.c.id)
            ).scalar_one()
            connection.execute(insert(dossier_events).values(**event_row(event, dossier_id)))
            return None
        if event.seq <= row.version:
            local = connection.execute(
                select(dossier_events).where(
                    dossier_events.c.dossier_id == row.id, dossier_events.c.seq == event.seq
                )
            ).one()
            # The same event (a page pulled twice): nothing to do. Another one: the histories diverged.
            same = event_hash(event_from_row(local, event.dossier_uid)) == event_hash(event)
            return None if same else "diverged"
        if event.seq > row.version + 1:
            return "missing_predecessor"
        acked = _int_meta(connection, ACKED_SEQ)
        unsent = connection.execute(
            select(func.count()).where(
                outbox.c.seq > acked, outbox.c.stream == DOSSIER_STREAM, outbox.c.aggregate_id == row.id
            )
        ).scalar_one()
        if unsent:
            return "unsent_local_changes"
        history = [
            event_from_row(r, event.dossier_uid)
            for r in connection.execute(
                select(dossier_events)
                .where(dossier_events.c.dossier_id == row.id)
                .order_by(dossier_events.c.seq)
            )
        ]
        dossier = replay(history, catalog.version(history[0].payload["procedure"]["version"]))
        dossier.apply(event)
        result = connection.execute(
            update(dossiers)
            .where(dossiers.c.id == row.id, dossiers.c.version == row.version)
            .values(**projection_row(dossier))
        )
        if result.rowcount != 1:  # pragma: no cover - the write lock is held since BEGIN IMMEDIATE
            raise RuntimeError(f"dossier {dossier.code} changed while a pulled event was applied")
        connection.execute(insert(dossier_events).values(**event_row(event, row.id)))
        return None

    @staticmethod
    def _hold(connection: Connection, item: PulledItem, reason: str, now: datetime) -> None:
        body = json.dumps(
            {
                "server_seq": item.server_seq,
                "kind": item.kind,
                "key": item.key,
                "body": item.body,
                "hash": item.hash,
            },
            ensure_ascii=False,
        )
        values = {"key": item.key, "body": body, "reason": reason, "held_at": now}
        connection.execute(
            sqlite_insert(sync_held)
            .values(server_seq=item.server_seq, **values)
            .on_conflict_do_update(index_elements=[sync_held.c.server_seq], set_={"reason": reason})
        )

    def _retry_held(self, connection: Connection, catalog: SqlCatalogRepository, now: datetime) -> int:
        """Held changes whose reason may have passed (the local events were sent since, the desk learnt
        the office or catalogue version they needed)."""
        applied = 0
        rows = connection.execute(
            select(sync_held).where(sync_held.c.reason != "diverged").order_by(sync_held.c.server_seq)
        ).all()
        for row in rows:
            data = json.loads(row.body)
            item = PulledItem(row.server_seq, data["kind"], data["key"], data["body"], data.get("hash"))
            try:
                with connection.begin_nested():
                    reason = self._apply_one(connection, catalog, item, now)
            except (DomainError, ValueError, KeyError, TypeError, IntegrityError) as exc:
                reason = f"invalid: {exc}"[:200]
            if reason is None:
                connection.execute(delete(sync_held).where(sync_held.c.server_seq == row.server_seq))
                applied += 1
            elif reason != row.reason:
                connection.execute(
                    update(sync_held).where(sync_held.c.server_seq == row.server_seq).values(reason=reason)
                )
        return applied

    def _write_calendar(self, body: Mapping[str, Any]) -> None:
        """A year's official schedule, written where admins drop calendar files (checked first, replaced
        atomically, idempotent: a page applied again writes the same bytes). The desk's calendar reads
        it at its next start."""
        if self._calendar_dir is None:
            return
        from app.datafiles.calendar import load_schedule_file

        year = int(body["year"])
        if not 1800 <= year <= 2200:
            raise ValueError(f"calendar year {year} is out of range")
        incoming = self._calendar_dir / ".incoming"
        incoming.mkdir(parents=True, exist_ok=True)
        staged = incoming / f"{year}.toml"
        staged.write_text(str(body["toml"]), encoding="utf-8")
        load_schedule_file(staged)  # a broken file stays out (ValidationError: the item is held)
        staged.replace(self._calendar_dir / f"{year}.toml")

    # ----- status -----------------------------------------------------------------------------------------

    def counts(self) -> SyncCounts:
        with self._read() as connection, connection.begin():
            acked = _int_meta(connection, ACKED_SEQ)
            top = connection.execute(select(func.coalesce(func.max(outbox.c.seq), 0))).scalar_one()
            by_verdict: dict[str, int] = dict(
                connection.execute(
                    select(sync_dead_letters.c.verdict, func.count()).group_by(sync_dead_letters.c.verdict)
                ).all()
            )
            held = connection.execute(select(func.count()).select_from(sync_held)).scalar_one()
            return SyncCounts(
                pending=max(0, int(top) - acked),  # the outbox is gap-free: no need to count rows
                dead_letters=int(by_verdict.get(Verdict.REJECTED.value, 0)),
                conflicts=int(by_verdict.get(Verdict.CONFLICT.value, 0)),
                missing_files=int(by_verdict.get(Verdict.ACCEPTED.value, 0)),
                held=int(held),
                acked_seq=acked,
                pull_cursor=read_meta(connection, PULL_CURSOR) or START_CURSOR,
            )

    def dead_letters(self, limit: int = 100) -> Sequence[DeadLetter]:
        with self._read() as connection:
            rows = connection.execute(
                select(sync_dead_letters).order_by(sync_dead_letters.c.device_seq).limit(limit)
            ).all()
        return [
            DeadLetter(r.device_seq, r.key, Verdict(r.verdict), r.reason, r.message, r.recorded_at)
            for r in rows
        ]

    def held(self, limit: int = 100) -> Sequence[HeldItem]:
        with self._read() as connection:
            rows = connection.execute(select(sync_held).order_by(sync_held.c.server_seq).limit(limit)).all()
        return [HeldItem(r.server_seq, r.key, r.reason, r.held_at) for r in rows]

    def attempts(self) -> SyncAttempts:
        with self._read() as connection, connection.begin():
            error = read_meta(connection, LAST_ERROR)
            data = json.loads(error) if error else {}
            return SyncAttempts(
                last_attempt_at=_time_meta(connection, LAST_ATTEMPT),
                last_success_at=_time_meta(connection, LAST_SUCCESS),
                last_error_code=data.get("code"),
                last_error_message=data.get("message"),
                last_error_at=from_millis(data["at"]) if "at" in data else None,
                failures=_int_meta(connection, FAILURES),
            )

    def note_attempt(self, at: datetime) -> None:
        with self._engine.begin() as connection:
            write_meta(connection, LAST_ATTEMPT, str(to_millis(at)))

    def note_success(self, at: datetime) -> None:
        with self._engine.begin() as connection:
            write_meta(connection, LAST_SUCCESS, str(to_millis(at)))
            write_meta(connection, FAILURES, "0")

    def note_failure(self, at: datetime, code: str, message: str) -> None:
        with self._engine.begin() as connection:
            error = {"code": code, "message": message, "at": to_millis(at)}
            write_meta(connection, LAST_ERROR, json.dumps(error, ensure_ascii=False))
            write_meta(connection, FAILURES, str(_int_meta(connection, FAILURES) + 1))


def _officer(body: Mapping[str, Any]) -> Officer:
    return Officer(
        username=str(body["username"]),
        full_name=str(body["full_name"]),
        role=Role(body["role"]),
        office_code=str(body["office_code"]),
        password_hash=str(body["password_hash"]),
        counter_number=body.get("counter_number"),
        active=bool(body.get("active", True)),
    )
