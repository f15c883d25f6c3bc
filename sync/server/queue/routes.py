"""The office queue over HTTP: /queue/{office}/...

Issuing and every counter action are one transaction each (see app/services/queue/calling.py for how two
counters pressing "call next" together never get the same citizen). Each committed change is pushed at
once to every open /events stream (server-sent events: counters, hall displays): no polling.

Changing an office's queue needs the token of one of its enrolled desks once it has any (guard.py);
reading it (status, events) is public, but the supervisors' report (/report) needs that token too.

Errors are `{"error": CODE, "message": ...}`: 401/403 no or a wrong desk token; 404 unknown service,
counter or ticket; 409 a step the ticket's state forbids or a day's numbers used up; 422 bad input.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from app.domain.errors import ConcurrentChange, DomainError, IllegalTransition, NotFound, ValidationError
from app.domain.queue.model import CounterSetup, QueueNumbersExhausted, QueueService, parse_priority
from app.domain.queue.ticket import TicketEvent, TicketEventType
from app.services.context import SystemClock
from app.services.queue.batch import IssueRequest, issue_tickets
from app.services.queue.calling import act, call_next, call_number, walk_in
from app.services.queue.context import QueueContext
from app.services.queue.ports import QueueChange
from app.services.queue.report import DEFAULT_SERVICE_LEVEL_MIN, queue_report
from app.services.queue.status import configure, queue_status
from app.services.queue.views import change_to_dict
from app.storage.queue_uow import QueueUowFactory
from sync.server.queue.batcher import IssueBatcher
from sync.server.queue.broker import QueueBroker
from sync.server.queue.guard import QueueGuard, QueueRefused
from sync.server.queue.schema import SERVER_QUEUE
from sync.server.tickets import follow_imports

log = logging.getLogger("motcua.server")
router = APIRouter(prefix="/queue/{office}", tags=["queue"])
T = TypeVar("T")

HEARTBEAT_S = 3.0  # an idle stream still says something this often, so a client notices a dead link
STATUS_EVERY_S = 0.25  # waiting counts follow changes at most this often (calls themselves go at once)
COUNTER_ACTIONS = ("recall", "start", "complete", "no_show", "recycle", "hold", "resume", "transfer")


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IssueBody(_Body):
    service: str = Field(min_length=1, max_length=16)
    priority: str = "normal"
    actor: str = Field(default="kiosk", max_length=64)


class CallBody(_Body):
    officer: str = Field(min_length=1, max_length=64)
    ticket: str | None = None


class ActionBody(_Body):
    officer: str = Field(min_length=1, max_length=64)
    ticket: str | None = None
    to_service: str | None = None
    to_counter: int | None = None


class WalkInBody(_Body):
    officer: str = Field(min_length=1, max_length=64)
    service: str


class ServiceBody(_Body):
    code: str
    prefix: str
    name: str
    active: bool = True


class CounterBody(_Body):
    number: int
    services: list[str]


class SetupBody(_Body):
    services: list[ServiceBody] = []
    counters: list[CounterBody] = []


class ImportBody(_Body):
    events: list[dict[str, Any]]


def _broker(request: Request) -> QueueBroker:
    state = request.app.state
    broker = getattr(state, "queue_broker", None)
    if broker is None:  # made on first use: the app factory knows nothing of the queue but this router
        broker = state.queue_broker = QueueBroker()
        # Tickets that desks' sync pushes import (sync/server/tickets.py) reach the streams too.
        follow_imports(state.database.engine, broker.publish)
    return broker


def _context(request: Request, office: str) -> QueueContext:
    """One per office and app, made on first use (a context is immutable; only its transactions vary)."""
    state = request.app.state
    contexts: dict[str, QueueContext] | None = getattr(state, "queue_contexts", None)
    if contexts is None:
        contexts = state.queue_contexts = {}
    ctx = contexts.get(office)
    if ctx is None:
        factory = getattr(state, "queue_uow", None)
        if factory is None:
            state.database.ensure_schema()
            factory = state.queue_uow = QueueUowFactory(state.database.engine, SERVER_QUEUE)
        broker = _broker(request)

        def push(change: QueueChange) -> None:
            broker.publish(change.office_code, {"event": "change", "data": change_to_dict(change)})

        ctx = contexts[office] = QueueContext(
            uow=factory, clock=SystemClock(), office_code=office, listeners=[push]
        )
    return ctx


def _batcher(request: Request, office: str) -> IssueBatcher:
    state = request.app.state
    batchers: dict[str, IssueBatcher] | None = getattr(state, "queue_batchers", None)
    if batchers is None:
        batchers = state.queue_batchers = {}
    batcher = batchers.get(office)
    if batcher is None:
        ctx = _context(request, office)
        batcher = batchers[office] = IssueBatcher(lambda requests: issue_tickets(ctx, requests))
    return batcher


def _error(exc: DomainError) -> JSONResponse:
    status = 422
    if isinstance(exc, NotFound):
        status = 404
    elif isinstance(exc, IllegalTransition | ConcurrentChange | QueueNumbersExhausted):
        status = 409
    return JSONResponse({"error": exc.code, "message": str(exc)}, status_code=status)


async def _refused(request: Request, office: str) -> JSONResponse | None:
    """None if the request may change the office's queue (see guard.py), else the answer refusing it."""
    state = request.app.state
    guard: QueueGuard | None = getattr(state, "queue_guard", None)
    if guard is None:
        guard = state.queue_guard = QueueGuard(state.database.engine)
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    token = credentials.strip() if scheme.lower() == "bearer" and credentials.strip() else None
    if token is None and guard.known_open(office):
        return None
    try:
        await run_in_threadpool(guard.check, office, token)
    except QueueRefused as exc:
        return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status)
    return None


