"""Queue repositories in SQL, for the desk's SQLite and the office server's SQLite or PostgreSQL.

Tickets are loaded from their projection row (every field of the aggregate is a column there; a test
replays the events and compares) and saved as new events plus an update guarded by the version read, so
two transactions that both change a ticket cannot both win.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Table,
    and_,
    bindparam,
    case,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from app.domain.errors import ConcurrentChange, NotFound
from app.domain.queue.model import CounterSetup, NumberBlock, Priority, QueueService, ticket_label
from app.domain.queue.selection import Candidate
from app.domain.queue.ticket import Ticket, TicketEvent, TicketEventType, TicketStatus
from app.services.queue.ports import CallRow, CounterState
from app.storage.queue_tables import QueueTables

TICKET_STREAM = "ticket"


def _upsert(connection: Connection, table: Table) -> Any:
    """INSERT ... ON CONFLICT for the connection's dialect (both spell it alike, in different modules)."""
    return (postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert)(table)


class _Statements:
    """The statements of the hot paths (issue, call), built once per set of tables.

    Building a SQLAlchemy statement and its cache key costs more than SQLite takes to run it (a call
    made of a dozen statements spent most of its 4 ms there); a built statement keeps its cache key.
    """

    def __init__(self, tables: QueueTables, outbox: Table | None) -> None:
        t, e, k = tables.tickets, tables.events, tables.counters
        self.insert_ticket = insert(t).returning(t.c.id)
        # executemany with RETURNING ("insertmanyvalues"): one INSERT for a batch, ids in its order.
        self.insert_tickets = insert(t).returning(t.c.id, sort_by_parameter_order=True)
        # SET takes every column named in the parameters; the WHERE binds under other names.
        self.update_ticket = (
            update(t)
            .where(t.c.uid == bindparam("where_uid"), t.c.version == bindparam("where_version"))
            .returning(t.c.id)
        )
        self.get_ticket = select(t).where(t.c.uid == bindparam("uid"))
        self.insert_events = insert(e)
        self.insert_outbox = None if outbox is None else insert(outbox)
        waiting = and_(
            t.c.office_code == bindparam("office"),
            t.c.day == bindparam("day"),
            t.c.status == TicketStatus.WAITING.value,
        )
        in_line = and_(
            waiting,
            t.c.target_counter.is_(None),
            t.c.service_code.in_(bindparam("services", expanding=True)),
        )
        head = select(t.c.uid, t.c.service_code, t.c.number, t.c.priority, t.c.queued_at, t.c.target_counter)
        self.heads = tuple(
            head.where(line).order_by(t.c.queued_at, t.c.number).limit(1)
            for line in (
                and_(waiting, t.c.target_counter == bindparam("counter")),
                and_(in_line, t.c.priority == Priority.NORMAL.value),
                and_(in_line, t.c.priority != Priority.NORMAL.value),
            )
        )
        self.count_waiting = select(func.count()).where(waiting, t.c.service_code == bindparam("service"))
        self.count_waiting_by_service = (
            select(t.c.service_code, func.count()).where(waiting).group_by(t.c.service_code)
        )
        self.counter = select(k).where(k.c.office_code == bindparam("office"), k.c.number == bindparam("n"))
        self.set_counter = (
            update(k)
            .where(
                k.c.office_code == bindparam("office"),
                k.c.number == bindparam("n"),
                k.c.version == bindparam("where_version"),
            )
            .values(
                current_uid=bindparam("current_uid"),
                priority_streak=bindparam("priority_streak"),
                version=bindparam("where_version") + 1,
            )
        )
        s = tables.services
        self.services = (
            select(s).where(s.c.office_code == bindparam("office")).order_by(s.c.position, s.c.code)
        )


@cache
def _statements(tables: QueueTables, outbox: Table | None) -> _Statements:
    return _Statements(tables, outbox)


def _row_values(ticket: Ticket) -> dict[str, Any]:
    return {
        "uid": ticket.uid,
        "office_code": ticket.office_code,
        "service_code": ticket.service_code,
        "prefix": ticket.prefix,
        "day": ticket.day.isoformat(),
        "number": ticket.number,
        "priority": ticket.priority.value,
        "status": ticket.status.value,
        "origin": ticket.origin,
        "counter_number": ticket.counter,
        "target_counter": ticket.target_counter,
        "officer": ticket.officer,
        "issued_at": ticket.issued_at,
        "queued_at": ticket.queued_at,
        "called_at": ticket.called_at,
        "finished_at": ticket.finished_at,
        "calls": ticket.calls,
        "version": ticket.version,
    }


