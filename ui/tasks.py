"""Background reads for the desk app, in the manner of Anki's `QueryOp`.

An op body is a plain function of the `Services`; it runs on the database worker, a pool of exactly one
thread, so database access from the GUI is serialised and never blocks the event loop. Its result or its
exception travels back through a queued signal and `success` / `failure` run on the GUI thread.

Rules for op bodies: they receive services and plain values and return plain data. They must not touch
widgets, models or any other QObject (Qt objects are not thread-safe, and the window may be gone by the
time the op finishes).

`CollectionOp` is the same for ops that change data (receive, transition): after its success the
TaskManager emits `sig_data_changed`, and the lists on screen refresh themselves.

An op started with `.latest(key)` delivers only while it is the newest op of its key: typing "ngu" after
"ng" makes the search for "ng" stale, and its result is dropped (or the op is skipped if it has not
started). `TaskManager.supersede(key)` marks the in-flight op stale at once, before the next one is
started (the search box calls it on every keystroke, ahead of its debounce).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from app.domain.errors import DomainError
from app.services.context import Services
from ui.crash import CrashReporter
from ui.errors import describe_error

log = logging.getLogger(__name__)

T = TypeVar("T")


class QueryOp(Generic[T]):
    """A read on the services, run off the GUI thread.

        QueryOp(op=lambda s: search_dossiers(s, text), success=self.show_rows).latest("search").run(tasks)

    `op` runs on the database worker (see the module docstring: no widgets there). `success` receives its
    result on the GUI thread; `failure` receives the exception, and without one the TaskManager reports it
    through `sig_failed`.
    """

    def __init__(self, *, op: Callable[[Services], T], success: Callable[[T], None]) -> None:
        self._op = op
        self._success = success
        self._failure: Callable[[Exception], None] | None = None
        self._key: str | None = None
        self._changes = False

    def failure(self, handler: Callable[[Exception], None]) -> QueryOp[T]:
        self._failure = handler
        return self

    def latest(self, key: str) -> QueryOp[T]:
        """Deliver only if no newer op with the same key was started (or superseded) meanwhile."""
        self._key = key
        return self

    def run(self, tasks: TaskManager) -> None:
        tasks.start(self._op, self._success, self._failure, self._key, changes=self._changes)


class CollectionOp(QueryOp[T]):
    """An op that writes: as QueryOp, and on success the TaskManager emits `sig_data_changed`."""

    def __init__(self, *, op: Callable[[Services], T], success: Callable[[T], None]) -> None:
        super().__init__(op=op, success=success)
        self._changes = True


@dataclass(frozen=True, slots=True)
class _Pending:
    success: Callable[[Any], None]
    failure: Callable[[Exception], None] | None
    key: str | None
    generation: int
    changes: bool = False


class _Generations:
    """The newest generation of each key; read by the worker, bumped by the GUI thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: dict[str, int] = {}

    def bump(self, key: str) -> int:
        with self._lock:
            self._current[key] = self._current.get(key, 0) + 1
            return self._current[key]

    def is_current(self, key: str | None, generation: int) -> bool:
        if key is None:
            return True
        with self._lock:
            return self._current.get(key, 0) == generation


_SKIPPED = object()


class _Job(QRunnable):
    def __init__(
        self,
        manager: TaskManager,
        job_id: int,
        op: Callable[[Services], Any],
        key: str | None,
        generation: int,
    ) -> None:
        super().__init__()
        self._manager = manager
        self._job_id = job_id
        self._op = op
        self._key = key
        self._generation = generation

    def run(self) -> None:  # on the worker thread
        manager = self._manager
        if not manager._generations.is_current(self._key, self._generation):
            manager._sig_done.emit(self._job_id, True, _SKIPPED)
            return
        try:
            result = self._op(manager.services)
        except Exception as exc:
            manager._sig_done.emit(self._job_id, False, exc)
        else:
            manager._sig_done.emit(self._job_id, True, result)


class TaskManager(QObject):
    """Owns the database worker; create one per open desk, in the GUI thread, and `shutdown()` it."""

    # (job id, ok, result or exception); emitted on the worker, delivered on the GUI thread.
    _sig_done = Signal(int, bool, object)
    # A failure no op handled: a message for the officer.
    sig_failed = Signal(str)
    # A CollectionOp succeeded: what lists show may have changed.
    sig_data_changed = Signal()

    def __init__(
        self, services: Services, parent: QObject | None = None, reporter: CrashReporter | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("taskManager")
        self.services = services
        self.reporter = reporter
        self._pool = QThreadPool(self)
        self._pool.setObjectName("databaseWorker")
        self._pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._generations = _Generations()
        self._closed = False
        self._sig_done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def start(
        self,
        op: Callable[[Services], T],
        success: Callable[[T], None],
        failure: Callable[[Exception], None] | None = None,
        key: str | None = None,
        *,
        changes: bool = False,
    ) -> None:
        if self._closed:
            log.debug("task manager closed; op dropped")
            return
        generation = self._generations.bump(key) if key is not None else 0
        job_id = next(self._ids)
        self._pending[job_id] = _Pending(success, failure, key, generation, changes)
        self._pool.start(_Job(self, job_id, op, key, generation))

    def supersede(self, key: str) -> None:
        """Make whatever op of `key` is queued or running stale: its result will be dropped."""
        self._generations.bump(key)

    def is_idle(self) -> bool:
        return not self._pending

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop delivering, drop queued ops and wait for the running one (before closing the database)."""
        self._closed = True
        self._pending.clear()
        self._pool.clear()
        return self._pool.waitForDone(timeout_ms)

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, ok: bool, value: object) -> None:  # on the GUI thread
        pending = self._pending.pop(job_id, None)
        if pending is None or self._closed or value is _SKIPPED:
            return
        if not self._generations.is_current(pending.key, pending.generation):
            log.debug("stale result of %s dropped", pending.key)
            return
        if ok:
            pending.success(value)
            if pending.changes:
                self.sig_data_changed.emit()
            return
        assert isinstance(value, Exception)
        if not isinstance(value, DomainError):
            # A fault, not a refusal by the rules: keep its traceback for the technicians.
            log.error("background op failed", exc_info=value)
            if self.reporter is not None:
                self.reporter.report(value)
        if pending.failure is not None:
            pending.failure(value)
            return
        self.sig_failed.emit(describe_error(value))
