"""The sync endpoints' collaborators, built once per worker from its database and settings."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import anyio
from fastapi import Request
from sqlalchemy import Engine

from app.services.context import SystemClock
from sync.server.blobstore import FileBlobStore
from sync.server.database import ServerDatabase
from sync.server.judge import ProcedureCache
from sync.server.ratelimit import RateLimiter
from sync.server.settings import ServerSettings
from sync.server.uploads import Uploads

_build_lock = threading.Lock()
# Pushes a worker runs at once; the others wait their turn on the event loop, which costs nothing. A push
# is mostly Python holding the GIL, with a few waits on PostgreSQL (its commit's fsync above all) that a
# few others can fill. With every request in its own thread (anyio's 40), each of a push's round trips
# ended by queueing for the GIL behind all the others (up to the 5 ms switch interval each): fifty desks
# at once, two workers: median 232 -> 134 ms, p95 323 -> 233 ms with 4 (A/B on one machine).
PUSHES_AT_ONCE = 4


@dataclass
class SyncServices:
    engine: Engine
    uploads: Uploads
    procedures: ProcedureCache
    lookup_limiter: RateLimiter
    push_limiter: anyio.CapacityLimiter = field(default_factory=lambda: anyio.CapacityLimiter(PUSHES_AT_ONCE))
    now: Callable[[], datetime] = field(default=SystemClock().now)


def build_services(database: ServerDatabase, settings: ServerSettings) -> SyncServices:
    store = FileBlobStore(settings.blob_root())
    return SyncServices(
        engine=database.engine,
        uploads=Uploads(database.engine, store, settings.max_file_bytes),
        procedures=ProcedureCache(),
        lookup_limiter=RateLimiter(per_minute=settings.lookup_per_minute),
    )


def sync_services(request: Request) -> SyncServices:
    """The worker's services, made on first use (after the lifespan opened the database)."""
    state = request.app.state
    services = getattr(state, "sync", None)
    if services is None:
        with _build_lock:
            services = getattr(state, "sync", None)
            if services is None:
                services = build_services(state.database, state.settings)
                state.sync = services
    if not isinstance(services, SyncServices):  # pragma: no cover
        raise TypeError("app.state.sync is not the sync services")
    return services
