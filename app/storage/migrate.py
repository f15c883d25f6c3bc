"""Bring a desk database to the current schema with Alembic, without paying for Alembic on every start."""

from __future__ import annotations

from importlib.resources import files

from sqlalchemy import Engine, inspect, text

# Kept equal to the newest file in migrations/versions (a test checks it), so an up-to-date database is
# recognised with one query instead of loading Alembic's script directory.
HEAD_REVISION = "0001"


def current_revision(engine: Engine) -> str | None:
    with engine.connect().execution_options(write=False) as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()


def upgrade(engine: Engine) -> bool:
    """Migrate to the head revision; returns whether anything ran."""
    if current_revision(engine) == HEAD_REVISION:
        return False
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("app.storage") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True
