"""The server's live database: its engine, the schema brought up to date once, and a health probe."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from sqlalchemy import Engine, text

from sync.server.db import backend_of
from sync.server.migrate import current_revision, upgrade_to_head
from sync.server.settings import Backend

log = logging.getLogger("motcua.server")


@dataclass
class ServerDatabase:
    """Owned by one worker process; endpoints run in a thread pool, hence the lock.

    If the database is unreachable when the worker starts (PostgreSQL still booting, database not yet
    created), the worker starts anyway and answers 503; the next probe that reaches the database migrates
    it, so the server heals without a restart.
    """

    engine: Engine
    _revision: str | None = field(default=None, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def backend(self) -> Backend:
        return backend_of(self.engine)

    def ensure_schema(self) -> str:
        """Migrate to head unless this worker already did; returns the revision it reached."""
        with self._lock:
            if self._revision is None:
                self._revision = upgrade_to_head(self.engine)
                log.info("server database at schema revision %s", self._revision)
            return self._revision

    def probe(self) -> str | None:
        """A real round trip (SELECT 1), then the revision stamped in the database now.

        Read each time rather than remembered: `motcua-server admin migrate` may have moved it since.
        """
        self.ensure_schema()
        with self.engine.connect().execution_options(write=False) as connection:
            connection.execute(text("SELECT 1")).scalar_one()
            return current_revision(connection)

    def close(self) -> None:
        self.engine.dispose()
