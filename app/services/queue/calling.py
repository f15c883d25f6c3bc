"""Issuing tickets and everything a counter does with them, each as one transaction.

Two counters may press "call next" at the same moment (on the office server, in separate transactions):
the ticket row carries a version and a save that finds it moved raises ConcurrentChange; the use case then
reads again and picks another ticket, so no citizen is ever called to two counters.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from app.domain.errors import ConcurrentChange, IllegalTransition, NotFound, ValidationError
from app.domain.queue.model import Priority, QueueService, parse_label
from app.domain.queue.selection import choose_next
from app.domain.queue.ticket import Ticket, TicketEventType, TicketStatus
from app.services.queue.context import QueueContext
from app.services.queue.ports import CounterState, QueueChange, QueueUnitOfWork
from app.services.queue.views import CounterAction, Issued, TicketView

T = TypeVar("T")
RETRIES = 20
WALK_IN_ACTOR = "walk-in"


def _retrying(
    ctx: QueueContext,
    work: Callable[[QueueUnitOfWork], tuple[T, list[QueueChange]]],
    *,
    counter_action: bool = False,
) -> T:
    durable = ctx.durable_calls or not counter_action
    for attempt in range(RETRIES):
        try:
            with ctx.uow(durable=durable) as uow:
                result, changes = work(uow)
                uow.commit()
        except ConcurrentChange:
            time.sleep(random.uniform(0, 0.002 * (attempt + 1)))  # de-synchronise the contenders
            continue
        ctx.publish(changes)
        return result
    raise ConcurrentChange("the queue is too busy; try again")


def change_of(kind: TicketEventType | str, ticket: Ticket) -> QueueChange:
    return QueueChange(
        kind=str(kind),
        office_code=ticket.office_code,
        uid=ticket.uid,
        label=ticket.label,
        service_code=ticket.service_code,
        priority=ticket.priority,
        status=ticket.status,
        counter=ticket.counter,
        at=ticket.pending_events()[-1].occurred_at,
    )


def _service(uow: QueueUnitOfWork, office_code: str, code: str) -> QueueService:
    wanted = code.strip().upper()
    for service in uow.setup.services(office_code):
        if service.code == wanted and service.active:
            return service
    known = ", ".join(s.code for s in uow.setup.services(office_code) if s.active) or "none configured"
    raise NotFound(f"no queue service {code!r} (services: {known})", service=code)


def issue_ticket(
    ctx: QueueContext, service_code: str, priority: Priority = Priority.NORMAL, *, actor: str = "kiosk"
) -> Issued:
    def work(uow: QueueUnitOfWork) -> tuple[Issued, list[QueueChange]]:
        service = _service(uow, ctx.office_code, service_code)
        now = ctx.now()
        day = ctx.day(now)
        number = uow.numbers.next(ctx.office_code, day, service.prefix, ctx.block)
        ticket = Ticket.issue(
            uid=ctx.new_uid(),
            office_code=ctx.office_code,
            service_code=service.code,
            prefix=service.prefix,
            number=number,
            priority=priority,
            at=now,
            actor=actor,
            origin=ctx.origin,
        )
        change = change_of(TicketEventType.ISSUED, ticket)
        uow.tickets.add(ticket)
        waiting = uow.tickets.count_waiting(ctx.office_code, day, service.code)
        return Issued(TicketView.of(ticket), max(0, waiting - 1)), [change]

    return _retrying(ctx, work)


def _finish_current(
    uow: QueueUnitOfWork, ctx: QueueContext, state: CounterState, officer: str, changes: list[QueueChange]
) -> TicketView | None:
    """Calling the next citizen ends the service of the one before (FQM and Qmatic do the same)."""
    if state.current_uid is None:
        return None
    ticket = uow.tickets.get(state.current_uid)
    if ticket.status not in (TicketStatus.CALLED, TicketStatus.SERVING):
        return None
    ticket.complete(ctx.now(), officer)
    changes.append(change_of(TicketEventType.COMPLETED, ticket))
    uow.tickets.save(ticket)
    return TicketView.of(ticket)


def call_next(ctx: QueueContext, counter: int, officer: str) -> CounterAction:
    def work(uow: QueueUnitOfWork) -> tuple[CounterAction, list[QueueChange]]:
        changes: list[QueueChange] = []
        uow.take_turn(ctx.office_code)
        state = uow.setup.counter(ctx.office_code, counter)
        finished = _finish_current(uow, ctx, state, officer, changes)
        day = ctx.day()
        choice = choose_next(
            uow.tickets.candidates(ctx.office_code, day, state.services, counter),
            counter=counter,
            services=frozenset(state.services),
            rule=ctx.rule,
            priority_streak=state.priority_streak,
        )
        if choice is None:
            uow.setup.set_counter_state(ctx.office_code, replace(state, current_uid=None))
            return CounterAction(counter, "call", None, finished), changes
        ticket = uow.tickets.get(choice.candidate.uid)
        if ticket.status is not TicketStatus.WAITING or ticket.target_counter not in (None, counter):
            # Another counter's transaction called it after our list was read (PostgreSQL, read committed).
            raise ConcurrentChange(f"ticket {ticket.label} was taken meanwhile", ticket=ticket.label)
        ticket.call(counter, ctx.now(), officer)
        changes.append(change_of(TicketEventType.CALLED, ticket))
        uow.tickets.save(ticket)
        uow.setup.set_counter_state(
            ctx.office_code, replace(state, current_uid=ticket.uid, priority_streak=choice.priority_streak)
        )
        return CounterAction(counter, "call", TicketView.of(ticket), finished), changes

    return _retrying(ctx, work, counter_action=True)


def _by_label(uow: QueueUnitOfWork, ctx: QueueContext, label: str) -> Ticket:
    prefix, number = parse_label(label)
    found = uow.tickets.find(ctx.office_code, ctx.day(), prefix, number)
    if found is None:
        raise NotFound(f"no ticket {label} today", ticket=label)
    return found


def call_number(ctx: QueueContext, counter: int, label: str, officer: str) -> CounterAction:
    """Call a given ticket out of order (a citizen who came back, an appointment at its time)."""

    def work(uow: QueueUnitOfWork) -> tuple[CounterAction, list[QueueChange]]:
        changes: list[QueueChange] = []
        uow.take_turn(ctx.office_code)
        state = uow.setup.counter(ctx.office_code, counter)
        ticket = _by_label(uow, ctx, label)
        if ticket.status is not TicketStatus.WAITING:
            raise IllegalTransition(
                f"ticket {ticket.label} is {ticket.status.value}, not waiting", ticket=ticket.label
            )
        finished = _finish_current(uow, ctx, state, officer, changes)
        ticket.call(counter, ctx.now(), officer)
        changes.append(change_of(TicketEventType.CALLED, ticket))
        uow.tickets.save(ticket)
        uow.setup.set_counter_state(ctx.office_code, replace(state, current_uid=ticket.uid))
        return CounterAction(counter, "call", TicketView.of(ticket), finished), changes

    return _retrying(ctx, work, counter_action=True)


def _current(uow: QueueUnitOfWork, ctx: QueueContext, state: CounterState) -> Ticket:
    if state.current_uid is None:
        raise IllegalTransition(f"counter {state.number} has no current ticket", counter=state.number)
    return uow.tickets.get(state.current_uid)


def act(
    ctx: QueueContext,
    counter: int,
    action: str,
    officer: str,
    *,
    label: str | None = None,
    to_service: str | None = None,
    to_counter: int | None = None,
) -> CounterAction:
    """recall, start, complete, no_show, recycle, hold, resume, transfer: on the counter's current ticket
    (or the ticket `label`; resume needs it: which held ticket comes back)."""

    def work(uow: QueueUnitOfWork) -> tuple[CounterAction, list[QueueChange]]:
        changes: list[QueueChange] = []
        uow.take_turn(ctx.office_code)
        state = uow.setup.counter(ctx.office_code, counter)
        ticket = _by_label(uow, ctx, label) if label else _current(uow, ctx, state)
        now = ctx.now()
        keeps_counter = False
        finished = None
        match action:
            case "recall":
                ticket.recall(now, officer)
                keeps_counter = True
            case "start":
                ticket.start(now, officer)
                keeps_counter = True
            case "complete":
                ticket.complete(now, officer)
            case "no_show":
                ticket.no_show(now, officer)
            case "recycle":
                ticket.recycle(now, officer)
            case "hold":
                ticket.hold(now, officer)
            case "resume":
                if ticket.counter is not None and ticket.counter != counter:
                    raise IllegalTransition(
                        f"ticket {ticket.label} is held at counter {ticket.counter}", ticket=ticket.label
                    )
                if state.current_uid != ticket.uid:
                    finished = _finish_current(uow, ctx, state, officer, changes)
                ticket.resume(counter, now, officer)
                keeps_counter = True
            case "transfer":
                service = _service(uow, ctx.office_code, to_service).code if to_service else None
                if to_counter is not None:
                    uow.setup.counter(ctx.office_code, to_counter)  # NotFound for an unknown counter
                ticket.transfer(now, officer, service_code=service, to_counter=to_counter)
            case _:
                raise ValidationError("action", f"unknown counter action {action!r}")
        changes.append(change_of(ticket.pending_events()[-1].type, ticket))
        uow.tickets.save(ticket)
        if keeps_counter:
            uow.setup.set_counter_state(ctx.office_code, replace(state, current_uid=ticket.uid))
        elif state.current_uid == ticket.uid:
            uow.setup.set_counter_state(ctx.office_code, replace(state, current_uid=None))
        return CounterAction(counter, action, TicketView.of(ticket), finished), changes

    return _retrying(ctx, work, counter_action=True)


def walk_in(ctx: QueueContext, counter: int, service_code: str, officer: str) -> CounterAction:
    """Serve a citizen who has no ticket: recorded like the others, so the statistics stay whole."""

    def work(uow: QueueUnitOfWork) -> tuple[CounterAction, list[QueueChange]]:
        changes: list[QueueChange] = []
        uow.take_turn(ctx.office_code)
        state = uow.setup.counter(ctx.office_code, counter)
        service = _service(uow, ctx.office_code, service_code)
        finished = _finish_current(uow, ctx, state, officer, changes)
        ticket = Ticket.walk_in(
            uid=ctx.new_uid(),
            office_code=ctx.office_code,
            service_code=service.code,
            prefix=service.prefix,
            counter=counter,
            at=ctx.now(),
            actor=officer,
        )
        changes.append(change_of(TicketEventType.WALKED_IN, ticket))
        uow.tickets.add(ticket)
        uow.setup.set_counter_state(ctx.office_code, replace(state, current_uid=ticket.uid))
        return CounterAction(counter, "walk_in", TicketView.of(ticket), finished), changes

    return _retrying(ctx, work, counter_action=True)
