from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import holidays
import pytest

from app.domain.calendar.holidays import (
    CULTURE_DAY,
    FixedHoliday,
    HolidayKind,
    national_day_adjacent,
    statutory_holidays,
    tet_days,
)
from app.domain.errors import ValidationError


def _codes(year: int, extra: Sequence[FixedHoliday] = ()) -> dict[date, str]:
    return {h.date: h.code for h in statutory_holidays(year, extra=extra)}


def test_2027_in_full() -> None:
    # 2027 has no published schedule yet (Nov 2026): this is what the counter uses for it.
    assert _codes(2027) == {
        date(2027, 1, 1): "new_year",
        date(2027, 2, 5): "tet",  # 30 tháng Chạp
        date(2027, 2, 6): "tet",  # Sat, mùng 1
        date(2027, 2, 7): "tet",  # Sun
        date(2027, 2, 8): "tet",
        date(2027, 2, 9): "tet",  # mùng 4
        date(2027, 2, 10): "compensatory:tet",  # for Sat 6/2
        date(2027, 2, 11): "compensatory:tet",  # for Sun 7/2
        date(2027, 4, 16): "hung_kings",
        date(2027, 4, 30): "reunification",
        date(2027, 5, 1): "labour_day",  # Saturday
        date(2027, 5, 3): "compensatory:labour_day",
        date(2027, 9, 2): "national_day",  # Thursday
        date(2027, 9, 3): "national_day",  # Friday joins the weekend
    }


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # The Prime Minister's choices, 2021-2026 (sources in holidays.py and resources/calendar/).
        (2021, date(2021, 9, 3)),  # Thu -> Fri
        (2022, date(2022, 9, 1)),  # Fri -> Thu
        (2023, date(2023, 9, 1)),  # Sat -> Fri
        (2024, date(2024, 9, 3)),  # Mon -> Tue
        (2025, date(2025, 9, 1)),  # Tue -> Mon
        (2026, date(2026, 9, 1)),  # Wed -> Tue
        (2029, date(2029, 9, 3)),  # Sun -> Mon (not yet attested)
        (2020, None),  # before Labour Code 2019
    ],
)
def test_national_day_adjacent(year: int, expected: date | None) -> None:
    assert national_day_adjacent(year) == expected


def test_national_day_on_a_sunday_gives_monday_and_a_compensatory_tuesday() -> None:
    codes = _codes(2029)
    assert codes[date(2029, 9, 3)] == "national_day"
    assert codes[date(2029, 9, 4)] == "compensatory:national_day"


def test_national_day_on_a_saturday() -> None:
    codes = _codes(2023)
    assert codes[date(2023, 9, 1)] == "national_day"
    assert codes[date(2023, 9, 4)] == "compensatory:national_day"
    assert date(2023, 9, 3) not in codes


def test_compensatory_days_skip_holidays_and_each_other() -> None:
    codes = _codes(2023)
    # Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon: the nghỉ bù go to Tue 2/5 and Wed 3/5, in date order.
    assert codes[date(2023, 5, 2)] == "compensatory:hung_kings"
    assert codes[date(2023, 5, 3)] == "compensatory:reunification"
    assert codes[date(2023, 1, 2)] == "compensatory:new_year"
    assert _codes(2026)[date(2026, 4, 27)] == "compensatory:hung_kings"


def test_tet_is_the_eve_and_four_days_since_2013() -> None:
    assert tet_days(2026) == tuple(date(2026, 2, d) for d in range(16, 21))
    assert tet_days(2025)[0] == date(2025, 1, 28)  # 29 Chạp: that month had no 30th
    assert len(tet_days(2012)) == 4


def test_older_law_for_older_years() -> None:
    assert "hung_kings" not in _codes(2006).values()
    assert "hung_kings" in _codes(2007).values()
    assert list(_codes(2020).values()).count("national_day") == 1


@pytest.mark.parametrize("year", range(2021, 2100))
def test_the_statutory_days_match_the_holidays_package(year: int) -> None:
    # Without nghỉ bù, the package and we apply the same Art. 112(1); it also carries the yearly
    # swapped days (those live in our data files) and, from 2026, 24/11 (not enacted: see CULTURE_DAY).
    theirs = {
        day
        for day, name in holidays.VN(years=year, observed=False, language="en_US").items()
        if not name.startswith("Day off") and name != "Vietnam Cultural Day"
    }
    ours = {h.date for h in statutory_holidays(year) if h.kind is HolidayKind.HOLIDAY}
    assert ours == theirs


def test_culture_day_is_opt_in() -> None:
    assert date(2026, 11, 24) not in _codes(2026)
    assert _codes(2026, extra=(CULTURE_DAY,))[date(2026, 11, 24)] == "culture_day"
    assert date(2025, 11, 24) not in _codes(2025, extra=(CULTURE_DAY,))
    # 24/11/2030 is a Sunday.
    assert _codes(2030, extra=(CULTURE_DAY,))[date(2030, 11, 25)] == "compensatory:culture_day"


def test_an_extra_holiday_on_a_statutory_day_is_refused() -> None:
    clash = FixedHoliday("founding", 4, 30, "Ngày thử", "Test day", since=2000)
    with pytest.raises(ValidationError, match="same day"):
        statutory_holidays(2026, extra=(clash,))


def test_names_and_codes() -> None:
    for holiday in statutory_holidays(2023):
        assert holiday.name_vi
        assert holiday.name_en
        assert holiday.reason == f"{holiday.kind.value}:{holiday.key}"
    nghi_bu = next(h for h in statutory_holidays(2026) if h.kind is HolidayKind.COMPENSATORY)
    assert nghi_bu.name_vi == "Nghỉ bù Giỗ Tổ Hùng Vương"
    assert nghi_bu.name_en == "Compensatory day off for Hung Kings' Commemoration Day"
    assert nghi_bu.code == "compensatory:hung_kings"
    assert nghi_bu.reason == "compensatory:hung_kings"


def test_result_is_sorted_and_unique() -> None:
    for year in (2023, 2027, 2029):
        days = [h.date for h in statutory_holidays(year)]
        assert days == sorted(set(days))
