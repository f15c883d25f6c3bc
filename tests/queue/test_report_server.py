"""GET /queue/{office}/report on a real motcua-server (uvicorn on 127.0.0.1), on SQLite and PostgreSQL:
the scripted morning's figures, played on the server's own database with a controlled clock; a desk token
of the office is required once the office has enrolled desks; bad input is a 422 in the usual shape."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from app.domain.queue.model import CounterSetup, QueueService
from app.services.queue.context import QueueContext
from app.services.queue.status import configure
from app.storage.queue_uow import QueueUowFactory
from sync.server import devices as device_registry
from sync.server.db import make_engine
from sync.server.migrate import upgrade_to_head
from sync.server.queue.schema import SERVER_QUEUE
from tests.queue.report_day import BY_SERVICE, DAY, START, TOTAL, play_morning, subset
from tests.server.support import running_server
from tests.support import FixedClock

OFFICE = "TTPVHCC-QNG"


@pytest.fixture
def morning_server(database_url: str, tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """(base URL, a desk token of the office, a desk token of another office)."""
    engine = make_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        upgrade_to_head(engine)
        clock = FixedClock(START)
        ctx = QueueContext(uow=QueueUowFactory(engine, SERVER_QUEUE), clock=clock, office_code=OFFICE)
        configure(
            ctx,
            [QueueService("Q1", "A", "Tư pháp, Hộ tịch"), QueueService("Q2", "B", "Đất đai")],
            [CounterSetup(1, ("Q1",)), CounterSetup(2, ("Q2",))],
        )
        play_morning(ctx, clock)
        now = datetime.now(UTC)
        tokens = []
        for office, device in ((OFFICE, "a" * 32), ("OTHER", "b" * 32)):
            code = device_registry.new_enrol_code(engine, office, now)
            _, token = device_registry.enrol(
                engine, code=code, device_id=device, label=office, office_code=office, now=now
            )
            tokens.append(token)
    finally:
        engine.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_SERVER_")}
    env |= {"MOTCUA_DATABASE_URL": database_url, "MOTCUA_HOME": str(tmp_path / "home")}
    with running_server(env=env, log=tmp_path / "server.log") as base_url:
        yield base_url, tokens[0], tokens[1]


def test_report_over_http(morning_server: tuple[str, str, str]) -> None:
    base, ours, theirs = morning_server
    url = f"{base}/queue/{OFFICE}/report"

    def get(token: str | None, **params: str) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.get(url, params=params, headers=headers, timeout=30)

    answer = get(ours, **{"from": DAY, "to": DAY})
    assert answer.status_code == 200, answer.text
    data = answer.json()
    groups = {g["key"]: g for g in data["groups"]}
    for code, expected in BY_SERVICE.items():
        assert subset(groups[code], expected) == expected
    assert subset(data["total"], TOTAL) == TOTAL
    assert data["services"] == {"Q1": "Tư pháp, Hộ tịch", "Q2": "Đất đai"}

    by_counter = get(ours, **{"from": DAY, "by": "counter", "service_level": "20"}).json()
    assert [(g["key"], g["idle_s"]) for g in by_counter["groups"]] == [("1", 360.0), ("2", 60.0)]
    assert by_counter["total"]["over_service_level"] == 2
    other_day = get(ours, **{"from": "2026-03-03"}).json()
    assert other_day["total"]["issued"] == 0

    assert get(None, **{"from": DAY}).status_code == 401
    refused = get(theirs, **{"from": DAY})
    assert (refused.status_code, refused.json()["error"]) == (403, "forbidden")
    for params, field in (
        ({"from": "2026-02-30"}, "from"),
        ({"from": DAY, "to": "2026-03-01"}, "to"),
        ({"from": DAY, "by": "weekday"}, "by"),
        ({"from": DAY, "service_level": "soon"}, "service_level"),
        ({"from": DAY, "service_level": "-5"}, "service_level"),
    ):
        bad = get(ours, **params)
        assert bad.status_code == 422, params
        assert bad.json()["error"] == "invalid_input" and bad.json()["message"].startswith(field), params
