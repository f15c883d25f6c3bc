"""The real thing: `motcua-server` as a subprocess running uvicorn, polled over TCP until /health answers."""

from __future__ import annotations

import os
from pathlib import Path

import httpx

from sync.server.migrate import head_revision
from tests.server.support import running_server


def server_env(database_url: str, home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_SERVER_")}
    return {**env, "MOTCUA_DATABASE_URL": database_url, "MOTCUA_HOME": str(home)}


def test_server_process_answers_health(database_url: str, clean_environment: Path, tmp_path: Path) -> None:
    env = server_env(database_url, clean_environment)
    with running_server(env=env, log=tmp_path / "server.log") as base_url:
        response = httpx.get(f"{base_url}/health", timeout=5)
    assert response.status_code == 200, (tmp_path / "server.log").read_text()
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == ("sqlite" if database_url.startswith("sqlite") else "postgresql")
    assert body["schema"] == head_revision()


def test_several_workers_start_on_a_fresh_database(
    database_url: str, clean_environment: Path, tmp_path: Path
) -> None:
    """Three workers migrate the empty database at the same moment; all of them must come up."""
    env = server_env(database_url, clean_environment)
    log = tmp_path / "server.log"
    with running_server("--workers", "3", env=env, log=log) as base_url:
        statuses = {httpx.get(f"{base_url}/health", timeout=5).status_code for _ in range(12)}
    assert statuses == {200}, log.read_text()
    assert log.read_text().count("Application startup complete") == 3
    assert "Traceback" not in log.read_text()
