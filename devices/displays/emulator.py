"""A display emulator: reads the line as a real display set to one address would, shows what it would
show, and answers as it would (Modbus echoes). For demos, tests and sites waiting for hardware.

It listens on a pseudo-terminal (the desk opens its slave side like any serial port) or on TCP (the desk
uses socket://host:port, as with a serial-Ethernet converter).
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from devices.displays.driver import Driver, Frame

log = logging.getLogger("motcua.displays")


@dataclass
class EmulatedDisplay:
    driver: Driver
    address: int
    on_show: Callable[[str, float], None] | None = None
    shown: str | None = None
    frames: list[Frame] = field(default_factory=list)
    last_frame_at: float | None = None  # perf_counter() when the last accepted frame ended

    def __post_init__(self) -> None:
        self.driver.check_address(self.address)
        self._decoder = self.driver.decoder(self.address)

    @property
    def rejected(self) -> int:
        return self._decoder.rejected

    def accepts(self, frame: Frame) -> bool:
        """Its own address, or the broadcast address 0 (a display at DIP 0 takes everything)."""
        return frame.address in (self.address, 0) or self.address == 0

    def feed(self, data: bytes) -> list[bytes]:
        """Bytes from the line; returns what the display sends back."""
        replies: list[bytes] = []
        now = time.perf_counter()
        for frame in self._decoder.feed(data):
            if not self.accepts(frame):
                continue
            self.frames.append(frame)
            self.shown = frame.text
            self.last_frame_at = now
            if self.on_show is not None:
                self.on_show(frame.text, now)
            reply = self.driver.reply(frame.raw)
            if reply and frame.address == self.address:
                replies.append(reply)
        return replies


@dataclass
class EmulatedBus:
    """Several displays listening on one RS-485 line, each to its own address."""

    displays: list[EmulatedDisplay]
    shown: str | None = None  # the last text any of them took
    frames: list[Frame] = field(default_factory=list)

    def feed(self, data: bytes) -> list[bytes]:
        replies: list[bytes] = []
        for display in self.displays:
            before = len(display.frames)
            replies += display.feed(data)
            for frame in display.frames[before:]:
                self.frames.append(frame)
                self.shown = frame.text
        return replies


class _Reader:
    def __init__(self, display: EmulatedDisplay | EmulatedBus) -> None:
        self.display = display
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.received = bytearray()
        self.changed = threading.Condition()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="display-emulator", daemon=True)
        self._thread.start()

    def _run(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _handle(self, data: bytes) -> list[bytes]:
        with self.changed:
            self.received += data
            replies = self.display.feed(data)
            self.changed.notify_all()
        return replies

    def wait_for(self, text: str, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        with self.changed:
            while self.display.shown != text:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self.changed.wait(remaining)
        return True

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


class PtyEmulator(_Reader):
    """Owns the master side of a pty; `path` is the serial port to point the desk at. `unplug()` closes
    the master, as pulling the USB adapter does: writes on the desk's side start failing."""

    def __init__(self, display: EmulatedDisplay | EmulatedBus, link_path: str | None = None) -> None:
        super().__init__(display)
        self.link_path = link_path
        self.master = -1
        self.path = ""
        self.plug()

    def plug(self) -> None:
        import tty

        master, slave = os.openpty()
        tty.setraw(slave)  # no echo, no line editing: bytes pass as they are, like a UART
        self.master = master
        self._slave = slave  # kept open so that the master never reads EIO while the desk reconnects
        self.path = os.ttyname(slave)
        if self.link_path:  # a stable name, like /dev/serial/by-id/..., that follows the replug
            link = Path(self.link_path)
            link.unlink(missing_ok=True)
            link.symlink_to(self.path)
        self._stop.clear()
        self.start()

    def unplug(self) -> None:
        self.stop()
        if self.link_path:
            Path(self.link_path).unlink(missing_ok=True)
        for fd in (self.master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.master = -1

    def _run(self) -> None:
        master = self.master
        while not self._stop.is_set():
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            for reply in self._handle(data):
                try:
                    os.write(master, reply)
                except OSError:
                    return

    def close(self) -> None:
        self.unplug()


class SocketEmulator(_Reader):
    """Listens on TCP like a serial-Ethernet converter with a display behind it."""

    def __init__(
        self, display: EmulatedDisplay | EmulatedBus, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        super().__init__(display)
        self.server = socket.create_server((host, port))
        self.server.settimeout(0.1)
        self.host, self.port = self.server.getsockname()[:2]
        self.start()

    @property
    def url(self) -> str:
        return f"socket://{self.host}:{self.port}"

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(0.1)
                while not self._stop.is_set():
                    try:
                        data = conn.recv(4096)
                    except TimeoutError:
                        continue
                    except OSError:
                        break
                    if not data:
                        break
                    for reply in self._handle(data):
                        conn.sendall(reply)

    def close(self) -> None:
        self.stop()
        self.server.close()


# Seven-segment digits for the terminal view: readable across a room on a projected terminal.
_SEGMENTS = {
    "0": (" _ ", "| |", "|_|"),
    "1": ("   ", "  |", "  |"),
    "2": (" _ ", " _|", "|_ "),
    "3": (" _ ", " _|", " _|"),
    "4": ("   ", "|_|", "  |"),
    "5": (" _ ", "|_ ", " _|"),
    "6": (" _ ", "|_ ", "|_|"),
    "7": (" _ ", "  |", "  |"),
    "8": (" _ ", "|_|", "|_|"),
    "9": (" _ ", "|_|", " _|"),
    " ": ("   ", "   ", "   "),
    "-": ("   ", " _ ", "   "),
    "A": (" _ ", "|_|", "| |"),
    "B": ("   ", "|_ ", "|_|"),
    "C": (" _ ", "|  ", "|_ "),
    "D": ("   ", " _|", "|_|"),
    "E": (" _ ", "|_ ", "|_ "),
    "F": (" _ ", "|_ ", "|  "),
}


def seven_segment(text: str) -> str:
    rows = ["", "", ""]
    for ch in text.upper():
        glyph = _SEGMENTS.get(ch, ("   ", " ? ", "   "))
        for i in range(3):
            rows[i] += glyph[i] + " "
    return "\n".join(rows)