def _ticket(row: Any) -> Ticket:
    return Ticket(
        uid=row.uid,
        office_code=row.office_code,
        service_code=row.service_code,
        prefix=row.prefix,
        day=date.fromisoformat(row.day),
        number=row.number,
        priority=Priority(row.priority),
        status=TicketStatus(row.status),
        issued_at=row.issued_at,
        queued_at=row.queued_at,
        origin=row.origin,
        counter=row.counter_number,
        target_counter=row.target_counter,
        officer=row.officer,
        called_at=row.called_at,
        finished_at=row.finished_at,
        calls=row.calls,
        version=row.version,
    )


def _event_row(event: TicketEvent, ticket_id: int) -> dict[str, Any]:
    return {
        "ticket_id": ticket_id,
        "seq": event.seq,
        "type": event.type.value,
        "occurred_at": event.occurred_at,
        "actor": event.actor,
        "counter_number": event.counter,
        "payload": json.dumps(event.payload, ensure_ascii=False, separators=(",", ":")),
    }


class SqlTicketRepository:
    def __init__(self, connection: Connection, tables: QueueTables, outbox: Table | None = None) -> None:
        self._c = connection
        self._tables = tables
        self._t = tables.tickets
        self._e = tables.events
        self._outbox = outbox
        self._s = _statements(tables, outbox)

    def _append(self, ticket_id: int, events: list[TicketEvent]) -> None:
        self._append_many([(ticket_id, events)])

    def _append_many(self, batches: Sequence[tuple[int, list[TicketEvent]]]) -> None:
        rows = [_event_row(e, ticket_id) for ticket_id, events in batches for e in events]
        if not rows:
            return
        self._c.execute(self._s.insert_events, rows)
        if self._s.insert_outbox is not None:
            # Same transaction as the events: the sync client sends exactly what was committed.
            now = datetime.now(UTC)
            self._c.execute(
                self._s.insert_outbox,
                [
                    {
                        "stream": TICKET_STREAM,
                        "aggregate_id": ticket_id,
                        "event_seq": e.seq,
                        "created_at": now,
                    }
                    for ticket_id, events in batches
                    for e in events
                ],
            )

    def add(self, ticket: Ticket) -> None:
        ticket_id = self._c.execute(self._s.insert_ticket, _row_values(ticket)).scalar_one()
        self._append(ticket_id, ticket.collect_events())

    def add_many(self, tickets: Sequence[Ticket]) -> None:
        """New tickets in one INSERT ... RETURNING and one insert of their events (a batch of issues)."""
        if not tickets:
            return
        rows = [_row_values(t) for t in tickets]
        ids = self._c.execute(self._s.insert_tickets, rows).scalars().all()
        self._append_many(
            [(ticket_id, t.collect_events()) for ticket_id, t in zip(ids, tickets, strict=True)]
        )

    def save(self, ticket: Ticket) -> None:
        events = ticket.collect_events()
        if not events:
            return
        read_version = events[0].seq - 1
        ticket_id = self._c.execute(
            self._s.update_ticket,
            {**_row_values(ticket), "where_uid": ticket.uid, "where_version": read_version},
        ).scalar_one_or_none()
        if ticket_id is None:
            raise ConcurrentChange(f"ticket {ticket.label} changed meanwhile", ticket=ticket.label)
        self._append(ticket_id, events)

    def get(self, uid: str) -> Ticket:
        row = self._c.execute(self._s.get_ticket, {"uid": uid}).one_or_none()
        if row is None:
            raise NotFound(f"no ticket {uid}", ticket=uid)
        return _ticket(row)

    def find(self, office_code: str, day: date, prefix: str, number: int) -> Ticket | None:
        row = self._c.execute(
            select(self._t).where(
                self._t.c.office_code == office_code,
                self._t.c.day == day.isoformat(),
                self._t.c.prefix == prefix,
                self._t.c.number == number,
            )
        ).one_or_none()
        return None if row is None else _ticket(row)

    def candidates(
        self, office_code: str, day: date, services: tuple[str, ...], counter: int
    ) -> list[Candidate]:
        """The head of each line the counter calls from: transferred to it, priority, normal. The choice
        only ever takes the longest-waiting ticket of a line, so three one-row reads replace reading
        every waiting ticket (hundreds on a busy morning)."""
        params = {
            "office": office_code,
            "day": day.isoformat(),
            "services": list(services),
            "counter": counter,
        }
        heads = []
        for statement in self._s.heads:
            row = self._c.execute(statement, params).first()
            if row is not None:
                heads.append(
                    Candidate(
                        row.uid,
                        row.service_code,
                        row.number,
                        Priority(row.priority),
                        row.queued_at,
                        row.target_counter,
                    )
                )
        return heads

    def count_waiting(self, office_code: str, day: date, service_code: str) -> int:
        params = {"office": office_code, "day": day.isoformat(), "service": service_code}
        return int(self._c.execute(self._s.count_waiting, params).scalar_one())

    def count_waiting_by_service(self, office_code: str, day: date) -> dict[str, int]:
        params = {"office": office_code, "day": day.isoformat()}
        return {str(code): int(n) for code, n in self._c.execute(self._s.count_waiting_by_service, params)}

    def at_counter(self, office_code: str, day: date, counter: int) -> list[Ticket]:
        t = self._t
        rows = self._c.execute(
            select(t).where(
                t.c.office_code == office_code,
                t.c.day == day.isoformat(),
                t.c.counter_number == counter,
                t.c.status.in_(
                    [s.value for s in (TicketStatus.CALLED, TicketStatus.SERVING, TicketStatus.HELD)]
                ),
            )
        )
        return [_ticket(r) for r in rows]

    def waiting_counts(self, office_code: str, day: date) -> dict[str, dict[str, int]]:
        t = self._t
        rows = self._c.execute(
            select(t.c.service_code, t.c.priority, func.count())
            .where(
                t.c.office_code == office_code,
                t.c.day == day.isoformat(),
                t.c.status == TicketStatus.WAITING.value,
            )
            .group_by(t.c.service_code, t.c.priority)
        )
        counts: dict[str, dict[str, int]] = {}
        for service, priority, n in rows:
            entry = counts.setdefault(service, {"waiting": 0, "priority": 0})
            entry["waiting"] += n
            if priority != Priority.NORMAL.value:
                entry["priority"] += n
        return counts

    def recent_calls(self, office_code: str, day: date, limit: int) -> list[CallRow]:
        t, e = self._t, self._e
        rows = self._c.execute(
            select(t.c.prefix, t.c.number, t.c.service_code, t.c.status, e.c.counter_number, e.c.occurred_at)
            .select_from(e.join(t, t.c.id == e.c.ticket_id))
            .where(
                t.c.office_code == office_code,
                t.c.day == day.isoformat(),
                t.c.number.is_not(None),
                e.c.type.in_([TicketEventType.CALLED.value, TicketEventType.RECALLED.value]),
            )
            .order_by(e.c.occurred_at.desc(), t.c.id.desc())
            .limit(limit * 2)
        )
        calls: list[CallRow] = []
        seen: set[tuple[str, int]] = set()
        for r in rows:  # a recall moves the ticket up; it appears once
            key = (r.prefix, r.number)
            if key in seen:
                continue
            seen.add(key)
            calls.append(
                CallRow(
                    ticket_label(r.prefix, r.number),
                    r.service_code,
                    r.counter_number,
                    TicketStatus(r.status),
                    r.occurred_at,
                )
            )
        return calls[:limit]

    def history(self, uid: str) -> list[TicketEvent]:
        t, e = self._t, self._e
        rows = self._c.execute(
            select(e).select_from(e.join(t, t.c.id == e.c.ticket_id)).where(t.c.uid == uid).order_by(e.c.seq)
        )
        return [
            TicketEvent(
                uid,
                r.seq,
                TicketEventType(r.type),
                r.occurred_at,
                r.actor,
                r.counter_number,
                json.loads(r.payload),
            )
            for r in rows
        ]

    def of_day(self, office_code: str, day: date, origin: str | None = None) -> list[Ticket]:
        t = self._t
        where = [t.c.office_code == office_code, t.c.day == day.isoformat()]
        if origin is not None:
            where.append(t.c.origin == origin)
        return [_ticket(r) for r in self._c.execute(select(t).where(and_(*where)).order_by(t.c.id))]

    def report_rows(self, office_code: str, first: date, last: date) -> list[tuple[Any, ...]]:
        """For the queue report (app/services/queue/report.py): see `report_rows` below."""
        return report_rows(self._c, self._tables, office_code, first, last)

    def has_event(self, uid: str, seq: int) -> bool:
        t, e = self._t, self._e
        found = self._c.execute(
            select(e.c.seq)
            .select_from(e.join(t, t.c.id == e.c.ticket_id))
            .where(t.c.uid == uid, e.c.seq == seq)
        ).first()
        return found is not None

    def import_events(self, events: list[TicketEvent]) -> int:
        """Events of tickets made elsewhere, in order per ticket; already present ones are skipped (a
        reconnecting desk may send the same batch twice)."""
        from app.domain.queue.ticket import replay

        by_ticket: dict[str, list[TicketEvent]] = {}
        for event in sorted(events, key=lambda e: (e.ticket_uid, e.seq)):
            by_ticket.setdefault(event.ticket_uid, []).append(event)
        imported = 0
        for uid, ticket_events in by_ticket.items():
            existing = self.history(uid)
            known = len(existing)
            new = [e for e in ticket_events if e.seq > known]
            if not new:
                continue
            if new[0].seq != known + 1:
                raise ConcurrentChange(f"events of ticket {uid} arrive with a gap after {known}", ticket=uid)
            ticket = replay(existing + new)
            if known == 0:
                ticket_id = self._c.execute(
                    insert(self._t).values(_row_values(ticket)).returning(self._t.c.id)
                ).scalar_one()
            else:
                ticket_id = self._c.execute(
                    update(self._t)
                    .where(self._t.c.uid == uid, self._t.c.version == known)
                    .values(_row_values(ticket))
                    .returning(self._t.c.id)
                ).scalar_one_or_none()
                if ticket_id is None:
                    raise ConcurrentChange(f"ticket {uid} changed meanwhile", ticket=uid)
            self._append(ticket_id, new)
            imported += len(new)
        return imported


