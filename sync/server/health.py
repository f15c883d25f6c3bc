"""GET /health: is this worker able to serve, and on which database and schema."""

from __future__ import annotations

import logging
from typing import Literal, TypedDict

from alembic.util import CommandError
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from sync.server.database import ServerDatabase
from sync.server.db import describe_error
from sync.server.settings import Backend
from sync.server.version import server_version

log = logging.getLogger("motcua.server")
router = APIRouter()


class HealthBody(TypedDict):
    status: Literal["ok", "unavailable"]
    database: Backend
    version: str
    schema: str | None


def server_database(request: Request) -> ServerDatabase:
    database = request.app.state.database
    if not isinstance(database, ServerDatabase):  # pragma: no cover - the lifespan always sets it
        raise TypeError("the app was not started through its lifespan")
    return database


# A plain `def`: FastAPI runs it in its thread pool, so the blocking database call does not stall the loop.
@router.get("/health")
def health(request: Request) -> JSONResponse:
    database = server_database(request)
    body = HealthBody(status="ok", database=database.backend, version=server_version(), schema=None)
    try:
        body["schema"] = database.probe()
    except (SQLAlchemyError, CommandError) as exc:
        # The reason goes to the log only: it names hosts and databases, and /health is often public.
        log.warning("health check failed: %s", describe_error(exc))
        body["status"] = "unavailable"
        return JSONResponse(dict(body), status_code=503)
    return JSONResponse(dict(body))
