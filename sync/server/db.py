"""Engines for the server database: a SQLite file for small sites, PostgreSQL for the rest."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url

from app.storage.engine import make_engine as make_sqlite_engine
from sync.server.settings import Backend

# A dead host should turn /health into a 503 within seconds, not hang it for the OS TCP timeout.
POSTGRES_CONNECT_TIMEOUT_S = 5
# Connections a worker keeps open, and how many more it may open for a burst. SQLAlchemy's default (5 + 10)
# closed ten connections after every burst of fifty desks and opened them again on the next: a new
# PostgreSQL backend costs milliseconds of CPU on both sides, more than the push it serves.
POOL_SIZE = 16
POOL_OVERFLOW = 8

log = logging.getLogger("motcua.server")


def backend_of(engine: Engine) -> Backend:
    return "sqlite" if engine.dialect.name == "sqlite" else "postgresql"


def make_engine(database_url: str) -> Engine:
    """An engine for a URL already normalised by sync.server.settings; nothing connects yet."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        # The same engine as a desk's: WAL, foreign keys, BEGIN IMMEDIATE for writers, FULL sync.
        return make_sqlite_engine(Path(url.database or ""))
    return create_engine(
        database_url,
        # The pool outlives PostgreSQL restarts and idle-connection reapers; check before use.
        pool_pre_ping=True,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S, "application_name": "motcua-server"},
    )


def describe_error(exc: BaseException) -> str:
    """One line for logs and the CLI: the driver's own message, without SQLAlchemy's statement and link."""
    orig = getattr(exc, "orig", None)
    return " ".join(str(orig if orig is not None else exc).split())
