"""Queue tickets a desk made from its offline block reach the office server with its sync push (a real
motcua-server on 127.0.0.1, SQLite and PostgreSQL): imported once into the office's queue, shown by its
status and its live stream, never a dead letter; another office's ticket is refused without stopping the
events behind it."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import func, insert, select

from app.domain.queue.model import OFFLINE_BASE
from app.services.context import SystemClock
from app.services.queue.calling import act, call_next, issue_ticket
from app.services.queue.context import QueueContext
from app.services.queue.ports import OfficeUnreachable
from app.services.queue.status import configure, services_from_counters
from app.storage.queue_schema import QUEUE
from app.storage.queue_uow import QueueUowFactory, desk_queue_uow
from app.storage.queue_wiring import desk_queue
from app.storage.schema import outbox
from app.storage.sync_store import SqlSyncStore
from sync.queue.client import OfficeQueueClient, parse_sse
from sync.server.queue.schema import SERVER_QUEUE
from sync.server.tables import receipts
from tests.server.support import free_port, run_cli
from tests.sync.support import OFFICE, ServerProcess, desk_view, enrol_desk, receive, server_count, sync


def configure_desk(desk: Any) -> None:
    """The demo desk's counters as queue lines (Q1 -> A, Q2 -> B, ...)."""
    ctx = desk_queue(desk)
    with desk.services.uow(write=False) as uow:
        counters = uow.offices.counters(ctx.office_code)
    configure(ctx, *services_from_counters(counters))


def server_queue(server: ServerProcess, desk: Any) -> QueueContext:
    """The office's queue on the server, set up like the desk's (what the supervisor does once)."""
    ctx = QueueContext(
        uow=QueueUowFactory(server.engine, SERVER_QUEUE), clock=SystemClock(), office_code=OFFICE
    )
    with desk.services.uow(write=False) as uow:
        counters = uow.offices.counters(OFFICE)
    configure(ctx, *services_from_counters(counters))
    return ctx


def unreachable_office() -> OfficeQueueClient:
    return OfficeQueueClient(f"http://127.0.0.1:{free_port()}", OFFICE, find_token=None)


def tickets_on(engine: Any, tables: Any) -> list[tuple[str, int | None, str, int]]:
    t = tables.tickets
    with engine.connect().execution_options(write=False) as connection:
        return [
            (r.uid, r.number, r.status, r.version)
            for r in connection.execute(
                select(t.c.uid, t.c.number, t.c.status, t.c.version).order_by(t.c.uid)
            )
        ]


def event_count(engine: Any, tables: Any) -> int:
    with engine.connect().execution_options(write=False) as connection:
        return int(connection.execute(select(func.count()).select_from(tables.events)).scalar_one())


def problems(server: ServerProcess) -> list[dict[str, Any]]:
    result = run_cli("admin", "problems", "--json", env=server.env())
    assert result.returncode == 0, result.stderr
    listed: list[dict[str, Any]] = json.loads(result.stdout)
    return listed


def verdicts(server: ServerProcess, device: str) -> list[tuple[str, str | None]]:
    with server.engine.connect().execution_options(write=False) as connection:
        return [
            (r.verdict, r.reason)
            for r in connection.execute(
                select(receipts.c.verdict, receipts.c.reason)
                .where(receipts.c.device_id == device)
                .order_by(receipts.c.device_seq)
            )
        ]


@contextmanager
def followed(server: ServerProcess) -> Iterator[queue.Queue[tuple[str, Any]]]:
    """The office's live stream (what the hall display reads), its events handed over as they come."""
    seen: queue.Queue[tuple[str, Any]] = queue.Queue()
    stop = threading.Event()

    def read() -> None:
        try:
            with httpx.stream("GET", f"{server.url}/queue/{OFFICE}/events", timeout=30) as stream:
                for item in parse_sse(stream.iter_lines()):
                    seen.put(item)
                    if stop.is_set():
                        return
        except httpx.HTTPError as exc:
            seen.put(("error", str(exc)))

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        stop.set()
        thread.join(timeout=10)


