"""The queue's changes to counter displays: the listener a desk adds to its queue context.

It does no more than hand the text to the display's bus (whose own thread writes the frame), so it can
go first among the listeners: the voice and the pushes to other desks do not delay the number on the LED.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.queue.ticket import TicketEventType
from app.services.queue.ports import CounterDisplay, QueueChange

# What puts a number on a counter's display; finishing a ticket leaves it there until the next one (and
# a walk-in has no number to show).
SHOWN_KINDS = frozenset(
    str(kind) for kind in (TicketEventType.CALLED, TicketEventType.RECALLED, TicketEventType.RESUMED)
)


class CallsToDisplays:
    """`QueueListener`: each counter's calls to that counter's display."""

    def __init__(self, displays: Mapping[int, CounterDisplay]) -> None:
        self._displays = dict(displays)

    def __call__(self, change: QueueChange) -> None:
        if change.kind not in SHOWN_KINDS or change.counter is None:
            return
        display = self._displays.get(change.counter)
        if display is not None:
            display.show(change.label)
