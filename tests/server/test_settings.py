"""Server settings: the database URL is normalised to the drivers we ship, or refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.server.settings import SettingsError, load_settings


def test_defaults_to_a_sqlite_file_in_the_data_directory(clean_environment: Path) -> None:
    settings = load_settings()
    expected = (clean_environment / "data" / "motcua-server.sqlite3").resolve()
    assert settings.database_url == f"sqlite:///{expected}"
    assert settings.backend == "sqlite"
    assert (settings.host, settings.port) == ("127.0.0.1", 8400)


@pytest.mark.parametrize(
    "raw",
    [
        "postgresql://motcua:s3cret@db.example:5433/motcua",
        "postgres://motcua:s3cret@db.example:5433/motcua",
        "postgresql+psycopg://motcua:s3cret@db.example:5433/motcua",
        "  postgresql://motcua:s3cret@db.example:5433/motcua\n",
    ],
)
def test_postgresql_urls_use_psycopg_3(raw: str) -> None:
    settings = load_settings({"MOTCUA_DATABASE_URL": raw})
    assert settings.database_url == "postgresql+psycopg://motcua:s3cret@db.example:5433/motcua"
    assert settings.backend == "postgresql"
    assert settings.display_url == "postgresql+psycopg://motcua:***@db.example:5433/motcua"


def test_relative_sqlite_path_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings({"MOTCUA_DATABASE_URL": "sqlite:///data/server.sqlite3"})
    assert settings.database_url == f"sqlite:///{tmp_path.resolve() / 'data' / 'server.sqlite3'}"


def test_host_and_port_come_from_the_environment() -> None:
    settings = load_settings({"MOTCUA_SERVER_HOST": "0.0.0.0", "MOTCUA_SERVER_PORT": "9000"})
    assert (settings.host, settings.port) == ("0.0.0.0", 9000)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("mysql://motcua:s3cret@db/motcua", "unsupported database scheme 'mysql'"),
        ("postgresql+asyncpg://motcua:s3cret@db/motcua", "unsupported database scheme 'postgresql+asyncpg'"),
        ("postgresql+psycopg2://motcua:s3cret@db/motcua", "unsupported database scheme"),
        ("sqlite+aiosqlite:///x.db", "unsupported database scheme"),
        ("postgresql://motcua:s3cret@db", "names no database"),
        ("sqlite://", "SQLite needs a file path"),
        ("sqlite:///:memory:", "SQLite needs a file path"),
        ("not a url s3cret", "not a valid database URL"),
        ("postgresql://motcua:s3cret@db:port/motcua", "not a valid database URL"),
    ],
)
def test_unusable_database_urls_are_refused_without_echoing_them(raw: str, reason: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({"MOTCUA_DATABASE_URL": raw})
    message = str(caught.value)
    assert message.startswith("MOTCUA_DATABASE_URL: ")
    assert reason in message
    assert "s3cret" not in message
    assert "\n" not in message


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_bad_port_names_the_variable(port: str) -> None:
    with pytest.raises(SettingsError, match=r"^MOTCUA_SERVER_PORT: "):
        load_settings({"MOTCUA_SERVER_PORT": port})