class SqlQueueSetupRepository:
    def __init__(self, connection: Connection, tables: QueueTables) -> None:
        self._c = connection
        self._s = tables.services
        self._k = tables.counters
        self._statements = _statements(tables, None)

    def services(self, office_code: str) -> list[QueueService]:
        rows = self._c.execute(self._statements.services, {"office": office_code})
        return [QueueService(r.code, r.prefix, r.name, bool(r.active)) for r in rows]

    def put_service(self, office_code: str, service: QueueService, position: int) -> None:
        values = {
            "prefix": service.prefix,
            "name": service.name,
            "active": service.active,
            "position": position,
        }
        self._c.execute(
            _upsert(self._c, self._s)
            .values(office_code=office_code, code=service.code, **values)
            .on_conflict_do_update(index_elements=[self._s.c.office_code, self._s.c.code], set_=values)
        )

    def _state(self, r: Any) -> CounterState:
        return CounterState(
            r.number, tuple(json.loads(r.services)), r.current_uid, r.priority_streak, r.version
        )

    def counters(self, office_code: str) -> list[CounterState]:
        rows = self._c.execute(
            select(self._k).where(self._k.c.office_code == office_code).order_by(self._k.c.number)
        )
        return [self._state(r) for r in rows]

    def counter(self, office_code: str, number: int) -> CounterState:
        row = self._c.execute(self._statements.counter, {"office": office_code, "n": number}).one_or_none()
        if row is None:
            raise NotFound(f"counter {number} has no queue set up (see `motcua queue setup`)", counter=number)
        return self._state(row)

    def put_counter(self, office_code: str, setup: CounterSetup) -> None:
        services = json.dumps(list(setup.services))
        self._c.execute(
            _upsert(self._c, self._k)
            .values(
                office_code=office_code, number=setup.number, services=services, priority_streak=0, version=0
            )
            .on_conflict_do_update(
                index_elements=[self._k.c.office_code, self._k.c.number], set_={"services": services}
            )
        )

    def set_counter_state(self, office_code: str, state: CounterState) -> None:
        done = self._c.execute(
            self._statements.set_counter,
            {
                "office": office_code,
                "n": state.number,
                "where_version": state.version,
                "current_uid": state.current_uid,
                "priority_streak": state.priority_streak,
            },
        )
        if done.rowcount != 1:
            raise ConcurrentChange(f"counter {state.number} changed meanwhile", counter=state.number)


