"""The SQLite unit of work: one transaction, the repositories on its connection, events flushed on commit."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine, RootTransaction

from app.ports import Clock
from app.storage.applicant_repo import SqlApplicantRepository
from app.storage.catalog_repo import SqlCatalogRepository
from app.storage.dossier_repo import SqlDossierRepository
from app.storage.office_repo import SqlOfficeRepository
from app.storage.sequences import SqlCodeSequences


class SqlUnitOfWork:
    dossiers: SqlDossierRepository
    applicants: SqlApplicantRepository
    catalog: SqlCatalogRepository
    offices: SqlOfficeRepository
    sequences: SqlCodeSequences

    def __init__(self, engine: Engine, clock: Clock, *, write: bool = True) -> None:
        self._engine = engine
        self._clock = clock
        self._write = write
        self._connection: Connection | None = None
        self._transaction: RootTransaction | None = None

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("the unit of work is not open")
        return self._connection

    def __enter__(self) -> Self:
        self._connection = self._engine.connect().execution_options(write=self._write)
        self._transaction = self._connection.begin()
        self.catalog = SqlCatalogRepository(self._connection)
        self.dossiers = SqlDossierRepository(self._connection, self.catalog.version)
        self.applicants = SqlApplicantRepository(self._connection)
        self.offices = SqlOfficeRepository(self._connection)
        self.sequences = SqlCodeSequences(self._connection)
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

    def commit(self) -> None:
        if not self._write:
            raise RuntimeError("a read-only unit of work cannot commit")
        if self._transaction is None:
            raise RuntimeError("the unit of work is not open")
        self.dossiers.flush(self._clock.now())
        self._transaction.commit()

    def rollback(self) -> None:
        if self._transaction is not None and self._transaction.is_active:
            self._transaction.rollback()
