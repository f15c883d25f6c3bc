from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.datafiles.calendar import load_schedules
from app.domain.calendar import (
    DEFAULT_SESSIONS,
    DayInfo,
    DueMethod,
    Session,
    WorkingCalendar,
    YearSchedule,
)
from app.domain.errors import ValidationError
from app.domain.timelimit import TimeLimit, TimeUnit

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@cache
def official() -> WorkingCalendar:
    """The calendar the counter runs with: bundled schedules, statutory days for other years."""
    return WorkingCalendar(load_schedules())


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=VN)


def days(value: float) -> TimeLimit:
    return TimeLimit(value, TimeUnit.WORKING_DAYS)


def hours(value: float) -> TimeLimit:
    return TimeLimit(value, TimeUnit.WORKING_HOURS)


CALENDAR_DAYS = TimeUnit.CALENDAR_DAYS
SAME_DAY = TimeLimit(0, TimeUnit.SAME_DAY)


# -- the worked examples ----------------------------------------------------------------------------


def test_five_working_days_across_tet_2026() -> None:
    # Thu 12/2 15:30; Tết 2026 is off Sat 14/2 - Sun 22/2: Thu 12, Fri 13, Mon 23, Tue 24, Wed 25, Thu 26.
    due = official().due(at(2026, 2, 12, 15, 30), days(5))
    assert due == at(2026, 2, 26, 15, 30)
    assert due.tzinfo == VN


def test_a_due_that_fills_a_day_stays_at_its_end() -> None:
    cal = official()
    assert cal.due(at(2026, 3, 2, 7), hours(8)) == at(2026, 3, 2, 17)
    assert cal.due(at(2026, 3, 2, 7), days(1)) == at(2026, 3, 2, 17)
    assert cal.add_working_minutes(at(2026, 3, 2, 7), 270) == at(2026, 3, 2, 11, 30)
    assert cal.add_working_minutes(at(2026, 3, 2, 7), 271) == at(2026, 3, 2, 13, 31)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (at(2026, 3, 3, 6, 15), at(2026, 3, 3, 17)),  # before opening: counts from 07:00
        (at(2026, 3, 3, 9, 0), at(2026, 3, 4, 9)),  # inside a session
        (at(2026, 3, 3, 11, 30), at(2026, 3, 4, 11, 30)),  # at the close of the morning: from 13:30
        (at(2026, 3, 3, 12, 10), at(2026, 3, 4, 11, 30)),  # lunch: from 13:30, ends with Wednesday morning
        (at(2026, 3, 3, 17, 0), at(2026, 3, 4, 17)),  # at closing: from the next morning
        (at(2026, 3, 3, 21, 45), at(2026, 3, 4, 17)),  # evening
        (at(2026, 3, 6, 16, 0), at(2026, 3, 9, 16)),  # Friday afternoon: over the weekend
        (at(2026, 3, 7, 10, 0), at(2026, 3, 9, 17)),  # Saturday: from Monday morning
    ],
)
def test_receipt_moment_rules(received: datetime, expected: datetime) -> None:
    assert official().due(received, days(1)) == expected


def test_working_hours_skip_lunch() -> None:
    # 10:00-11:30 is 90 minutes, the remaining 150 run 13:30-16:00.
    assert official().due(at(2026, 3, 2, 10), hours(4)) == at(2026, 3, 2, 16)
    assert official().due(at(2026, 3, 2, 10), hours(1.5)) == at(2026, 3, 2, 11, 30)


def test_half_a_working_day_is_four_hours() -> None:
    assert official().due(at(2026, 3, 2, 7), days(0.5)) == at(2026, 3, 2, 11)


def test_seconds_are_kept() -> None:
    assert official().due(at(2026, 3, 2, 9, 0, 45), hours(2)) == at(2026, 3, 2, 11, 0, 45)


def test_other_zones_are_converted() -> None:
    received = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội
    due = official().due(received, hours(1))
    assert due == at(2026, 3, 2, 9)
    assert due.utcoffset() == timedelta(hours=7)


# -- the official schedule --------------------------------------------------------------------------