async def _run(work: Callable[[], dict[str, Any]]) -> JSONResponse:
    try:
        return JSONResponse(await run_in_threadpool(work))
    except DomainError as exc:
        return _error(exc)


@router.post("/setup")
async def setup(office: str, body: SetupBody, request: Request) -> JSONResponse:
    if (refused := await _refused(request, office)) is not None:
        return refused
    ctx = _context(request, office)

    def work() -> dict[str, Any]:
        services = [QueueService(s.code, s.prefix, s.name, s.active) for s in body.services]
        counters = [CounterSetup(c.number, tuple(c.services)) for c in body.counters]
        configure(ctx, services, counters)
        return queue_status(ctx).as_dict()

    return await _run(work)


@router.post("/tickets")
async def issue(office: str, body: IssueBody, request: Request) -> JSONResponse:
    """Numbered and committed together with the requests that arrive with it (see batcher.py)."""
    if (refused := await _refused(request, office)) is not None:
        return refused
    try:
        wanted = IssueRequest(body.service, parse_priority(body.priority), body.actor)
        outcome = await _batcher(request, office).issue(wanted)
    except DomainError as exc:
        return _error(exc)
    if isinstance(outcome, DomainError):
        return _error(outcome)
    return JSONResponse(outcome.as_dict())


@router.post("/counters/{counter}/call")
async def call(office: str, counter: int, body: CallBody, request: Request) -> JSONResponse:
    if (refused := await _refused(request, office)) is not None:
        return refused
    ctx = _context(request, office)
    if body.ticket:
        return await _run(lambda: call_number(ctx, counter, body.ticket or "", body.officer).as_dict())
    return await _run(lambda: call_next(ctx, counter, body.officer).as_dict())


@router.post("/counters/{counter}/walk-in")
async def walk(office: str, counter: int, body: WalkInBody, request: Request) -> JSONResponse:
    if (refused := await _refused(request, office)) is not None:
        return refused
    ctx = _context(request, office)
    return await _run(lambda: walk_in(ctx, counter, body.service, body.officer).as_dict())


@router.post("/counters/{counter}/{action}")
async def counter_action(
    office: str, counter: int, action: str, body: ActionBody, request: Request
) -> JSONResponse:
    if (refused := await _refused(request, office)) is not None:
        return refused
    ctx = _context(request, office)
    name = action.replace("-", "_")
    if name not in COUNTER_ACTIONS:
        return JSONResponse(
            {"error": "not_found", "message": f"no counter action {action!r}"}, status_code=404
        )
    return await _run(
        lambda: act(
            ctx,
            counter,
            name,
            body.officer,
            label=body.ticket,
            to_service=body.to_service,
            to_counter=body.to_counter,
        ).as_dict()
    )


