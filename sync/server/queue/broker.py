"""Fan-out of queue changes to the server-sent-event streams of one server process.

Changes are committed in the thread pool and published from there; each subscriber is an asyncio queue
read by its stream on the event loop, so publishing hands the item over with call_soon_threadsafe and
never blocks the transaction that made it. A subscriber that falls far behind (a frozen hall PC) is
dropped; it reconnects and starts again from a fresh snapshot.

One process: run the office queue with a single uvicorn worker (the default), or the workers would each
push only their own changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("motcua.server")
MAX_BACKLOG = 2000


@dataclass(eq=False)
class Subscriber:
    office: str
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[dict[str, Any] | None] = field(default_factory=lambda: asyncio.Queue(MAX_BACKLOG))
    dropped: bool = False

    def offer(self, item: dict[str, Any] | None) -> None:
        """On the subscriber's loop."""
        if self.dropped:
            return
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            self.dropped = True
            self.queue = asyncio.Queue(1)
            self.queue.put_nowait(None)  # None: the stream ends, the client reconnects


class QueueBroker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[str, set[Subscriber]] = {}
        self.closing = False

    def close_all(self) -> None:
        """End every stream (the server is stopping: uvicorn waits for open responses to finish)."""
        with self._lock:
            self.closing = True
            targets = [s for subs in self._subscribers.values() for s in subs]
        for subscriber in targets:
            with contextlib.suppress(RuntimeError):
                subscriber.loop.call_soon_threadsafe(subscriber.offer, None)

    def end_streams_on_shutdown(self) -> None:
        """Chain onto the process's SIGTERM/SIGINT handlers (uvicorn's), once.

        uvicorn's graceful shutdown waits for every open response to complete and has no hook an app can
        use before that (the lifespan's shutdown runs after), so without this an open event stream would
        keep a stopping server alive for ever.
        """
        if getattr(self, "_hooked", False):
            return
        self._hooked = True
        for signum in (signal.SIGTERM, signal.SIGINT):
            previous = signal.getsignal(signum)

            def handler(sig: int, frame: Any, previous: Any = previous) -> None:
                self.close_all()
                if callable(previous):
                    previous(sig, frame)

            try:
                signal.signal(signum, handler)
            except ValueError:  # not the main thread (an in-process test client): nothing to chain
                return

    def subscribe(self, office: str) -> Subscriber:
        subscriber = Subscriber(office, asyncio.get_running_loop())
        with self._lock:
            self._subscribers.setdefault(office, set()).add(subscriber)
            if self.closing:
                subscriber.offer(None)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            self._subscribers.get(subscriber.office, set()).discard(subscriber)

    def count(self, office: str) -> int:
        with self._lock:
            return len(self._subscribers.get(office, ()))

    def publish(self, office: str, item: dict[str, Any]) -> None:
        """From any thread."""
        with self._lock:
            targets = list(self._subscribers.get(office, ()))
        for subscriber in targets:
            try:
                subscriber.loop.call_soon_threadsafe(subscriber.offer, item)
            except RuntimeError:  # its loop has closed: the stream is gone
                self.unsubscribe(subscriber)
