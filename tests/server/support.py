"""Helpers for the server tests: PostgreSQL test databases, the app in-process, the server as a process."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import NoReturn

import httpx
import psycopg
import pytest
from fastapi import FastAPI
from psycopg import sql
from sqlalchemy import make_url

ADMIN_URL_ENV = "MOTCUA_TEST_POSTGRES_URL"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
SERVER_ENV = ("MOTCUA_DATABASE_URL", "MOTCUA_SERVER_HOST", "MOTCUA_SERVER_PORT")


def postgres_unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so PostgreSQL tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


def admin_url() -> str:
    return os.environ.get(ADMIN_URL_ENV) or DEFAULT_ADMIN_URL


def database_url_for(name: str) -> str:
    """A `postgresql://` URL (the form admins write) for database `name` on the test cluster."""
    return make_url(admin_url()).set(database=name).render_as_string(hide_password=False)


def new_database_name() -> str:
    return f"motcua_test_{secrets.token_hex(6)}"


def create_postgres_database(name: str) -> None:
    with psycopg.connect(admin_url(), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_postgres_database(name: str) -> None:
    with psycopg.connect(admin_url(), autocommit=True) as connection:
        # A server under test may still hold pooled connections; DROP DATABASE refuses while any exist.
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def postgres_connections(name: str) -> int:
    with psycopg.connect(admin_url(), autocommit=True) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (name,)
        ).fetchone()
        return int(row[0]) if row else 0


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    name = new_database_name()
    create_postgres_database(name)
    try:
        yield database_url_for(name)
    finally:
        drop_postgres_database(name)


@asynccontextmanager
async def serving(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan running (ASGITransport alone does not run it), and a client to it."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://server.test") as client:
            yield client


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command() -> list[str]:
    """The installed `motcua-server` script next to this Python (what admins run), else `-m sync.server`."""
    script = Path(sys.executable).with_name("motcua-server")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sync.server"]


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*server_command(), *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


@contextmanager
def running_server(*args: str, env: dict[str, str], log: Path, timeout: float = 15.0) -> Iterator[str]:
    """`motcua-server --host 127.0.0.1 --port <free> ARGS` in a subprocess; yields its base URL once
    /health answers (any status), then stops it with SIGTERM and checks that it shut down gracefully."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with log.open("w") as output:
        process = subprocess.Popen(
            [*server_command(), "--host", "127.0.0.1", "--port", str(port), *args],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_answering(process, base_url, timeout, log)
        yield base_url
    finally:
        process.terminate()
        try:
            code = process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise
    # uvicorn shuts down gracefully, then re-raises SIGTERM so the parent sees how it ended: -15 is clean.
    assert code in {0, -signal.SIGTERM}, f"motcua-server exited with {code}:\n{log.read_text()}"
    assert "Application shutdown complete" in log.read_text()


def _wait_until_answering(process: subprocess.Popen[bytes], base_url: str, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"motcua-server exited early ({process.returncode}):\n{log.read_text()}")
        try:
            httpx.get(f"{base_url}/health", timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
        else:
            return
    pytest.fail(f"motcua-server did not answer /health within {timeout} s:\n{log.read_text()}")
