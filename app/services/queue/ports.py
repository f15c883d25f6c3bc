"""What the queue's use cases need from outside, as Protocols.

Storage (the desk's SQLite in app/storage/queue_*.py, the office server's SQLite or PostgreSQL in
sync/server/queue) fills the unit of work; displays, voice and the office server's client are filled by
devices/, ui/ and sync/, wired by the front end that runs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from app.domain.queue.model import CounterSetup, NumberBlock, Priority, QueueService
from app.domain.queue.selection import Candidate
from app.domain.queue.ticket import Ticket, TicketEvent, TicketStatus


@dataclass(frozen=True, slots=True)
class CounterState:
    number: int
    services: tuple[str, ...]
    current_uid: str | None  # the ticket called or served there now
    priority_streak: int
    version: int


@dataclass(frozen=True, slots=True)
class CallRow:
    """One line of the "last calls" list of a hall display."""

    label: str
    service_code: str
    counter: int
    status: TicketStatus
    called_at: datetime


class TicketRepository(Protocol):
    def add(self, ticket: Ticket) -> None:
        """Insert a new ticket with its pending events (and their outbox rows, on a desk)."""
        ...

    def add_many(self, tickets: Sequence[Ticket]) -> None:
        """Insert several new tickets at once (a batch of issues), with their events."""
        ...

    def save(self, ticket: Ticket) -> None:
        """Write its pending events and new state; ConcurrentChange if another transaction got there first."""
        ...

    def get(self, uid: str) -> Ticket: ...

    def find(self, office_code: str, day: date, prefix: str, number: int) -> Ticket | None: ...

    def candidates(
        self, office_code: str, day: date, services: tuple[str, ...], counter: int
    ) -> list[Candidate]:
        """At least the longest-waiting ticket of each line the counter may call (transferred to it,
        priority, normal); `choose_next` picks among them."""
        ...

    def count_waiting(self, office_code: str, day: date, service_code: str) -> int: ...

    def count_waiting_by_service(self, office_code: str, day: date) -> dict[str, int]: ...

    def at_counter(self, office_code: str, day: date, counter: int) -> list[Ticket]:
        """Tickets called, served or held at a counter today."""
        ...

    def waiting_counts(self, office_code: str, day: date) -> dict[str, dict[str, int]]:
        """Per service: {"waiting": n, "priority": n} today."""
        ...

    def recent_calls(self, office_code: str, day: date, limit: int) -> list[CallRow]: ...

    def history(self, uid: str) -> list[TicketEvent]: ...

    def of_day(self, office_code: str, day: date, origin: str | None = None) -> list[Ticket]: ...

    def has_event(self, uid: str, seq: int) -> bool: ...

    def import_events(self, events: list[TicketEvent]) -> int:
        """Append events made elsewhere (a desk's offline block) that are not here yet; returns how many."""
        ...


class QueueSetupRepository(Protocol):
    def services(self, office_code: str) -> list[QueueService]: ...

    def put_service(self, office_code: str, service: QueueService, position: int) -> None: ...

    def counters(self, office_code: str) -> list[CounterState]: ...

    def counter(self, office_code: str, number: int) -> CounterState: ...

    def put_counter(self, office_code: str, setup: CounterSetup) -> None: ...

    def set_counter_state(self, office_code: str, state: CounterState) -> None:
        """Current ticket and priority streak; ConcurrentChange if the version moved meanwhile."""
        ...


class NumberSequences(Protocol):
    def next(self, office_code: str, day: date, prefix: str, block: NumberBlock) -> int:
        """The next number of a block, atomically with the unit of work."""
        ...

    def take(self, office_code: str, day: date, prefix: str, block: NumberBlock, count: int) -> list[int]:
        """The next `count` numbers of a block at once; QueueNumbersExhausted if they run past its end."""
        ...

    def take_each(
        self, office_code: str, day: date, block: NumberBlock, counts: dict[str, int]
    ) -> dict[str, list[int]]:
        """`take` for several prefixes at once: {prefix: numbers}."""
        ...


class QueueUnitOfWork(Protocol):
    @property
    def tickets(self) -> TicketRepository: ...

    @property
    def setup(self) -> QueueSetupRepository: ...

    @property
    def numbers(self) -> NumberSequences: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...

    def take_turn(self, office_code: str) -> None:
        """Counter actions of one office take turns, so that two counters never choose the same citizen
        and then retry each other out (SQLite's writer lock does this already; PostgreSQL needs a lock)."""
        ...


class QueueUnitOfWorkFactory(Protocol):
    def __call__(self, *, write: bool = True, durable: bool = True) -> QueueUnitOfWork:
        """`durable=False`: the commit may skip flushing to disk (a power cut may lose it, a crash of the
        app may not); for steps that are re-derivable, such as a call, where the delay counts."""
        ...


@dataclass(frozen=True, slots=True)
class QueueChange:
    """What happened, for displays, voice and pushes: sent after the transaction committed."""

    kind: str  # a TicketEventType value, e.g. "called"
    office_code: str
    uid: str
    label: str
    service_code: str
    priority: Priority
    status: TicketStatus
    counter: int | None
    at: datetime


class QueueListener(Protocol):
    def __call__(self, change: QueueChange) -> None: ...


class CounterDisplay(Protocol):
    """A counter's LED display (devices/displays fills it). Never raises: a display that is unplugged
    shows the text again once it is back."""

    def show(self, text: str) -> None: ...


class Announcer(Protocol):
    """Speaks calls one after another (devices/voice fills it); never cuts one off."""

    def announce(self, label: str, counter: int) -> None: ...


class OfficeUnreachable(Exception):
    """The office server cannot be reached (network down, server stopped): work from the desk's block."""
