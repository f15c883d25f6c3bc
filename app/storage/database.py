"""A desk database: the engine, its schema brought up to date, and units of work over it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.dialects.sqlite import insert

from app.ports import Clock
from app.storage import migrate
from app.storage.engine import make_engine
from app.storage.schema import meta
from app.storage.uow import SqlUnitOfWork


@dataclass
class Database:
    path: Path
    engine: Engine
    clock: Clock

    @classmethod
    def open(cls, path: Path, clock: Clock, *, create: bool = False) -> Database:
        """Open (and migrate) an existing database; with create=True, make it if it is not there."""
        if not create and not path.exists():
            raise FileNotFoundError(path)
        engine = make_engine(path)
        migrate.upgrade(engine)
        return cls(path, engine, clock)

    def uow(self, *, write: bool = True) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, self.clock, write=write)

    def device_id(self) -> str:
        """This desk's identity for sync, made once and kept in the database it belongs to."""
        with self.engine.begin() as connection:
            connection.execute(
                insert(meta).values(key="device_id", value=uuid.uuid4().hex).on_conflict_do_nothing()
            )
            return str(connection.execute(select(meta.c.value).where(meta.c.key == "device_id")).scalar_one())

    def close(self) -> None:
        self.engine.dispose()
