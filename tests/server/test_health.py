"""GET /health in-process (ASGITransport, with the lifespan run explicitly) on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from importlib.metadata import version
from pathlib import Path

import anyio
import pytest
from alembic.util import CommandError

from sync.server.app import create_app
from sync.server.migrate import head_revision
from sync.server.settings import ServerSettings
from tests.server.support import (
    create_postgres_database,
    database_url_for,
    drop_postgres_database,
    postgres_connections,
    serving,
)


def backend_of(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def test_health_reports_database_version_and_schema(database_url: str) -> None:
    app = create_app(ServerSettings(database_url=database_url))

    async def scenario() -> None:
        async with serving(app) as client:
            response = await client.get("/health")
        assert response.status_code == 200
        assert response.json() == {
            "status": "ok",
            "database": backend_of(database_url),
            "version": version("motcua-desk"),
            "schema": head_revision(),
        }

    anyio.run(scenario)


def test_creating_the_app_connects_to_nothing(tmp_path: Path) -> None:
    """The factory is cheap and side-effect free: the database appears only when the lifespan starts."""
    path = tmp_path / "server.sqlite3"
    create_app(ServerSettings(database_url=f"sqlite:///{path}"))
    assert not path.exists()


@pytest.mark.postgres
def test_health_is_503_while_the_database_does_not_exist_then_heals(missing_postgres_database: str) -> None:
    app = create_app(ServerSettings(database_url=database_url_for(missing_postgres_database)))

    async def scenario() -> None:
        async with serving(app) as client:  # the worker starts although its database is missing
            response = await client.get("/health")
            assert response.status_code == 503
            assert response.json() == {
                "status": "unavailable",
                "database": "postgresql",
                "version": version("motcua-desk"),
                "schema": None,
            }
            # An admin creates the database: the next probe migrates it, no restart needed.
            await anyio.to_thread.run_sync(create_postgres_database, missing_postgres_database)
            response = await client.get("/health")
            assert response.status_code == 200
            assert response.json()["schema"] == head_revision()

    anyio.run(scenario)


@pytest.mark.postgres
def test_health_is_503_when_the_database_goes_away(missing_postgres_database: str) -> None:
    name = missing_postgres_database
    create_postgres_database(name)
    app = create_app(ServerSettings(database_url=database_url_for(name)))

    async def scenario() -> None:
        async with serving(app) as client:
            assert (await client.get("/health")).status_code == 200
            # Kills the pooled connection too: pool_pre_ping must notice and the probe must fail cleanly.
            await anyio.to_thread.run_sync(drop_postgres_database, name)
            response = await client.get("/health")
            assert response.status_code == 503
            assert response.json()["status"] == "unavailable"

    anyio.run(scenario)


@pytest.mark.postgres
def test_shutdown_returns_every_connection(missing_postgres_database: str) -> None:
    name = missing_postgres_database
    create_postgres_database(name)
    app = create_app(ServerSettings(database_url=database_url_for(name)))

    async def scenario() -> None:
        async with serving(app) as client:
            await client.get("/health")
            assert postgres_connections(name) >= 1
        # The lifespan disposed of the pool; a backend takes a moment to leave pg_stat_activity.
        with anyio.fail_after(5):
            while postgres_connections(name):
                await anyio.sleep(0.05)

    anyio.run(scenario)


def test_a_database_of_another_schema_stops_start_up(tmp_path: Path) -> None:
    """Unlike an unreachable database, an unknown revision is not transient: the worker must not serve."""
    path = tmp_path / "desk.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('0001')")
    connection.close()
    app = create_app(ServerSettings(database_url=f"sqlite:///{path}"))

    async def scenario() -> None:
        async with serving(app):
            pytest.fail("the app started on a database it does not know")

    with pytest.raises(CommandError, match="0001"):
        anyio.run(scenario)
