"""Who may change an office's queue on motcua-server, and offline tickets taken back once and only once."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.domain.errors import DomainError
from app.domain.queue.ticket import TicketEvent
from app.services.queue.calling import act, call_next, issue_ticket
from app.services.queue.context import QueueContext
from app.storage.queue_wiring import desk_queue
from sync.queue.client import OfficeQueueClient
from sync.server import devices as device_registry
from sync.server.db import make_engine
from sync.server.queue.schema import SERVER_QUEUE
from tests.server.support import running_server

OFFICE = "TTPVHCC-QNG"
SETUP = {
    "services": [{"code": "HT", "prefix": "A", "name": "Hộ tịch"}],
    "counters": [{"number": 1, "services": ["HT"]}],
}


@pytest.fixture
def server_and_url(tmp_path: Path) -> Iterator[tuple[str, str]]:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_SERVER_")}
    env |= {"MOTCUA_DATABASE_URL": url, "MOTCUA_HOME": str(tmp_path / "home")}
    with running_server(env=env, log=tmp_path / "server.log") as base_url:
        yield base_url, url


def _enrol(database_url: str, office: str, device_id: str) -> str:
    engine = make_engine(database_url)
    try:
        now = datetime.now(UTC)
        code = device_registry.new_enrol_code(engine, office, now)
        _, token = device_registry.enrol(
            engine, code=code, device_id=device_id, label=office, office_code=office, now=now
        )
        return token
    finally:
        engine.dispose()


def test_changes_need_an_enrolled_desk_of_the_office_once_it_has_one(server_and_url: tuple[str, str]) -> None:
    server, url = server_and_url
    queue = f"{server}/queue/{OFFICE}"
    # No desk of the office enrolled: open, as a queue run without sync (and the desk's client finds no
    # token of its own here: its home was never enrolled).
    client = OfficeQueueClient(server, OFFICE)
    client.setup(SETUP["services"], SETUP["counters"])
    assert client.issue("HT")["ticket"] == "A001"

    ours = _enrol(url, OFFICE, "a" * 32)
    theirs = _enrol(url, "OTHER", "b" * 32)
    deadline = time.monotonic() + 15  # the server remembers an open office for a moment
    while httpx.post(f"{queue}/counters/9/call", json={"officer": "x"}).status_code != 401:
        assert time.monotonic() < deadline

    def post(path: str, body: dict[str, object], token: str | None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.post(f"{queue}{path}", json=body, headers=headers)

    changes: list[tuple[str, dict[str, object]]] = [
        ("/setup", SETUP),
        ("/tickets", {"service": "HT"}),
        ("/counters/1/call", {"officer": "lan"}),
        ("/counters/1/recall", {"officer": "lan"}),
        ("/counters/1/walk-in", {"officer": "lan", "service": "HT"}),
        ("/import", {"events": []}),
    ]
    for path, body in changes:
        assert post(path, body, None).status_code == 401, path
        assert post(path, body, "c" * 32 + ".forged").status_code == 401, path
        assert post(path, body, theirs).status_code == 403, path
        assert post(path, body, ours).status_code == 200, path
    # Reading stays public: the hall display has no token.
    assert httpx.get(f"{queue}/status").status_code == 200
    with httpx.stream("GET", f"{queue}/events", timeout=10) as stream:
        assert stream.status_code == 200

    # The desk's client finds its token itself; without one it hears the refusal.
    assert OfficeQueueClient(server, OFFICE, find_token=lambda: ours).issue("HT")["service"] == "HT"
    with pytest.raises(DomainError):
        OfficeQueueClient(server, OFFICE, find_token=lambda: None).issue("HT")

    engine = make_engine(url)
    try:
        assert device_registry.revoke(engine, "a" * 32, datetime.now(UTC))
    finally:
        engine.dispose()
    refused = post("/tickets", {"service": "HT"}, ours)
    assert (refused.status_code, refused.json()["error"]) == (401, "revoked")


def test_offline_tickets_are_taken_back_once_and_only_once(
    desk: Any, queue: QueueContext, server_and_url: tuple[str, str]
) -> None:
    server, url = server_and_url
    offline = desk_queue(desk, offline=True)
    first = issue_ticket(offline, "Q1").ticket
    second = issue_ticket(offline, "Q1").ticket
    call_next(offline, 1, "lan")
    act(offline, 1, "complete", "lan")

    def events() -> list[TicketEvent]:
        with offline.uow(write=False) as uow:
            tickets = uow.tickets.of_day(offline.office_code, offline.day(), offline.origin)
            return [e for t in tickets for e in uow.tickets.history(t.uid)]

    client = OfficeQueueClient(server, offline.office_code)
    sent = events()
    assert client.import_events(sent)["imported"] == len(sent)
    assert client.import_events(sent)["imported"] == 0  # sent again: nothing new
    call_next(offline, 1, "lan")  # the desk went on before it could send again
    again = events()
    assert client.import_events(again)["imported"] == len(again) - len(sent) > 0  # only what is new

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            tickets = connection.execute(
                select(SERVER_QUEUE.tickets.c.uid, SERVER_QUEUE.tickets.c.status).order_by(
                    SERVER_QUEUE.tickets.c.number
                )
            ).all()
            events_held = connection.execute(
                select(func.count()).select_from(SERVER_QUEUE.events)
            ).scalar_one()
    finally:
        engine.dispose()
    with offline.uow(write=False) as uow:
        on_desk = [(t.uid, t.status.value) for t in uow.tickets.of_day(offline.office_code, offline.day())]
    assert [(t.uid, t.status) for t in tickets] == on_desk
    assert [uid for uid, _ in on_desk] == [first.uid, second.uid]
    assert events_held == len(again)
