"""SQL the two backends spell differently."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError


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
