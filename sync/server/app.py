"""The ASGI application factory: `uvicorn --factory sync.server.app:create_app` or `motcua-server`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool

from sync.server.database import ServerDatabase
from sync.server.db import describe_error, make_engine
from sync.server.health import router as health_router
from sync.server.lookup import router as lookup_router
from sync.server.queue.routes import router as queue_router
from sync.server.routes import router as sync_router
from sync.server.settings import ServerSettings, load_settings
from sync.server.version import server_version

log = logging.getLogger("motcua.server")


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """A new app; nothing connects until its lifespan starts. Without settings, read the environment."""
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = ServerDatabase(make_engine(settings.database_url))
        try:
            try:
                # In a thread: a worker waiting for another's migration lock still answers Ctrl-C.
                await run_in_threadpool(database.ensure_schema)
            except OperationalError as exc:
                # Transient (database down or not created yet): start anyway; /health says 503 until it
                # heals. Anything else (a broken or unknown migration) is a real fault and stops the worker.
                log.error(
                    "database %s unreachable at start-up, serving 503 until it is: %s",
                    settings.display_url,
                    describe_error(exc),
                )
            app.state.database = database
            app.state.settings = settings
            yield
        finally:
            database.close()

    app = FastAPI(title="MotCua sync server", version=server_version(), lifespan=lifespan)
    app.include_router(health_router)
    # Desks' pushes are the busiest requests: their routes are tried first (the paths do not overlap).
    app.include_router(sync_router)
    app.include_router(queue_router)
    app.include_router(lookup_router)
    return app
