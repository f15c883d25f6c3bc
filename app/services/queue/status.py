"""What the queue looks like now, and how it is set up (services, counters)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from app.domain.errors import ValidationError
from app.domain.office import Counter
from app.domain.queue.model import CounterSetup, QueueService
from app.domain.queue.ticket import TicketStatus
from app.services.queue.context import QueueContext
from app.services.queue.views import CounterLine, QueueStatus, ServiceLine

RECENT_CALLS = 10


def queue_status(ctx: QueueContext, day: date | None = None, *, recent: int = RECENT_CALLS) -> QueueStatus:
    day = day or ctx.day()
    with ctx.uow(write=False) as uow:
        services = uow.setup.services(ctx.office_code)
        counts = uow.tickets.waiting_counts(ctx.office_code, day)
        lines = []
        for state in uow.setup.counters(ctx.office_code):
            at_counter = uow.tickets.at_counter(ctx.office_code, day, state.number)
            current = next((t for t in at_counter if t.uid == state.current_uid), None)
            held = tuple(t.label for t in at_counter if t.status is TicketStatus.HELD)
            lines.append(
                CounterLine(
                    state.number,
                    state.services,
                    current.label if current and current.status is not TicketStatus.HELD else None,
                    current.status if current else None,
                    held,
                )
            )
        calls = uow.tickets.recent_calls(ctx.office_code, day, recent)
    return QueueStatus(
        office_code=ctx.office_code,
        day=day,
        services=[
            ServiceLine(
                s.code,
                s.prefix,
                s.name,
                counts.get(s.code, {}).get("waiting", 0),
                counts.get(s.code, {}).get("priority", 0),
            )
            for s in services
            if s.active
        ],
        counters=lines,
        recent=calls,
    )


def configure(ctx: QueueContext, services: Sequence[QueueService], counters: Sequence[CounterSetup]) -> None:
    """Add or change services and counters in one transaction (all or nothing)."""
    with ctx.uow() as uow:
        existing = {s.code: s for s in uow.setup.services(ctx.office_code)}
        merged = {**existing, **{s.code: s for s in services}}
        prefixes: dict[str, str] = {}
        for service in merged.values():
            if service.active and service.prefix in prefixes:
                raise ValidationError(
                    "service.prefix",
                    f"{service.code} and {prefixes[service.prefix]} both use the letter {service.prefix}",
                )
            prefixes[service.prefix] = service.code
        order = list(existing) + [s.code for s in services if s.code not in existing]
        for service in services:
            uow.setup.put_service(ctx.office_code, service, order.index(service.code))
        for counter in counters:
            unknown = [code for code in counter.services if code not in merged]
            if unknown:
                raise ValidationError(
                    "counter.services", f"counter {counter.number}: unknown service {', '.join(unknown)}"
                )
            uow.setup.put_counter(ctx.office_code, counter)
        uow.commit()


_COUNTER_PREFIX = re.compile(r"^\s*Quầy\s*\d+\s*[-–:]\s*", re.IGNORECASE)


def services_from_counters(counters: Sequence[Counter]) -> tuple[list[QueueService], list[CounterSetup]]:
    """One line per counter, lettered A, B, C... in counter order: the usual set-up of a small centre."""
    services, setups = [], []
    for index, counter in enumerate(sorted(counters, key=lambda c: c.number)):
        if index >= 26:
            raise ValidationError("counters", "more than 26 counters: set the services up by hand")
        code = f"Q{counter.number}"
        name = _COUNTER_PREFIX.sub("", counter.name) or counter.name
        services.append(QueueService(code=code, prefix=chr(ord("A") + index), name=name))
        setups.append(CounterSetup(counter.number, (code,)))
    return services, setups
