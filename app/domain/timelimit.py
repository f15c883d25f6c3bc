"""The legal time limit of a procedure, as its published decision states it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import ValidationError
from app.domain.text import fold


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"  # ngày làm việc
    WORKING_HOURS = "working_hours"  # giờ làm việc
    CALENDAR_DAYS = "calendar_days"  # ngày (Civil Code Art. 147-148)
    SAME_DAY = "same_day"  # trong ngày; value is ignored


_UNIT_ALIASES: dict[str, TimeUnit] = {
    "working_days": TimeUnit.WORKING_DAYS,
    "working_day": TimeUnit.WORKING_DAYS,
    "ngay lam viec": TimeUnit.WORKING_DAYS,
    "working_hours": TimeUnit.WORKING_HOURS,
    "hours": TimeUnit.WORKING_HOURS,
    "gio lam viec": TimeUnit.WORKING_HOURS,
    "calendar_days": TimeUnit.CALENDAR_DAYS,
    "days": TimeUnit.CALENDAR_DAYS,
    "ngay": TimeUnit.CALENDAR_DAYS,
    "same_day": TimeUnit.SAME_DAY,
    "trong ngay": TimeUnit.SAME_DAY,
}


@dataclass(frozen=True, slots=True)
class TimeLimit:
    value: float
    unit: TimeUnit

    def __post_init__(self) -> None:
        if self.value < 0 or (self.value == 0 and self.unit is not TimeUnit.SAME_DAY):
            raise ValidationError("time_limit", f"must be positive, got {self.value:g}")
        # Half days exist in published catalogues ("0,5 ngày"); finer fractions do not.
        day_unit = self.unit in (TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS)
        if day_unit and (self.value * 2) != int(self.value * 2):
            raise ValidationError("time_limit", f"days must be whole or half days, got {self.value:g}")

    @classmethod
    def parse(cls, value: float | int | str, unit: str) -> TimeLimit:
        key = unit.strip().lower().replace("-", "_")
        resolved = _UNIT_ALIASES.get(key) or _UNIT_ALIASES.get(fold(unit))
        if resolved is None:
            raise ValidationError("time_limit.unit", f"unknown unit {unit!r}")
        try:
            number = float(str(value).replace(",", "."))
        except ValueError as exc:
            raise ValidationError("time_limit.value", f"not a number: {value!r}") from exc
        return cls(0 if resolved is TimeUnit.SAME_DAY else number, resolved)

    def to_dict(self) -> dict[str, object]:
        return {"value": self.value if self.value % 1 else int(self.value), "unit": self.unit.value}

    def describe_vi(self) -> str:
        number = f"{self.value:g}".replace(".", ",")
        return {
            TimeUnit.WORKING_DAYS: f"{number} ngày làm việc",
            TimeUnit.WORKING_HOURS: f"{number} giờ làm việc",
            TimeUnit.CALENDAR_DAYS: f"{number} ngày",
            TimeUnit.SAME_DAY: "Trong ngày",
        }[self.unit]
