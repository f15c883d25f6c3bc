"""Shared fixtures: every test gets its own MOTCUA_HOME, so nothing touches the user's real desk."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support import FixedClock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "motcua-home"
    monkeypatch.setenv("MOTCUA_HOME", str(root))
    return root


@pytest.fixture
def clock() -> FixedClock:
    # Monday 2 March 2026, 08:00 in Quảng Ngãi (01:00 UTC): a plain working morning.
    return FixedClock(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))


@pytest.fixture
def demo_home(home: Path) -> Path:
    """A desk initialised with the demo office and catalogue (through the real CLI)."""
    from app.cli.main import run

    assert run(["init", "--demo"]) == 0
    return home


@pytest.fixture
def desk(demo_home: Path, clock: FixedClock) -> Iterator[object]:
    from app.bootstrap import open_desk
    from app.settings.paths import resolve_paths
    from app.settings.store import load_settings

    opened = open_desk(load_settings(resolve_paths()), clock=clock)
    yield opened
    opened.close()
