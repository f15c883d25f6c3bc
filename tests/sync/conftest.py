"""Fixtures for the sync tests: an in-memory keyring, desks, and a real motcua-server on SQLite and on
PostgreSQL (created and dropped per test; under CI a missing PostgreSQL fails instead of skipping)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.bootstrap import Desk
from tests.server.conftest import database_url, postgres_cluster  # noqa: F401  (fixtures)
from tests.server.support import SERVER_ENV
from tests.sync.support import ServerProcess, make_template, new_desk


class MemoryKeyring(KeyringBackend):
    """What the OS keyring does, in a dict (no keyring exists on a headless Linux test machine)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    home = tmp_path / "motcua-home"
    monkeypatch.setenv("MOTCUA_HOME", str(home))
    for name in (*SERVER_ENV, "MOTCUA_BLOB_DIR", "MOTCUA_MAX_FILE_MB", "MOTCUA_LOOKUP_PER_MINUTE"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_template(tmp_path_factory.mktemp("template") / "desk")


@pytest.fixture
def make_desk(desk_template: Path, tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    opened: list[Desk] = []

    def factory(name: str = "desk", **options: Any) -> Desk:
        desk = new_desk(desk_template, tmp_path / name, **options)
        opened.append(desk)
        return desk

    yield factory
    for desk in opened:
        desk.close()


@pytest.fixture
def server_process(database_url: str, tmp_path: Path) -> Iterator[ServerProcess]:  # noqa: F811
    """A motcua-server not started yet (tests that restart it or pass options start it themselves)."""
    workdir = tmp_path / "server"
    workdir.mkdir()
    process = ServerProcess(database_url, workdir)
    yield process
    process.stop()


@pytest.fixture
def server(server_process: ServerProcess) -> ServerProcess:
    return server_process.start()
