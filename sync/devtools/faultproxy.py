"""A TCP proxy that breaks connections on purpose: at a given byte offset, every N bytes, or by dropping
a response after the server has handled the request (a lost acknowledgement).

Plain sockets and threads, so it sits between any client and server on 127.0.0.1 and the faults land at
exact byte offsets of what really crosses the wire (headers included). Tests and `bench/sync.py` use it;
tc/netem would need root and a network namespace, and toxiproxy a separate daemon.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field

_BUFFER = 16 * 1024


@dataclass
class ProxyStats:
    connections: int = 0
    bytes_up: int = 0  # client -> server, forwarded
    bytes_down: int = 0  # server -> client, forwarded
    cuts: int = 0
    dropped_responses: int = 0


@dataclass
class _Faults:
    cut_after: int | None = None  # one shot: cut after this many more upstream bytes
    cut_every: int | None = None  # periodic: cut each time this many upstream bytes have passed
    since_cut: int = 0
    drop_responses: int = 0  # drop this many responses (after the server has answered)
    refuse: bool = False  # close every new connection at once (the link is down)


@dataclass
class FaultProxy:
    upstream_host: str
    upstream_port: int
    stats: ProxyStats = field(default_factory=ProxyStats)
    _faults: _Faults = field(default_factory=_Faults)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _listener: socket.socket | None = None
    _connections: set[socket.socket] = field(default_factory=set)
    _closed: threading.Event = field(default_factory=threading.Event)

    # ----- control ----------------------------------------------------------------------------------------

    def start(self) -> FaultProxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, name="faultproxy-accept", daemon=True).start()
        return self

    @property
    def port(self) -> int:
        assert self._listener is not None
        return int(self._listener.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cut_after(self, upstream_bytes: int) -> None:
        with self._lock:
            self._faults.cut_after = upstream_bytes

    def cut_every(self, upstream_bytes: int | None) -> None:
        with self._lock:
            self._faults.cut_every = upstream_bytes
            self._faults.since_cut = 0

    def drop_responses(self, count: int = 1) -> None:
        with self._lock:
            self._faults.drop_responses = count

    def link_down(self, down: bool = True) -> None:
        with self._lock:
            self._faults.refuse = down
        if down:
            self.reset()

    def reset(self) -> None:
        """Cut every open connection now."""
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            _close(connection)

    def stop(self) -> None:
        self._closed.set()
        if self._listener is not None:
            _close(self._listener)
        self.reset()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # ----- pumping ----------------------------------------------------------------------------------------

    def _accept(self) -> None:
        assert self._listener is not None
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                refuse = self._faults.refuse
            if refuse:
                _close(client)
                continue
            try:
                upstream = socket.create_connection((self.upstream_host, self.upstream_port), timeout=10)
                upstream.settimeout(None)
            except OSError:
                _close(client)
                continue
            for sock in (client, upstream):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self.stats.connections += 1
                self._connections.update((client, upstream))
            pair = (client, upstream)
            threading.Thread(target=self._pump_up, args=pair, daemon=True).start()
            threading.Thread(target=self._pump_down, args=pair, daemon=True).start()

    def _budget(self, size: int) -> int | None:
        """How many of `size` upstream bytes may pass before a cut (None: all of them, no cut)."""
        with self._lock:
            faults = self._faults
            limits = []
            if faults.cut_after is not None:
                limits.append(faults.cut_after)
            if faults.cut_every is not None:
                limits.append(faults.cut_every - faults.since_cut)
            allowed = min(limits) if limits else None
            if allowed is None or size < allowed:
                if faults.cut_after is not None:
                    faults.cut_after -= size
                faults.since_cut += size
                return None
            faults.cut_after = None
            faults.since_cut = 0
            self.stats.cuts += 1
            return max(0, allowed)

    def _pump_up(self, client: socket.socket, upstream: socket.socket) -> None:
        try:
            while data := client.recv(_BUFFER):
                allowed = self._budget(len(data))
                if allowed is not None:
                    upstream.sendall(data[:allowed])
                    self._count(up=allowed)
                    break
                upstream.sendall(data)
                self._count(up=len(data))
            else:
                with contextlib.suppress(OSError):
                    upstream.shutdown(socket.SHUT_WR)
                return
        except OSError:
            pass
        self._drop(client, upstream)

    def _pump_down(self, client: socket.socket, upstream: socket.socket) -> None:
        try:
            while data := upstream.recv(_BUFFER):
                with self._lock:
                    drop = self._faults.drop_responses > 0
                    if drop:
                        self._faults.drop_responses -= 1
                        self.stats.dropped_responses += 1
                if drop:
                    break
                client.sendall(data)
                self._count(down=len(data))
        except OSError:
            pass
        self._drop(client, upstream)

    def _count(self, up: int = 0, down: int = 0) -> None:
        with self._lock:
            self.stats.bytes_up += up
            self.stats.bytes_down += down

    def _drop(self, *sockets: socket.socket) -> None:
        with self._lock:
            for sock in sockets:
                self._connections.discard(sock)
        for sock in sockets:
            _close(sock)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
