"""The Vietnamese lunisolar calendar (âm lịch), computed astronomically.

This is Hồ Ngọc Đức's algorithm ("Thuật toán tính âm lịch"): months start on the day of the
astronomical new moon and the winter solstice falls in month 11, both reckoned at UTC+7. A table of
Chinese dates would not do: China reckons at UTC+8, and in some years the one hour moves a new moon
across midnight, so Tết differs (1985: 21 Jan in Vietnam, 20 Feb in China).

The new-moon and sun-longitude series are Meeus-style approximations accurate to a few minutes, good
for roughly 1800-2200; a new moon that close to local midnight is the only way a date can come out
wrong, and the tests pin every Tết and Giỗ Tổ from 1901 to 2099 against an independent table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.errors import ValidationError

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "LunarDate",
    "last_day_of_lunar_year",
    "lunar_month_length",
    "lunar_to_solar",
    "solar_to_lunar",
]

# The series below are only trusted over this range; outside it the answer would look plausible and
# be wrong, so we refuse instead.
MIN_YEAR = 1800
MAX_YEAR = 2200

_TZ_HOURS = 7.0
_SYNODIC_MONTH = 29.530588853
# Julian day of the new moon of 1 Jan 1900 (k = 0 in the series).
_EPOCH_NEW_MOON = 2415021.076998695
# date.toordinal() of a date plus this is its Julian day number.
_ORDINAL_TO_JDN = 1721425
_DEG = math.pi / 180.0


@dataclass(frozen=True, slots=True, order=True)
class LunarDate:
    """A day of the lunar calendar. `leap` marks the intercalary month (tháng nhuận)."""

    year: int
    month: int
    day: int
    leap: bool = False

    def __str__(self) -> str:
        suffix = " nhuận" if self.leap else ""
        return f"{self.day:02d}/{self.month:02d}{suffix}/{self.year}"


def _jdn(d: date) -> int:
    return d.toordinal() + _ORDINAL_TO_JDN


def _from_jdn(jdn: int) -> date:
    return date.fromordinal(jdn - _ORDINAL_TO_JDN)


def _new_moon(k: int) -> float:
    """Julian day (UT, fractional) of the k-th new moon after 1 Jan 1900."""
    t = k / 1236.85
    t2 = t * t
    t3 = t2 * t
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _DEG)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (
        (0.1734 - 0.000393 * t) * math.sin(m * _DEG)
        + 0.0021 * math.sin(2 * _DEG * m)
        - 0.4068 * math.sin(mpr * _DEG)
        + 0.0161 * math.sin(_DEG * 2 * mpr)
        - 0.0004 * math.sin(_DEG * 3 * mpr)
        + 0.0104 * math.sin(_DEG * 2 * f)
        - 0.0051 * math.sin(_DEG * (m + mpr))
        - 0.0074 * math.sin(_DEG * (m - mpr))
        + 0.0004 * math.sin(_DEG * (2 * f + m))
        - 0.0004 * math.sin(_DEG * (2 * f - m))
        - 0.0006 * math.sin(_DEG * (2 * f + mpr))
        + 0.0010 * math.sin(_DEG * (2 * f - mpr))
        + 0.0005 * math.sin(_DEG * (2 * mpr + m))
    )
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


def _new_moon_day(k: int) -> int:
    """Julian day number of the local (UTC+7) civil day on which the k-th new moon falls."""
    return math.floor(_new_moon(k) + 0.5 + _TZ_HOURS / 24.0)


def _sun_longitude(jd: float) -> float:
    """Apparent ecliptic longitude of the sun, in radians within [0, 2π)."""
    t = (jd - 2451545.0) / 36525
    t2 = t * t
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(_DEG * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(_DEG * 2 * m) + 0.000290 * math.sin(_DEG * 3 * m)
    longitude = (l0 + dl) * _DEG
    return longitude - math.tau * math.floor(longitude / math.tau)


def _sun_sector(jdn: int) -> int:
    """Which of the 12 thirty-degree sectors the sun is in at the start of local day `jdn`.

    Sector 9 begins at 270°, the winter solstice; a lunar month that contains no change of sector
    has no major solar term (trung khí) and is the leap month.
    """
    return math.floor(_sun_longitude(jdn - 0.5 - _TZ_HOURS / 24.0) / math.pi * 6)


def _month_11_start(year: int) -> int:
    """Julian day number of the first day of lunar month 11 that contains the solstice of `year`."""
    offset = _jdn(date(year, 12, 31)) - 2415021
    k = math.floor(offset / _SYNODIC_MONTH)
    start = _new_moon_day(k)
    if _sun_sector(start) >= 9:
        start = _new_moon_day(k - 1)
    return start


def _leap_month_offset(month_11_start: int) -> int:
    """Months after month 11 at which the first month without a major solar term starts."""
    k = math.floor((month_11_start - _EPOCH_NEW_MOON) / _SYNODIC_MONTH + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            break
    return i - 1


def _check_year(year: int, field: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(field, f"year {year} is outside the supported range {MIN_YEAR}-{MAX_YEAR}")


def solar_to_lunar(d: date) -> LunarDate:
    _check_year(d.year, "date")
    day_number = _jdn(d)
    # k comes from the mean lunation; the true new moon can be half a day either side of it, so
    # step back until the month really starts on or before the day (Hồ Ngọc Đức's code steps back
    # once, which gives day 0 for e.g. 13 Apr 1877).
    k = math.floor((day_number - _EPOCH_NEW_MOON) / _SYNODIC_MONTH) + 1
    month_start = _new_moon_day(k)
    while month_start > day_number:
        k -= 1
        month_start = _new_moon_day(k)
    a11 = _month_11_start(d.year)
    b11 = a11
    if a11 >= month_start:
        lunar_year = d.year
        a11 = _month_11_start(d.year - 1)
    else:
        lunar_year = d.year + 1
        b11 = _month_11_start(d.year + 1)
    lunar_day = day_number - month_start + 1
    diff = math.floor((month_start - a11) / 29)
    leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:
        leap_diff = _leap_month_offset(a11)
        if diff >= leap_diff:
            lunar_month = diff + 10
            leap = diff == leap_diff
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return LunarDate(lunar_year, lunar_month, lunar_day, leap)


def _month_start(year: int, month: int, leap: bool) -> int:
    """Julian day number of lunar day 1 of (year, month, leap); ValidationError if no such month."""
    if not 1 <= month <= 12:
        raise ValidationError("lunar_month", f"must be 1-12, got {month}")
    if month < 11:
        a11 = _month_11_start(year - 1)
        b11 = _month_11_start(year)
    else:
        a11 = _month_11_start(year)
        b11 = _month_11_start(year + 1)
    k = math.floor(0.5 + (a11 - _EPOCH_NEW_MOON) / _SYNODIC_MONTH)
    offset = (month - 11) % 12
    if b11 - a11 > 365:
        leap_offset = _leap_month_offset(a11)
        leap_month = (leap_offset - 2) % 12
        if leap and month != leap_month:
            raise ValidationError("lunar_month", f"lunar year {year} has no leap month {month}")
        if leap or offset >= leap_offset:
            offset += 1
    elif leap:
        raise ValidationError("lunar_month", f"lunar year {year} has no leap month")
    return _new_moon_day(k + offset)


def lunar_month_length(year: int, month: int, leap: bool = False) -> int:
    """29 or 30: the number of days in that lunar month."""
    _check_year(year, "lunar_year")
    start = _month_start(year, month, leap)
    k = math.floor(0.5 + (start - _EPOCH_NEW_MOON) / _SYNODIC_MONTH)
    return _new_moon_day(k + 1) - start


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> date:
    _check_year(year, "lunar_year")
    start = _month_start(year, month, leap)
    k = math.floor(0.5 + (start - _EPOCH_NEW_MOON) / _SYNODIC_MONTH)
    length = _new_moon_day(k + 1) - start
    if not 1 <= day <= length:
        suffix = " (leap)" if leap else ""
        raise ValidationError(
            "lunar_day", f"lunar month {month}{suffix} of {year} has {length} days, got day {day}"
        )
    return _from_jdn(start + day - 1)


def last_day_of_lunar_year(year: int) -> date:
    """The last day (29 or 30 tháng Chạp) of lunar year `year`: the eve of Tết of `year + 1`.

    For the Tết holiday of Gregorian year Y this is `last_day_of_lunar_year(Y - 1)`.
    """
    return lunar_to_solar(year + 1, 1, 1) - timedelta(days=1)
