"""An unreachable PostgreSQL skips its tests on a laptop but fails them under CI."""

from __future__ import annotations

import pytest

from tests.server.support import postgres_unavailable


def test_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL not reachable"):
        postgres_unavailable("PostgreSQL not reachable")


def test_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        postgres_unavailable("PostgreSQL not reachable")
