"""The queue's unit of work: one transaction on an engine (the desk's SQLite, or the server's database)."""

from __future__ import annotations

import hashlib
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine, RootTransaction, Table, text

from app.storage.queue_repo import SqlNumberSequences, SqlQueueSetupRepository, SqlTicketRepository
from app.storage.queue_tables import QueueTables


class SqlQueueUnitOfWork:
    tickets: SqlTicketRepository
    setup: SqlQueueSetupRepository
    numbers: SqlNumberSequences

    def __init__(
        self,
        engine: Engine,
        tables: QueueTables,
        *,
        outbox: Table | None = None,
        write: bool = True,
        durable: bool = True,
    ) -> None:
        self._engine = engine
        self._tables = tables
        self._outbox = outbox
        self._write = write
        self._durable = durable
        self._connection: Connection | None = None
        self._transaction: RootTransaction | None = None

    def __enter__(self) -> Self:
        # `write` picks BEGIN IMMEDIATE on SQLite and `durable=False` its synchronous=NORMAL (see
        # app/storage/engine.py); PostgreSQL ignores both.
        self._connection = self._engine.connect().execution_options(write=self._write, durable=self._durable)
        self._transaction = self._connection.begin()
        self.tickets = SqlTicketRepository(self._connection, self._tables, self._outbox)
        self.setup = SqlQueueSetupRepository(self._connection, self._tables)
        self.numbers = SqlNumberSequences(self._connection, self._tables)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if self._transaction is not None and self._transaction.is_active:
                self._transaction.rollback()
        finally:
            if self._connection is not None:
                self._connection.close()
            self._connection = None
            self._transaction = None

    def take_turn(self, office_code: str) -> None:
        connection = self._connection
        if connection is None:
            raise RuntimeError("the unit of work is not open")
        if connection.dialect.name == "postgresql":
            # A transaction-scoped advisory lock, keyed by the office: released by commit or rollback.
            key = int.from_bytes(
                hashlib.sha256(f"motcua-queue:{office_code}".encode()).digest()[:8], "big", signed=True
            )
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    def commit(self) -> None:
        if not self._write:
            raise RuntimeError("a read-only unit of work cannot commit")
        if self._transaction is None:
            raise RuntimeError("the unit of work is not open")
        self._transaction.commit()


class QueueUowFactory:
    """`factory(write=...)` gives a new unit of work on the same engine and tables."""

    def __init__(self, engine: Engine, tables: QueueTables, *, outbox: Table | None = None) -> None:
        self.engine = engine
        self.tables = tables
        self.outbox = outbox

    def __call__(self, *, write: bool = True, durable: bool = True) -> SqlQueueUnitOfWork:
        return SqlQueueUnitOfWork(self.engine, self.tables, outbox=self.outbox, write=write, durable=durable)


def desk_queue_uow(engine: Engine) -> QueueUowFactory:
    """The desk's queue store: its SQLite tables, every event with its outbox row."""
    from app.storage.queue_schema import QUEUE
    from app.storage.schema import outbox

    return QueueUowFactory(engine, QUEUE, outbox=outbox)
