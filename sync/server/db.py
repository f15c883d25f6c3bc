"""Engines for the server database: a SQLite file for small sites, PostgreSQL for the rest."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url

from sync.server.settings import Backend

SQLITE_BUSY_TIMEOUT_MS = 15_000
# A dead host should turn /health into a 503 within seconds, not hang it for the OS TCP timeout.
POSTGRES_CONNECT_TIMEOUT_S = 5

log = logging.getLogger("motcua.server")


def backend_of(engine: Engine) -> Backend:
    return "sqlite" if engine.dialect.name == "sqlite" else "postgresql"


def make_engine(database_url: str) -> Engine:
    """An engine for a URL already normalised by sync.server.settings; nothing connects yet."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(Path(url.database or ""), database_url)
    return create_engine(
        database_url,
        # The pool outlives PostgreSQL restarts and idle-connection reapers; check before use.
        pool_pre_ping=True,
        connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S, "application_name": "motcua-server"},
    )


def _sqlite_engine(path: Path, database_url: str) -> Engine:
    """Several uvicorn workers (and `admin` commands) share one file.

    A deferred transaction that reads then writes fails with SQLITE_BUSY at once instead of waiting, so
    transactions start with BEGIN IMMEDIATE unless the connection says `write=False`; pysqlite's own
    transaction handling is switched off to allow this.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(database_url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        # FULL: what the server acknowledged to a desk survives a power cut, not only a crash.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = "IMMEDIATE" if connection.get_execution_options().get("write", True) else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _switch_to_wal(cursor: Any) -> None:
    """WAL is recorded in the file, so only the first connection to a new database really switches.

    That switch needs an exclusive lock and SQLite answers "database is locked" at once instead of waiting
    through busy_timeout, which is what happens when several workers open a new file together: retry.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
            continue
        if mode != "wal":  # e.g. a network share: it works, but readers and writers block each other
            log.warning("SQLite database could not switch to WAL (journal mode %s)", mode)
        return


def describe_error(exc: BaseException) -> str:
    """One line for logs and the CLI: the driver's own message, without SQLAlchemy's statement and link."""
    orig = getattr(exc, "orig", None)
    return " ".join(str(orig if orig is not None else exc).split())
