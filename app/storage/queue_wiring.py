"""Builds the queue's context on an open desk (its SQLite, clock and office): what the CLI and the desk
app's hall and kiosk modes use when they run the queue themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.domain.errors import ValidationError
from app.domain.queue.model import OFFICE_BLOCK, InterleaveRule, offline_block
from app.services.queue.context import QueueContext
from app.services.queue.ports import QueueListener
from app.storage.queue_uow import desk_queue_uow

if TYPE_CHECKING:
    from app.bootstrap import Desk


def desk_queue(
    desk: Desk,
    *,
    listeners: Sequence[QueueListener] = (),
    offline: bool = False,
    rule: InterleaveRule | None = None,
) -> QueueContext:
    """The desk's own queue. `offline`: numbers come from the desk's reserved block (its code slot), as
    when its office server cannot be reached; otherwise from the office's sequence (a desk working alone)."""
    identity = desk.services.desk
    if not identity.office_code:
        raise ValidationError("office.code", "is not set; run `motcua init --demo` or `motcua office set`")
    slot = identity.code_slot
    return QueueContext(
        uow=desk_queue_uow(desk.database.engine),
        clock=desk.services.clock,
        office_code=identity.office_code,
        block=offline_block(slot) if offline else OFFICE_BLOCK,
        origin=f"desk-{slot}" if offline else "office",
        rule=rule or InterleaveRule(),
        listeners=listeners,
        durable_calls=False,
    )
