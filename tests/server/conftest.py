"""Fixtures for the sync server: a fresh database on SQLite and on PostgreSQL, and a clean environment.

PostgreSQL tests skip when no server answers on 127.0.0.1:5432, except under CI (the `CI` variable is
set), where a missing PostgreSQL must fail the run instead of silently testing half of the backends.
MOTCUA_TEST_POSTGRES_URL points the tests at another cluster (a maintenance database URL).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url

from tests.server.support import (
    SERVER_ENV,
    admin_url,
    drop_postgres_database,
    fresh_postgres_database,
    new_database_name,
    postgres_unavailable,
)


@pytest.fixture(scope="session")
def postgres_cluster() -> str:
    """The maintenance URL, after checking once per session that PostgreSQL answers."""
    url = admin_url()
    try:
        with psycopg.connect(url, connect_timeout=3):
            pass
    except psycopg.Error as exc:
        shown = make_url(url).render_as_string(hide_password=True)
        postgres_unavailable(f"PostgreSQL not reachable at {shown}: {' '.join(str(exc).split())}")
    return url


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No test reads the developer's own server settings or writes into their data directory."""
    home = tmp_path / "motcua-home"
    monkeypatch.setenv("MOTCUA_HOME", str(home))
    for name in SERVER_ENV:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty server database, as MOTCUA_DATABASE_URL would name it."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    request.getfixturevalue("postgres_cluster")
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def missing_postgres_database(postgres_cluster: str) -> Iterator[str]:
    """The name of a database that does not exist (dropped afterwards in case the test created it)."""
    name = new_database_name()
    try:
        yield name
    finally:
        drop_postgres_database(name)
