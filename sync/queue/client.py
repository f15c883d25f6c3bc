"""Talking to the office queue on motcua-server: requests, and the live stream of its changes.

The stream is server-sent events read with httpx. It is parsed here (event and data lines, a blank line
ends an event: the part of the SSE format FastAPI's EventSourceResponse writes) rather than with
httpx-sse, which would be one more dependency for twenty lines.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from app.domain.errors import ConcurrentChange, DomainError, IllegalTransition, NotFound
from app.domain.queue.ticket import TicketEvent
from app.services.queue.ports import OfficeUnreachable
from app.services.sync.wire import ticket_event_to_wire
from sync.queue.token import desk_token

log = logging.getLogger("motcua.queue")
REQUEST_TIMEOUT_S = 3.0
# The server sends at least a ping every 3 s; three missed ones and the link is called lost.
STREAM_READ_TIMEOUT_S = 10.0


def _raise_for(response: httpx.Response) -> None:
    if response.status_code < 400:
        return
    try:
        body = response.json()
        message, code = str(body["message"]), str(body["error"])
    except (ValueError, KeyError, TypeError):
        raise OfficeUnreachable(f"office server answered {response.status_code}") from None
    if response.status_code >= 500:
        raise OfficeUnreachable(message)
    if response.status_code == 404:
        raise NotFound(message)
    if response.status_code == 409:
        raise ConcurrentChange(message) if code == "concurrent_change" else IllegalTransition(message)
    raise DomainError(message)


class OfficeQueueClient:
    """Requests to /queue/{office}; network trouble is OfficeUnreachable, refusals are DomainErrors."""

    def __init__(
        self,
        base_url: str,
        office: str,
        *,
        timeout: float = REQUEST_TIMEOUT_S,
        token: str | None = None,
        find_token: Callable[[], str | None] | None = desk_token,
    ) -> None:
        """`token`: the desk's device token; without one, `find_token` looks for this desk's own when a
        change is first sent (and again if the server refuses it: the desk may have been enrolled since)."""
        self.base_url = base_url.rstrip("/")
        self.office = office
        self._http = httpx.Client(base_url=f"{self.base_url}/queue/{office}", timeout=timeout)
        self._token = token
        self._find_token = None if token else find_token
        self._looked = False

    def _headers(self, method: str, *, again: bool = False) -> dict[str, str]:
        if method != "GET" and self._find_token is not None and (again or not self._looked):
            self._looked = True
            self._token = self._find_token()
        return {"Authorization": f"Bearer {self._token}"} if self._token and method != "GET" else {}

    def _send(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        try:
            response = self._http.request(method, path, json=body, headers=self._headers(method))
            if response.status_code == 401 and self._find_token is not None:
                before = self._token
                headers = self._headers(method, again=True)
                if self._token and self._token != before:
                    response = self._http.request(method, path, json=body, headers=headers)
        except httpx.TransportError as exc:
            raise OfficeUnreachable(f"{self.base_url}: {exc}") from exc
        _raise_for(response)
        data: dict[str, Any] = response.json()
        return data

    def issue(self, service: str, priority: str = "normal", actor: str = "kiosk") -> dict[str, Any]:
        return self._send("POST", "/tickets", {"service": service, "priority": priority, "actor": actor})

    def call(self, counter: int, officer: str, ticket: str | None = None) -> dict[str, Any]:
        return self._send("POST", f"/counters/{counter}/call", {"officer": officer, "ticket": ticket})

    def act(
        self,
        counter: int,
        action: str,
        officer: str,
        *,
        ticket: str | None = None,
        to_service: str | None = None,
        to_counter: int | None = None,
    ) -> dict[str, Any]:
        body = {"officer": officer, "ticket": ticket, "to_service": to_service, "to_counter": to_counter}
        return self._send("POST", f"/counters/{counter}/{action}", body)

    def walk_in(self, counter: int, service: str, officer: str) -> dict[str, Any]:
        return self._send("POST", f"/counters/{counter}/walk-in", {"service": service, "officer": officer})

    def status(self) -> dict[str, Any]:
        return self._send("GET", "/status")

    def setup(self, services: list[dict[str, Any]], counters: list[dict[str, Any]]) -> dict[str, Any]:
        return self._send("POST", "/setup", {"services": services, "counters": counters})

    def import_events(self, events: list[TicketEvent]) -> dict[str, Any]:
        return self._send("POST", "/import", {"events": [ticket_event_to_wire(e) for e in events]})

    def close(self) -> None:
        self._http.close()


def parse_sse(lines: Iterator[str]) -> Iterator[tuple[str, Any]]:
    """(event, data) pairs from the lines of an event stream; comments (": ping") are skipped."""
    event, data = "message", []
    for line in lines:
        if not line:
            if data:
                yield event, json.loads("\n".join(data))
            event, data = "message", []
        elif line.startswith(":"):
            continue
        else:
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "event":
                event = value
            elif name == "data":
                data.append(value)


class QueueFollower:
    """Follows /queue/{office}/events on a thread of its own, reconnecting for ever.

    `on_event(kind, data)` receives "status" snapshots and "change" items; `on_link(up, reason)` says
    when the stream comes up and when it is lost (a hall display shows that plainly). Callbacks run on
    the follower's thread: a Qt front end re-emits them as queued signals.
    """

    def __init__(
        self,
        base_url: str,
        office: str,
        on_event: Callable[[str, Any], None],
        on_link: Callable[[bool, str | None], None],
        *,
        read_timeout: float = STREAM_READ_TIMEOUT_S,
        retry_s: float = 1.0,
    ) -> None:
        self.url = f"{base_url.rstrip('/')}/queue/{office}/events"
        self._on_event = on_event
        self._on_link = on_link
        self._timeout = httpx.Timeout(REQUEST_TIMEOUT_S, read=read_timeout)
        self._retry_s = retry_s
        self._stop = threading.Event()
        self._client: httpx.Client | None = None
        self._thread: threading.Thread | None = None
        self.up = False

    def start(self) -> QueueFollower:
        self._thread = threading.Thread(target=self._run, name="queue-follower", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        client = self._client
        if client is not None:
            client.close()  # unblocks a read in progress
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _link(self, up: bool, reason: str | None) -> None:
        if up != self.up:
            self.up = up
            self._on_link(up, reason)

    def _run(self) -> None:
        while not self._stop.is_set():
            reason = "stream ended"
            try:
                with httpx.Client(timeout=self._timeout) as client:
                    self._client = client
                    with client.stream("GET", self.url) as response:
                        if response.status_code != 200:
                            raise OfficeUnreachable(f"events answered {response.status_code}")
                        for kind, data in parse_sse(response.iter_lines()):
                            if kind == "status":
                                self._link(True, None)
                            self._on_event(kind, data)
                            if self._stop.is_set():
                                return
            except (httpx.HTTPError, OfficeUnreachable, ValueError, RuntimeError) as exc:
                reason = " ".join(str(exc).split()) or type(exc).__name__
            finally:
                self._client = None
            if self._stop.is_set():
                return
            self._link(False, reason)
            time.sleep(self._retry_s)
