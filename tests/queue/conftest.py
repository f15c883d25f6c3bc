"""Queue fixtures: the demo desk with one queue line per counter (A for counter 1, B for 2, ...)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services.queue.context import QueueContext
from app.services.queue.status import configure, services_from_counters
from app.storage.queue_wiring import desk_queue
from tests.server.support import fresh_postgres_database, postgres_unavailable


@pytest.fixture
def queue(desk: Any) -> QueueContext:
    ctx = desk_queue(desk)
    with desk.services.uow(write=False) as uow:
        counters = uow.offices.counters(ctx.office_code)
    configure(ctx, *services_from_counters(counters))
    return ctx


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An office server's database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    try:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3):
            pass
    except Exception as exc:
        postgres_unavailable(f"PostgreSQL not reachable: {exc}")
    with fresh_postgres_database() as url:
        yield url
