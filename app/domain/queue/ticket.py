"""A ticket and its state machine. Every step is an append-only event with its time, counter and officer,
so waiting, walking, service and idle times can be reported afterwards (see `metrics`).

    waiting --call--> called --start--> serving --complete--> done
       ^                |  \\--no_show--> no_show
       |--recycle-------|                                 (recall: called again, same state)
    called/serving --hold--> held --resume--> serving
    waiting/called/serving/held --transfer--> waiting (another service or counter, same number and history)
    walk-in: serving at once, without a number
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from app.domain.errors import IllegalTransition, ValidationError
from app.domain.queue.model import Priority, local_day, ticket_label


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    HELD = "held"
    DONE = "done"
    NO_SHOW = "no_show"


ACTIVE_AT_COUNTER = frozenset({TicketStatus.CALLED, TicketStatus.SERVING, TicketStatus.HELD})
FINISHED = frozenset({TicketStatus.DONE, TicketStatus.NO_SHOW})


class TicketEventType(StrEnum):
    ISSUED = "issued"
    WALKED_IN = "walked_in"
    CALLED = "called"
    RECALLED = "recalled"
    STARTED = "started"
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    RECYCLED = "recycled"
    HELD = "held"
    RESUMED = "resumed"
    TRANSFERRED = "transferred"


@dataclass(frozen=True, slots=True)
class TicketEvent:
    ticket_uid: str
    seq: int
    type: TicketEventType
    occurred_at: datetime
    actor: str
    counter: int | None
    payload: dict[str, Any]

    def __post_init__(self) -> None:
        if self.occurred_at.tzinfo is None:
            raise ValueError("event time must be timezone-aware")
        object.__setattr__(self, "occurred_at", self.occurred_at.astimezone(UTC))

    @property
    def key(self) -> str:
        return f"{self.ticket_uid}.{self.seq}"


@dataclass
class Ticket:
    uid: str
    office_code: str
    service_code: str
    prefix: str
    day: date
    number: int | None  # None for a walk-in served without a ticket
    priority: Priority
    status: TicketStatus
    issued_at: datetime
    queued_at: datetime  # its place in line: recycling moves it to the back
    origin: str = "office"  # "office", or "desk-<slot>" for a number from a desk's offline block
    counter: int | None = None  # where it was last called or is being served
    target_counter: int | None = None  # a transfer to one counter: only that counter calls it
    officer: str | None = None
    called_at: datetime | None = None
    finished_at: datetime | None = None
    calls: int = 0
    version: int = 0  # the seq of its last event
    _pending: list[TicketEvent] = field(default_factory=list, repr=False)

    @property
    def label(self) -> str:
        return ticket_label(self.prefix, self.number) if self.number is not None else "—"

    # -- creation ------------------------------------------------------------------------------------

    @classmethod
    def issue(
        cls,
        *,
        uid: str,
        office_code: str,
        service_code: str,
        prefix: str,
        number: int,
        priority: Priority,
        at: datetime,
        actor: str,
        origin: str = "office",
    ) -> Ticket:
        ticket = cls(
            uid=uid,
            office_code=office_code,
            service_code=service_code,
            prefix=prefix,
            day=local_day(at),
            number=number,
            priority=priority,
            status=TicketStatus.WAITING,
            issued_at=at,
            queued_at=at,
            origin=origin,
        )
        ticket._record(
            TicketEventType.ISSUED,
            at,
            actor,
            None,
            {
                "office": office_code,
                "service": service_code,
                "prefix": prefix,
                "number": number,
                "priority": priority.value,
                "day": ticket.day.isoformat(),
                "origin": origin,
            },
        )
        return ticket

    @classmethod
    def walk_in(
        cls,
        *,
        uid: str,
        office_code: str,
        service_code: str,
        prefix: str,
        counter: int,
        at: datetime,
        actor: str,
        priority: Priority = Priority.NORMAL,
    ) -> Ticket:
        ticket = cls(
            uid=uid,
            office_code=office_code,
            service_code=service_code,
            prefix=prefix,
            day=local_day(at),
            number=None,
            priority=priority,
            status=TicketStatus.SERVING,
            issued_at=at,
            queued_at=at,
            counter=counter,
            officer=actor,
            called_at=at,
        )
        ticket._record(
            TicketEventType.WALKED_IN,
            at,
            actor,
            counter,
            {
                "office": office_code,
                "service": service_code,
                "prefix": prefix,
                "priority": priority.value,
                "day": ticket.day.isoformat(),
            },
        )
        return ticket

    # -- steps ---------------------------------------------------------------------------------------

    def call(self, counter: int, at: datetime, actor: str) -> None:
        self._require({TicketStatus.WAITING}, "call")
        if self.target_counter is not None and self.target_counter != counter:
            raise IllegalTransition(
                f"ticket {self.label} was transferred to counter {self.target_counter}",
                ticket=self.label,
                counter=self.target_counter,
            )
        self.status = TicketStatus.CALLED
        self.counter, self.officer, self.called_at = counter, actor, at
        self.calls += 1
        self._record(TicketEventType.CALLED, at, actor, counter, {"call": self.calls})

    def recall(self, at: datetime, actor: str) -> None:
        self._require({TicketStatus.CALLED}, "recall")
        self.calls += 1
        self._record(TicketEventType.RECALLED, at, actor, self.counter, {"call": self.calls})

    def start(self, at: datetime, actor: str) -> None:
        self._require({TicketStatus.CALLED}, "start serving")
        self.status = TicketStatus.SERVING
        self._record(TicketEventType.STARTED, at, actor, self.counter, {})

    def complete(self, at: datetime, actor: str) -> None:
        self._require({TicketStatus.CALLED, TicketStatus.SERVING}, "complete")
        if self.status is TicketStatus.CALLED:  # the officer skipped "start": service began at the call
            self.start(at, actor)
        self.status = TicketStatus.DONE
        self.finished_at = at
        self._record(TicketEventType.COMPLETED, at, actor, self.counter, {})

    def no_show(self, at: datetime, actor: str) -> None:
        self._require({TicketStatus.CALLED}, "mark as absent")
        self.status = TicketStatus.NO_SHOW
        self.finished_at = at
        self._record(TicketEventType.NO_SHOW, at, actor, self.counter, {"calls": self.calls})

    def recycle(self, at: datetime, actor: str) -> None:
        """Back to the end of its line (the citizen was not there yet, but may come)."""
        self._require({TicketStatus.CALLED}, "recycle")
        counter = self.counter
        self.status = TicketStatus.WAITING
        self.queued_at = at
        self.counter = None
        self._record(TicketEventType.RECYCLED, at, actor, counter, {})

    def hold(self, at: datetime, actor: str) -> None:
        """Set aside at the counter (the citizen fetches a paper); the counter calls others meanwhile."""
        self._require({TicketStatus.CALLED, TicketStatus.SERVING}, "hold")
        self.status = TicketStatus.HELD
        self._record(TicketEventType.HELD, at, actor, self.counter, {})

    def resume(self, counter: int, at: datetime, actor: str) -> None:
        self._require({TicketStatus.HELD}, "resume")
        self.status = TicketStatus.SERVING
        self.counter, self.officer = counter, actor
        self._record(TicketEventType.RESUMED, at, actor, counter, {})

    def transfer(
        self,
        at: datetime,
        actor: str,
        *,
        service_code: str | None = None,
        to_counter: int | None = None,
    ) -> None:
        """To another service's line or to one counter; the number, priority and history stay.

        The ticket keeps its place by its original time in line, so a citizen sent on after a long wait
        does not wait all over again.
        """
        self._require(
            {TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING, TicketStatus.HELD}, "transfer"
        )
        if service_code is None and to_counter is None:
            raise ValidationError("transfer", "give a service or a counter to transfer to")
        from_counter = self.counter
        payload: dict[str, Any] = {"from_service": self.service_code}
        if service_code is not None:  # the number keeps its letter: the citizen holds that paper
            payload["service"] = service_code
            self.service_code = service_code
        if to_counter is not None:
            payload["to_counter"] = to_counter
        self.target_counter = to_counter
        self.status = TicketStatus.WAITING
        self.counter = None
        self._record(TicketEventType.TRANSFERRED, at, actor, from_counter, payload)

    # -- events --------------------------------------------------------------------------------------

    def _require(self, allowed: set[TicketStatus] | frozenset[TicketStatus], action: str) -> None:
        if self.status not in allowed:
            raise IllegalTransition(
                f"cannot {action} ticket {self.label}: it is {self.status.value}",
                ticket=self.label,
                status=self.status.value,
                action=action,
            )

    def _record(
        self, kind: TicketEventType, at: datetime, actor: str, counter: int | None, payload: dict[str, Any]
    ) -> None:
        self.version += 1
        self._pending.append(TicketEvent(self.uid, self.version, kind, at, actor, counter, payload))

    def pending_events(self) -> list[TicketEvent]:
        return list(self._pending)

    def collect_events(self) -> list[TicketEvent]:
        events, self._pending = self._pending, []
        return events


def replay(events: list[TicketEvent]) -> Ticket:
    """The ticket its history describes: proof that the projection row holds nothing the events lack."""
    if not events:
        raise ValueError("a ticket needs at least one event")
    first = events[0]
    p = first.payload
    if first.type is TicketEventType.ISSUED:
        ticket = Ticket.issue(
            uid=first.ticket_uid,
            office_code=p["office"],
            service_code=p["service"],
            prefix=p["prefix"],
            number=p["number"],
            priority=Priority(p["priority"]),
            at=first.occurred_at,
            actor=first.actor,
            origin=p.get("origin", "office"),
        )
    elif first.type is TicketEventType.WALKED_IN:
        ticket = Ticket.walk_in(
            uid=first.ticket_uid,
            office_code=p["office"],
            service_code=p["service"],
            prefix=p["prefix"],
            counter=first.counter or 0,
            at=first.occurred_at,
            actor=first.actor,
            priority=Priority(p["priority"]),
        )
    else:
        raise ValueError(f"a ticket cannot start with {first.type}")
    for event in events[1:]:
        at, actor, counter = event.occurred_at, event.actor, event.counter
        match event.type:
            case TicketEventType.CALLED:
                ticket.call(counter or 0, at, actor)
            case TicketEventType.RECALLED:
                ticket.recall(at, actor)
            case TicketEventType.STARTED:
                ticket.start(at, actor)
            case TicketEventType.COMPLETED:
                ticket.complete(at, actor)
            case TicketEventType.NO_SHOW:
                ticket.no_show(at, actor)
            case TicketEventType.RECYCLED:
                ticket.recycle(at, actor)
            case TicketEventType.HELD:
                ticket.hold(at, actor)
            case TicketEventType.RESUMED:
                ticket.resume(counter or 0, at, actor)
            case TicketEventType.TRANSFERRED:
                ticket.transfer(
                    at,
                    actor,
                    service_code=event.payload.get("service"),
                    to_counter=event.payload.get("to_counter"),
                )
            case _:
                raise ValueError(f"unexpected event {event.type} after the first")
    ticket.collect_events()
    return ticket
