"""Plain results of the queue's use cases: what the CLI prints as JSON and the server sends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.domain.events import iso
from app.domain.queue.model import Priority
from app.domain.queue.ticket import Ticket, TicketStatus
from app.services.queue.ports import CallRow, QueueChange


@dataclass(frozen=True, slots=True)
class TicketView:
    uid: str
    label: str
    number: int | None
    service_code: str
    priority: Priority
    status: TicketStatus
    counter: int | None
    calls: int
    issued_at: datetime
    origin: str

    @classmethod
    def of(cls, ticket: Ticket) -> TicketView:
        return cls(
            uid=ticket.uid,
            label=ticket.label,
            number=ticket.number,
            service_code=ticket.service_code,
            priority=ticket.priority,
            status=ticket.status,
            counter=ticket.counter,
            calls=ticket.calls,
            issued_at=ticket.issued_at,
            origin=ticket.origin,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "ticket": self.label,
            "number": self.number,
            "service": self.service_code,
            "priority": self.priority.value,
            "status": self.status.value,
            "counter": self.counter,
            "calls": self.calls,
            "issued_at": iso(self.issued_at),
            "origin": self.origin,
        }


@dataclass(frozen=True, slots=True)
class Issued:
    ticket: TicketView
    waiting: int  # people ahead in the same line when it was issued

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.ticket.number,
            "ticket": self.ticket.label,
            "service": self.ticket.service_code,
            "priority": self.ticket.priority.value,
            "waiting": self.waiting,
            "issued_at": iso(self.ticket.issued_at),
            "uid": self.ticket.uid,
            "origin": self.ticket.origin,
        }


@dataclass(frozen=True, slots=True)
class CounterAction:
    """The outcome of an action at a counter: the ticket acted on (None: nobody was waiting)."""

    counter: int
    action: str
    ticket: TicketView | None
    finished: TicketView | None = None  # the previous ticket, completed by calling the next

    def as_dict(self) -> dict[str, Any]:
        t = self.ticket
        return {
            "counter": self.counter,
            "action": self.action,
            "number": t.number if t else None,
            "ticket": t.label if t else None,
            "service": t.service_code if t else None,
            "priority": t.priority.value if t else None,
            "status": t.status.value if t else None,
            "calls": t.calls if t else 0,
            "finished": self.finished.label if self.finished else None,
        }


@dataclass(frozen=True, slots=True)
class ServiceLine:
    code: str
    prefix: str
    name: str
    waiting: int
    priority_waiting: int


@dataclass(frozen=True, slots=True)
class CounterLine:
    number: int
    services: tuple[str, ...]
    current: str | None
    status: TicketStatus | None
    held: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QueueStatus:
    office_code: str
    day: date
    services: list[ServiceLine]
    counters: list[CounterLine]
    recent: list[CallRow] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "office": self.office_code,
            "day": self.day.isoformat(),
            "waiting": sum(s.waiting for s in self.services),
            "services": [
                {
                    "code": s.code,
                    "prefix": s.prefix,
                    "name": s.name,
                    "waiting": s.waiting,
                    "priority_waiting": s.priority_waiting,
                }
                for s in self.services
            ],
            "counters": [
                {
                    "counter": c.number,
                    "services": list(c.services),
                    "current": c.current,
                    "status": c.status.value if c.status else None,
                    "held": list(c.held),
                }
                for c in self.counters
            ],
            "recent": [
                {
                    "ticket": r.label,
                    "service": r.service_code,
                    "counter": r.counter,
                    "status": r.status.value,
                    "called_at": iso(r.called_at),
                }
                for r in self.recent
            ],
        }


def change_to_dict(change: QueueChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "office": change.office_code,
        "uid": change.uid,
        "ticket": change.label,
        "service": change.service_code,
        "priority": change.priority.value,
        "status": change.status.value,
        "counter": change.counter,
        "at": iso(change.at),
    }


def change_from_dict(data: dict[str, Any]) -> QueueChange:
    return QueueChange(
        kind=data["kind"],
        office_code=data["office"],
        uid=data["uid"],
        label=data["ticket"],
        service_code=data["service"],
        priority=Priority(data["priority"]),
        status=TicketStatus(data["status"]),
        counter=data.get("counter"),
        at=datetime.fromisoformat(data["at"].replace("Z", "+00:00")),
    )


def status_from_dict(data: dict[str, Any]) -> QueueStatus:
    """The inverse of QueueStatus.as_dict (what a desk or hall display reads from the server)."""
    return QueueStatus(
        office_code=data["office"],
        day=date.fromisoformat(data["day"]),
        services=[
            ServiceLine(s["code"], s["prefix"], s["name"], s["waiting"], s["priority_waiting"])
            for s in data["services"]
        ],
        counters=[
            CounterLine(
                c["counter"],
                tuple(c["services"]),
                c["current"],
                TicketStatus(c["status"]) if c["status"] else None,
                tuple(c.get("held", ())),
            )
            for c in data["counters"]
        ],
        recent=[
            CallRow(
                r["ticket"],
                r["service"],
                r["counter"],
                TicketStatus(r["status"]),
                datetime.fromisoformat(r["called_at"].replace("Z", "+00:00")),
            )
            for r in data["recent"]
        ],
    )
