"""What every use case receives: ports and rules, never globals (the composition root builds one)."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from app.domain.calendar import WorkingCalendar
from app.domain.ids import uid7
from app.domain.rules import RuleBook
from app.ports import BlobStore, Clock, UnitOfWorkFactory

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class SystemClock:
    def now(self) -> datetime:
        """Millisecond precision: what the store keeps, so a time read back equals the time written."""
        moment = datetime.now(UTC)
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


@dataclass(frozen=True, slots=True)
class DeskIdentity:
    office_code: str
    unit_code: str
    code_slot: int = 0
    counter_number: int | None = None
    default_officer: str | None = None


def new_uid() -> str:
    return uid7(time.time_ns() // 1_000_000, secrets.randbits(74))


@dataclass(frozen=True)
class Services:
    uow: UnitOfWorkFactory
    clock: Clock
    calendar: WorkingCalendar
    rules: RuleBook
    desk: DeskIdentity
    blobs: BlobStore
    new_uid: Callable[[], str] = field(default=new_uid)
    tz: ZoneInfo = LOCAL_TZ

    def now(self) -> datetime:
        return self.clock.now()

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def today(self) -> date:
        return self.local(self.now()).date()
