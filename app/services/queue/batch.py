"""Issuing many tickets in one transaction: the office server's group commit.

Kiosks of a busy office ask for numbers together; one transaction per ticket makes them queue for the
database's writer lock and pay a commit (an fsync) each. Here the requests that arrived together are
numbered and committed at once: the number counters of all their services move on in one statement (rows
locked in prefix order, so two batches never wait on each other in a circle), the tickets go in with one
INSERT ... RETURNING, and every answer is what issuing them one by one, in order, would have given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.errors import ConcurrentChange, DomainError, NotFound
from app.domain.queue.model import Priority, QueueNumbersExhausted, QueueService
from app.domain.queue.ticket import Ticket, TicketEventType
from app.services.queue.calling import change_of, issue_ticket
from app.services.queue.context import QueueContext
from app.services.queue.ports import QueueChange
from app.services.queue.views import Issued, TicketView


@dataclass(frozen=True, slots=True)
class IssueRequest:
    service_code: str
    priority: Priority = Priority.NORMAL
    actor: str = "kiosk"


IssueOutcome = Issued | DomainError


def issue_tickets(ctx: QueueContext, requests: Sequence[IssueRequest]) -> list[IssueOutcome]:
    """One outcome per request, in order: the ticket, or the refusal (an unknown service) that issuing
    it alone would have raised. Nothing of a refused request is written."""
    if not requests:
        return []
    try:
        outcomes, changes = _in_one_transaction(ctx, requests)
    except (ConcurrentChange, QueueNumbersExhausted):
        # The last numbers of a day, or a race with another process: one by one, each with its own answer.
        return [_alone(ctx, r) for r in requests]
    ctx.publish(changes)
    return outcomes


def _alone(ctx: QueueContext, request: IssueRequest) -> IssueOutcome:
    try:
        return issue_ticket(ctx, request.service_code, request.priority, actor=request.actor)
    except DomainError as exc:
        return exc


def _in_one_transaction(
    ctx: QueueContext, requests: Sequence[IssueRequest]
) -> tuple[list[IssueOutcome], list[QueueChange]]:
    with ctx.uow() as uow:
        active = {s.code: s for s in uow.setup.services(ctx.office_code) if s.active}
        now = ctx.now()
        day = ctx.day(now)
        chosen: list[QueueService | DomainError] = [_choose(active, r.service_code) for r in requests]
        wanted = Counter(s.prefix for s in chosen if isinstance(s, QueueService))
        taken = uow.numbers.take_each(ctx.office_code, day, ctx.block, dict(wanted)) if wanted else {}
        numbers = {prefix: iter(values) for prefix, values in taken.items()}
        tickets: list[Ticket | DomainError] = []
        for request, service in zip(requests, chosen, strict=True):
            if not isinstance(service, QueueService):
                tickets.append(service)
                continue
            tickets.append(
                Ticket.issue(
                    uid=ctx.new_uid(),
                    office_code=ctx.office_code,
                    service_code=service.code,
                    prefix=service.prefix,
                    number=next(numbers[service.prefix]),
                    priority=request.priority,
                    at=now,
                    actor=request.actor,
                    origin=ctx.origin,
                )
            )
        issued = [t for t in tickets if isinstance(t, Ticket)]
        changes = [change_of(TicketEventType.ISSUED, t) for t in issued]
        uow.tickets.add_many(issued)
        waiting = uow.tickets.count_waiting_by_service(ctx.office_code, day)
        uow.commit()
    # Those of the batch behind a ticket in its line were not there yet when it would have been issued.
    behind = Counter(t.service_code for t in issued)
    outcomes: list[IssueOutcome] = []
    for ticket in tickets:
        if isinstance(ticket, DomainError):
            outcomes.append(ticket)
            continue
        behind[ticket.service_code] -= 1
        ahead = waiting.get(ticket.service_code, 0) - behind[ticket.service_code] - 1
        outcomes.append(Issued(TicketView.of(ticket), max(0, ahead)))
    return outcomes, changes


def _choose(active: dict[str, QueueService], code: str) -> QueueService | DomainError:
    service = active.get(code.strip().upper())
    if service is not None:
        return service
    known = ", ".join(active) or "none configured"
    return NotFound(f"no queue service {code!r} (services: {known})", service=code)