class SqlNumberSequences:
    def __init__(self, connection: Connection, tables: QueueTables) -> None:
        self._c = connection
        self._n = tables.numbers
        self._dialect = connection.dialect.name

    def next(self, office_code: str, day: date, prefix: str, block: NumberBlock) -> int:
        return self.take(office_code, day, prefix, block, 1)[0]

    def take(self, office_code: str, day: date, prefix: str, block: NumberBlock, count: int) -> list[int]:
        """`count` consecutive numbers at once (a batch of issues locks the counter row once)."""
        return self.take_each(office_code, day, block, {prefix: count})[prefix]

    def take_each(
        self, office_code: str, day: date, block: NumberBlock, counts: dict[str, int]
    ) -> dict[str, list[int]]:
        """Numbers of several prefixes in one statement (one round trip), rows locked in prefix order."""
        rows = [
            {
                "office_code": office_code,
                "day": day.isoformat(),
                "prefix": prefix,
                "block": block.key,
                "last": block.first + count - 1,
            }
            for prefix, count in sorted(counts.items())
        ]
        statement = _number_statement(self._n, self._dialect, rows, block.first - 1)
        taken: dict[str, list[int]] = {}
        for prefix, last in self._c.execute(statement):
            block.number_after(last - 1)  # QueueNumbersExhausted past the block's end
            count = counts[prefix]
            taken[prefix] = list(range(last - count + 1, last + 1))
        return taken


