"""A serial line to one or more displays, by port name or pyserial URL, that survives unplugging.

Port names: COM3, /dev/ttyUSB0, /dev/serial/by-id/...; URLs: socket://host:port (serial-Ethernet
converters), rfc2217://host:port, hwgrep://VID:PID (a USB adapter found by its ids, whatever port the OS
gave it today), loop:// and spy:// for tests and diagnosis. pyserial resolves all of them.

A display cable gets pulled; the counter PC must not notice beyond a status line. `write` never raises:
it returns False while the port is away and tries to open it again with a growing pause (backoff), and
`reopened` tells the bus to show every display's current text again once it is back.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import serial

from devices.displays.driver import LineSettings

log = logging.getLogger("motcua.displays")
_URL = re.compile(r"^([a-z0-9+]+)://", re.IGNORECASE)
URL_SCHEMES = frozenset({"socket", "rfc2217", "hwgrep", "loop", "spy", "alt", "cp2110"})


class PortError(ValueError):
    """A port name or URL that cannot name a serial line (bad input, said in one line)."""


def check_url(url: str) -> str:
    url = url.strip()
    if not url:
        raise PortError("the display port is empty")
    match = _URL.match(url)
    if match and match.group(1).lower() not in URL_SCHEMES:
        raise PortError(f"unknown port URL scheme {match.group(1)!r} (use {', '.join(sorted(URL_SCHEMES))})")
    if match and match.group(1).lower() == "hwgrep" and not url[len("hwgrep://") :].strip():
        raise PortError("hwgrep:// needs a VID:PID pattern, e.g. hwgrep://1a86:7523")
    return url


def open_port(url: str, line: LineSettings, *, timeout: float = 0.05) -> Any:
    """An open pyserial port (serial.Serial or a URL handler's class)."""
    return serial.serial_for_url(
        check_url(url),
        baudrate=line.baud,
        bytesize=line.bytesize,
        parity=line.parity,
        stopbits=line.stopbits,
        timeout=timeout,
        write_timeout=1.0,
    )


@dataclass
class Backoff:
    first: float = 0.2
    factor: float = 2.0
    most: float = 5.0

    def delay(self, failures: int) -> float:
        return min(self.most, self.first * self.factor ** max(0, failures - 1))


class SerialLink:
    def __init__(
        self,
        url: str,
        line: LineSettings,
        *,
        backoff: Backoff | None = None,
        opener: Callable[[str, LineSettings], Any] = open_port,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = check_url(url)
        self.line = line
        self.backoff = backoff or Backoff()
        self._opener = opener
        self._clock = clock
        self._port: Any = None
        self._failures = 0
        self._next_attempt = 0.0
        self._lock = threading.Lock()
        self.reopened = False  # set when the port came (back) up; the bus clears it after re-sending
        self.last_error: str | None = None

    @property
    def connected(self) -> bool:
        return self._port is not None

    def seconds_until_retry(self) -> float:
        return max(0.0, self._next_attempt - self._clock())

    def _fail(self, exc: BaseException) -> None:
        self._failures += 1
        self._next_attempt = self._clock() + self.backoff.delay(self._failures)
        message = " ".join(str(exc).split()) or type(exc).__name__
        if message != self.last_error:
            log.warning("display port %s: %s (retrying)", self.url, message)
        self.last_error = message
        self._close_port()

    def _close_port(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except Exception:  # a vanished device may fail to close too; it is gone either way
                log.debug("closing %s failed", self.url, exc_info=True)

    def ensure_open(self) -> bool:
        with self._lock:
            if self._port is not None:
                return True
            if self._clock() < self._next_attempt:
                return False
            try:
                self._port = self._opener(self.url, self.line)
            except (serial.SerialException, OSError, ValueError) as exc:
                self._fail(exc)
                return False
            if self._failures or self.last_error:
                log.info("display port %s is back", self.url)
            self._failures = 0
            self.last_error = None
            self.reopened = True
            return True

    def write(self, data: bytes) -> bool:
        if not self.ensure_open():
            return False
        with self._lock:
            port = self._port
            if port is None:
                return False
            try:
                port.write(data)
                port.flush()
                waiting = port.in_waiting
                if waiting:  # echoes and answers nobody reads: drop them so buffers never fill
                    port.read(waiting)
            except (serial.SerialException, OSError, ValueError) as exc:
                self._fail(exc)
                return False
            return True

    def close(self) -> None:
        with self._lock:
            self._close_port()