def test_make_up_saturday_is_worked() -> None:
    # Sat 10/1/2026 is worked in exchange for Fri 2/1: 60 min on Friday 9/1, the rest on Saturday.
    assert official().due(at(2026, 1, 9, 16), days(1)) == at(2026, 1, 10, 16)


def test_swapped_friday_is_not_worked() -> None:
    # 1/1 holiday, 2/1 swapped, 3-4/1 weekend.
    assert official().due(at(2025, 12, 31, 16), days(1)) == at(2026, 1, 5, 16)


def test_national_day_2026_break() -> None:
    # Off Sat 29/8 - Wed 2/9 (Mon 31/8 swapped for Sat 22/8).
    cal = official()
    assert cal.due(at(2026, 8, 28, 10), days(1)) == at(2026, 9, 3, 10)
    assert cal.due(at(2026, 8, 21, 16), hours(2)) == at(2026, 8, 22, 8)


def test_tet_2025_had_no_swap() -> None:
    # The five Tết days were 27-31/1; Sat 8/2/2025 was not a make-up day.
    cal = official()
    assert not cal.is_workday(date(2025, 2, 8))
    assert cal.is_workday(date(2025, 2, 3))
    assert cal.due(at(2025, 1, 24, 9), days(2)) == at(2025, 2, 4, 9)


def test_statutory_year_without_a_decision() -> None:
    cal = official()
    # Tết 2027 computed: Fri 5/2 - Tue 9/2, nghỉ bù Wed 10/2 and Thu 11/2.
    assert cal.due(at(2027, 2, 4, 9), days(1)) == at(2027, 2, 12, 9)
    assert cal.day(date(2027, 2, 10)).reason == "compensatory:tet"


# -- END_OF_DAY -------------------------------------------------------------------------------------


def test_end_of_day_skips_the_day_of_receipt() -> None:
    cal = official()
    end = DueMethod.END_OF_DAY
    assert cal.due(at(2026, 3, 2, 9), days(3), end) == at(2026, 3, 5, 17)
    assert cal.due(at(2026, 3, 2, 6), days(1), end) == at(2026, 3, 3, 17)
    assert cal.due(at(2026, 3, 7, 10), days(1), end) == at(2026, 3, 9, 17)  # Saturday -> Monday
    assert cal.due(at(2026, 8, 28, 10), days(1), end) == at(2026, 9, 3, 17)
    # Fri 13/2 is day 1, then Mon 23 - Thu 26 after Tết.
    assert cal.due(at(2026, 2, 12, 15, 30), days(5), end) == at(2026, 2, 26, 17)


def test_end_of_day_rounds_half_days_up_and_ends_hours_at_closing() -> None:
    cal = official()
    end = DueMethod.END_OF_DAY
    assert cal.due(at(2026, 3, 2, 9), days(0.5), end) == at(2026, 3, 3, 17)
    assert cal.due(at(2026, 3, 2, 9), days(2.5), end) == at(2026, 3, 5, 17)
    assert cal.due(at(2026, 3, 2, 9), hours(4), end) == at(2026, 3, 2, 17)
    assert cal.due(at(2026, 3, 2, 15), hours(4), end) == at(2026, 3, 3, 17)


def test_method_accepts_its_string_value() -> None:
    assert official().due(at(2026, 3, 2, 9), days(1), DueMethod("end_of_day")) == at(2026, 3, 3, 17)


