"""What every queue use case receives (built by the front end that runs it: CLI, desk app, server)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.domain.queue.model import LOCAL_TZ, OFFICE_BLOCK, InterleaveRule, NumberBlock, local_day
from app.ports import Clock
from app.services.context import new_uid
from app.services.queue.ports import QueueChange, QueueListener, QueueUnitOfWorkFactory


@dataclass(frozen=True)
class QueueContext:
    uow: QueueUnitOfWorkFactory
    clock: Clock
    office_code: str
    # Where this engine takes numbers from: the office's sequence (the server, or a desk working alone),
    # or a desk's offline block when it cannot reach its server.
    block: NumberBlock = OFFICE_BLOCK
    origin: str = "office"
    rule: InterleaveRule = field(default_factory=InterleaveRule)
    listeners: Sequence[QueueListener] = ()
    new_uid: Callable[[], str] = field(default=new_uid)
    tz: ZoneInfo = LOCAL_TZ
    # Counter actions (call, recall, ...) committed without waiting for the disk: on a desk the display
    # and the voice wait for that commit, and a call lost to a power cut is simply made again. Issuing
    # always waits: a printed number must never be given twice.
    durable_calls: bool = True

    def now(self) -> datetime:
        return self.clock.now()

    def day(self, moment: datetime | None = None) -> date:
        return local_day(moment or self.now(), self.tz)

    def publish(self, changes: Sequence[QueueChange]) -> None:
        for change in changes:
            for listener in self.listeners:
                listener(change)
