"""`motcua-server admin ...` and the one-line refusals of bad input (exit 2, no traceback)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from sync.server.cli import run
from sync.server.db import make_engine
from sync.server.migrate import head_revision, head_revisions
from sync.server.settings import ServerSettings
from tests.server.support import database_url_for, run_cli


def cli_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_SERVER_")}
    env.pop("MOTCUA_DATABASE_URL", None)
    return {**env, **extra}


def test_admin_migrate_twice_is_idempotent(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOTCUA_DATABASE_URL", database_url)
    assert run(["admin", "migrate"]) == 0
    assert run(["admin", "migrate"]) == 0
    assert capsys.readouterr().out.splitlines() == [head_revision(), head_revision()]
    engine = make_engine(ServerSettings(database_url=database_url).database_url)
    try:
        with engine.connect() as connection:
            stamped = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            assert sorted(stamped) == sorted(head_revisions())  # one row per head while branches are open
    finally:
        engine.dispose()


def test_admin_migrate_uses_the_default_sqlite_file(
    clean_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["admin", "migrate"]) == 0
    assert capsys.readouterr().out == f"{head_revision()}\n"
    assert (clean_environment / "data" / "motcua-server.sqlite3").is_file()


def test_admin_stats_json_is_zero_on_a_new_database(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOTCUA_DATABASE_URL", database_url)
    assert run(["admin", "migrate"]) == 0
    capsys.readouterr()
    assert run(["admin", "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "dossiers": 0,
        "events": 0,
        "blobs": 0,
        "devices": 0,
        "conflicts": 0,
        "dead_letters": 0,
    }


def test_admin_stats_counts_the_tables_that_exist(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOTCUA_DATABASE_URL", database_url)
    engine = make_engine(ServerSettings(database_url=database_url).database_url)
    try:
        with engine.begin() as connection:  # stands in for the table the sync protocol will add
            connection.execute(text("CREATE TABLE dossiers (id INTEGER PRIMARY KEY)"))
            connection.execute(text("INSERT INTO dossiers (id) VALUES (1), (2), (3)"))
    finally:
        engine.dispose()
    assert run(["admin", "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "dossiers": 3,
        "events": 0,
        "blobs": 0,
        "devices": 0,
        "conflicts": 0,
        "dead_letters": 0,
    }
    assert run(["admin", "stats"]) == 0
    assert capsys.readouterr().out == (
        "dossiers: 3\nevents: 0\nblobs: 0\ndevices: 0\nconflicts: 0\ndead_letters: 0\n"
    )


def test_admin_stats_does_not_create_a_missing_sqlite_file(
    clean_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["admin", "stats", "--json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("motcua-server: error: no server database at ")
    assert "admin migrate" in err
    assert not (clean_environment / "data" / "motcua-server.sqlite3").exists()


@pytest.mark.parametrize(
    "url",
    ["mysql://motcua:s3cret@db/motcua", "postgresql+asyncpg://db/motcua", "sqlite:///:memory:", "nonsense"],
)
@pytest.mark.parametrize("argv", [["admin", "migrate"], ["admin", "stats", "--json"], []])
def test_bad_database_url_exits_2_in_one_line(url: str, argv: list[str]) -> None:
    """Through the installed script, so what admins see is what is tested: one line, no traceback.
    With no arguments this is the server itself: it must refuse before starting uvicorn."""
    result = run_cli(*argv, env=cli_env(MOTCUA_DATABASE_URL=url))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("motcua-server: error: MOTCUA_DATABASE_URL: ")
    assert result.stderr.count("\n") == 1
    assert "s3cret" not in result.stderr


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--port", "70000"], "port 70000 is out of range (1-65535)"),
        (["--port", "0"], "port 0 is out of range"),
        (["--port", "http"], "port must be a number"),
        (["--workers", "0"], "workers must be at least 1"),
        (["--host", " "], "host must not be empty"),
        (["admin"], "required: ACTION"),
        (["admin", "frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_arguments_exit_2_in_one_line(argv: list[str], reason: str) -> None:
    result = run_cli(*argv, env=cli_env())
    assert result.returncode == 2
    assert reason in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_bad_port_in_the_environment_exits_2_in_one_line() -> None:
    result = run_cli(env=cli_env(MOTCUA_SERVER_PORT="99999"))
    assert result.returncode == 2
    assert result.stderr.startswith("motcua-server: error: MOTCUA_SERVER_PORT: ")
    assert result.stderr.count("\n") == 1


@pytest.mark.postgres
def test_migrate_on_a_missing_postgres_database_fails_in_one_line(missing_postgres_database: str) -> None:
    result = run_cli(
        "admin", "migrate", env=cli_env(MOTCUA_DATABASE_URL=database_url_for(missing_postgres_database))
    )
    assert result.returncode == 1
    assert result.stderr.startswith("motcua-server: error: cannot use the database: ")
    assert f'database "{missing_postgres_database}" does not exist' in result.stderr
    assert result.stderr.count("\n") == 1


def test_help_says_what_stats_counts() -> None:
    result = run_cli("admin", "stats", "--help", env=cli_env())
    assert result.returncode == 0
    assert "conflicts and dead letters" in " ".join(result.stdout.split())
