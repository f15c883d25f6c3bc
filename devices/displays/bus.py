"""Several displays on one line (an RS-485 bus), driven by one thread.

- `show()` returns at once and never raises: the counter's UI thread is never held up by a display.
- Frames are paced: after each one the bus stays quiet for the frame's wire time plus a gap, because
  the half-duplex bus carries one frame at a time and displays find frame ends by silence.
- Only the newest text of a display is sent (a display that was called twice while the bus was busy
  gets one frame).
- Every `refresh` seconds each display's text is sent again: most displays never answer, so a display
  that was switched off, or missed a frame to noise, catches up by itself (FQM #298: "Empty" after 2 days).
- When the port comes back after an unplug, every display is shown its current text again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from devices.displays.driver import Driver, LineSettings
from devices.displays.link import SerialLink

log = logging.getLogger("motcua.displays")

DEFAULT_GAP_S = 0.005
DEFAULT_REFRESH_S = 15.0


@dataclass
class DisplayHandle:
    """One display on a bus; `show` is what the queue's CounterDisplay port asks for."""

    bus: DisplayBus
    driver: Driver
    address: int
    text: str | None = None
    dirty: bool = False
    sent_at: float | None = None  # monotonic time the last frame's last byte was handed to the port
    started_at: float | None = None  # monotonic time the write of the last frame began
    sent: int = 0

    def show(self, text: str) -> None:
        self.bus.submit(self, self.driver.fit(text))


@dataclass
class BusState:
    connected: bool
    error: str | None


@dataclass
class DisplayBus:
    link: SerialLink
    gap_s: float = DEFAULT_GAP_S
    refresh_s: float = DEFAULT_REFRESH_S
    on_state: Callable[[BusState], None] | None = None
    displays: list[DisplayHandle] = field(default_factory=list)
    _wake: threading.Condition = field(default_factory=threading.Condition, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _stopping: bool = field(default=False, repr=False)
    _quiet_until: float = field(default=0.0, repr=False)
    _connected: bool | None = field(default=None, repr=False)

    @property
    def line(self) -> LineSettings:
        return self.link.line

    def add(self, driver: Driver, address: int) -> DisplayHandle:
        driver.check_address(address)
        handle = DisplayHandle(self, driver, address)
        self.displays.append(handle)
        return handle

    def submit(self, handle: DisplayHandle, text: str) -> None:
        with self._wake:
            handle.text = text
            handle.dirty = True
            self._wake.notify()

    def start(self) -> DisplayBus:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name=f"display-bus {self.link.url}", daemon=True
            )
            self._thread.start()
        return self

    def close(self, *, drain_s: float = 1.0) -> None:
        """Stop the thread after sending what is pending (for at most `drain_s`), then close the port."""
        deadline = time.monotonic() + drain_s
        while time.monotonic() < deadline and self.link.connected and any(d.dirty for d in self.displays):
            time.sleep(0.005)
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.link.close()

    def _report(self) -> None:
        connected = self.link.connected
        if connected != self._connected:
            self._connected = connected
            if self.on_state is not None:
                try:
                    self.on_state(BusState(connected, self.link.last_error))
                except Exception:
                    log.exception("display state listener failed")

    def _next_due(self, now: float) -> DisplayHandle | None:
        for handle in self.displays:
            if handle.dirty:
                return handle
        for handle in self.displays:
            if handle.text is not None and (handle.sent_at is None or now - handle.sent_at >= self.refresh_s):
                return handle
        return None

    def _wait_s(self, now: float) -> float:
        pending = [d for d in self.displays if d.text is not None]
        if any(d.dirty for d in pending):
            return (
                max(0.0, self._quiet_until - now) if self.link.connected else self.link.seconds_until_retry()
            )
        if not pending:
            return 3600.0
        oldest = min((d.sent_at or 0.0) for d in pending)
        return max(0.0, oldest + self.refresh_s - now)

    def _run(self) -> None:
        while True:
            with self._wake:
                while True:
                    if self._stopping:
                        return
                    now = time.monotonic()
                    due = self._next_due(now) if now >= self._quiet_until else None
                    if due is not None and (self.link.connected or self.link.seconds_until_retry() == 0):
                        break
                    self._wake.wait(timeout=max(0.001, min(self._wait_s(now), 1.0)))
                text = due.text or ""
                due.dirty = False
            frame = due.driver.encode(text, due.address)
            started = time.monotonic()
            ok = self.link.write(frame)
            finished = time.monotonic()
            if ok and self.link.reopened:  # just (re)connected: everybody's text again
                self.link.reopened = False
                with self._wake:
                    for handle in self.displays:
                        if handle.text is not None and handle is not due:
                            handle.dirty = True
            with self._wake:
                if ok:
                    due.sent_at = finished
                    due.started_at = started
                    due.sent += 1
                    # Written is not sent: a UART drains at the baud rate; stay quiet until it has.
                    self._quiet_until = started + self.line.wire_seconds(len(frame)) + self.gap_s
                elif due.text == text:
                    due.dirty = True
            self._report()


def connect_bus(
    url: str, line: LineSettings, *, gap_s: float = DEFAULT_GAP_S, refresh_s: float = DEFAULT_REFRESH_S
) -> DisplayBus:
    return DisplayBus(SerialLink(url, line), gap_s=gap_s, refresh_s=refresh_s).start()
