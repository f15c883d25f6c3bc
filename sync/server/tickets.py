"""Queue ticket events pushed by a desk: what it issued and served from its offline block of numbers.

A desk that cannot reach its office server keeps its queue going on its own numbers (9000 + 100 x its
slot) and sends the tickets' events with its outbox when it is back. Each is judged here, inside the
push's transaction, and imported into the office's queue tables at once, so the verdict, the receipt and
the ticket commit together or not at all. Verdicts: accepted; duplicate (the same uid, seq and content is
here already); rejected, a dead letter that stops nothing behind it (malformed, another office's ticket,
a gap in the ticket's history, a number the office has given to another ticket, a different event where
this one should go).

Imports are announced to the office's live streams (hall display, counters) only once the push has
committed: `follow_imports` ties an engine to a publisher, and the pool's check-in of the push's
connection (after its commit) sends what that connection imported; a rollback forgets it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, event, select, text
from sqlalchemy.exc import IntegrityError

from app.domain.errors import DomainError
from app.domain.queue.ticket import Ticket, TicketEvent, replay
from app.services.sync.wire import (
    TICKET_SCHEMA_VERSION,
    Verdict,
    ticket_event_from_wire,
    ticket_event_hash,
    ticket_event_key,
)
from app.storage.queue_repo import SqlTicketRepository
from sync.server.queue.schema import SERVER_QUEUE

log = logging.getLogger("motcua.server")

Publish = Callable[[str, dict[str, Any]], None]  # (office, SSE item), as QueueBroker.publish
_IMPORTED = "motcua.tickets_imported"  # connection.info: office -> events imported in this transaction
_publishers: weakref.WeakKeyDictionary[Engine, Publish] = weakref.WeakKeyDictionary()
_publishers_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class TicketVerdict:
    verdict: Verdict
    reason: str | None = None
    message: str | None = None


def _rejected(reason: str, message: str) -> TicketVerdict:
    return TicketVerdict(Verdict.REJECTED, reason, message)


@dataclass
class TicketJudge:
    """Judges and imports one push's ticket events for the pushing desk's office."""

    connection: Connection
    office_code: str
    histories: dict[str, list[TicketEvent]] = field(default_factory=dict)  # uid -> events held here
    _turn_taken: bool = False

    def judge(self, key: str, digest: str, body: Any) -> TicketVerdict:
        try:
            event = ticket_event_from_wire(body)
        except ValueError as exc:
            return _rejected("malformed", str(exc)[:500])
        if body.get("v") != TICKET_SCHEMA_VERSION:
            return _rejected(
                "version_not_supported", f"ticket event schema version {body.get('v')!r} is unknown"
            )
        if key != ticket_event_key(event):
            return _rejected("malformed", f"key {key!r} does not name ticket event {event.key}")
        if event.occurred_at.microsecond % 1000:
            return _rejected("malformed", "event times are kept to the millisecond")
        if ticket_event_hash(event) != digest:
            return _rejected("hash_mismatch", "the event does not match its hash (changed on the way?)")
        self._take_turn()
        history = self._history(event.ticket_uid)
        first = history[0] if history else event if event.seq == 1 else None
        if first is None:
            return _rejected(
                "unknown_ticket",
                f"the office has no ticket {event.ticket_uid}; an earlier event of it was refused",
            )
        office = first.payload.get("office")
        if office != self.office_code:
            return _rejected(
                "forbidden_office", f"this desk pushes for office {self.office_code}, not {office}"
            )
        if event.seq <= len(history):
            if ticket_event_hash(history[event.seq - 1]) == digest:
                return TicketVerdict(Verdict.DUPLICATE)
            return _rejected(
                "diverged", f"ticket {event.ticket_uid} already has another event {event.seq} at the office"
            )
        if event.seq > len(history) + 1:
            return _rejected(
                "gap",
                f"the office holds ticket {event.ticket_uid} up to event {len(history)}; an earlier event of "
                "it was refused",
            )
        try:
            ticket = replay([*history, event])
        except (DomainError, ValueError, KeyError, TypeError) as exc:
            return _rejected("invalid_event", f"the event does not apply: {exc}"[:500])
        if event.seq == 1 and self._number_taken(ticket):
            return _rejected(
                "number_taken", f"ticket {ticket.label} of {ticket.day} is another ticket at the office"
            )
        try:
            with self.connection.begin_nested():
                SqlTicketRepository(self.connection, SERVER_QUEUE).import_events([event])
        except (IntegrityError, DomainError) as exc:
            return _rejected("invalid_event", f"the event could not be stored: {exc}"[:500])
        history.append(event)
        _note_import(self.connection, self.office_code)
        return TicketVerdict(Verdict.ACCEPTED)

    def _take_turn(self) -> None:
        """The office queue's lock on PostgreSQL (the same key as SqlQueueUnitOfWork.take_turn): a counter
        calling "next" meanwhile waits, instead of choosing from a line half imported."""
        if self._turn_taken:
            return
        self._turn_taken = True
        if self.connection.dialect.name == "postgresql":
            key = int.from_bytes(
                hashlib.sha256(f"motcua-queue:{self.office_code}".encode()).digest()[:8], "big", signed=True
            )
            self.connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    def _history(self, uid: str) -> list[TicketEvent]:
        history = self.histories.get(uid)
        if history is None:
            history = self.histories[uid] = SqlTicketRepository(self.connection, SERVER_QUEUE).history(uid)
        return history

    def _number_taken(self, ticket: Ticket) -> bool:
        """Checked before the insert: a unique key refused inside the push would start the whole push
        again, and again, instead of refusing this one event."""
        if ticket.number is None:
            return False
        t = SERVER_QUEUE.tickets
        holder = self.connection.execute(
            select(t.c.uid).where(
                t.c.office_code == ticket.office_code,
                t.c.day == ticket.day.isoformat(),
                t.c.prefix == ticket.prefix,
                t.c.number == ticket.number,
            )
        ).scalar_one_or_none()
        return holder is not None and holder != ticket.uid


# ----- telling the office's live streams ---------------------------------------------------------------


def follow_imports(engine: Engine, publish: Publish) -> None:
    """Announce tickets imported by pushes on `engine` through `publish` (the office queue's broker), after
    their push commits. Called when the first live stream of this process needs the broker; calling it
    again replaces the publisher."""
    with _publishers_lock:
        known = engine in _publishers
        _publishers[engine] = publish
    if known:
        return

    def announce(dbapi_connection: Any, record: Any) -> None:
        # At check-in: after the push's commit, or after its rollback, which dropped the list already.
        imported = record.info.pop(_IMPORTED, None) if record is not None else None
        target = _publishers.get(engine)
        if not imported or target is None:
            return
        for office, count in imported.items():
            try:
                target(office, {"event": "resync", "data": {"imported": count}})
            except Exception:  # a stream's trouble must not fail the connection's check-in
                log.exception("announcing imported tickets of %s failed", office)

    event.listen(engine, "rollback", _forget)
    event.listen(engine, "checkin", announce)


def _note_import(connection: Connection, office: str) -> None:
    if connection.engine not in _publishers:
        return  # no live stream in this process follows the queue
    imported: dict[str, int] = connection.info.setdefault(_IMPORTED, {})
    imported[office] = imported.get(office, 0) + 1


def _forget(connection: Connection) -> None:
    connection.info.pop(_IMPORTED, None)
