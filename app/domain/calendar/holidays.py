"""Statutory public holidays (ngày nghỉ lễ, tết) computed for any year.

Labour Code 2019 Art. 112(1) grants 11 paid days: 1/1; Tết 5 days; Giỗ Tổ Hùng Vương 10/3 lunar;
30/4; 1/5; Quốc khánh 2/9 plus one adjacent day. Art. 112(3): a holiday that falls on the weekly rest
day gives a compensatory day off (nghỉ bù) on the following working day.

The Labour Code leaves two choices to the Government each year: which five days around lunar New
Year are Tết, and which day next to 2/9 is the second National Day. What is computed here is the
default the counter uses for a year whose official schedule has not been published (or loaded);
the published schedule (see `schedule.py`) replaces it.

Earlier law is applied for earlier years so that historic dossiers keep their dates: Giỗ Tổ from 2007,
five Tết days from 2013 (four before, Labour Code 2012), the second National Day from 2021.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from app.domain.calendar.lunar import last_day_of_lunar_year, lunar_to_solar
from app.domain.errors import ValidationError

__all__ = [
    "CULTURE_DAY",
    "HOLIDAY_NAMES",
    "FixedHoliday",
    "Holiday",
    "HolidayKind",
    "national_day_adjacent",
    "statutory_holidays",
    "tet_days",
]

_SATURDAY = 5


class HolidayKind(StrEnum):
    HOLIDAY = "holiday"  # the statutory day itself
    COMPENSATORY = "compensatory"  # nghỉ bù for a holiday that fell on the weekend
    SWAP = "swap"  # a working day given off in exchange for a make-up Saturday (hoán đổi)


# key -> (name_vi, name_en). Keys are stored in data files and reports: never rename one.
HOLIDAY_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "new_year": ("Tết Dương lịch", "New Year's Day"),
        "tet": ("Tết Nguyên đán", "Lunar New Year (Tết)"),
        "hung_kings": ("Giỗ Tổ Hùng Vương", "Hung Kings' Commemoration Day"),
        "reunification": ("Ngày Chiến thắng (30/4)", "Reunification Day (30 April)"),
        "labour_day": ("Ngày Quốc tế Lao động (1/5)", "International Labour Day (1 May)"),
        "national_day": ("Quốc khánh", "National Day"),
        "culture_day": ("Ngày Văn hóa Việt Nam", "Vietnamese Culture Day"),
    }
)


@dataclass(frozen=True, slots=True)
class Holiday:
    date: date
    key: str
    kind: HolidayKind
    name_vi: str
    name_en: str

    @property
    def code(self) -> str:
        """The stable machine key: `tet`, or `compensatory:tet` / `swap:national_day`."""
        return self.key if self.kind is HolidayKind.HOLIDAY else f"{self.kind.value}:{self.key}"

    @property
    def reason(self) -> str:
        """The `DayInfo.reason` of this day: `holiday:tet`, `compensatory:tet`, `swap:...`."""
        return f"{self.kind.value}:{self.key}"


@dataclass(frozen=True, slots=True)
class FixedHoliday:
    """A holiday on the same Gregorian date every year, from `since` (inclusive)."""

    key: str
    month: int
    day: int
    name_vi: str
    name_en: str
    since: int
    until: int | None = None

    def applies_to(self, year: int) -> bool:
        return self.since <= year and (self.until is None or year <= self.until)


# Politburo Resolution 80-NQ/TW (7 Jan 2026) chose 24/11 as a paid "Ngày Văn hóa Việt Nam", and
# Government Resolution 30/NQ-CP (Feb 2026) asked for Labour Code Art. 112(1) to be amended. No
# enacted amendment was found (Nov 2026), so it is NOT in the default set: pass it in `extra` (or
# list it in a year file) once the law is in force.
CULTURE_DAY = FixedHoliday("culture_day", 11, 24, *HOLIDAY_NAMES["culture_day"], since=2026)


def _holiday(d: date, key: str) -> Holiday:
    name_vi, name_en = HOLIDAY_NAMES[key]
    return Holiday(d, key, HolidayKind.HOLIDAY, name_vi, name_en)


def tet_days(year: int) -> tuple[date, ...]:
    """The default Tết days of Gregorian year `year`: the last day of the old lunar year, then
    lunar 1/1-4/1 (1/1-3/1 before 2013, when Tết had four days)."""
    eve = last_day_of_lunar_year(year - 1)
    after = 4 if year >= 2013 else 3
    return tuple(eve + timedelta(days=i) for i in range(after + 1))


def national_day_adjacent(year: int) -> date | None:
    """The second National Day holiday (since 2021), 1/9 or 3/9; None before 2021.

    Art. 112(1)(đ) says only "the day before or after"; the Prime Minister picks it every year. The
    choices 2021-2026 all follow one pattern, so the default repeats it: take the day that joins 2/9
    to the weekend, and never put the extra day on a weekend (where it would only turn into a nghỉ
    bù). 2021 Thu -> Fri 3/9; 2022 Fri -> Thu 1/9; 2023 Sat -> Fri 1/9 (+ nghỉ bù Mon 4/9);
    2024 Mon -> Tue 3/9 (1/9 was a Sunday); 2025 Tue -> Mon 1/9; 2026 Wed -> Tue 1/9 (with Mon 31/8
    swapped for Sat 22/8). Sunday is not yet attested: 3/9 Monday, by the same rule. The `holidays`
    package (vacanza, vietnam.py NATIONAL_DAY_RULE) encodes the same table.
    """
    if year < 2021:
        return None
    sep_2 = date(year, 9, 2)
    weekday = sep_2.weekday()  # Monday = 0
    after = weekday in (0, 3, 6)  # Monday, Thursday, Sunday
    return sep_2 + timedelta(days=1 if after else -1)


def _base_holidays(year: int, extra: Iterable[FixedHoliday]) -> list[Holiday]:
    days = [_holiday(date(year, 1, 1), "new_year")]
    days.extend(_holiday(d, "tet") for d in tet_days(year))
    if year >= 2007:
        days.append(_holiday(lunar_to_solar(year, 3, 10), "hung_kings"))
    days.append(_holiday(date(year, 4, 30), "reunification"))
    days.append(_holiday(date(year, 5, 1), "labour_day"))
    days.append(_holiday(date(year, 9, 2), "national_day"))
    adjacent = national_day_adjacent(year)
    if adjacent is not None:
        days.append(_holiday(adjacent, "national_day"))
    for fixed in extra:
        if fixed.applies_to(year):
            fixed_day = date(year, fixed.month, fixed.day)
            days.append(Holiday(fixed_day, fixed.key, HolidayKind.HOLIDAY, fixed.name_vi, fixed.name_en))
    return days


def statutory_holidays(year: int, *, extra: Sequence[FixedHoliday] = ()) -> tuple[Holiday, ...]:
    """Every statutory day off of `year`, compensatory days included, sorted by date.

    Each holiday that falls on a Saturday or Sunday gets the first following Monday-Friday that is
    neither a holiday nor already someone's compensatory day, in date order (so Tết 2027, Sat 6/2
    and Sun 7/2, gives Wed 10/2 and Thu 11/2 after the Tết days Mon 8/2 and Tue 9/2).
    """
    base = _base_holidays(year, extra)
    taken: dict[date, Holiday] = {}
    for holiday in base:
        if holiday.date in taken:
            raise ValidationError(
                "holidays", f"{holiday.key} and {taken[holiday.date].key} fall on the same day {holiday.date}"
            )
        taken[holiday.date] = holiday
    compensatory: list[Holiday] = []
    for holiday in sorted(base, key=lambda h: h.date):
        if holiday.date.weekday() < _SATURDAY:
            continue
        candidate = holiday.date + timedelta(days=1)
        while candidate.weekday() >= _SATURDAY or candidate in taken:
            candidate += timedelta(days=1)
        day_off = Holiday(
            candidate,
            holiday.key,
            HolidayKind.COMPENSATORY,
            f"Nghỉ bù {holiday.name_vi}",
            f"Compensatory day off for {holiday.name_en}",
        )
        taken[candidate] = day_off
        compensatory.append(day_off)
    return tuple(sorted([*base, *compensatory], key=lambda h: h.date))
