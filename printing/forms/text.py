"""How forms write dates and times (Decree 30/2020/NĐ-CP, Appendix I: a day below 10 and the months 1 and 2
take a leading zero: "ngày 05 tháng 02 năm 2026", "ngày 12 tháng 3 năm 2026")."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def _day(d: date) -> str:
    return f"{d.day:02d}"


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month < 3 else str(d.month)


def long_date(d: date) -> str:
    return f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"


def place_date(place: str, d: date) -> str:
    return f"{place}, {long_date(d)}"


def local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL)


def time_and_date(moment: datetime) -> str:
    """ "08 giờ 30 phút, ngày 02 tháng 3 năm 2026", as items 4 and 5 of Mẫu 01 ask."""
    at = local(moment)
    return f"{at.hour:02d} giờ {at.minute:02d} phút, {long_date(at.date())}"


def short(moment: datetime | None) -> str:
    """ "08:30 02/03/2026" for table cells."""
    if moment is None:
        return ""
    at = local(moment)
    return f"{at:%H:%M} {at:%d/%m/%Y}"


def two_digits(n: int) -> str:
    return f"{n:02d}"
