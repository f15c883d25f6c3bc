"""The queue report on a real desk database: a scripted morning with a controlled clock, checked exactly."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.domain.errors import ValidationError
from app.services.queue.calling import act, issue_ticket, walk_in
from app.services.queue.context import QueueContext
from app.services.queue.report import build_report, durations, queue_report
from tests.queue.report_day import BY_SERVICE, TOTAL, play_morning, subset
from tests.support import FixedClock

MONDAY = date(2026, 3, 2)


def test_scripted_morning_by_service(queue: QueueContext, clock: FixedClock) -> None:
    play_morning(queue, clock)
    report = queue_report(queue, MONDAY, MONDAY, by="service").as_dict()
    groups = {g["key"]: g for g in report["groups"]}
    assert list(groups)[:2] == ["Q1", "Q2"]
    for code, expected in BY_SERVICE.items():
        assert subset(groups[code], expected) == expected, code
    assert subset(report["total"], TOTAL) == TOTAL
    assert report["total"]["idle_s"] is None
    assert groups["Q1"]["label"].startswith("Q1 ")


def test_by_counter_and_officer_with_idle_time(queue: QueueContext, clock: FixedClock) -> None:
    play_morning(queue, clock)
    for by, one, two in (("counter", "1", "2"), ("officer", "lan.nguyen", "minh.tran")):
        report = queue_report(queue, MONDAY, MONDAY, by=by).as_dict()
        groups = {g["key"]: g for g in report["groups"]}
        assert set(groups) == {one, two}, by
        first, second = groups[one], groups[two]
        # Counter 1 called A002, A001 and A003 first: their waits count there.
        assert (first["issued"], first["wait"]["count"], first["wait"]["max_s"]) == (3, 3, 1260.0)
        assert (first["served"], first["no_show"], first["transferred"], first["recycled"]) == (1, 1, 1, 1)
        # Idle: 17->20, 22->24, 25->26 at counter 1; 32->33 at counter 2.
        assert (first["idle_s"], second["idle_s"]) == (360.0, 60.0)
        # A001's service is split: 3 min at counter 1 before the transfer, 6 at counter 2.
        assert first["service"]["count"] == 2 and first["service"]["max_s"] == 600.0
        assert (second["served"], second["service"]["max_s"], second["service"]["median_s"]) == (
            2,
            360.0,
            210.0,
        )
        assert report["total"]["idle_s"] == 420.0


def test_priority_classes_hours_and_service_level(queue: QueueContext, clock: FixedClock) -> None:
    play_morning(queue, clock)
    report = queue_report(queue, MONDAY, MONDAY, by="hour", service_level_min=20).as_dict()
    assert [g["key"] for g in report["groups"]] == ["08"]
    assert report["groups"][0]["label"] == "08:00-09:00"
    # Over 20 minutes: 21 and 29 (exactly 20 is not over).
    assert (report["total"]["over_service_level"], report["total"]["over_service_level_pct"]) == (2, 50.0)
    priorities = {g["key"]: g for g in report["priorities"]}
    assert list(priorities) == ["normal", "elderly"]
    assert (priorities["elderly"]["issued"], priorities["elderly"]["wait"]["median_s"]) == (1, 240.0)
    assert priorities["normal"]["issued"] == 3
    by_priority = queue_report(queue, MONDAY, MONDAY, by="priority").as_dict()
    assert [g["key"] for g in by_priority["groups"]] == ["normal", "elderly"]


def test_local_days_split_at_local_midnight(queue: QueueContext, clock: FixedClock) -> None:
    clock.moment = datetime(2026, 3, 2, 16, 50, tzinfo=UTC)  # 23:50 local, Monday
    issue_ticket(queue, "Q1")
    clock.moment = datetime(2026, 3, 2, 17, 10, tzinfo=UTC)  # 00:10 local, Tuesday (still Monday in UTC)
    issue_ticket(queue, "Q1")
    report = queue_report(queue, MONDAY, date(2026, 3, 3), by="day").as_dict()
    assert [(g["key"], g["issued"]) for g in report["groups"]] == [("2026-03-02", 1), ("2026-03-03", 1)]
    monday = queue_report(queue, MONDAY, MONDAY, by="hour").as_dict()
    assert [(g["key"], g["issued"]) for g in monday["groups"]] == [("23", 1)]
    tuesday = queue_report(queue, date(2026, 3, 3), date(2026, 3, 3), by="hour").as_dict()
    assert [(g["key"], g["issued"]) for g in tuesday["groups"]] == [("00", 1)]


def test_walk_ins_have_no_wait_and_are_counted_apart(queue: QueueContext, clock: FixedClock) -> None:
    walk_in(queue, 2, "Q2", "minh.tran")
    clock.advance(minutes=4)
    act(queue, 2, "complete", "minh.tran")
    report = queue_report(queue, MONDAY, MONDAY).as_dict()
    total = report["total"]
    assert (total["issued"], total["walk_ins"], total["served"], total["wait"]["count"]) == (0, 1, 1, 0)
    assert total["service"]["median_s"] == 240.0


def test_an_empty_range_and_bad_input(queue: QueueContext) -> None:
    report = queue_report(queue, MONDAY, MONDAY).as_dict()
    assert report["groups"] == [] and report["total"]["issued"] == 0
    assert report["total"]["wait"] == {
        "count": 0,
        "median_s": None,
        "mean_s": None,
        "p90_s": None,
        "max_s": None,
    }
    with pytest.raises(ValidationError, match="before"):
        queue_report(queue, MONDAY, date(2026, 3, 1))
    with pytest.raises(ValidationError, match="grouping"):
        queue_report(queue, MONDAY, MONDAY, by="weekday")
    with pytest.raises(ValidationError, match="service_level"):
        build_report([], office_code="X", first=MONDAY, last=MONDAY, service_level_min=0)


def test_durations_interpolate_like_numpy() -> None:
    assert durations([60_000]).p90_s == 60.0
    assert durations([0, 10_000, 20_000, 30_000, 40_000]).as_dict() == {
        "count": 5,
        "median_s": 20.0,
        "mean_s": 20.0,
        "p90_s": 36.0,
        "max_s": 40.0,
    }