# -- CALENDAR_DAYS and SAME_DAY ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "value", "expected"),
    [
        (at(2026, 3, 2, 10), 10, at(2026, 3, 12, 17)),  # first day not counted
        (at(2026, 3, 2, 18), 1, at(2026, 3, 3, 17)),  # the hour does not matter
        (at(2026, 3, 4, 10), 3, at(2026, 3, 9, 17)),  # lands on Saturday -> Monday
        (at(2026, 2, 9, 10), 7, at(2026, 2, 23, 17)),  # lands in Tết -> first day after
        (at(2026, 3, 7, 10), 2, at(2026, 3, 9, 17)),  # received on Saturday
        (at(2026, 3, 2, 10), 0.5, at(2026, 3, 3, 17)),  # half a day: a day
        (at(2026, 8, 20, 10), 2, at(2026, 8, 22, 17)),  # make-up Saturday is a working day
    ],
)
def test_calendar_days(received: datetime, value: float, expected: datetime) -> None:
    assert official().due(received, TimeLimit(value, CALENDAR_DAYS)) == expected


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (at(2026, 3, 2, 14, 59), at(2026, 3, 2, 17)),
        (at(2026, 3, 2, 6, 30), at(2026, 3, 2, 17)),
        (at(2026, 3, 2, 15, 0), at(2026, 3, 3, 17)),  # at the cut-off: next working day
        (at(2026, 3, 6, 16, 0), at(2026, 3, 9, 17)),  # Friday late -> Monday
        (at(2026, 3, 7, 9, 0), at(2026, 3, 9, 17)),  # Saturday -> Monday
        (at(2026, 2, 13, 16, 0), at(2026, 2, 23, 17)),  # before Tết -> after Tết
        (at(2026, 1, 10, 9, 0), at(2026, 1, 10, 17)),  # make-up Saturday
    ],
)
def test_same_day(received: datetime, expected: datetime) -> None:
    assert official().due(received, SAME_DAY) == expected


def test_same_day_cutoff_is_configurable() -> None:
    cal = WorkingCalendar(same_day_cutoff=time(16, 30))
    assert cal.due(at(2026, 3, 2, 16), SAME_DAY) == at(2026, 3, 2, 17)
    assert WorkingCalendar(same_day_cutoff=time(17)).due(at(2026, 3, 2, 16, 59), SAME_DAY) == at(
        2026, 3, 2, 17
    )
    with pytest.raises(ValidationError, match="after the counter closes"):
        WorkingCalendar(same_day_cutoff=time(17, 30))


# -- days -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "workday", "reason", "name_vi"),
    [
        (date(2026, 3, 2), True, "workday", None),
        (date(2026, 3, 7), False, "weekend", "Thứ Bảy"),
        (date(2026, 3, 8), False, "weekend", "Chủ nhật"),
        (date(2026, 2, 17), False, "holiday:tet", "Tết Nguyên đán"),
        (date(2026, 2, 14), False, "holiday:tet", "Tết Nguyên đán"),  # a Saturday inside the decision
        (date(2026, 4, 27), False, "compensatory:hung_kings", "Nghỉ bù Giỗ Tổ Hùng Vương"),
        (date(2026, 1, 10), True, "makeup_workday", "Ngày làm việc bù (thay cho ngày 02/01/2026)"),
        (date(2026, 8, 31), False, "swap:national_day", "Nghỉ Quốc khánh (hoán đổi với thứ Bảy 22/08/2026)"),
        (date(2028, 1, 26), False, "holiday:tet", "Tết Nguyên đán"),  # no file: computed
    ],
)
def test_day_info(day: date, workday: bool, reason: str, name_vi: str | None) -> None:
    info = official().day(day)
    assert (info.date, info.workday, info.reason, info.name_vi) == (day, workday, reason, name_vi)
    assert (info.name_en is None) == (name_vi is None)
    assert official().is_workday(day) is workday


def test_special_days_lists_the_year() -> None:
    special = official().special_days(2026)
    assert [d.date for d in special] == sorted(d.date for d in special)
    assert all(isinstance(d, DayInfo) and d.reason not in ("workday", "weekend") for d in special)
    assert sum(not d.workday for d in special) == 1 + 1 + 9 + 2 + 2 + 1 + 2
    assert [d.date for d in special if d.workday] == [date(2026, 1, 10), date(2026, 8, 22)]


def test_no_schedule_means_statutory() -> None:
    plain = WorkingCalendar()
    assert plain.day(date(2026, 2, 14)).reason == "weekend"  # the decision is not loaded
    assert plain.day(date(2026, 2, 16)).reason == "holiday:tet"
    assert plain.is_workday(date(2026, 1, 2))
    assert plain.schedule_for(2026) is None
    assert official().schedule_for(2026) is not None


def test_next_workday_and_end_of_day() -> None:
    cal = official()
    assert cal.next_workday(date(2026, 2, 13)) == date(2026, 2, 23)
    assert cal.end_of_day(date(2026, 3, 2)) == at(2026, 3, 2, 17)


# -- working time -----------------------------------------------------------------------------------


