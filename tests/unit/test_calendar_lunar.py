from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.calendar.lunar import (
    LunarDate,
    last_day_of_lunar_year,
    lunar_month_length,
    lunar_to_solar,
    solar_to_lunar,
)
from app.domain.errors import ValidationError

YEARS = range(1901, 2100)


def _named(year: int, name: str) -> date | None:
    found = holidays.VN(years=year, observed=False, language="en_US").get_named(name, lookup="exact")
    return found[0] if found else None


def _reference_hung_kings(year: int) -> date:
    """The `holidays` package publishes Giỗ Tổ only from 2007 (when it became a day off); its
    Vietnamese lunisolar table covers 1901-2099, so older years are read from there."""
    public = _named(year, "Hung Kings' Commemoration Day")
    if public is not None:
        return public
    chinese = pytest.importorskip("holidays.calendars.chinese")
    table = chinese._ChineseLunisolar(chinese.VIETNAMESE_CALENDAR)
    day, _estimated = table.hung_kings_date(year)
    assert day is not None
    return day


@pytest.mark.parametrize("year", YEARS)
def test_tet_matches_the_holidays_package(year: int) -> None:
    assert lunar_to_solar(year, 1, 1) == _named(year, "Lunar New Year")


@pytest.mark.parametrize("year", YEARS)
def test_hung_kings_day_matches_the_holidays_package(year: int) -> None:
    assert lunar_to_solar(year, 3, 10) == _reference_hung_kings(year)


@pytest.mark.parametrize(
    ("lunar_year", "expected"),
    [
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
        # UTC+7 vs UTC+8: China's Tết was 20 Feb 1985 and 30 Jan 1968.
        (1985, date(1985, 1, 21)),
        (1968, date(1968, 1, 29)),
        # A new moon at 00:32 on 15 Feb (UTC+7): a sign error in the series put it on the 14th.
        (1991, date(1991, 2, 15)),
    ],
)
def test_hand_checked_tet(lunar_year: int, expected: date) -> None:
    assert lunar_to_solar(lunar_year, 1, 1) == expected
    assert solar_to_lunar(expected) == LunarDate(lunar_year, 1, 1, False)
    assert solar_to_lunar(expected - timedelta(days=1)).year == lunar_year - 1


@pytest.mark.parametrize(
    ("year", "expected"), [(2025, date(2025, 4, 7)), (2026, date(2026, 4, 26)), (2027, date(2027, 4, 16))]
)
def test_hand_checked_hung_kings(year: int, expected: date) -> None:
    assert lunar_to_solar(year, 3, 10) == expected


@pytest.mark.parametrize(
    ("year", "leap_month", "first_day"),
    [(2020, 4, date(2020, 5, 23)), (2023, 2, date(2023, 3, 22)), (2025, 6, date(2025, 7, 25))],
)
def test_leap_months(year: int, leap_month: int, first_day: date) -> None:
    assert lunar_to_solar(year, leap_month, 1, leap=True) == first_day
    assert solar_to_lunar(first_day) == LunarDate(year, leap_month, 1, True)
    # The ordinary month of the same number comes first.
    assert lunar_to_solar(year, leap_month, 1) < first_day
    with pytest.raises(ValidationError, match="no leap month"):
        lunar_to_solar(year, leap_month + 1, 1, leap=True)


def test_a_year_without_a_leap_month_refuses_one() -> None:
    with pytest.raises(ValidationError, match="no leap month"):
        lunar_to_solar(2024, 5, 1, leap=True)


def test_last_day_of_lunar_year() -> None:
    # Giáp Thìn's tháng Chạp had 29 days: Tết 2025's eve was 29 Chạp, 28 Jan 2025.
    assert last_day_of_lunar_year(2024) == date(2025, 1, 28)
    assert solar_to_lunar(date(2025, 1, 28)) == LunarDate(2024, 12, 29, False)
    assert last_day_of_lunar_year(2025) == date(2026, 2, 16)
    assert last_day_of_lunar_year(2026) == date(2027, 2, 5)


def test_month_lengths_and_day_range() -> None:
    assert lunar_month_length(2024, 12) == 29
    assert {lunar_month_length(2026, m) for m in range(1, 13)} == {29, 30}
    with pytest.raises(ValidationError, match="has 29 days"):
        lunar_to_solar(2024, 12, 30)
    with pytest.raises(ValidationError):
        lunar_to_solar(2026, 13, 1)
    with pytest.raises(ValidationError):
        lunar_to_solar(2026, 1, 0)


def test_supported_range_is_enforced() -> None:
    assert lunar_to_solar(1800, 1, 1) == date(1800, 1, 25)
    assert solar_to_lunar(date(2200, 12, 31)).year == 2200
    with pytest.raises(ValidationError, match="supported range"):
        solar_to_lunar(date(1799, 12, 31))
    with pytest.raises(ValidationError, match="supported range"):
        lunar_to_solar(2201, 1, 1)


def test_str_uses_the_vietnamese_form() -> None:
    assert str(LunarDate(2023, 2, 1, True)) == "01/02 nhuận/2023"
    assert str(solar_to_lunar(date(2026, 2, 17))) == "01/01/2026"


@given(st.dates(min_value=date(1800, 1, 25), max_value=date(2200, 12, 31)))
def test_round_trip(day: date) -> None:
    lunar = solar_to_lunar(day)
    assert 1 <= lunar.day <= lunar_month_length(lunar.year, lunar.month, lunar.leap)
    assert lunar_to_solar(lunar.year, lunar.month, lunar.day, lunar.leap) == day


@pytest.mark.slow
def test_every_day_from_1800_to_2200_follows_the_previous_one() -> None:
    # Exhaustive (about 3 s): a sampled version missed 13 Apr 1877, where stepping back one mean
    # lunation was not enough and the day came out as lunar day 0.
    day = date(1800, 1, 25)
    previous = solar_to_lunar(day)
    assert previous == LunarDate(1800, 1, 1, False)
    while day < date(2200, 12, 31):
        day += timedelta(days=1)
        current = solar_to_lunar(day)
        if current.day != 1:
            expected = LunarDate(previous.year, previous.month, previous.day + 1, previous.leap)
            assert current == expected, day
            previous = current
            continue
        assert previous.day in (29, 30), day
        if current.leap:
            # A leap month repeats the number of the month before it.
            assert (current.year, current.month) == (previous.year, previous.month), day
            assert not previous.leap, day
        elif previous.month == 12:
            assert (current.year, current.month) == (previous.year + 1, 1), day
        else:
            assert (current.year, current.month) == (previous.year, previous.month + 1), day
        previous = current
