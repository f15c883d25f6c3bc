"""The queue engine on a real desk database: numbering, calling rules, every counter action, events."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from app.domain.errors import DomainError, IllegalTransition, NotFound, ValidationError
from app.domain.queue.model import InterleaveRule, Priority, QueueNumbersExhausted, offline_block
from app.domain.queue.ticket import TicketStatus, replay
from app.services.queue.calling import act, call_next, call_number, issue_ticket, walk_in
from app.services.queue.context import QueueContext
from app.services.queue.ports import QueueChange
from app.services.queue.status import queue_status
from tests.support import FixedClock

OFFICER = "lan.nguyen"


def rows(desk: Any, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(desk.database.path) as connection:
        return connection.execute(sql).fetchall()


def dump(desk: Any) -> list[Any]:
    return [
        rows(desk, f"SELECT * FROM {table}")
        for table in ("queue_tickets", "queue_events", "queue_numbers", "queue_counters", "outbox")
    ]


def test_numbers_count_up_per_service_with_its_letter(queue: QueueContext) -> None:
    labels = [issue_ticket(queue, "Q1").ticket.label for _ in range(3)]
    assert labels == ["A001", "A002", "A003"]
    other = issue_ticket(queue, "Q2")
    assert (other.ticket.label, other.waiting) == ("B001", 0)
    assert issue_ticket(queue, "q1").waiting == 3


def test_numbers_restart_at_local_midnight_not_utc_midnight(queue: QueueContext, clock: FixedClock) -> None:
    clock.moment = datetime(2026, 3, 2, 16, 59, tzinfo=UTC)  # 23:59 in Quảng Ngãi
    first = issue_ticket(queue, "Q1").ticket
    assert (first.label, queue.day(first.issued_at).isoformat()) == ("A001", "2026-03-02")
    clock.moment = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # 00:00 local: a new queue day
    second = issue_ticket(queue, "Q1").ticket
    assert second.label == "A001"
    clock.moment = datetime(2026, 3, 3, 0, 0, tzinfo=UTC)  # UTC midnight = 07:00 local: same day goes on
    assert issue_ticket(queue, "Q1").ticket.label == "A002"
    clock.moment = datetime(2026, 3, 3, 10, 30, tzinfo=UTC)  # 17:30 local, when UTC systems broke
    assert issue_ticket(queue, "Q1").ticket.label == "A003"
    # Yesterday's ticket is history, not callable today, and kept.
    assert call_next(queue, 1, OFFICER).ticket.label == "A001"  # type: ignore[union-attr]
    assert call_next(queue, 1, OFFICER).ticket.label == "A002"  # type: ignore[union-attr]
    assert call_next(queue, 1, OFFICER).ticket.label == "A003"  # type: ignore[union-attr]
    assert call_next(queue, 1, OFFICER).ticket is None
    with queue.uow(write=False) as uow:
        old = uow.tickets.find(queue.office_code, first.issued_at.astimezone(queue.tz).date(), "A", 1)
    assert old is not None and old.status is TicketStatus.WAITING


def test_call_next_takes_the_longest_waiting_of_the_counters_services(
    queue: QueueContext, clock: FixedClock
) -> None:
    for service in ("Q2", "Q1", "Q1"):
        issue_ticket(queue, service)
        clock.advance(minutes=1)
    called = call_next(queue, 1, OFFICER)
    assert called.ticket is not None and called.ticket.label == "A001"
    assert called.ticket.status is TicketStatus.CALLED and called.ticket.counter == 1
    again = call_next(queue, 1, OFFICER)
    assert again.ticket is not None and again.ticket.label == "A002"
    assert again.finished is not None and again.finished.label == "A001"  # the previous one is done
    assert call_next(queue, 1, OFFICER).ticket is None  # B001 belongs to counter 2
    assert call_next(queue, 2, OFFICER).ticket.label == "B001"  # type: ignore[union-attr]


def test_priority_interleaves_with_the_normal_line(queue: QueueContext, clock: FixedClock) -> None:
    kinds = [Priority.NORMAL, Priority.NORMAL, Priority.ELDERLY, Priority.PREGNANT, Priority.DISABLED]
    kinds += [Priority.APPOINTMENT, Priority.NORMAL]
    labels = {}
    for kind in kinds:
        labels[issue_ticket(queue, "Q1", kind).ticket.label] = kind
        clock.advance(minutes=1)
    order = []
    while (called := call_next(queue, 1, OFFICER).ticket) is not None:
        order.append(called.label)
    # Two priority calls, then the longest-waiting normal ticket, and so on.
    assert order == ["A003", "A004", "A001", "A005", "A006", "A002", "A007"]
    assert [labels[x].is_priority for x in order] == [True, True, False, True, True, False, False]


@pytest.mark.parametrize(
    ("run", "expected"),
    [(0, ["A001", "A002", "A003"]), (100, ["A002", "A003", "A001"])],
)
def test_interleave_rule_is_configurable(
    queue: QueueContext, clock: FixedClock, run: int, expected: list[str]
) -> None:
    ctx = replace(queue, rule=InterleaveRule(priority_run=run))
    for kind in (Priority.NORMAL, Priority.SMALL_CHILD, Priority.ELDERLY):
        issue_ticket(ctx, "Q1", kind)
        clock.advance(minutes=1)
    assert [call_next(ctx, 1, OFFICER).ticket.label for _ in range(3)] == expected  # type: ignore[union-attr]


def test_call_a_specific_number_recall_and_no_show(queue: QueueContext, clock: FixedClock) -> None:
    for _ in range(3):
        issue_ticket(queue, "Q1")
    called = call_number(queue, 1, "a003", OFFICER)
    assert called.ticket is not None and called.ticket.label == "A003"
    clock.advance(seconds=40)
    recalled = act(queue, 1, "recall", OFFICER)
    assert recalled.ticket is not None and recalled.ticket.calls == 2
    absent = act(queue, 1, "no_show", OFFICER)
    assert absent.ticket is not None and absent.ticket.status is TicketStatus.NO_SHOW
    with pytest.raises(IllegalTransition, match="no current ticket"):
        act(queue, 1, "recall", OFFICER)
    with pytest.raises(IllegalTransition, match="not waiting"):
        call_number(queue, 1, "A003", OFFICER)
    with pytest.raises(NotFound):
        call_number(queue, 1, "A099", OFFICER)


def test_recycle_sends_a_ticket_to_the_back(queue: QueueContext, clock: FixedClock) -> None:
    for _ in range(3):
        issue_ticket(queue, "Q1")
        clock.advance(minutes=1)
    call_next(queue, 1, OFFICER)
    act(queue, 1, "recycle", OFFICER)
    assert [call_next(queue, 1, OFFICER).ticket.label for _ in range(3)] == ["A002", "A003", "A001"]  # type: ignore[union-attr]


def test_hold_and_resume(queue: QueueContext) -> None:
    issue_ticket(queue, "Q1")
    issue_ticket(queue, "Q1")
    call_next(queue, 1, OFFICER)
    act(queue, 1, "start", OFFICER)
    held = act(queue, 1, "hold", OFFICER)
    assert held.ticket is not None and held.ticket.status is TicketStatus.HELD
    assert call_next(queue, 1, OFFICER).ticket.label == "A002"  # type: ignore[union-attr]
    status = queue_status(queue)
    assert status.counters[0].current == "A002" and status.counters[0].held == ("A001",)
    back = act(queue, 1, "resume", OFFICER, label="A001")
    assert back.ticket is not None and back.ticket.status is TicketStatus.SERVING
    assert back.finished is not None and back.finished.label == "A002"
    assert act(queue, 1, "complete", OFFICER).ticket.status is TicketStatus.DONE  # type: ignore[union-attr]


def test_transfer_to_a_service_or_a_counter_keeps_number_and_history(queue: QueueContext) -> None:
    issue_ticket(queue, "Q1")
    call_next(queue, 1, OFFICER)
    moved = act(queue, 1, "transfer", OFFICER, to_service="Q2")
    assert moved.ticket is not None and moved.ticket.label == "A001" and moved.ticket.service_code == "Q2"
    assert call_next(queue, 1, OFFICER).ticket is None
    at_two = call_next(queue, 2, OFFICER)
    assert at_two.ticket is not None and at_two.ticket.label == "A001"
    act(queue, 2, "transfer", OFFICER, to_counter=5)
    assert call_next(queue, 2, OFFICER).ticket is None  # reserved for counter 5 now
    assert call_next(queue, 5, OFFICER).ticket.label == "A001"  # type: ignore[union-attr]
    with queue.uow(write=False) as uow:
        ticket = uow.tickets.find(queue.office_code, queue.day(), "A", 1)
        assert ticket is not None
        history = [e.type.value for e in uow.tickets.history(ticket.uid)]
    assert history == ["issued", "called", "transferred", "called", "transferred", "called"]
    with pytest.raises(NotFound):
        act(queue, 5, "transfer", OFFICER, to_counter=99)


def test_walk_in_is_served_at_once_and_counted(queue: QueueContext) -> None:
    served = walk_in(queue, 3, "Q3", OFFICER)
    assert served.ticket is not None
    assert (served.ticket.number, served.ticket.status) == (None, TicketStatus.SERVING)
    assert queue_status(queue).counters[2].status is TicketStatus.SERVING
    act(queue, 3, "complete", OFFICER)


def test_every_step_is_an_event_with_its_outbox_row_and_replays_to_the_row(
    desk: Any, queue: QueueContext, clock: FixedClock
) -> None:
    issue_ticket(queue, "Q1", Priority.ELDERLY)
    clock.advance(minutes=3)
    call_next(queue, 1, OFFICER)
    clock.advance(seconds=30)
    act(queue, 1, "recall", OFFICER)
    clock.advance(minutes=1)
    act(queue, 1, "start", OFFICER)
    clock.advance(minutes=8)
    act(queue, 1, "complete", OFFICER)
    events = rows(desk, "SELECT ticket_id, seq, type, occurred_at, actor FROM queue_events ORDER BY seq")
    assert [e[2] for e in events] == ["issued", "called", "recalled", "started", "completed"]
    assert [e[3] for e in events] == sorted(e[3] for e in events)
    outbox = rows(desk, "SELECT stream, aggregate_id, event_seq FROM outbox WHERE stream = 'ticket'")
    assert outbox == [("ticket", events[0][0], seq) for seq in range(1, 6)]
    with queue.uow(write=False) as uow:
        row = uow.tickets.find(queue.office_code, queue.day(), "A", 1)
        assert row is not None
        rebuilt = replay(uow.tickets.history(row.uid))
    assert rebuilt == row


def test_events_are_append_only(desk: Any, queue: QueueContext) -> None:
    issue_ticket(queue, "Q1")
    with sqlite3.connect(desk.database.path) as connection:
        for sql in ("UPDATE queue_events SET actor = 'x'", "DELETE FROM queue_events"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute(sql)


def test_bad_input_writes_nothing(desk: Any, queue: QueueContext) -> None:
    issue_ticket(queue, "Q1")
    before = dump(desk)
    with pytest.raises(NotFound):
        issue_ticket(queue, "NOPE")
    with pytest.raises(NotFound):
        call_next(queue, 42, OFFICER)
    with pytest.raises(IllegalTransition):
        act(queue, 1, "complete", OFFICER, label="A001")  # waiting, not called
    with pytest.raises(ValidationError):
        act(queue, 1, "dance", OFFICER, label="A001")
    assert dump(desk) == before


def test_offline_block_numbers_never_meet_the_office_ones(queue: QueueContext) -> None:
    offline = replace(queue, block=offline_block(3), origin="desk-3")
    assert issue_ticket(offline, "Q1").ticket.label == "A9300"
    assert issue_ticket(queue, "Q1").ticket.label == "A001"
    assert issue_ticket(offline, "Q1").ticket.label == "A9301"
    tiny = replace(offline, block=replace(offline_block(3), last=9302))
    issue_ticket(tiny, "Q1")
    with pytest.raises(QueueNumbersExhausted):
        issue_ticket(tiny, "Q1")


def test_listeners_hear_each_change_after_commit(queue: QueueContext) -> None:
    heard: list[QueueChange] = []
    ctx = replace(queue, listeners=[heard.append])
    issue_ticket(ctx, "Q4")
    call_next(ctx, 4, OFFICER)
    assert [(c.kind, c.label, c.counter) for c in heard] == [("issued", "D001", None), ("called", "D001", 4)]
    with pytest.raises(DomainError):
        call_next(ctx, 99, OFFICER)
    assert len(heard) == 2


def test_status_counts_waiting_and_lists_recent_calls(queue: QueueContext, clock: FixedClock) -> None:
    issue_ticket(queue, "Q1")
    issue_ticket(queue, "Q1", Priority.PREGNANT)
    issue_ticket(queue, "Q2")
    call_next(queue, 2, OFFICER)
    clock.advance(seconds=5)
    call_next(queue, 1, OFFICER)
    status = queue_status(queue).as_dict()
    q1 = next(s for s in status["services"] if s["code"] == "Q1")
    assert (q1["waiting"], q1["priority_waiting"]) == (1, 0)
    assert [r["ticket"] for r in status["recent"]] == ["A002", "B001"]
    assert status["counters"][0]["current"] == "A002"


def test_calls_commit_without_fsync_but_issues_and_dossiers_with_it(desk: Any, queue: QueueContext) -> None:
    """A call is committed with synchronous=NORMAL (the display waits for it, and a call lost to a power
    cut is made again); a printed number and every other transaction stay FULL, on the same connections."""
    from sqlalchemy import event

    seen: list[int] = []

    def on_commit(connection: Any) -> None:
        seen.append(connection.connection.dbapi_connection.execute("PRAGMA synchronous").fetchone()[0])

    event.listen(desk.database.engine, "commit", on_commit)
    try:
        issue_ticket(queue, "Q1")
        call_next(queue, 1, OFFICER)
        with desk.services.uow() as uow:
            uow.commit()
        act(queue, 1, "recall", OFFICER)
        issue_ticket(queue, "Q1")
    finally:
        event.remove(desk.database.engine, "commit", on_commit)
    full, normal = 2, 1
    assert seen == [full, normal, full, normal, full]
