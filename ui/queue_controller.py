"""The counter's calls from the window: the queue worker, the office server's live stream, the devices.

Every queue op runs on a worker of its own (a second ui/tasks.py TaskManager): an office server that does
not answer may hold an op for its timeout, and neither the GUI thread nor the database worker (searches,
receptions) may wait for that. The live stream (QueueFollower) runs on its own thread and comes back
through queued signals; without a server the desk's own queue is read again every few seconds (a kiosk
on this desk's database issues tickets meanwhile).

The LED display and the voice of the counter (devices/) are opened here, on a thread, from the settings:
this is the desk app's composition root for them, as ui/print_service.py is for printing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ui.errors import describe_error
from ui.queue_service import ALONE, OFFLINE, ONLINE, DeskQueue, QueueResult, QueueView, view_from_status
from ui.tasks import QueryOp, TaskManager

log = logging.getLogger(__name__)

POLL_MS = 4000  # how often the desk's own queue is read when no live stream tells of changes


class Display(Protocol):
    def show(self, text: str) -> None: ...


class Voice(Protocol):
    def announce(self, label: str, counter: int) -> None: ...


class CallOutputs:
    """Where a call goes besides the screen: the counter's LED display and the speaker (each optional)."""

    def __init__(
        self,
        displays: list[Display] | None = None,
        voice: Voice | None = None,
        closers: list[Callable[[], None]] | None = None,
    ) -> None:
        self.displays = displays or []
        self.voice = voice
        self._closers = closers or []

    def called(self, label: str, counter: int) -> None:
        for display in self.displays:
            try:
                display.show(label)
            except Exception:  # a display never stops a call
                log.exception("display failed")
        if self.voice is not None:
            try:
                self.voice.announce(label, counter)
            except Exception:
                log.exception("voice failed")

    def close(self) -> None:
        for close in self._closers:
            try:
                close()
            except Exception:
                log.exception("closing a queue device failed")


def open_outputs(settings: Any, *, speaker: bool) -> CallOutputs:
    """The devices the settings name (display.url, voice.enabled); a device that cannot be opened is
    logged and left out: the on-screen display still shows the call."""
    from app.settings.spec import DISPLAY_ADDRESS, DISPLAY_DRIVER, DISPLAY_URL, VOICE_ENABLED

    displays: list[Display] = []
    voice: Voice | None = None
    closers: list[Callable[[], None]] = []
    url = settings.get(DISPLAY_URL)
    if url:
        try:
            from devices.displays.bus import connect_bus
            from devices.displays.drivers import get_driver

            driver = get_driver(settings.get(DISPLAY_DRIVER))
            bus = connect_bus(url, driver.line)
            displays.append(bus.add(driver, settings.get(DISPLAY_ADDRESS)))
            closers.append(bus.close)
        except Exception:
            log.exception("the counter's LED display could not be opened")
    if speaker and settings.get(VOICE_ENABLED):
        try:
            from devices.voice.announcer import Announcer, CommandPlayer

            announcer = Announcer(CommandPlayer()).start()
            voice = announcer
            closers.append(announcer.close)
        except Exception:
            log.exception("the voice could not be started")
    return CallOutputs(displays, voice, closers)


