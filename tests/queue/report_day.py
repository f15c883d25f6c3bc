"""A scripted queue morning with known minutes, shared by the report tests (engine, CLI, server, UI).

Monday 2 March 2026 from 08:00 local, counters 1 (lan) and 2 (minh) of the demo office, lines Q1 (A) and
Q2 (B):

    +0  A001 issued (Q1)          +20 c1 calls A001 (waited 20)      +31 c2 calls B001 (waited 29)
    +1  A002 issued (Q1, elderly) +22 c1 recycles A001               +32 c2 completes B001 (no "start")
    +2  B001 issued (Q2)          +24 c1 calls A003 (waited 21)      +33 c2 calls A001
    +3  A003 issued (Q1)          +25 c1: A003 no-show               +35 c2 starts A001
    +5  c1 calls A002 (waited 4)  +26 c1 calls A001 again            +41 c2 completes A001
    +6  c1 recalls A002           +27 c1 starts A001
    +7  c1 starts A002            +30 c1 transfers A001 to Q2
    +17 c1 completes A002
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from app.domain.queue.model import Priority
from app.services.queue.calling import act, call_next, issue_ticket
from app.services.queue.context import QueueContext
from tests.support import FixedClock

START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 in Quảng Ngãi
DAY = "2026-03-02"


def play_morning(queue: QueueContext, clock: FixedClock) -> None:
    def at(minute: int) -> None:
        clock.moment = START + timedelta(minutes=minute)

    def step(minute: int, run: Callable[[], object]) -> None:
        at(minute)
        run()

    step(0, lambda: issue_ticket(queue, "Q1"))
    step(1, lambda: issue_ticket(queue, "Q1", Priority.ELDERLY))
    step(2, lambda: issue_ticket(queue, "Q2"))
    step(3, lambda: issue_ticket(queue, "Q1"))
    lan, minh = "lan.nguyen", "minh.tran"
    script: list[tuple[int, Callable[[], object]]] = [
        (5, lambda: _expect(call_next(queue, 1, lan), "A002")),
        (6, lambda: act(queue, 1, "recall", lan)),
        (7, lambda: act(queue, 1, "start", lan)),
        (17, lambda: act(queue, 1, "complete", lan)),
        (20, lambda: _expect(call_next(queue, 1, lan), "A001")),
        (22, lambda: act(queue, 1, "recycle", lan)),
        (24, lambda: _expect(call_next(queue, 1, lan), "A003")),
        (25, lambda: act(queue, 1, "no_show", lan)),
        (26, lambda: _expect(call_next(queue, 1, lan), "A001")),
        (27, lambda: act(queue, 1, "start", lan)),
        (30, lambda: act(queue, 1, "transfer", lan, to_service="Q2")),
        (31, lambda: _expect(call_next(queue, 2, minh), "B001")),
        (32, lambda: act(queue, 2, "complete", minh)),
        (33, lambda: _expect(call_next(queue, 2, minh), "A001")),
        (35, lambda: act(queue, 2, "start", minh)),
        (41, lambda: act(queue, 2, "complete", minh)),
    ]
    for minute, run in script:
        step(minute, run)


def _expect(result: object, label: str) -> None:
    ticket = getattr(result, "ticket", None)
    assert ticket is not None and ticket.label == label, result


# The figures the morning must give, in seconds (see the module docstring for the minutes).
BY_SERVICE = {
    "Q1": {
        "issued": 3,
        "served": 1,
        "no_show": 1,
        "no_show_pct": 50.0,
        "transferred": 1,
        "recycled": 1,
        "wait": {"count": 3, "median_s": 1200.0, "mean_s": 900.0, "p90_s": 1248.0, "max_s": 1260.0},
        "walk": {"count": 2, "median_s": 90.0, "mean_s": 90.0, "p90_s": 114.0, "max_s": 120.0},
        "service": {"count": 2, "median_s": 390.0, "mean_s": 390.0, "p90_s": 558.0, "max_s": 600.0},
        "over_service_level": 2,
        "over_service_level_pct": 66.7,
    },
    "Q2": {
        "issued": 1,
        "served": 2,
        "no_show": 0,
        "no_show_pct": 0.0,
        "transferred": 0,
        "recycled": 0,
        "wait": {"count": 1, "median_s": 1740.0, "mean_s": 1740.0, "p90_s": 1740.0, "max_s": 1740.0},
        "walk": {"count": 2, "median_s": 60.0, "mean_s": 60.0, "p90_s": 108.0, "max_s": 120.0},
        "service": {"count": 2, "median_s": 210.0, "mean_s": 210.0, "p90_s": 330.0, "max_s": 360.0},
        "over_service_level": 1,
        "over_service_level_pct": 100.0,
    },
}
TOTAL = {
    "issued": 4,
    "walk_ins": 0,
    "served": 3,
    "no_show": 1,
    "no_show_pct": 25.0,
    "transferred": 1,
    "recycled": 1,
    "wait": {"count": 4, "median_s": 1230.0, "mean_s": 1110.0, "p90_s": 1596.0, "max_s": 1740.0},
    "walk": {"count": 3, "median_s": 120.0, "mean_s": 100.0, "p90_s": 168.0, "max_s": 180.0},
    "service": {"count": 3, "median_s": 540.0, "mean_s": 400.0, "p90_s": 588.0, "max_s": 600.0},
    "over_service_level": 3,
    "over_service_level_pct": 75.0,
}


def subset(actual: dict[str, object], expected: dict[str, object]) -> dict[str, object]:
    return {k: actual[k] for k in expected}
