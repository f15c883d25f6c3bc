"""The office server's batched issue path (group commit), on SQLite and PostgreSQL: the same answers as
issuing one by one, no number twice when batches run at once, refusals written nowhere."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from sqlalchemy import Engine, func, select

from app.domain.errors import NotFound
from app.domain.queue.model import CounterSetup, NumberBlock, QueueNumbersExhausted, QueueService
from app.services.context import SystemClock
from app.services.queue.batch import IssueRequest, issue_tickets
from app.services.queue.calling import call_next
from app.services.queue.context import QueueContext
from app.services.queue.ports import QueueChange
from app.services.queue.status import configure
from app.services.queue.views import Issued
from app.storage.queue_uow import QueueUowFactory
from sync.server.db import make_engine
from sync.server.migrate import upgrade_to_head
from sync.server.queue.schema import SERVER_QUEUE

OFFICE = "TTPVHCC-QNG"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    upgrade_to_head(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def ctx(engine: Engine) -> QueueContext:
    ctx = QueueContext(uow=QueueUowFactory(engine, SERVER_QUEUE), clock=SystemClock(), office_code=OFFICE)
    services = [QueueService("HT", "A", "Hộ tịch"), QueueService("DD", "B", "Đất đai")]
    configure(ctx, services, [CounterSetup(n, ("HT", "DD")) for n in range(1, 7)])
    return ctx


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(select(func.count()).select_from(getattr(SERVER_QUEUE, table))).scalar_one()
        )


def test_a_batch_answers_as_one_by_one_would(ctx: QueueContext, engine: Engine) -> None:
    heard: list[QueueChange] = []
    ctx = replace(ctx, listeners=[heard.append])
    requests = [
        IssueRequest("HT"),
        IssueRequest("dd"),
        IssueRequest("NOPE"),
        IssueRequest("HT", actor="desk-3"),
        IssueRequest("HT"),
        IssueRequest("DD"),
    ]
    outcomes = issue_tickets(ctx, requests)
    assert isinstance(outcomes[2], NotFound)
    issued = [o for o in outcomes if isinstance(o, Issued)]
    assert [(o.ticket.label, o.waiting) for o in issued] == [
        ("A001", 0),
        ("B001", 0),
        ("A002", 1),
        ("A003", 2),
        ("B002", 1),
    ]
    assert [c.label for c in heard] == ["A001", "B001", "A002", "A003", "B002"]  # after the commit
    assert (_count(engine, "tickets"), _count(engine, "events")) == (5, 5)  # the refusal wrote nothing
    # A second batch goes on from there, and the calls see the batch's tickets in their order.
    assert [o.ticket.label for o in issue_tickets(ctx, [IssueRequest("DD")]) if isinstance(o, Issued)] == [
        "B003"
    ]
    assert call_next(ctx, 1, "lan").ticket is not None


def test_batches_at_once_never_give_a_number_twice(ctx: QueueContext, engine: Engine) -> None:
    """Eight writers issuing batches of 25 together (on PostgreSQL, truly concurrent transactions, as with
    several server workers): every number once, without a gap, each ticket with its one event."""
    batches, size = 8, 25

    def batch(index: int) -> list[str]:
        requests = [IssueRequest("HT" if (index + n) % 3 else "DD") for n in range(size)]
        return [o.ticket.label for o in issue_tickets(ctx, requests) if isinstance(o, Issued)]

    with ThreadPoolExecutor(batches) as pool:
        labels = [label for result in pool.map(batch, range(batches)) for label in result]
    assert len(labels) == batches * size
    assert [label for label, n in Counter(labels).items() if n > 1] == []
    for prefix in "AB":
        numbers = sorted(int(label[1:]) for label in labels if label[0] == prefix)
        assert numbers == list(range(1, len(numbers) + 1))
    assert (_count(engine, "tickets"), _count(engine, "events")) == (batches * size, batches * size)


def test_the_last_numbers_of_a_block_go_to_the_first_requests(ctx: QueueContext) -> None:
    small = replace(ctx, block=NumberBlock(9, 1, 3))
    outcomes = issue_tickets(small, [IssueRequest("HT") for _ in range(5)])
    assert [o.ticket.label for o in outcomes if isinstance(o, Issued)] == ["A001", "A002", "A003"]
    assert [type(o) for o in outcomes[3:]] == [QueueNumbersExhausted, QueueNumbersExhausted]
