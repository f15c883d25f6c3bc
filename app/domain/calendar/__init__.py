"""The working-day calendar: lunar dates, statutory holidays, official schedules and due dates."""

from app.domain.calendar.holidays import (
    CULTURE_DAY,
    HOLIDAY_NAMES,
    FixedHoliday,
    Holiday,
    HolidayKind,
    national_day_adjacent,
    statutory_holidays,
    tet_days,
)
from app.domain.calendar.lunar import (
    LunarDate,
    last_day_of_lunar_year,
    lunar_month_length,
    lunar_to_solar,
    solar_to_lunar,
)
from app.domain.calendar.schedule import (
    FORMAT_VERSION,
    Confidence,
    DayOff,
    MakeupWorkday,
    ScheduleSource,
    YearSchedule,
)
from app.domain.calendar.working_time import (
    DEFAULT_SAME_DAY_CUTOFF,
    DEFAULT_SESSIONS,
    VN_TIMEZONE,
    DayInfo,
    DueMethod,
    Session,
    WorkingCalendar,
)

__all__ = [
    "CULTURE_DAY",
    "DEFAULT_SAME_DAY_CUTOFF",
    "DEFAULT_SESSIONS",
    "FORMAT_VERSION",
    "HOLIDAY_NAMES",
    "VN_TIMEZONE",
    "Confidence",
    "DayInfo",
    "DayOff",
    "DueMethod",
    "FixedHoliday",
    "Holiday",
    "HolidayKind",
    "LunarDate",
    "MakeupWorkday",
    "ScheduleSource",
    "Session",
    "WorkingCalendar",
    "YearSchedule",
    "last_day_of_lunar_year",
    "lunar_month_length",
    "lunar_to_solar",
    "national_day_adjacent",
    "solar_to_lunar",
    "statutory_holidays",
    "tet_days",
]
