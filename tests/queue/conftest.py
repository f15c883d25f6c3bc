"""Queue fixtures: the demo desk with one queue line per counter (A for counter 1, B for 2, ...)."""

from __future__ import annotations

from typing import Any

import pytest

from app.services.queue.context import QueueContext
from app.services.queue.status import configure, services_from_counters
from app.storage.queue_wiring import desk_queue


@pytest.fixture
def queue(desk: Any) -> QueueContext:
    ctx = desk_queue(desk)
    with desk.services.uow(write=False) as uow:
        counters = uow.offices.counters(ctx.office_code)
    configure(ctx, *services_from_counters(counters))
    return ctx