def test_next_working_moment() -> None:
    cal = official()
    assert cal.next_working_moment(at(2026, 3, 2, 9, 5)) == at(2026, 3, 2, 9, 5)
    assert cal.next_working_moment(at(2026, 3, 2, 7)) == at(2026, 3, 2, 7)
    assert cal.next_working_moment(at(2026, 3, 2, 11, 30)) == at(2026, 3, 2, 13, 30)
    assert cal.next_working_moment(at(2026, 3, 2, 17)) == at(2026, 3, 3, 7)
    assert cal.next_working_moment(at(2026, 2, 13, 17, 5)) == at(2026, 2, 23, 7)


def test_working_minutes_between() -> None:
    cal = official()
    assert cal.working_minutes_between(at(2026, 3, 2, 7), at(2026, 3, 2, 17)) == 480
    assert cal.working_minutes_between(at(2026, 3, 2, 0), at(2026, 3, 3, 0)) == 480
    assert cal.working_minutes_between(at(2026, 3, 6, 16), at(2026, 3, 9, 8)) == 120
    assert cal.working_minutes_between(at(2026, 2, 12, 15, 30), at(2026, 2, 26, 15, 30)) == 5 * 480
    assert cal.working_minutes_between(at(2026, 3, 9, 8), at(2026, 3, 6, 16)) == -120
    assert cal.working_minutes_between(at(2026, 3, 7, 8), at(2026, 3, 8, 16)) == 0
    assert cal.working_minutes_between(at(2026, 3, 2, 9, 0, 30), at(2026, 3, 2, 9, 2)) == 1


def test_add_working_minutes_edges() -> None:
    cal = official()
    assert cal.add_working_minutes(at(2026, 3, 2, 17, 30), 0) == at(2026, 3, 3, 7)
    with pytest.raises(ValidationError, match="negative"):
        cal.add_working_minutes(at(2026, 3, 2, 9), -1)


def test_naive_datetimes_are_refused() -> None:
    cal = official()
    naive = datetime(2026, 3, 2, 9)
    with pytest.raises(ValidationError, match="received_at"):
        cal.due(naive, days(1))
    with pytest.raises(ValidationError, match="timezone-aware"):
        cal.next_working_moment(naive)
    with pytest.raises(ValidationError):
        cal.add_working_minutes(naive, 10)
    with pytest.raises(ValidationError):
        cal.working_minutes_between(at(2026, 3, 2, 9), naive)


# -- configuration ----------------------------------------------------------------------------------


def test_minutes_per_day_follows_the_sessions() -> None:
    assert official().minutes_per_day == 480
    assert sum(s.minutes for s in DEFAULT_SESSIONS) == 480
    one = WorkingCalendar(sessions=[Session(time(7, 30), time(16, 30))])
    assert one.minutes_per_day == 540
    assert one.due(at(2026, 3, 2, 7, 30), days(1)) == at(2026, 3, 2, 16, 30)
    assert one.due(at(2026, 3, 2, 12), SAME_DAY) == at(2026, 3, 2, 16, 30)


@pytest.mark.parametrize(
    "sessions",
    [
        [],
        [Session(time(7), time(12)), Session(time(11), time(17))],
        [Session(time(13), time(17)), Session(time(7), time(11))],
    ],
)
def test_bad_sessions(sessions: list[Session]) -> None:
    with pytest.raises(ValidationError, match="session"):
        WorkingCalendar(sessions=sessions)


def test_bad_session() -> None:
    with pytest.raises(ValidationError, match="before end"):
        Session(time(12), time(12))
    with pytest.raises(ValidationError, match="whole minutes"):
        Session(time(7, 0, 30), time(12))
    with pytest.raises(ValidationError, match="wall-clock"):
        Session(time(7, tzinfo=VN), time(12))


def _schedule(year: int, **overrides: object) -> YearSchedule:
    data: dict[str, object] = {
        "format": 1,
        "year": year,
        "complete": False,
        "sources": [{"id": "test", "title": "Test", "urls": ["https://example.invalid/x"]}],
    }
    data.update(overrides)
    return YearSchedule.from_mapping(data, f"test/{year}.toml")


