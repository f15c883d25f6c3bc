"""A raw TCP thermal printer on 127.0.0.1 for tests: can be down, up, out of paper, or drop a job midway.
It answers DLE EOT 4 (paper sensor) as an Epson printer does and keeps every job it received."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading

QUERY = b"\x10\x04\x04"
PAPER = {"ok": 0x12, "near_end": 0x1E, "out": 0x72}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class FakePrinter:
    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.jobs: list[bytes] = []
        self.paper = "ok"
        self.cut_after: int | None = None  # reset the connection after this many bytes
        self._server: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def received(self, count: int, timeout: float = 5.0) -> list[bytes]:
        """The jobs once `count` have arrived (the sender returns before this side has read the end)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.jobs) >= count:
                    break
            time.sleep(0.01)
        with self._lock:
            return list(self.jobs)

    @property
    def address(self) -> str:
        return f"socket://127.0.0.1:{self.port}"

    def start(self) -> None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(8)
        server.settimeout(0.2)
        self._server = server
        thread = threading.Thread(target=self._accept, args=(server,), daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                connection, _ = server.accept()
            except TimeoutError:
                if self._server is not server:
                    return
                continue
            except OSError:
                return
            self._serve(connection)

    def _serve(self, connection: socket.socket) -> None:
        data = b""
        received = 0
        connection.settimeout(5)
        with connection:
            while True:
                try:
                    chunk = connection.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                received += len(chunk)
                data += chunk
                if data.startswith(QUERY):
                    connection.sendall(bytes([PAPER[self.paper]]))
                    data = data[len(QUERY) :]
                if self.cut_after is not None and received >= self.cut_after:
                    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    with self._lock:
                        self.jobs.append(b"<cut>" + data)
                    return
        if data:
            with self._lock:
                self.jobs.append(data)

    def __enter__(self) -> FakePrinter:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):
            self.stop()
