"""Bring a desk database to the current schema with Alembic, without paying for Alembic on every start."""

from __future__ import annotations

from importlib.resources import files

from sqlalchemy import Engine, inspect, text

# The newest revision(s) in migrations/versions (a test checks this), so an up-to-date database is
# recognised with one query instead of loading Alembic's script directory. Features developed side by side
# may add revisions on their own branches off the same parent; the set then has several heads until a
# merge revision joins them.
HEAD_REVISIONS: frozenset[str] = frozenset({"0002_printing", "0003_queue", "0004_sync"})


def current_revisions(engine: Engine) -> frozenset[str]:
    with engine.connect().execution_options(write=False) as connection:
        if not inspect(connection).has_table("alembic_version"):
            return frozenset()
        return frozenset(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def upgrade(engine: Engine) -> bool:
    """Migrate to every head revision; returns whether anything ran."""
    if current_revisions(engine) == HEAD_REVISIONS:
        return False
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("app.storage") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
    return True