@router.get("/status")
async def status(office: str, request: Request) -> JSONResponse:
    ctx = _context(request, office)
    return await _run(lambda: queue_status(ctx).as_dict())


def _report_day(text: str | None, name: str) -> date | None:
    if text is None or text == "":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(name, f"{text!r} is not a date (YYYY-MM-DD)") from None


@router.get("/report")
async def report(
    office: str,
    request: Request,
    first: str | None = Query(None, alias="from"),
    last: str | None = Query(None, alias="to"),
    by: str = "service",
    service_level: str | None = None,
) -> JSONResponse:
    """Waiting, walking, service and idle times for local days from..to (default: today), grouped by
    service, counter, officer, hour, day or priority (app/services/queue/report.py). Supervisors' data:
    it needs a desk token of the office, as changes do."""
    if (refused := await _refused(request, office)) is not None:
        return refused
    ctx = _context(request, office)

    def work() -> dict[str, Any]:
        start = _report_day(first, "from") or ctx.day()
        end = _report_day(last, "to") or start
        try:
            level = float(service_level) if service_level else DEFAULT_SERVICE_LEVEL_MIN
        except ValueError:
            raise ValidationError("service_level", f"{service_level!r} is not a number of minutes") from None
        return queue_report(ctx, start, end, by=by, service_level_min=level).as_dict()

    return await _run(work)


def _event_from_wire(data: dict[str, Any]) -> TicketEvent:
    try:
        from datetime import datetime

        return TicketEvent(
            ticket_uid=str(data["ticket_uid"]),
            seq=int(data["seq"]),
            type=TicketEventType(data["type"]),
            occurred_at=datetime.fromisoformat(str(data["at"]).replace("Z", "+00:00")),
            actor=str(data["actor"]),
            counter=data.get("counter"),
            payload=dict(data["payload"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError("events", f"malformed event: {exc}") from None


@router.post("/import")
async def import_offline(office: str, body: ImportBody, request: Request) -> JSONResponse:
    """Tickets a desk issued and served from its reserved block while it could not reach the server."""
    if (refused := await _refused(request, office)) is not None:
        return refused
    ctx = _context(request, office)

    def work() -> dict[str, Any]:
        events = [_event_from_wire(e) for e in body.events]
        for event in events:
            if event.seq == 1 and event.payload.get("office") != office:
                raise ValidationError("events", f"ticket {event.ticket_uid} belongs to another office")
        with ctx.uow() as uow:
            imported = uow.tickets.import_events(events)
            uow.commit()
        if imported:
            _broker(request).publish(office, {"event": "resync", "data": {"imported": imported}})
        return {"imported": imported, "received": len(events)}

    return await _run(work)


@router.get("/events", response_class=EventSourceResponse)
async def events(office: str, request: Request) -> AsyncIterator[ServerSentEvent]:
    """A status snapshot, then every change as it commits, and fresh waiting counts shortly after."""
    ctx = _context(request, office)
    broker = _broker(request)
    broker.end_streams_on_shutdown()
    subscriber = broker.subscribe(office)
    try:
        yield ServerSentEvent(
            event="status", data=await run_in_threadpool(lambda: queue_status(ctx).as_dict())
        )
        stale = False
        last_status = time.monotonic()
        while True:
            timeout = max(0.0, last_status + STATUS_EVERY_S - time.monotonic()) if stale else HEARTBEAT_S
            try:
                item = await asyncio.wait_for(subscriber.queue.get(), timeout)
            except TimeoutError:
                item = {"event": "status" if stale else "ping", "data": {}}
            if item is None:
                return
            if item["event"] == "status" or item["event"] == "resync":
                snapshot = await run_in_threadpool(lambda: queue_status(ctx).as_dict())
                yield ServerSentEvent(event="status", data=snapshot)
                stale, last_status = False, time.monotonic()
            elif item["event"] == "ping":
                yield ServerSentEvent(event="ping", data={"subscribers": broker.count(office)})
            else:
                yield ServerSentEvent(event=item["event"], data=item["data"])
                stale = True
    finally:
        broker.unsubscribe(subscriber)