def next_status(seen: queue.Queue[tuple[str, Any]], wanted: Any, pings: int = 10) -> dict[str, Any]:
    """The next status snapshot that `wanted` accepts; the stream pings every few seconds when idle, so a
    change that never comes fails after `pings` of them instead of hanging."""
    while pings > 0:
        kind, data = seen.get(timeout=30)  # a guard against a dead stream, not a measurement
        assert kind != "error", data
        if kind == "status" and wanted(data):
            return dict(data)
        pings -= kind == "ping"
    raise AssertionError("the live stream never showed the change")


def test_offline_tickets_reach_the_office_queue_once_through_sync(make_desk, server) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server)
    configure_desk(desk)
    office = server_queue(server, desk)
    # The counter cannot reach its office server: it works from its own block of numbers.
    with pytest.raises(OfficeUnreachable):
        unreachable_office().issue("Q1")
    offline = desk_queue(desk, offline=True)
    issued = [issue_ticket(offline, "Q1").ticket for _ in range(3)]
    assert [t.number for t in issued] == [OFFLINE_BASE, OFFLINE_BASE + 1, OFFLINE_BASE + 2]
    call_next(offline, 1, "lan")
    act(offline, 1, "complete", "lan")
    call_next(offline, 1, "lan")
    receive(desk, 1)  # a dossier among them: both streams go in one outbox, in order
    on_desk = tickets_on(desk.database.engine, QUEUE)

    with followed(server) as seen:
        next_status(seen, lambda data: True)  # the stream's snapshot, before the sync
        report = sync(desk)
        live = next_status(seen, lambda data: data["waiting"] == 1)
    assert report.pushed == event_count(desk.database.engine, QUEUE) + 1
    assert [r["ticket"] for r in live["recent"]] == [issued[1].label, issued[0].label]
    assert tickets_on(server.engine, SERVER_QUEUE) == on_desk
    assert event_count(server.engine, SERVER_QUEUE) == event_count(desk.database.engine, QUEUE)
    status = httpx.get(f"{server.url}/queue/{OFFICE}/status").json()
    assert status["waiting"] == 1
    assert [r["ticket"] for r in status["recent"]] == [issued[1].label, issued[0].label]
    assert issued[0].label == f"A{OFFLINE_BASE}"
    assert problems(server) == []
    assert SqlSyncStore(desk.database.engine, desk.services.clock).dead_letters() == []
    assert {v for v, _ in verdicts(server, device)} == {"accepted"}

    # Pushing again, and a lost acknowledgement (the desk rewinds and sends it all again): nothing twice.
    assert sync(desk).pushed == 0
    SqlSyncStore(desk.database.engine, desk.services.clock).rewind(0)
    sync(desk)
    assert tickets_on(server.engine, SERVER_QUEUE) == on_desk
    assert event_count(server.engine, SERVER_QUEUE) == event_count(desk.database.engine, QUEUE)
    assert desk_view(desk).acked == report.pushed
    # The desk goes on: only what is new arrives, and the office's counters can call the rest.
    act(offline, 1, "complete", "lan")  # "start" and "complete": two events
    assert sync(desk).pushed == 2
    assert tickets_on(server.engine, SERVER_QUEUE) == tickets_on(desk.database.engine, QUEUE)
    assert problems(server) == []
    called = call_next(office, 1, "hoa").ticket
    assert called is not None and called.label == issued[2].label


def test_tickets_the_office_took_by_another_way_are_duplicates_not_dead_letters(make_desk, server) -> None:
    """Imported first through POST /queue/{office}/import (what a desk's queue client sends), then pushed:
    the server already has the same events and says so."""
    desk = make_desk()
    device = enrol_desk(desk, server)
    configure_desk(desk)
    offline = desk_queue(desk, offline=True)
    first = issue_ticket(offline, "Q1").ticket
    call_next(offline, 1, "lan")
    with offline.uow(write=False) as uow:
        history = uow.tickets.history(first.uid)
    client = OfficeQueueClient(server.url, OFFICE, token=_token(desk))
    assert client.import_events(history)["imported"] == 2
    issue_ticket(offline, "Q1")
    sync(desk)
    assert verdicts(server, device) == [("duplicate", None), ("duplicate", None), ("accepted", None)]
    assert tickets_on(server.engine, SERVER_QUEUE) == tickets_on(desk.database.engine, QUEUE)
    assert problems(server) == []


