"""Settings of the sync server, read from the environment (the same in every uvicorn worker process)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

DATABASE_URL_ENV = "MOTCUA_DATABASE_URL"
HOST_ENV = "MOTCUA_SERVER_HOST"
PORT_ENV = "MOTCUA_SERVER_PORT"
BLOB_DIR_ENV = "MOTCUA_BLOB_DIR"
MAX_FILE_MB_ENV = "MOTCUA_MAX_FILE_MB"
LOOKUP_RATE_ENV = "MOTCUA_LOOKUP_PER_MINUTE"
DEFAULT_MAX_FILE_MB = 100
DEFAULT_LOOKUP_PER_MINUTE = 30
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8400
DEFAULT_SQLITE_NAME = "motcua-server.sqlite3"

Backend = Literal["sqlite", "postgresql"]

# Error messages name the environment variable, not the pydantic field: that is what an admin can fix.
_ENV_OF_FIELD = {
    "database_url": DATABASE_URL_ENV,
    "host": HOST_ENV,
    "port": PORT_ENV,
    "blob_dir": BLOB_DIR_ENV,
    "max_file_mb": MAX_FILE_MB_ENV,
    "lookup_per_minute": LOOKUP_RATE_ENV,
}


class SettingsError(ValueError):
    """A setting cannot be used; the message is one English line naming the variable."""


class ServerSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    database_url: str
    host: str = Field(default=DEFAULT_HOST, min_length=1)
    port: int = Field(default=DEFAULT_PORT, ge=1, le=65535)
    # Uploaded files (content-addressed); default: `blobs/` next to a SQLite database, else the data dir.
    blob_dir: Path | None = None
    max_file_mb: int = Field(default=DEFAULT_MAX_FILE_MB, ge=1, le=100_000)
    lookup_per_minute: int = Field(default=DEFAULT_LOOKUP_PER_MINUTE, ge=1, le=100_000)

    @field_validator("database_url")
    @classmethod
    def _normalise_database_url(cls, value: str) -> str:
        return normalise_database_url(value)

    @property
    def backend(self) -> Backend:
        return "sqlite" if self.database_url.startswith("sqlite") else "postgresql"

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    def blob_root(self, environ: Mapping[str, str] | None = None) -> Path:
        if self.blob_dir is not None:
            return self.blob_dir
        if self.backend == "sqlite":
            return Path(make_url(self.database_url).database or ".").parent / "server-blobs"
        from app.settings.paths import resolve_paths

        return resolve_paths(os.environ if environ is None else environ).data_dir / "server-blobs"

    @property
    def display_url(self) -> str:
        """The URL with its password masked, for logs and messages."""
        return make_url(self.database_url).render_as_string(hide_password=True)


def normalise_database_url(raw: str) -> str:
    """Accept SQLite files and PostgreSQL; always hand SQLAlchemy the psycopg 3 driver we ship.

    Plain `postgresql://` would make SQLAlchemy look for psycopg2, which is not installed; refusing other
    drivers here gives one clear message instead of an ImportError deep in the first request.
    """
    text = raw.strip()
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        # Never echo the value: it may hold a password.
        raise ValueError(
            "not a valid database URL; expected postgresql://USER@HOST/DB or sqlite:///PATH"
        ) from None
    if url.drivername in {"postgresql", "postgres", "postgresql+psycopg"}:
        if not url.database:
            raise ValueError("the PostgreSQL URL names no database (postgresql://USER@HOST:PORT/DATABASE)")
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if url.drivername in {"sqlite", "sqlite+pysqlite"}:
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise ValueError("SQLite needs a file path (sqlite:///PATH), not an in-memory or URI database")
        # Absolute, so every worker and `admin` command opens the same file whatever its working directory.
        path = Path(url.database).expanduser().resolve()
        return sqlite_url(path)
    raise ValueError(
        f"unsupported database scheme {url.drivername!r}; use postgresql://... (psycopg 3) or sqlite:///PATH"
    )


def sqlite_url(path: Path) -> str:
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def default_database_url(environ: Mapping[str, str]) -> str:
    from app.settings.paths import resolve_paths

    return sqlite_url(resolve_paths(environ).data_dir / DEFAULT_SQLITE_NAME)


def load_settings(environ: Mapping[str, str] | None = None) -> ServerSettings:
    """Settings from `environ` (default: os.environ); raises SettingsError with a one-line reason."""
    env = os.environ if environ is None else environ
    values: dict[str, str] = {"database_url": env.get(DATABASE_URL_ENV) or default_database_url(env)}
    if env.get(HOST_ENV):
        values["host"] = env[HOST_ENV]
    if env.get(PORT_ENV):
        values["port"] = env[PORT_ENV]
    for name, variable in (
        ("blob_dir", BLOB_DIR_ENV),
        ("max_file_mb", MAX_FILE_MB_ENV),
        ("lookup_per_minute", LOOKUP_RATE_ENV),
    ):
        if env.get(variable):
            values[name] = env[variable]
    try:
        return ServerSettings.model_validate(values)
    except ValidationError as exc:
        raise SettingsError(_one_line(exc)) from None


def _one_line(exc: ValidationError) -> str:
    error = exc.errors(include_url=False, include_input=False)[0]
    field = str(error["loc"][0]) if error["loc"] else ""
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{_ENV_OF_FIELD.get(field, field)}: {message}"
