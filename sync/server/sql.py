"""SQL the two backends spell differently."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    import psycopg


def insert_ignore(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING (content-addressed rows: a second copy is the same row)."""
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    connection.execute(dialect.insert(table).on_conflict_do_nothing(), list(rows))


@contextmanager
def pipelined(connection: Connection) -> Iterator[None]:
    """Statements whose answers nobody reads, sent without waiting for each one's (psycopg's pipeline mode
    on PostgreSQL): one round trip for the lot instead of one each, and executemany stops opening and
    syncing a pipeline of its own. A failure (a unique key taken by another writer) surfaces when the
    block ends, as the SQLAlchemy error it would have been. SQLite runs in-process: nothing to save."""
    if connection.dialect.name != "postgresql":
        yield
        return
    import psycopg

    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    try:
        with driver.pipeline():
            yield
    except psycopg.Error as exc:
        raise DBAPIError.instance(None, None, exc, psycopg.Error) from exc


def execute_postgres(
    connection: Connection, statement: str, params: Mapping[str, Any]
) -> psycopg.Cursor[Any]:
    """A statement in psycopg's own style (%(name)s), run by the driver in the connection's transaction, its
    rows as plain tuples. For the few statements every push runs: SQLAlchemy's execution layer (statement
    cache, parameter and result set-up) took three times the CPU psycopg itself spends on one. Failures
    surface as the SQLAlchemy errors they would have been (a taken unique key: IntegrityError)."""
    import psycopg

    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    try:
        return driver.execute(statement, params)
    except psycopg.Error as exc:
        raise DBAPIError.instance(statement, params, exc, psycopg.Error, hide_parameters=True) from exc