def test_make_up_day_on_a_statutory_holiday_is_refused_at_construction() -> None:
    # 1/5/2027 is a Saturday and a statutory holiday: it cannot also be worked.
    schedule = _schedule(
        2027,
        makeup_workdays=[{"date": date(2027, 5, 1), "confidence": "low", "sources": ["test"]}],
    )
    with pytest.raises(ValidationError, match=r"test/2027\.toml.*2027-05-01.*labour_day"):
        WorkingCalendar({2027: schedule})


def test_schedule_under_the_wrong_year_is_refused() -> None:
    with pytest.raises(ValidationError, match="registered as 2028"):
        WorkingCalendar({2028: _schedule(2027)})


def test_partial_schedule_adds_to_the_statutory_days() -> None:
    schedule = _schedule(
        2028,
        days_off=[
            {"date": date(2028, 11, 24), "key": "culture_day", "confidence": "low", "sources": ["test"]}
        ],
    )
    cal = WorkingCalendar({2028: schedule})
    assert cal.day(date(2028, 11, 24)).reason == "holiday:culture_day"
    assert cal.day(date(2028, 11, 24)).name_en == "Vietnamese Culture Day"
    assert cal.day(date(2028, 1, 1)).reason == "holiday:new_year"  # still statutory


# -- properties -------------------------------------------------------------------------------------

LIMITS = st.one_of(
    st.builds(days, st.integers(1, 40).map(lambda n: n / 2)),
    st.builds(hours, st.integers(1, 120).map(lambda n: n / 4)),
    st.builds(lambda n: TimeLimit(n, CALENDAR_DAYS), st.integers(1, 60)),
    st.just(SAME_DAY),
)
MOMENTS = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 10, 31)).map(
    lambda d: d.replace(microsecond=0, tzinfo=VN)
)
METHODS = st.sampled_from(DueMethod)


def _inside_or_at_end_of_a_session(cal: WorkingCalendar, moment: datetime) -> bool:
    local = moment.astimezone(VN)
    if not cal.is_workday(local.date()):
        return False
    clock = local.time()
    return any(s.start < clock <= s.end for s in cal.sessions)


@given(MOMENTS, LIMITS, METHODS)
def test_due_is_inside_or_at_the_end_of_a_session_on_a_working_day(
    received: datetime, limit: TimeLimit, method: DueMethod
) -> None:
    cal = official()
    due = cal.due(received, limit, method)
    assert due.tzinfo == VN
    assert due > received
    assert _inside_or_at_end_of_a_session(cal, due)


@given(MOMENTS, st.integers(0, 7 * 24 * 3600), LIMITS, METHODS)
def test_due_is_monotonic_in_the_receipt(
    received: datetime, later_by: int, limit: TimeLimit, method: DueMethod
) -> None:
    cal = official()
    later = received + timedelta(seconds=later_by)
    assert cal.due(received, limit, method) <= cal.due(later, limit, method)


@given(MOMENTS, st.integers(1, 40 * 480))
def test_working_minutes_between_inverts_add(received: datetime, minutes: int) -> None:
    cal = official()
    due = cal.add_working_minutes(received, minutes)
    assert cal.working_minutes_between(received, due) == minutes


@given(MOMENTS, st.integers(1, 40).map(lambda n: n / 2))
def test_working_days_due_spends_exactly_the_limit(received: datetime, value: float) -> None:
    cal = official()
    received = cal.next_working_moment(received)  # inside a session (filtering would starve hypothesis)
    due = cal.due(received, days(value))
    assert cal.working_minutes_between(received, due) == round(value * 480)


@given(MOMENTS, st.integers(0, 3000), st.integers(1, 3000))
def test_adding_in_two_steps_is_adding_once(received: datetime, first: int, second: int) -> None:
    cal = official()
    step = cal.add_working_minutes(received, first)
    assert cal.add_working_minutes(step, second) == cal.add_working_minutes(received, first + second)


@given(MOMENTS)
def test_next_working_moment_is_idempotent(moment: datetime) -> None:
    cal = official()
    start = cal.next_working_moment(moment)
    assert start >= moment
    assert cal.next_working_moment(start) == start
    assert cal.working_minutes_between(moment, start) == 0