def _number_statement(n: Table, dialect: str, rows: list[dict[str, Any]], first_before: int) -> Any:
    """One statement that inserts the day's first numbers or moves the last ones on: atomic on SQLite (the
    writer holds the lock) and on PostgreSQL (the conflicting rows are locked until commit)."""
    insert_ = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(n).values(rows)
    # A new row holds `first + count - 1`; an existing one moves on by count, which is that minus
    # `first - 1` (the same for every row of one call: they share the block).
    return insert_.on_conflict_do_update(
        index_elements=[n.c.office_code, n.c.day, n.c.prefix, n.c.block],
        set_={"last": n.c.last + insert_.excluded.last - bindparam("first_before", first_before)},
    ).returning(n.c.prefix, n.c.last)


def report_rows(
    connection: Connection, tables: QueueTables, office_code: str, first: date, last: date
) -> list[tuple[Any, ...]]:
    """The events of an office's tickets issued on local days first..last, in ticket then seq order, as
    the plain tuples `app.services.queue.report.ReportRow` describes (times as UTC milliseconds: a month
    of a busy office is half a million rows, and making datetimes of them would cost more than the
    report itself)."""
    t, e = tables.tickets, tables.events
    statement = (
        select(
            t.c.id,
            t.c.day,
            t.c.priority,
            t.c.service_code,
            e.c.type,
            type_coerce(e.c.occurred_at, BigInteger),
            e.c.counter_number,
            e.c.actor,
            case((e.c.type == TicketEventType.TRANSFERRED.value, e.c.payload), else_=None),
        )
        .select_from(t.join(e, e.c.ticket_id == t.c.id))
        .where(t.c.office_code == office_code, t.c.day >= first.isoformat(), t.c.day <= last.isoformat())
        .order_by(t.c.id, e.c.seq)
    )
    # Straight through the driver's cursor: SQLAlchemy's rows cost more than the query (400,000 of them
    # took 1.3 s that way, a third of it through the cursor).
    compiled = statement.compile(dialect=connection.dialect)
    params = compiled.construct_params()
    args: Any = tuple(params[name] for name in compiled.positiontup or ()) if compiled.positional else params
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), args)
        return list(cursor.fetchall())
    finally:
        cursor.close()
