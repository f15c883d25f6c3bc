"""The counter's queue, through the office server when it answers and from the desk's own block when not.

Op bodies for the queue worker (ui/queue_controller.py): they take plain values, return plain data, and
may wait on the network, which is why they never run on the GUI thread nor on the database worker.

- With `server.url` set, calls go to the office queue on motcua-server (sync/queue/client.py). When it
  cannot be reached, or its live stream says the link is down, the desk calls from its own queue with
  numbers from its reserved offline block, and every answer says it was offline.
- Without a server the desk's own queue is the office's queue (a small centre working alone).

The client and the engine are imported on first use: nothing here may slow the window's start.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

ALONE, ONLINE, OFFLINE = "alone", "online", "offline"


@dataclass(frozen=True, slots=True)
class Line:
    code: str
    prefix: str
    name: str
    waiting: int
    priority_waiting: int = 0


@dataclass(frozen=True, slots=True)
class QueueView:
    """What the queue bar shows: this counter's ticket, the lines it calls and how many wait in each."""

    mode: str  # ALONE, ONLINE or OFFLINE
    counter: int
    configured: bool  # the counter is set up in the queue (it calls some lines)
    current: str | None = None
    status: str | None = None  # TicketStatus value of the current ticket
    held: tuple[str, ...] = ()
    lines: tuple[Line, ...] = ()  # the lines this counter calls
    all_lines: tuple[Line, ...] = ()  # every line of the office (transfer targets)
    counters: tuple[int, ...] = ()  # every counter of the office
    problem: str | None = None  # why the office server was not used

    @property
    def waiting(self) -> int:
        return sum(line.waiting for line in self.lines)


@dataclass(frozen=True, slots=True)
class QueueResult:
    """An action's outcome: the ticket acted on (None: nobody waits), and the queue afterwards."""

    action: str
    ticket: str | None
    status: str | None
    calls: int
    finished: str | None
    view: QueueView
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def mode(self) -> str:
        return self.view.mode


def view_from_status(data: dict[str, Any], counter: int, mode: str, problem: str | None = None) -> QueueView:
    """A QueueView from QueueStatus.as_dict() (the server's JSON and the desk's own status alike)."""
    lines = tuple(
        Line(s["code"], s["prefix"], s["name"], int(s["waiting"]), int(s.get("priority_waiting", 0)))
        for s in data.get("services", [])
    )
    mine = next((c for c in data.get("counters", []) if c["counter"] == counter), None)
    if mine is None:
        return QueueView(
            mode,
            counter,
            False,
            all_lines=lines,
            counters=tuple(c["counter"] for c in data.get("counters", [])),
            problem=problem,
        )
    codes = set(mine["services"])
    return QueueView(
        mode=mode,
        counter=counter,
        configured=True,
        current=mine.get("current"),
        status=mine.get("status"),
        held=tuple(mine.get("held", ())),
        lines=tuple(line for line in lines if line.code in codes),
        all_lines=lines,
        counters=tuple(c["counter"] for c in data.get("counters", [])),
        problem=problem,
    )


class DeskQueue:
    """One per window. Thread-safe enough for one worker thread plus the follower's link updates."""

    def __init__(self, desk: Any, counter: int, server_url: str = "", office_code: str = "") -> None:
        self.desk = desk
        self.counter = counter
        self.server_url = server_url.strip()
        self.office_code = office_code or desk.services.desk.office_code
        self._client: Any = None
        self._lock = threading.Lock()
        # None: not known (try the server); False: the live stream says it is down (do not wait on it).
        self._link_up: bool | None = None
        self._closed = False

    @property
    def has_server(self) -> bool:
        return bool(self.server_url)

    def set_link(self, up: bool) -> None:
        """From the live stream (any thread): whether the office server is reachable right now."""
        self._link_up = up

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._client is not None:
                self._client.close()
                self._client = None

    # ----- routing ------------------------------------------------------------------------------------

    def _office(self) -> Any:
        with self._lock:
            if self._client is None and not self._closed:
                from sync.queue.client import OfficeQueueClient

                self._client = OfficeQueueClient(self.server_url, self.office_code)
            return self._client

    def _local(self, offline: bool) -> Any:
        from app.storage.queue_wiring import desk_queue

        return desk_queue(self.desk, offline=offline)

    def _route(self, remote: Any, local: Any) -> tuple[dict[str, Any], str, str | None]:
        """(answer, mode, problem): the server's answer when it can give one, else the desk's own."""
        if not self.has_server:
            return local(self._local(False)), ALONE, None
        from app.services.queue.ports import OfficeUnreachable

        problem = None
        if self._link_up is not False:
            client = self._office()
            if client is not None:
                try:
                    return remote(client), ONLINE, None
                except OfficeUnreachable as exc:
                    log.info("office queue unreachable: %s", exc)
                    problem = str(exc)
        return local(self._local(True)), OFFLINE, problem or "link down"

    # ----- op bodies (queue worker) -------------------------------------------------------------------

    def status(self, _services: object = None) -> QueueView:
        from app.services.queue.status import queue_status

        data, mode, problem = self._route(lambda c: c.status(), lambda ctx: queue_status(ctx).as_dict())
        return view_from_status(data, self.counter, mode, problem)

    def _acted(self, data: dict[str, Any], mode: str, problem: str | None) -> QueueResult:
        view = self.status() if mode != OFFLINE else self._offline_status(problem)
        return QueueResult(
            action=data.get("action", ""),
            ticket=data.get("ticket"),
            status=data.get("status"),
            calls=int(data.get("calls") or 0),
            finished=data.get("finished"),
            view=view,
        )

    def _offline_status(self, problem: str | None) -> QueueView:
        from app.services.queue.status import queue_status

        return view_from_status(queue_status(self._local(True)).as_dict(), self.counter, OFFLINE, problem)

    def call_next(self, _services: object, officer: str) -> QueueResult:
        from app.services.queue.calling import call_next

        counter = self.counter
        return self._acted(
            *self._route(
                lambda c: c.call(counter, officer),
                lambda ctx: call_next(ctx, counter, officer).as_dict(),
            )
        )

    def call_number(self, _services: object, label: str, officer: str) -> QueueResult:
        from app.services.queue.calling import call_number

        counter = self.counter
        return self._acted(
            *self._route(
                lambda c: c.call(counter, officer, label),
                lambda ctx: call_number(ctx, counter, label, officer).as_dict(),
            )
        )

    def act(
        self,
        _services: object,
        action: str,
        officer: str,
        *,
        to_service: str | None = None,
        to_counter: int | None = None,
    ) -> QueueResult:
        """recall, start, complete, no_show, transfer on the counter's current ticket."""
        from app.services.queue.calling import act

        counter = self.counter
        path = action.replace("_", "-")  # the server's route spells it no-show
        return self._acted(
            *self._route(
                lambda c: c.act(counter, path, officer, to_service=to_service, to_counter=to_counter),
                lambda ctx: act(
                    ctx, counter, action, officer, to_service=to_service, to_counter=to_counter
                ).as_dict(),
            )
        )
