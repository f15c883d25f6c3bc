"""Row counts for `motcua-server admin stats`, from whichever of the sync tables already exist."""

from __future__ import annotations

from sqlalchemy import Engine, func, inspect, select, table

# Report key -> table name. The tables arrive with the sync protocol; until then each count is 0, so
# monitoring built on `admin stats --json` keeps working across that upgrade.
STAT_TABLES: dict[str, str] = {"dossiers": "dossiers", "events": "events", "blobs": "blobs"}


def count_rows(engine: Engine) -> dict[str, int]:
    with engine.connect().execution_options(write=False) as connection:
        present = set(inspect(connection).get_table_names())
        return {
            key: int(connection.execute(select(func.count()).select_from(table(name))).scalar_one())
            if name in present
            else 0
            for key, name in STAT_TABLES.items()
        }
