"""Row counts for `motcua-server admin stats`, from whichever of the sync tables already exist."""

from __future__ import annotations

from sqlalchemy import Engine, func, inspect, select, table, text

# Report key -> table name. Tables that do not exist yet (a database not migrated to the sync revision)
# count 0, so monitoring built on `admin stats --json` keeps working across upgrades.
STAT_TABLES: dict[str, str] = {
    "dossiers": "dossiers",
    "events": "events",
    "blobs": "blobs",
    "devices": "devices",
}
# Receipts by verdict: what a supervisor must look at.
VERDICT_KEYS: dict[str, str] = {"conflict": "conflicts", "rejected": "dead_letters"}


def count_rows(engine: Engine) -> dict[str, int]:
    with engine.connect().execution_options(write=False) as connection:
        present = set(inspect(connection).get_table_names())
        counts = {
            key: int(connection.execute(select(func.count()).select_from(table(name))).scalar_one())
            if name in present
            else 0
            for key, name in STAT_TABLES.items()
        }
        counts.update(dict.fromkeys(VERDICT_KEYS.values(), 0))
        if "receipts" in present:
            rows = connection.execute(
                text("SELECT verdict, count(*) FROM receipts WHERE resolved_at IS NULL GROUP BY verdict")
            )
            for verdict, count in rows:
                if verdict in VERDICT_KEYS:
                    counts[VERDICT_KEYS[verdict]] = int(count)
    return counts
