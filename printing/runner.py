"""Runs the print job queue: a pass now and then, and at once when a job is added (`wake`). Used by
`motcua printer run` and by the desk app's background thread; stops cleanly on `stop()`."""

from __future__ import annotations

import logging
import threading

from app.services.printing.context import Printing
from app.services.printing.jobs import RunReport, run_due

log = logging.getLogger(__name__)


class JobRunner:
    def __init__(self, printing: Printing, *, interval: float = 5.0) -> None:
        self._printing = printing
        self._interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def run_once(self) -> RunReport:
        return run_due(self._printing)

    def run_forever(self, *, max_passes: int | None = None) -> None:
        passes = 0
        while not self._stop.is_set():
            try:
                report = self.run_once()
                if report.printed or report.uncertain or report.failed:
                    log.info("print queue: %s", report)
            except Exception:  # one bad pass (database busy, disk full) must not end the runner
                log.exception("print queue pass failed")
            passes += 1
            if max_passes is not None and passes >= max_passes:
                return
            self._wake.wait(self._interval)
            self._wake.clear()
