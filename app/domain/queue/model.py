"""What a queue is made of: services with letter prefixes, priority classes, counters, and numbering.

Numbers restart every local day (Asia/Ho_Chi_Minh): a citizen who takes a ticket at 17:30 gets a number of
that day, never of the next UTC day (queue.md §6: tickets "corrupted after 5 pm" by a UTC rollover).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from app.domain.errors import DomainError, ValidationError
from app.domain.text import nfc

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_SERVICE_CODE = re.compile(r"[A-Z0-9][A-Z0-9_.-]{0,15}")
_PREFIX = re.compile(r"[A-Z]")

# The day's numbers: the office server (or a desk working alone) issues 1..8999; each desk has a block of
# 100 above that for the times it cannot reach the server (its `desk.code_slot`, 0-9), so numbers made
# offline never collide with the server's or another desk's, and nobody has to wait for anybody.
OFFICE_LAST_NUMBER = 8999
OFFLINE_BASE = 9000
OFFLINE_BLOCK_SIZE = 100
OFFLINE_SLOTS = 10


class QueueNumbersExhausted(DomainError):
    code = "queue_numbers_exhausted"


class Priority(StrEnum):
    NORMAL = "normal"
    ELDERLY = "elderly"  # người cao tuổi
    DISABLED = "disabled"  # người khuyết tật
    PREGNANT = "pregnant"  # phụ nữ mang thai
    SMALL_CHILD = "small_child"  # người đi cùng con nhỏ
    APPOINTMENT = "appointment"  # đã đặt lịch hẹn

    @property
    def is_priority(self) -> bool:
        return self is not Priority.NORMAL


def parse_priority(text: str) -> Priority:
    try:
        return Priority(text.strip().lower().replace("-", "_"))
    except ValueError:
        choices = ", ".join(p.value for p in Priority)
        raise ValidationError("priority", f"unknown class {text!r} (one of {choices})") from None


@dataclass(frozen=True, slots=True)
class QueueService:
    """A line citizens queue in, e.g. code HT, prefix A: tickets A001, A002... ("Hộ tịch")."""

    code: str
    prefix: str
    name: str
    active: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", self.code.strip().upper())
        object.__setattr__(self, "prefix", self.prefix.strip().upper())
        object.__setattr__(self, "name", nfc(self.name))
        if not _SERVICE_CODE.fullmatch(self.code):
            raise ValidationError("service.code", f"use 1-16 letters, digits, dot, dash: {self.code!r}")
        if not _PREFIX.fullmatch(self.prefix):
            raise ValidationError("service.prefix", f"must be one letter A-Z, got {self.prefix!r}")
        if not self.name:
            raise ValidationError("service.name", "is empty")


@dataclass(frozen=True, slots=True)
class CounterSetup:
    """A counter and the services it calls from (a counter may serve several lines)."""

    number: int
    services: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.number < 1:
            raise ValidationError("counter", f"must be 1 or more, got {self.number}")
        if not self.services:
            raise ValidationError("counter.services", f"counter {self.number} serves no service")


@dataclass(frozen=True, slots=True)
class InterleaveRule:
    """How priority tickets share a counter with the others.

    After `priority_run` priority calls in a row, the counter calls the longest-waiting normal ticket (if
    any) before the next priority one, so priority never starves the normal queue (Novo SGA #335). 0 means
    arrival order for everybody; a large number means priority always first.
    """

    priority_run: int = 2

    def __post_init__(self) -> None:
        if self.priority_run < 0:
            raise ValidationError("interleave", f"must be 0 or more, got {self.priority_run}")


def local_day(moment: datetime, tz: ZoneInfo = LOCAL_TZ) -> date:
    """The queue day of a moment: the local calendar date, never the UTC one."""
    if moment.tzinfo is None:
        raise ValueError("queue times must be timezone-aware")
    return moment.astimezone(tz).date()


def ticket_label(prefix: str, number: int) -> str:
    """What is printed, shown and called: A015, A1015 (at least three digits, so A1-A9 do not look odd)."""
    return f"{prefix}{number:03d}"


_LABEL = re.compile(r"([A-Za-z])\s*0*(\d{1,4})")


def parse_label(text: str) -> tuple[str, int]:
    match = _LABEL.fullmatch(text.strip())
    if not match:
        raise ValidationError("ticket", f"{text!r} is not a ticket number like A015")
    return match.group(1).upper(), int(match.group(2))


@dataclass(frozen=True, slots=True)
class NumberBlock:
    """A range of a day's numbers, and the key its counter is stored under (0: the office, 1-10: desks)."""

    key: int
    first: int
    last: int

    def number_after(self, previous: int | None) -> int:
        candidate = self.first if previous is None else previous + 1
        if candidate > self.last:
            raise QueueNumbersExhausted(
                f"no numbers left in block {self.first}-{self.last} today",
                first=self.first,
                last=self.last,
            )
        return candidate


OFFICE_BLOCK = NumberBlock(0, 1, OFFICE_LAST_NUMBER)


def offline_block(slot: int) -> NumberBlock:
    if not 0 <= slot < OFFLINE_SLOTS:
        raise ValidationError("desk.code_slot", f"must be 0-{OFFLINE_SLOTS - 1}, got {slot}")
    first = OFFLINE_BASE + slot * OFFLINE_BLOCK_SIZE
    return NumberBlock(slot + 1, first, first + OFFLINE_BLOCK_SIZE - 1)
