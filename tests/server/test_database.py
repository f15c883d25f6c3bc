"""Engines and migrations on both backends: pragmas, idempotence, and workers migrating at once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from alembic.util import CommandError
from sqlalchemy import Engine, inspect, text

from sync.server.db import make_engine
from sync.server.migrate import current_revision, head_revision, head_revisions, upgrade_to_head
from sync.server.settings import ServerSettings


def engine_for(url: str) -> Engine:
    return make_engine(ServerSettings(database_url=url).database_url)


def test_the_sync_revision_is_a_head_and_heads_read_as_one_string() -> None:
    assert "server_0003_sync" in head_revisions()
    assert head_revision() == "+".join(sorted(head_revisions()))


def test_sqlite_engine_uses_wal_foreign_keys_and_waits_for_locks(tmp_path: Path) -> None:
    engine = engine_for(f"sqlite:///{tmp_path / 'nested' / 'server.sqlite3'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 15_000
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # FULL
    finally:
        engine.dispose()


def test_upgrade_creates_server_meta_and_is_idempotent(database_url: str) -> None:
    engine = engine_for(database_url)
    try:
        assert upgrade_to_head(engine) == head_revision()
        assert upgrade_to_head(engine) == head_revision()
        with engine.connect() as connection:
            assert inspect(connection).has_table("server_meta")
            assert current_revision(connection) == head_revision()
            heads = len(head_revisions())
            assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == heads
    finally:
        engine.dispose()


def test_workers_migrating_at_the_same_moment_do_not_collide(database_url: str) -> None:
    """What `--workers N` does on a fresh database: N processes, N connections, one migration."""
    workers = 6
    engines = [engine_for(database_url) for _ in range(workers)]
    barrier = threading.Barrier(workers)
    results: list[str] = []
    errors: list[BaseException] = []

    def migrate(engine: Engine) -> None:
        barrier.wait()
        try:
            results.append(upgrade_to_head(engine))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=migrate, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == []
        assert results == [head_revision()] * workers
        with engines[0].connect() as connection:
            heads = len(head_revisions())
            assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == heads
    finally:
        for engine in engines:
            engine.dispose()


def test_a_database_stamped_by_someone_else_is_refused(tmp_path: Path) -> None:
    """Pointed at a desk database by mistake, the server stops instead of taking its 0001 for its own."""
    engine = engine_for(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
            connection.execute(text("INSERT INTO alembic_version VALUES ('0001')"))
        with pytest.raises(CommandError, match="0001"):
            upgrade_to_head(engine)
    finally:
        engine.dispose()
