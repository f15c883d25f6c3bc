"""Sync in the background whenever the server is reachable, with backoff when it is not.

A plain thread (no Qt: the desk app bridges the status to its status bar). The officer never waits on
the network: local work commits to SQLite and the next cycle takes it. After a failure the wait grows
exponentially with full jitter (AWS's "exponential backoff and jitter"), so fifty desks that lost the
same link do not all come back in the same second; a nudge (a new local change, the "Sync now" button)
cuts the wait short.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.services.sync.cycle import SyncReport
from app.services.sync.errors import SyncError

log = logging.getLogger("motcua.sync")


@dataclass(frozen=True, slots=True)
class Backoff:
    interval: float = 30.0  # between successful cycles
    first: float = 2.0  # ceiling of the first wait after a failure
    cap: float = 300.0  # no wait grows beyond this
    manual: float = 900.0  # after errors that need a person (revoked, certificate): retry rarely
    floor: float = 0.5  # full jitter may draw 0: never spin

    def delay(self, failures: int, error: SyncError, draw: Callable[[], float]) -> float:
        if not error.retry:
            return self.manual
        ceiling = min(self.cap, self.first * 2 ** max(0, failures - 1))
        return float(max(self.floor, ceiling * draw()))


class BackgroundSync:
    """Runs `cycle` again and again on its own thread until stopped."""

    def __init__(
        self,
        cycle: Callable[[], SyncReport],
        *,
        backoff: Backoff | None = None,
        on_result: Callable[[SyncReport | None, SyncError | None], None] | None = None,
        draw: Callable[[], float] = random.random,
    ) -> None:
        self._cycle = cycle
        self._backoff = backoff or Backoff()
        self._on_result = on_result
        self._draw = draw
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.failures = 0
        self.cycles = 0
        self.last_delay = 0.0

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("already started")
        self._thread = threading.Thread(target=self._loop, name="motcua-sync", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        """Sync soon (a local change was committed, or someone asked)."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> bool:
        """Ask the loop to end after the current cycle; returns whether it did within `timeout`."""
        self._stopping.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            report: SyncReport | None = None
            error: SyncError | None = None
            try:
                report = self._cycle()
            except SyncError as exc:
                error = exc
            except Exception:  # a bug must not kill the thread: log it and treat it as a failure
                log.exception("sync cycle failed")
                error = SyncError("internal error (see the log)")
            self.cycles += 1
            if error is None:
                self.failures = 0
                delay = self._backoff.interval
            else:
                self.failures += 1
                delay = self._backoff.delay(self.failures, error, self._draw)
                log.info("sync failed (%s: %s); next try in %.1f s", error.code, error.message, delay)
            self.last_delay = delay
            if self._on_result is not None:
                self._on_result(report, error)
            self._wake.wait(delay)
