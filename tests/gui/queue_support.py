"""Helpers for the GUI tests of the queue: a desk with one line per counter, a recording display."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from app.services.queue.context import QueueContext
from app.services.queue.status import configure, services_from_counters
from app.storage.queue_wiring import desk_queue
from ui.main_window import MainWindow
from ui.queue_controller import CallOutputs
from ui.queue_service import DeskQueue


class RecordingDisplay:
    """Stands in for the counter's LED display (devices/displays has its own tests with real frames)."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    def show(self, text: str) -> None:
        self.shown.append(text)


def set_up_lines(desk: Any) -> QueueContext:
    """One queue line per counter of the demo office (A for counter 1, B for 2, ...)."""
    ctx = desk_queue(desk)
    with desk.services.uow(write=False) as uow:
        counters = uow.offices.counters(ctx.office_code)
    configure(ctx, *services_from_counters(counters))
    return ctx


def attach_queue(qtbot: QtBot, win: MainWindow, queue: DeskQueue, display: RecordingDisplay) -> None:
    with qtbot.waitSignal(win.queue.sig_view, timeout=15_000):
        win.queue.attach(queue, CallOutputs([display]))
