"""Working time and the due date (ngày hẹn trả) of a dossier.

The rules are those of domain.md §4: a working day is the configured sessions (07:00-11:30 and
13:30-17:00 by default, 8 hours) on a day that is neither a weekend day nor a day off; time limits in
working days or hours run through working time only; limits in calendar days follow Civil Code
Art. 147-148; "same day" procedures received after the cut-off (15:00) are returned the next working
day.

Arithmetic is done on local wall-clock time in the configured zone. Asia/Ho_Chi_Minh has had no
daylight saving since 1975, so a local day always has 24 hours and a session its nominal length.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType
from zoneinfo import ZoneInfo

from app.domain.calendar.holidays import FixedHoliday, statutory_holidays
from app.domain.calendar.schedule import YearSchedule
from app.domain.errors import DomainError, ValidationError
from app.domain.timelimit import TimeLimit, TimeUnit

__all__ = [
    "DEFAULT_SAME_DAY_CUTOFF",
    "DEFAULT_SESSIONS",
    "VN_TIMEZONE",
    "DayInfo",
    "DueMethod",
    "Session",
    "WorkingCalendar",
]

VN_TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_SAME_DAY_CUTOFF = time(15, 0)
_SATURDAY = 5
# Tết plus its weekends is at most ~10 days off in a row; a gap this long means a broken calendar,
# and looping on would hang the counter instead of saying so.
_MAX_DAYS_WITHOUT_WORK = 60
_WEEKDAY_NAMES = (
    ("Thứ Hai", "Monday"),
    ("Thứ Ba", "Tuesday"),
    ("Thứ Tư", "Wednesday"),
    ("Thứ Năm", "Thursday"),
    ("Thứ Sáu", "Friday"),
    ("Thứ Bảy", "Saturday"),
    ("Chủ nhật", "Sunday"),
)
_NO_SCHEDULES: Mapping[int, YearSchedule] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Session:
    """One block of counter hours, [start, end), in local time."""

    start: time
    end: time

    def __post_init__(self) -> None:
        for value in (self.start, self.end):
            if value.tzinfo is not None:
                raise ValidationError("session", f"session times are local wall-clock times, got {value}")
            if value.second or value.microsecond:
                raise ValidationError("session", f"session times are whole minutes, got {value}")
        if self.start >= self.end:
            raise ValidationError("session", f"start {self.start:%H:%M} must be before end {self.end:%H:%M}")

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


DEFAULT_SESSIONS = (Session(time(7, 0), time(11, 30)), Session(time(13, 30), time(17, 0)))


@dataclass(frozen=True, slots=True)
class DayInfo:
    """What a date is at the counter.

    reason: "workday", "weekend", "makeup_workday", "holiday:<key>", "compensatory:<key>" or
    "swap:<key>" (a working day given off in exchange for a make-up Saturday).
    """

    date: date
    workday: bool
    reason: str
    name_vi: str | None = None
    name_en: str | None = None


class DueMethod(StrEnum):
    WORKING_TIME = "working_time"  # add the limit as working minutes to the moment of receipt
    END_OF_DAY = "end_of_day"  # skip the day of receipt, return at the close of the Nth working day


class WorkingCalendar:
    """Working days and working time, from the official schedules plus the statutory default.

    `schedules` maps a year to its official schedule; a year without one uses the computed statutory
    holidays (`holidays.statutory_holidays`), plus `extra_holidays` (e.g. `CULTURE_DAY` once enacted).
    `tz` defaults to Asia/Ho_Chi_Minh, looked up when a calendar is built, not when this module is
    imported (reading the zone database is I/O).
    """

    def __init__(
        self,
        schedules: Mapping[int, YearSchedule] = _NO_SCHEDULES,
        sessions: Sequence[Session] = DEFAULT_SESSIONS,
        tz: ZoneInfo | None = None,
        same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF,
        *,
        extra_holidays: Sequence[FixedHoliday] = (),
    ) -> None:
        self._sessions = tuple(sessions)
        if not self._sessions:
            raise ValidationError("sessions", "at least one working session is needed")
        for earlier, later in zip(self._sessions, self._sessions[1:], strict=False):
            if later.start < earlier.end:
                raise ValidationError(
                    "sessions",
                    f"sessions must be in order and not overlap: {earlier.start:%H:%M}-{earlier.end:%H:%M} "
                    f"then {later.start:%H:%M}-{later.end:%H:%M}",
                )
        if same_day_cutoff.tzinfo is not None:
            raise ValidationError("same_day_cutoff", "is a local wall-clock time; give it without a zone")
        if same_day_cutoff > self._sessions[-1].end:
            # A receipt after closing but before such a cut-off would be due at a closing already past.
            raise ValidationError(
                "same_day_cutoff",
                f"{same_day_cutoff:%H:%M} is after the counter closes ({self._sessions[-1].end:%H:%M})",
            )
        for year, schedule in schedules.items():
            if schedule.year != year:
                raise ValidationError(
                    schedule.source_name, f"is the schedule of {schedule.year}, registered as {year}"
                )
        self._schedules = dict(schedules)
        self._tz = tz if tz is not None else ZoneInfo(VN_TIMEZONE)
        self._cutoff = same_day_cutoff
        self._extra = tuple(extra_holidays)
        self._minutes_per_day = sum(s.minutes for s in self._sessions)
        # Per instance, filled lazily: a year's special days are computed once.
        self._years: dict[int, dict[date, DayInfo]] = {}
        self._workdays: dict[date, bool] = {}
        # A schedule that contradicts the statutory set must fail now, not at the first receipt
        # that happens to touch the broken date.
        for year in self._schedules:
            self._special_days(year)

    # -- days ---------------------------------------------------------------------------------------

    @property
    def tz(self) -> ZoneInfo:
        return self._tz

    @property
    def sessions(self) -> tuple[Session, ...]:
        return self._sessions

    @property
    def minutes_per_day(self) -> int:
        return self._minutes_per_day

    def schedule_for(self, year: int) -> YearSchedule | None:
        return self._schedules.get(year)

    def _special_days(self, year: int) -> dict[date, DayInfo]:
        cached = self._years.get(year)
        if cached is not None:
            return cached
        schedule = self._schedules.get(year)
        if schedule is not None and schedule.complete:
            days_off = schedule.holidays()
        else:
            days_off = {h.date: h for h in statutory_holidays(year, extra=self._extra)}
            if schedule is not None:
                days_off.update(schedule.holidays())
        special = {d: DayInfo(d, False, h.reason, h.name_vi, h.name_en) for d, h in days_off.items()}
        if schedule is not None:
            for day, makeup in schedule.makeup_dates().items():
                clash = days_off.get(day)
                if clash is not None:
                    raise ValidationError(
                        schedule.source_name,
                        f"make-up working day {day.isoformat()} is also the statutory day off {clash.code}; "
                        "list the year in full (complete = true) or move the make-up day",
                    )
                special[day] = DayInfo(day, True, "makeup_workday", makeup.name_vi, makeup.name_en)
        self._years[year] = special
        return special

    def day(self, d: date) -> DayInfo:
        found = self._special_days(d.year).get(d)
        if found is not None:
            return found
        if d.weekday() >= _SATURDAY:
            return DayInfo(d, False, "weekend", *_WEEKDAY_NAMES[d.weekday()])
        return DayInfo(d, True, "workday")

    def is_workday(self, d: date) -> bool:
        # Hot: every due date asks it day by day; a dict lookup instead of building a DayInfo.
        known = self._workdays.get(d)
        if known is None:
            known = self._workdays[d] = self.day(d).workday
        return known

    def special_days(self, year: int) -> tuple[DayInfo, ...]:
        """Every day off and make-up working day of `year` (not the ordinary weekends), by date."""
        return tuple(sorted(self._special_days(year).values(), key=lambda info: info.date))

    def next_workday(self, d: date) -> date:
        """The first working day strictly after `d`."""
        day = d
        for _ in range(_MAX_DAYS_WITHOUT_WORK):
            day += timedelta(days=1)
            if self.is_workday(day):
                return day
        raise DomainError(f"no working day within {_MAX_DAYS_WITHOUT_WORK} days after {d.isoformat()}")

    def end_of_day(self, d: date) -> datetime:
        """The close of the last session of `d`, as an aware datetime (whether or not `d` is worked)."""
        return datetime.combine(d, self._sessions[-1].end, tzinfo=self._tz)

    # -- time ---------------------------------------------------------------------------------------

    def _local(self, at: datetime, field: str) -> datetime:
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValidationError(field, f"must be timezone-aware, got the naive {at.isoformat()}")
        return at.astimezone(self._tz).replace(tzinfo=None)

    def _aware(self, local: datetime) -> datetime:
        return local.replace(tzinfo=self._tz)

    def _next_moment(self, local: datetime) -> datetime:
        day, clock = local.date(), local.time()
        for _ in range(_MAX_DAYS_WITHOUT_WORK):
            if self.is_workday(day):
                for session in self._sessions:
                    if clock < session.end:
                        return datetime.combine(day, max(clock, session.start))
            day += timedelta(days=1)
            clock = time.min
        raise DomainError(f"no working time within {_MAX_DAYS_WITHOUT_WORK} days after {local.isoformat()}")

    def _session_end(self, local: datetime) -> datetime:
        """The end of the session that contains `local` (which `_next_moment` returned)."""
        clock = local.time()
        for session in self._sessions:
            if session.start <= clock < session.end:
                return datetime.combine(local.date(), session.end)
        raise AssertionError(f"{local.isoformat()} is not inside a session")  # pragma: no cover

    def _add(self, local: datetime, amount: timedelta) -> datetime:
        current = self._next_moment(local)
        remaining = amount
        whole_day = timedelta(minutes=self._minutes_per_day)
        opening = self._sessions[0].start
        while True:
            if remaining > whole_day and current.time() == opening:
                # A whole working day fits: hop to the next opening instead of walking its sessions.
                remaining -= whole_day
                current = datetime.combine(self.next_workday(current.date()), opening)
                continue
            session_end = self._session_end(current)
            available = session_end - current
            # `<=`: a due that uses up a session exactly stays at its end (8 h from Monday 07:00 is
            # Monday 17:00, not Tuesday 07:00).
            if remaining <= available:
                return current + remaining
            remaining -= available
            current = self._next_moment(session_end)

    def next_working_moment(self, at: datetime) -> datetime:
        """`at` itself if it is inside a session, else the start of the next session."""
        return self._aware(self._next_moment(self._local(at, "at")))

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        """The moment `minutes` of working time after `start` (counted from the next working moment)."""
        if minutes < 0:
            raise ValidationError("minutes", f"must not be negative, got {minutes}")
        return self._aware(self._add(self._local(start, "start"), timedelta(minutes=minutes)))

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Whole minutes of working time in [start, end); negative when `end` is before `start`."""
        local_start, local_end = self._local(start, "start"), self._local(end, "end")
        if local_end < local_start:
            return -self.working_minutes_between(end, start)
        total = timedelta(0)
        day = local_start.date()
        while day <= local_end.date():
            if self.is_workday(day):
                for session in self._sessions:
                    lower = max(local_start, datetime.combine(day, session.start))
                    upper = min(local_end, datetime.combine(day, session.end))
                    if upper > lower:
                        total += upper - lower
            day += timedelta(days=1)
        return total // timedelta(minutes=1)

    # -- the due date -------------------------------------------------------------------------------

    def due(
        self, received_at: datetime, limit: TimeLimit, method: DueMethod = DueMethod.WORKING_TIME
    ) -> datetime:
        """The appointment (hẹn trả) for a complete dossier received at `received_at`.

        WORKING_DAYS / WORKING_HOURS: WORKING_TIME adds value x minutes_per_day (or x 60) working
        minutes to the receipt; END_OF_DAY skips the day of receipt and returns at the close of the
        Nth following working day (a half day counts as a whole one; hours end at the close of the
        working day in which they run out). CALENDAR_DAYS: the close of (date received + N days),
        moved to the next working day if that is not one; the day of receipt is not counted (Civil
        Code Art. 147-148). SAME_DAY: the close of the day of receipt if that is a working day and
        the receipt is before the cut-off, otherwise the close of the next working day.
        """
        local = self._local(received_at, "received_at")
        method = DueMethod(method)
        unit = limit.unit
        if unit is TimeUnit.SAME_DAY:
            target = local.date()
            if not (self.is_workday(target) and local.time() < self._cutoff):
                target = self.next_workday(target)
            return self.end_of_day(target)
        if unit is TimeUnit.CALENDAR_DAYS:
            target = local.date() + timedelta(days=math.ceil(limit.value))
            if not self.is_workday(target):
                target = self.next_workday(target)
            return self.end_of_day(target)

        per_unit = self._minutes_per_day if unit is TimeUnit.WORKING_DAYS else 60
        # Whole seconds: 1.3 h must be 78 min exactly, not 78 min and a float's worth of microseconds.
        amount = timedelta(seconds=round(limit.value * per_unit * 60))
        if method is DueMethod.WORKING_TIME:
            return self._aware(self._add(local, amount))
        if unit is TimeUnit.WORKING_DAYS:
            first = self.next_workday(local.date())
            opening = datetime.combine(first, self._sessions[0].start)
            whole_days = timedelta(minutes=math.ceil(limit.value) * self._minutes_per_day)
            return self._aware(self._add(opening, whole_days))
        return self.end_of_day(self._add(local, amount).date())
