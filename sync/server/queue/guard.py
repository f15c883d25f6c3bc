"""Who may change an office's queue: its enrolled desks, by the token the sync server gave them.

An office none of whose desks is enrolled (a small site running the queue without sync, the tests) stays
open, as before; once one desk of the office is enrolled, issuing, calling, counter actions and imports
need the bearer token of a desk of that office that is not revoked. Reading (status, the hall's event
stream) stays public: a hall display has no token.

The token is checked against the database on every request, so a revoked desk is refused at once. Only
"this office has no enrolled desk" is remembered, for a moment, so an open office pays nothing per ticket.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import Engine, select

from sync.server import devices as device_registry
from sync.server.tables import devices

OPEN_OFFICE_TTL_S = 2.0


class QueueRefused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class QueueGuard:
    def __init__(self, engine: Engine, *, open_ttl_s: float = OPEN_OFFICE_TTL_S) -> None:
        self._engine = engine
        self._open_ttl_s = open_ttl_s
        self._open_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def known_open(self, office: str) -> bool:
        """Cheap, on the event loop: the office was seen without enrolled desks a moment ago."""
        with self._lock:
            return self._open_until.get(office, 0.0) > time.monotonic()

    def check(self, office: str, token: str | None) -> None:
        """Raises QueueRefused unless the request may change the office's queue (in the thread pool)."""
        with self._engine.connect().execution_options(write=False) as connection:
            if token is None:
                enrolled = connection.execute(
                    select(devices.c.id)
                    .where(devices.c.office_code == office, devices.c.revoked_at.is_(None))
                    .limit(1)
                ).first()
                if enrolled is None:
                    with self._lock:
                        self._open_until[office] = time.monotonic() + self._open_ttl_s
                    return
                raise QueueRefused(
                    401, "unauthorized", f"office {office}'s queue takes changes from its enrolled desks only"
                )
            device = device_registry.authenticate(connection, token)
        if device is None:
            raise QueueRefused(401, "unauthorized", "this device token is not known here")
        if device.revoked:
            raise QueueRefused(401, "revoked", "this desk's token was revoked; enrol it again")
        if device.office_code != office:
            raise QueueRefused(
                403, "forbidden", f"this desk belongs to office {device.office_code}, not {office}"
            )
