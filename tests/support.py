"""Helpers shared by every test tier (fixtures are in tests/conftest.py)."""

from __future__ import annotations

from datetime import datetime, timedelta


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)