class QueueController(QObject):
    sig_view = Signal(object)  # QueueView: what the bar shows now
    sig_result = Signal(object)  # QueueResult of an action of this counter
    sig_failed = Signal(str)  # an action was refused or failed: the message for the officer
    sig_called = Signal(str, int)  # a ticket was called (or recalled) to this counter: label, counter
    sig_busy = Signal(bool)  # an action is on its way
    sig_unavailable = Signal(str)  # the queue cannot be read: why, for the officer
    _sig_opened = Signal(object, object)  # DeskQueue | None, CallOutputs | None (from the opening thread)
    _sig_event = Signal(str, object)
    _sig_link = Signal(bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueController")
        self.queue: DeskQueue | None = None
        self.outputs = CallOutputs()
        self.tasks: TaskManager | None = None
        self.view: QueueView | None = None
        self.link_up: bool | None = None
        self._follower: Any = None
        self._busy = False
        self._closed = False
        self._opening = False
        self._poll = QTimer(self)
        self._poll.setObjectName("queuePoll")
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)
        self._sig_opened.connect(self.attach, Qt.ConnectionType.QueuedConnection)
        self._sig_event.connect(self._event, Qt.ConnectionType.QueuedConnection)
        self._sig_link.connect(self._link, Qt.ConnectionType.QueuedConnection)

    # ----- opening and closing -----------------------------------------------------------------------

    def open_later(self, desk: Any, settings: Any, counter: int, *, speaker: bool = True) -> None:
        """Build the queue and open the devices on a thread (serial ports, the sync client's imports)."""
        from app.settings.spec import OFFICE_CODE, SERVER_URL

        self._opening = True

        def work() -> None:
            try:
                queue = DeskQueue(desk, counter, settings.get(SERVER_URL), settings.get(OFFICE_CODE))
                outputs = open_outputs(settings, speaker=speaker)
            except Exception:
                log.exception("the queue could not be opened")
                queue, outputs = None, None
            self._sig_opened.emit(queue, outputs)

        threading.Thread(target=work, name="open-queue", daemon=True).start()

    def is_opening(self) -> bool:
        """Between open_later() and the first state of the queue (or its failure to open)."""
        return self._opening

    def attach(self, queue: DeskQueue | None, outputs: CallOutputs | None = None) -> None:
        if queue is None:
            self._opening = False
        if self._closed:
            if queue is not None:
                queue.close()
            if outputs is not None:
                outputs.close()
            return
        self.queue = queue
        if outputs is not None:
            self.outputs = outputs
        if queue is None:
            return
        self.tasks = TaskManager(queue.desk.services, self)
        self.tasks.setObjectName("queueTasks")
        if queue.has_server:
            self._follow(queue)
        self._poll.start()
        self.refresh()

    def _follow(self, queue: DeskQueue) -> None:
        from sync.queue.client import QueueFollower

        self._follower = QueueFollower(
            queue.server_url,
            queue.office_code,
            self._sig_event.emit,
            lambda up, reason: self._sig_link.emit(up, reason or ""),
        ).start()

    def close(self) -> None:
        """Stop the stream, the worker and the devices (the window is closing)."""
        self._closed = True
        self._poll.stop()
        follower, self._follower = self._follower, None
        if follower is not None:
            follower.stop()
        if self.tasks is not None:
            self.tasks.shutdown()
        if self.queue is not None:
            self.queue.close()
        self.outputs.close()

    def is_ready(self) -> bool:
        return self.queue is not None and self.tasks is not None and not self._closed

    # ----- the live stream ---------------------------------------------------------------------------

    def _link(self, up: bool, reason: str) -> None:
        self.link_up = up
        if self.queue is not None:
            self.queue.set_link(up)
        log.info("office queue stream %s %s", "up" if up else "down", reason)
        self.refresh()

    def _event(self, kind: str, data: Any) -> None:
        if kind != "status" or self.queue is None or not isinstance(data, dict):
            return
        self._show(view_from_status(data, self.queue.counter, ONLINE))

    # ----- reading -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        queue, tasks = self.queue, self.tasks
        if queue is None or tasks is None or self._closed:
            return
        if queue.has_server and self.link_up and self.view is not None and self.view.mode == ONLINE:
            return  # the stream brings every change
        op = QueryOp(op=queue.status, success=self._show).failure(self._unreadable)
        op.latest("queue.status").run(tasks)

    def _unreadable(self, error: Exception) -> None:
        log.warning("queue status failed: %s", error)
        self._opening = False
        self.sig_unavailable.emit(describe_error(error))

    def _show(self, view: QueueView) -> None:
        self._opening = False
        self.view = view
        self.sig_view.emit(view)

    # ----- actions -----------------------------------------------------------------------------------

    def _run(self, op: Callable[[Any], QueueResult]) -> bool:
        tasks = self.tasks
        if tasks is None or self._busy or self._closed:
            return False
        self._busy = True
        self.sig_busy.emit(True)
        if tasks is not None:
            tasks.supersede("queue.status")  # an older read must not overwrite the action's result
        outputs = self.outputs

        def work(session: Any) -> QueueResult:
            result = op(session)
            # The LED and the voice get the call from the worker as soon as it is committed, not after the
            # hop to the GUI thread, which a busy window can hold back (their own threads do the writing).
            if result.ticket and result.action in ("call", "recall"):
                outputs.called(result.ticket, result.view.counter)
            return result

        QueryOp(op=work, success=self._acted).failure(self._refused).run(tasks)
        return True

    def _acted(self, result: QueueResult) -> None:
        self._busy = False
        self.sig_busy.emit(False)
        self._show(result.view)
        if result.ticket and result.action in ("call", "recall"):
            self.sig_called.emit(result.ticket, result.view.counter)
        self.sig_result.emit(result)

    def _refused(self, error: Exception) -> None:
        self._busy = False
        self.sig_busy.emit(False)
        self.sig_failed.emit(describe_error(error))
        self.refresh()

    def call_next(self, officer: str) -> bool:
        queue = self.queue
        return queue is not None and self._run(lambda s: queue.call_next(s, officer))

    def call_number(self, label: str, officer: str) -> bool:
        queue = self.queue
        return queue is not None and self._run(lambda s: queue.call_number(s, label, officer))

    def act(
        self, action: str, officer: str, *, to_service: str | None = None, to_counter: int | None = None
    ) -> bool:
        queue = self.queue
        return queue is not None and self._run(
            lambda s: queue.act(s, action, officer, to_service=to_service, to_counter=to_counter)
        )

    def is_busy(self) -> bool:
        return self._busy


__all__ = ["ALONE", "OFFLINE", "ONLINE", "CallOutputs", "QueueController", "open_outputs"]
