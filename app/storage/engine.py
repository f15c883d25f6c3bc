"""SQLite engines for the desk (and the server's SQLite mode): WAL, foreign keys, and write transactions
that take the lock up front."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 15_000

log = logging.getLogger("motcua.storage")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(path: Path) -> Engine:
    """An engine for the SQLite database at `path` (the file is created on first connection).

    The desk app, its sync thread and the CLI may write at once (several uvicorn workers, for the server).
    A deferred SQLite transaction that reads and then writes can fail with SQLITE_BUSY without waiting,
    so writers start with BEGIN IMMEDIATE and readers (execution option `write=False`) with a plain
    BEGIN; pysqlite's own transaction handling is switched off to allow this.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(sqlite_url(path), connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        # FULL: a committed reception survives a power cut too, not only a crash of the app.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()
        _record.info["synchronous"] = "FULL"

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        options = connection.get_execution_options()
        # `durable=False` (a queue call, re-derivable): NORMAL skips the fsync at commit; in WAL the
        # database stays consistent after a crash, and only such last transactions can be lost to a
        # power cut. Every other transaction is set back to FULL before it begins.
        synchronous = "FULL" if options.get("durable", True) else "NORMAL"
        info = connection.connection.info
        if info.get("synchronous", "FULL") != synchronous:
            connection.exec_driver_sql(f"PRAGMA synchronous={synchronous}")
            info["synchronous"] = synchronous
        mode = "IMMEDIATE" if options.get("write", True) else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _switch_to_wal(cursor: Any) -> None:
    """WAL is recorded in the file, so only the first connection to a new database really switches.

    That switch needs an exclusive lock and SQLite answers "database is locked" at once instead of waiting
    through busy_timeout, which is what happens when several processes open a new file together: retry.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
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
