"""A token bucket per client address, for the public look-up page.

In memory, per worker process: with N workers a client gets up to N times the rate, which is enough to
stop enumeration of dossier codes from one address without a shared store. Behind a reverse proxy, run
uvicorn with --proxy-headers so the address is the client's, not the proxy's.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

MAX_CLIENTS = 10_000  # the oldest buckets are forgotten beyond this (memory stays bounded)


class RateLimiter:
    def __init__(
        self, per_minute: int, *, burst: int | None = None, now: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst if burst is not None else max(1, per_minute // 3))
        self._now = now
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds to wait before the next one."""
        with self._lock:
            now = self._now()
            tokens, last = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                wait = 0.0
            else:
                self._buckets[client] = (tokens, now)
                wait = (1 - tokens) / self.rate
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
            return wait
