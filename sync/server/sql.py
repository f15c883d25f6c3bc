"""SQL the two backends spell differently."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