def _token(desk: Any) -> str:
    from sync.client.vault import KeyringVault
    from sync.client.wiring import enrolment_of

    token = KeyringVault().load(enrolment_of(desk).token_account)
    assert token
    return token


def test_a_ticket_of_another_office_is_a_dead_letter_and_later_events_still_flow(make_desk, server) -> None:
    desk = make_desk()
    device = enrol_desk(desk, server)
    configure_desk(desk)
    stranger = QueueContext(
        uow=desk_queue_uow(desk.database.engine), clock=desk.services.clock, office_code="X"
    )
    with desk.services.uow(write=False) as uow:
        counters = uow.offices.counters(OFFICE)
    configure(stranger, *services_from_counters(counters))
    theirs = issue_ticket(stranger, "Q1").ticket
    call_next(stranger, 1, "lan")  # builds on the refused one: refused too, nothing else
    offline = desk_queue(desk, offline=True)
    ours = issue_ticket(offline, "Q1").ticket
    call_next(offline, 1, "lan")
    sync(desk)

    assert verdicts(server, device) == [
        ("rejected", "forbidden_office"),
        ("rejected", "unknown_ticket"),
        ("accepted", None),
        ("accepted", None),
    ]
    assert [t[0] for t in tickets_on(server.engine, SERVER_QUEUE)] == [ours.uid]
    letters = SqlSyncStore(desk.database.engine, desk.services.clock).dead_letters()
    assert [(d.device_seq, d.reason) for d in letters] == [(1, "forbidden_office"), (2, "unknown_ticket")]
    assert letters[0].key == f"ticket:{theirs.uid}.1"
    listed = problems(server)
    assert [(p["device"], p["device_seq"], p["reason"]) for p in listed] == [
        (device, 1, "forbidden_office"),
        (device, 2, "unknown_ticket"),
    ]
    assert desk_view(desk).acked == 4


def test_an_old_desks_name_only_ticket_item_stays_a_dead_letter(make_desk, server) -> None:
    """What a desk before this change sends for a ticket row (its stream and a name, no event), and a row
    this desk cannot read back: dead letters, and the dossier after them is taken."""
    desk = make_desk()
    device = enrol_desk(desk, server)
    with desk.database.engine.begin() as connection:
        connection.execute(
            insert(outbox).values(stream="ticket", aggregate_id=77, event_seq=1, created_at=datetime.now(UTC))
        )
    receive(desk, 1)
    batch = SqlSyncStore(desk.database.engine, desk.services.clock).pending_batch(10)
    assert batch is not None and batch.items[0].body == {"unreadable": True}
    response = httpx.post(
        f"{server.url}/sync/v1/push",
        json={
            "items": [{"device_seq": 1, "stream": "ticket", "key": "ticket:77.1", "hash": "", "body": None}]
        },
        headers={"Authorization": f"Bearer {_token(desk)}"},
    )
    assert response.status_code == 200, response.text
    assert [v["verdict"] for v in response.json()["verdicts"]] == ["rejected"]
    sync(desk)  # the desk's own row 1 is answered from the stored verdict; the dossier goes
    assert verdicts(server, device) == [("rejected", "malformed"), ("accepted", None)]
    assert server_count(server, SERVER_QUEUE.tickets) == 0


def test_a_number_the_office_gave_another_ticket_is_refused_not_retried(make_desk, server) -> None:
    """Two desks set to the same slot both issue its first number offline: the second to sync is told so,
    and its push is not started over and over on the database's unique key."""
    first, second = make_desk("first"), make_desk("second")
    enrol_desk(first, server)
    device = enrol_desk(second, server)
    for desk in (first, second):
        configure_desk(desk)
        issue_ticket(desk_queue(desk, offline=True), "Q1")
    sync(first)
    sync(second)
    assert verdicts(server, device) == [("rejected", "number_taken")]
    assert [t[0] for t in tickets_on(server.engine, SERVER_QUEUE)] == [
        t[0] for t in tickets_on(first.database.engine, QUEUE)
    ]
