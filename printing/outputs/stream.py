"""Outputs that write bytes to a stream: raw TCP (9100), serial ports, character devices.

Written by hand over the standard library and pyserial rather than python-escpos's printer classes: what
matters here is the one distinction those classes do not make, whether any byte left before an error
(then the page may have printed and the job must not be resent) or none did (safe to retry).
"""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path
from typing import Protocol

from app.services.printing.ports import (
    ESCPOS,
    Delivery,
    Outgoing,
    PrinterStatus,
    PrinterUnavailable,
    PrinterUncertain,
    Progress,
)
from printing.outputs.escpos_status import QUERY_PAPER, paper_status

CHUNK = 4096


class _Link(Protocol):
    def write(self, data: bytes) -> int: ...

    def read_reply(self, size: int, timeout: float) -> bytes: ...

    def close(self) -> None: ...


def _deliver(link: _Link, job: Outgoing, *, ask_paper: bool) -> Delivery:
    """Send `job` over an open link: paper first (ESC/POS only), then the data in chunks."""
    try:
        if ask_paper and job.media_type == ESCPOS:
            link.write(QUERY_PAPER)
            status = paper_status(link.read_reply(1, 0.5))
            if not status.ready:
                raise PrinterUnavailable(status.reason or "not ready")
        sent = 0
        for _ in range(max(job.copies, 1)):
            view = memoryview(job.data)
            while view:
                try:
                    written = link.write(bytes(view[:CHUNK]))
                except OSError as exc:
                    if sent == 0:
                        raise PrinterUnavailable(f"cannot write to the printer: {exc}") from exc
                    raise PrinterUncertain(f"connection lost after {sent} bytes: {exc}") from exc
                sent += written
                view = view[written:]
        return Delivery(done=True)
    finally:
        with contextlib.suppress(OSError):
            link.close()


class _SocketLink:
    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def write(self, data: bytes) -> int:
        self._sock.sendall(data)
        return len(data)

    def read_reply(self, size: int, timeout: float) -> bytes:
        self._sock.settimeout(timeout)
        try:
            return self._sock.recv(size)
        except (TimeoutError, OSError):
            return b""
        finally:
            self._sock.settimeout(10)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_WR)
        self._sock.close()


class SocketOutput:
    """A raw TCP printer (JetDirect/AppSocket, port 9100)."""

    def __init__(
        self, address: str, host: str, port: int, *, timeout: float = 5.0, status: bool = True
    ) -> None:
        self.address = address
        self._host, self._port, self._timeout, self._ask = host, port, timeout, status

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self._host, self._port), timeout=self._timeout)
        except OSError as exc:
            raise PrinterUnavailable(f"cannot reach {self._host}:{self._port}: {exc}") from exc

    def status(self) -> PrinterStatus:
        # Reachability only: asking the paper sensor costs a connection of its own, and send() asks anyway.
        try:
            self._connect().close()
        except PrinterUnavailable as exc:
            return PrinterStatus(False, str(exc))
        return PrinterStatus(True)

    def send(self, job: Outgoing) -> Delivery:
        sock = self._connect()
        sock.settimeout(10)
        return _deliver(_SocketLink(sock), job, ask_paper=self._ask)

    def progress(self, external_id: str) -> tuple[Progress, str | None]:
        return Progress.DONE, None

    def find(self, job: Outgoing) -> str | None:
        return None  # a raw printer keeps no record: an interrupted job stays uncertain


class _SerialLink:
    def __init__(self, port: object) -> None:
        self._port = port

    def write(self, data: bytes) -> int:
        written = self._port.write(data)  # type: ignore[attr-defined]
        self._port.flush()  # type: ignore[attr-defined]
        if written != len(data):
            raise OSError(f"wrote {written} of {len(data)} bytes")
        return int(written)

    def read_reply(self, size: int, timeout: float) -> bytes:
        self._port.timeout = timeout  # type: ignore[attr-defined]
        return bytes(self._port.read(size))  # type: ignore[attr-defined]

    def close(self) -> None:
        self._port.close()  # type: ignore[attr-defined]


class SerialOutput:
    """A serial (RS-232, or USB-serial) printer through pyserial; `port` may be any pyserial URL."""

    def __init__(self, address: str, port: str, *, baudrate: int = 9600, status: bool = True) -> None:
        self.address = address
        self._port, self._baudrate, self._ask = port, baudrate, status

    def _open(self) -> object:
        import serial

        try:
            return serial.serial_for_url(self._port, baudrate=self._baudrate, timeout=1, write_timeout=30)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise PrinterUnavailable(f"cannot open {self._port}: {exc}") from exc

    def status(self) -> PrinterStatus:
        try:
            link = _SerialLink(self._open())
        except PrinterUnavailable as exc:
            return PrinterStatus(False, str(exc))
        try:
            if not self._ask:
                return PrinterStatus(True)
            link.write(QUERY_PAPER)
            return paper_status(link.read_reply(1, 0.5))
        except OSError as exc:
            return PrinterStatus(False, str(exc))
        finally:
            link.close()

    def send(self, job: Outgoing) -> Delivery:
        import serial

        link = _SerialLink(self._open())
        try:
            return _deliver(link, job, ask_paper=False)  # status() asked already on this port
        except serial.SerialTimeoutException as exc:  # pragma: no cover - needs a stalled port
            raise PrinterUncertain(str(exc)) from exc

    def progress(self, external_id: str) -> tuple[Progress, str | None]:
        return Progress.DONE, None

    def find(self, job: Outgoing) -> str | None:
        return None


class _FileLink:
    def __init__(self, descriptor: int) -> None:
        self._fd = descriptor

    def write(self, data: bytes) -> int:
        return os.write(self._fd, data)

    def read_reply(self, size: int, timeout: float) -> bytes:
        return b""

    def close(self) -> None:
        os.close(self._fd)


class DeviceOutput:
    """A character device: /dev/usb/lp0 (Linux USB printer class), /dev/lp0 (parallel)."""

    def __init__(self, address: str, path: str) -> None:
        self.address = address
        self._path = Path(path)

    def status(self) -> PrinterStatus:
        if not self._path.exists():
            return PrinterStatus(False, f"{self._path} not found (printer off or unplugged?)")
        if not os.access(self._path, os.W_OK):
            return PrinterStatus(False, f"no permission to write {self._path} (add the user to group lp)")
        return PrinterStatus(True)

    def send(self, job: Outgoing) -> Delivery:
        try:
            descriptor = os.open(self._path, os.O_WRONLY | os.O_APPEND)
        except OSError as exc:
            raise PrinterUnavailable(f"cannot open {self._path}: {exc}") from exc
        return _deliver(_FileLink(descriptor), job, ask_paper=False)

    def progress(self, external_id: str) -> tuple[Progress, str | None]:
        return Progress.DONE, None

    def find(self, job: Outgoing) -> str | None:
        return None
