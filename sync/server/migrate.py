"""Bring the server database to the newest schema, safely when several workers start at the same moment."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files

from alembic.config import Config
from sqlalchemy import Connection, Engine, inspect, text

VERSION_TABLE = "alembic_version"
REVISION_SEPARATOR = "+"
# Any fixed 64-bit number works; it only has to differ from other advisory locks taken on the same cluster.
# int.from_bytes(hashlib.sha256(b"motcua-server migrations").digest()[:8], "big", signed=True)
MIGRATION_LOCK_KEY = 4_022_115_458_409_813_376


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("sync.server") / "migrations"))
    return config


def join_revisions(revisions: Iterable[str]) -> str:
    """Several heads (features migrating side by side before a merge revision joins them) as one string,
    sorted so that the same set always reads the same: `server_0002_queue+server_0003_sync`."""
    return REVISION_SEPARATOR.join(sorted(revisions))


def head_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    heads = frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())
    if not heads:
        raise RuntimeError("the server has no migrations")
    return heads


def head_revision() -> str:
    """Every head revision, joined (one id while the history has a single head)."""
    return join_revisions(head_revisions())


def current_revision(connection: Connection) -> str | None:
    """The schema revision(s) stamped in the database, joined like head_revision(); None before the first
    migration."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    stamped = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return join_revisions(stamped) if stamped else None


def upgrade_to_head(engine: Engine) -> str:
    """Apply pending migrations in one transaction and return the revision(s) the database is now at.

    Every worker runs this at start. The first one to get the lock migrates; the others wait for it, then
    find the database at head and do nothing. PostgreSQL: a transaction-level advisory lock (freed by the
    commit or rollback, so a crashed worker cannot leave it held). SQLite: the engine opens the transaction
    with BEGIN IMMEDIATE, which takes the database's write lock before Alembic reads the version.
    """
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        config.attributes["connection"] = connection
        # "heads": every branch, so features adding revisions side by side all get migrated.
        command.upgrade(config, "heads")
        revision = current_revision(connection)
    if revision is None:  # pragma: no cover - Alembic stamps the version table in the same transaction
        raise RuntimeError("the migrations ran but left no schema revision")
    return revision
