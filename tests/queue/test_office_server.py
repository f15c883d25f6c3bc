"""The office queue on a real motcua-server (uvicorn on 127.0.0.1), on SQLite and PostgreSQL: numbers are
never duplicated and no citizen is called twice under concurrency; calls are pushed to followers."""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.domain.errors import IllegalTransition, NotFound
from app.services.context import SystemClock
from app.services.queue.calling import call_next, issue_ticket
from app.services.queue.context import QueueContext
from app.services.queue.ports import OfficeUnreachable
from app.storage.queue_uow import QueueUowFactory
from sync.queue.client import OfficeQueueClient, QueueFollower
from sync.server.db import make_engine
from sync.server.migrate import upgrade_to_head
from sync.server.queue.schema import SERVER_QUEUE
from tests.server.support import running_server

OFFICE = "TTPVHCC-QNG"
SERVICES = [
    {"code": "HT", "prefix": "A", "name": "Hộ tịch"},
    {"code": "DD", "prefix": "B", "name": "Đất đai"},
]
COUNTERS = [{"number": n, "services": ["HT", "DD"] if n <= 4 else ["HT"]} for n in range(1, 7)]


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_SERVER_")}
    env |= {"MOTCUA_DATABASE_URL": database_url, "MOTCUA_HOME": str(tmp_path / "home")}
    with running_server(env=env, log=tmp_path / "server.log") as base_url:
        client = OfficeQueueClient(base_url, OFFICE)
        client.setup(SERVICES, COUNTERS)
        client.close()
        yield base_url


def test_issue_call_status_and_errors_over_http(server: str) -> None:
    client = OfficeQueueClient(server, OFFICE)
    try:
        first = client.issue("HT")
        assert (first["ticket"], first["waiting"]) == ("A001", 0)
        assert client.issue("HT", "elderly")["waiting"] == 1
        called = client.call(1, "lan.nguyen")
        assert (called["ticket"], called["counter"]) == ("A002", 1)  # priority first
        assert client.act(1, "recall", "lan.nguyen")["calls"] == 2
        status = client.status()
        assert status["counters"][0]["current"] == "A002"
        with pytest.raises(NotFound):
            client.issue("NOPE")
        with pytest.raises(IllegalTransition):
            client.act(2, "recall", "x")
        assert (
            httpx.post(f"{server}/queue/{OFFICE}/tickets", json={"service": "HT", "x": 1}).status_code == 422
        )
    finally:
        client.close()
    with pytest.raises(OfficeUnreachable):
        OfficeQueueClient("http://127.0.0.1:9", OFFICE).status()


def test_calls_are_pushed_to_every_follower(server: str) -> None:
    received: list[tuple[str, dict[str, Any]]] = []
    seen = threading.Condition()
    links: list[bool] = []

    def on_event(kind: str, data: Any) -> None:
        with seen:
            received.append((kind, data))
            seen.notify_all()

    followers = [
        QueueFollower(server, OFFICE, on_event, lambda up, _reason: links.append(up)).start()
        for _ in range(3)
    ]
    client = OfficeQueueClient(server, OFFICE)
    try:
        with seen:
            assert seen.wait_for(lambda: sum(k == "status" for k, _ in received) >= 3, 10)
        client.issue("DD")
        client.call(2, "minh.tran")
        with seen:
            assert seen.wait_for(
                lambda: sum(k == "change" and d["kind"] == "called" for k, d in received) >= 3, 10
            )
        call = next(d for k, d in received if k == "change" and d["kind"] == "called")
        assert (call["ticket"], call["counter"], call["status"]) == ("B001", 2, "called")
        with seen:  # waiting counts follow shortly after the changes
            assert seen.wait_for(lambda: sum(k == "status" for k, _ in received) >= 6, 10)
        assert links == [True, True, True]
    finally:
        client.close()
        for follower in followers:
            follower.stop()


def test_follower_reports_a_lost_server(database_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "MOTCUA_DATABASE_URL": database_url, "MOTCUA_HOME": str(tmp_path / "home")}
    links: list[bool] = []
    changed = threading.Event()

    def on_link(up: bool, _reason: str | None) -> None:
        links.append(up)
        changed.set()

    with running_server(env=env, log=tmp_path / "server.log") as base_url:
        follower = QueueFollower(base_url, OFFICE, lambda *_: None, on_link, retry_s=0.2).start()
        assert changed.wait(10)
        changed.clear()
    try:
        assert changed.wait(10)  # the server stopped: the follower says so
        assert links == [True, False]
    finally:
        follower.stop()


def test_no_duplicate_number_and_no_double_call_from_concurrent_clients(server: str) -> None:
    clients, per_client = 20, 15

    def issue_many(_: int) -> list[int]:
        with httpx.Client(base_url=f"{server}/queue/{OFFICE}", timeout=30) as http:
            return [http.post("/tickets", json={"service": "HT"}).json()["number"] for _ in range(per_client)]

    with ThreadPoolExecutor(clients) as pool:
        numbers = [n for batch in pool.map(issue_many, range(clients)) for n in batch]
    assert sorted(numbers) == list(range(1, clients * per_client + 1))

    def call_until_empty(counter: int) -> list[str]:
        called = []
        with httpx.Client(base_url=f"{server}/queue/{OFFICE}", timeout=30) as http:
            while (
                ticket := _ticket(http.post(f"/counters/{counter}/call", json={"officer": "o"}))
            ) is not None:
                called.append(ticket)
        return called

    with ThreadPoolExecutor(6) as pool:
        by_counter = list(pool.map(call_until_empty, range(1, 7)))
    everyone = [t for batch in by_counter for t in batch]
    duplicates = [t for t, n in Counter(everyone).items() if n > 1]
    assert duplicates == []
    assert len(everyone) == clients * per_client
    assert all(by_counter)  # every counter got some


def test_no_double_call_in_the_engine_under_contention(database_url: str) -> None:
    """The same race without HTTP in between: 12 threads calling at once on one database."""
    engine = make_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        upgrade_to_head(engine)
        ctx = QueueContext(uow=QueueUowFactory(engine, SERVER_QUEUE), clock=SystemClock(), office_code=OFFICE)
        from app.domain.queue.model import CounterSetup, QueueService
        from app.services.queue.status import configure

        configure(ctx, [QueueService("HT", "A", "Hộ tịch")], [CounterSetup(n, ("HT",)) for n in range(1, 13)])
        with ThreadPoolExecutor(12) as pool:
            issued = list(pool.map(lambda _: issue_ticket(ctx, "HT").ticket.number, range(120)))
        assert sorted(issued) == list(range(1, 121))

        def drain(counter: int) -> list[str]:
            out = []
            while (t := call_next(ctx, counter, f"o{counter}").ticket) is not None:
                out.append(t.label)
            return out

        with ThreadPoolExecutor(12) as pool:
            called = [t for batch in pool.map(drain, range(1, 13)) for t in batch]
        assert sorted(called) == sorted(f"A{n:03d}" for n in range(1, 121))
        with engine.connect() as connection:
            from sqlalchemy import func, select

            events = SERVER_QUEUE.events
            per_ticket = connection.execute(
                select(events.c.ticket_id, func.count())
                .where(events.c.type == "called")
                .group_by(events.c.ticket_id)
                .having(func.count() > 1)
            ).all()
        assert per_ticket == []
    finally:
        engine.dispose()


def _ticket(response: httpx.Response) -> str | None:
    assert response.status_code == 200, response.text
    ticket: str | None = response.json()["ticket"]
    return ticket
